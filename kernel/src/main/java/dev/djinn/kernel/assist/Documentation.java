package dev.djinn.kernel.assist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What inspection found for the name at a cursor: one entry per signature, with its javadoc where available. */
public record Documentation(String name, List<Entry> entries) {
    public record Entry(String signature, String javadoc) {
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Plain text without javadoc markup: each signature, then its description and tags indented. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Entry entry : entries) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(entry.signature()).append('\n');
            String html = Javadoc.toHtml(entry.javadoc());
            if (!html.isEmpty()) {
                HtmlText.plain(html).lines().forEach(line -> text.append(line.isEmpty() ? "" : "    " + line).append('\n'));
            }
        }
        return text.toString();
    }

    /** Markdown (JupyterLab's tooltips and pager): signatures as Java code, javadoc as prose. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        for (Entry entry : entries) {
            md.append("```java\n").append(entry.signature()).append("\n```\n");
            String html = Javadoc.toHtml(entry.javadoc());
            if (!html.isEmpty()) {
                md.append(HtmlText.markdown(html)).append("\n\n");
            }
        }
        return md.toString();
    }

    /** The three forms as a MIME bundle: every front end picks the richest it shows. */
    public Map<String, String> bundle() {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", text());
        bundle.put("text/markdown", markdown());
        bundle.put("text/html", html());
        return bundle;
    }

    /** HTML (the classic Notebook's pager shows HTML or plain text, not Markdown). */
    public String html() {
        StringBuilder html = new StringBuilder("<div class=\"djinn-doc\">");
        for (Entry entry : entries) {
            html.append("<pre><code>").append(Javadoc.escape(entry.signature())).append("</code></pre>\n");
            String javadoc = Javadoc.toHtml(entry.javadoc());
            if (!javadoc.isEmpty()) {
                html.append("<div style=\"margin:0 0 1em 2em\">").append(javadoc).append("</div>\n");
            }
        }
        return html.append("</div>").toString();
    }
}
