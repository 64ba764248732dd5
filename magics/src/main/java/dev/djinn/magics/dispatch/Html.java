package dev.djinn.magics.dispatch;

/** Escaping text for HTML forms. */
public final class Html {
    private Html() {
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
