package dev.djinn.magics.mime;

/**
 * A result with rich forms for notebooks and a readable {@code toString()} for terminals: the kernel shows
 * {@link #toMimeBundle()}, jshell and scripts print the object.
 */
public interface Rich {
    MimeBundle toMimeBundle();
}
