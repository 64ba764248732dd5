package dev.djinn.kernel.display;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The strings after the value in {@code display(value, …)}: IJava's MIME types ({@code "text/html"}, …) or Djinn's one
 * display id. A MIME type always has a slash ({@code type/subtype}), an id is anything else, so every call reads one
 * way only: all MIME types, or one id; a mix is an error that says so.
 */
public record DisplayArguments(List<String> mimeTypes, String displayId) {
    private static final Pattern MIME = Pattern.compile("[\\w!#$&^.+-]+/[\\w!#$&^.+*-]+(\\s*;.*)?");

    public static DisplayArguments of(String... arguments) {
        if (arguments == null || arguments.length == 0) {
            return new DisplayArguments(List.of(), null);
        }
        if (Arrays.stream(arguments).allMatch(DisplayArguments::isMimeType)) {
            return new DisplayArguments(List.of(arguments), null);
        }
        if (arguments.length == 1 && arguments[0] != null && !arguments[0].isBlank()) {
            return new DisplayArguments(List.of(), arguments[0]);
        }
        throw new IllegalArgumentException("display(value, " + quoted(arguments) + "): give MIME types (\"text/html\", "
                + "\"image/png\", …) to show only those, or one display id of your own; not both, and not blank.");
    }

    /** The given MIME types, each checked: a misspelt one is an error, not an empty output. */
    public static List<String> mimeTypes(String... types) {
        for (String type : types == null ? new String[0] : types) {
            if (!isMimeType(type)) {
                throw new IllegalArgumentException("\"" + type + "\" is not a MIME type: write type/subtype, for example text/html or image/png.");
            }
        }
        return types == null ? List.of() : List.of(types);
    }

    static boolean isMimeType(String text) {
        return text != null && MIME.matcher(text.strip()).matches();
    }

    private static String quoted(String[] arguments) {
        return String.join(", ", Arrays.stream(arguments).map(a -> a == null ? "null" : "\"" + a + "\"").toList());
    }
}
