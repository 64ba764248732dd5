package dev.djinn.magics.display;

import dev.djinn.magics.mime.MimeBundle;
import tech.tablesaw.plotly.components.Figure;

import java.util.Map;
import java.util.UUID;

/**
 * Tablesaw's Plotly figures ({@code tablesaw-jsplot}) as HTML that draws in the notebook without the internet:
 * plotly.js is loaded from the kernelspec folder, which the notebook server serves and where {@code install.sh}
 * puts it (not from a CDN, as Tablesaw's own page and IJava notebooks do). The text/plain form names the figure.
 */
public final class FigureForm {
    /** Where install.sh puts plotly.js in the kernelspec folder. */
    public static final String PLOTLY_FILE = "plotly.min.js";

    private FigureForm() {
    }

    public static MimeBundle of(Figure figure) {
        // Tablesaw names a JavaScript variable after the id: letters and digits only
        String id = "djinnplotly" + UUID.randomUUID().toString().replace("-", "");
        figure.asJavascript(id);
        Map<String, Object> context = figure.getContext();
        String spec = System.getenv().getOrDefault("DJINN_KERNELSPEC", "djinn");
        String html = "<div id=\"" + id + "\"></div>\n<script>\n(function () {\n"
                // Notebook 6 writes its base URL on <body>: the kernelspec's files are served under it
                + "  var base = (document.body && document.body.getAttribute('data-base-url')) || '/';\n"
                + "  require([base + 'kernelspecs/" + spec + "/" + PLOTLY_FILE + "'], function (Plotly) {\n"
                + "    var " + context.get("targetName") + " = document.getElementById('" + id + "');\n"
                + "    " + context.get("figure") + "\n"
                + "    " + context.get("plotFunction") + "\n"
                + "  });\n"
                + "})();\n</script>";
        return MimeBundle.html(html, text(figure));
    }

    static String text(Figure figure) {
        String title = figure.getLayout() == null ? null : figure.getLayout().getTitle();
        int traces = figure.getTraces() == null ? 0 : figure.getTraces().length;
        return "Plotly figure" + (title == null || title.isBlank() ? "" : " \"" + title + "\"") + ": " + traces + " trace" + (traces == 1 ? "" : "s")
                + " (shown as a chart in a notebook)";
    }

}
