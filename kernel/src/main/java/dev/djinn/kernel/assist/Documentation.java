package dev.djinn.kernel.assist;

import java.util.List;

/** What inspection found for the name at a cursor: one entry per signature, with its javadoc where available. */
public record Documentation(String name, List<Entry> entries) {
    public record Entry(String signature, String javadoc) {
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Plain text: each signature, then its javadoc indented. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Entry entry : entries) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(entry.signature()).append('\n');
            if (entry.javadoc() != null && !entry.javadoc().isBlank()) {
                entry.javadoc().lines().forEach(line -> text.append("    ").append(line).append('\n'));
            }
        }
        return text.toString();
    }

    /** Markdown: signatures as Java code, javadoc as prose. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        for (Entry entry : entries) {
            md.append("```java\n").append(entry.signature()).append("\n```\n");
            if (entry.javadoc() != null && !entry.javadoc().isBlank()) {
                md.append(entry.javadoc().strip()).append("\n\n");
            }
        }
        return md.toString();
    }
}
