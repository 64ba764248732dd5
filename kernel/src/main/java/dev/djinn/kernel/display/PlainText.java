package dev.djinn.kernel.display;

import java.lang.reflect.Array;
import java.awt.image.RenderedImage;

/** The text/plain form of a value: its toString, except arrays (their contents, as JShell prints them) and images. */
public final class PlainText {
    private static final int MAX_ELEMENTS = 100;

    private PlainText() {
    }

    public static String of(Object value) {
        if (value instanceof RenderedImage) {
            RenderedImage image = (RenderedImage) value;
            return "[image " + image.getWidth() + "×" + image.getHeight() + "]";
        }
        if (value == null || !value.getClass().isArray()) {
            return String.valueOf(value);
        }
        StringBuilder text = new StringBuilder();
        appendArray(text, value);
        return text.toString();
    }

    private static void appendArray(StringBuilder text, Object array) {
        int length = Array.getLength(array);
        String type = array.getClass().getComponentType().getSimpleName();
        text.append(type).append('[').append(length).append("] {");
        if (length == 0) {
            text.append(" }");
            return;
        }
        text.append(' ');
        for (int i = 0; i < Math.min(length, MAX_ELEMENTS); i++) {
            Object element = Array.get(array, i);
            if (i > 0) {
                text.append(", ");
            }
            if (element != null && element.getClass().isArray()) {
                appendArray(text, element);
            } else if (element instanceof String) {
                text.append('"').append(element).append('"');
            } else {
                text.append(element);
            }
        }
        if (length > MAX_ELEMENTS) {
            text.append(", … ").append(length - MAX_ELEMENTS).append(" more");
        }
        text.append(" }");
    }
}
