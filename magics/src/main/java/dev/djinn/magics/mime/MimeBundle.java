package dev.djinn.magics.mime;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A rich result in several forms at once, keyed by MIME type: what a magic or a cell helper hands the kernel to
 * show. It always has a {@code text/plain} form, so terminals and jshell print something useful.
 *
 * <pre>{@code
 * MimeBundle.html("<b>done</b>", "done");
 * MimeBundle.text("3 rows").with("image/png", pngBytes);
 * }</pre>
 */
public final class MimeBundle {
    public static final String PLAIN = "text/plain";
    public static final String HTML = "text/html";
    public static final String MARKDOWN = "text/markdown";
    public static final String SVG = "image/svg+xml";
    public static final String PNG = "image/png";
    public static final String LATEX = "text/latex";

    private final Map<String, String> data = new LinkedHashMap<>();

    private MimeBundle(String plainText) {
        data.put(PLAIN, Objects.requireNonNull(plainText, "plain text"));
    }

    /** A bundle whose only form is plain text; add others with {@link #with}. */
    public static MimeBundle text(String plainText) {
        return new MimeBundle(plainText);
    }

    public static MimeBundle html(String html, String plainText) {
        return text(plainText).with(HTML, html);
    }

    public static MimeBundle markdown(String markdown) {
        return text(markdown).with(MARKDOWN, markdown);
    }

    public static MimeBundle svg(String svg, String plainText) {
        return text(plainText).with(SVG, svg);
    }

    public static MimeBundle latex(String latex) {
        return text(latex).with(LATEX, latex);
    }

    public static MimeBundle png(byte[] png, String plainText) {
        return text(plainText).with(PNG, png);
    }

    /** Adds (or replaces) a textual form. */
    public MimeBundle with(String mimeType, String content) {
        data.put(Objects.requireNonNull(mimeType, "MIME type"), Objects.requireNonNull(content, "content"));
        return this;
    }

    /** Adds (or replaces) a binary form, such as {@code image/png}; Jupyter carries it base64-encoded. */
    public MimeBundle with(String mimeType, byte[] content) {
        return with(mimeType, Base64.getEncoder().encodeToString(content));
    }

    /** The forms by MIME type, binary ones base64-encoded, in the order they were added. */
    public Map<String, String> data() {
        return Collections.unmodifiableMap(data);
    }

    public boolean has(String mimeType) {
        return data.containsKey(mimeType);
    }

    /** The plain-text form. */
    @Override
    public String toString() {
        return data.get(PLAIN);
    }

    /** Convenience for tests and tools: a textual form as UTF-8 bytes, or a binary one decoded. */
    public byte[] bytes(String mimeType) {
        String content = data.get(mimeType);
        if (content == null) {
            throw new IllegalArgumentException("This bundle has no " + mimeType + " form; it has " + data.keySet());
        }
        return mimeType.startsWith("image/") && !mimeType.equals(SVG)
                ? Base64.getDecoder().decode(content) : content.getBytes(StandardCharsets.UTF_8);
    }
}
