package dev.djinn.magics.display;

import dev.djinn.magics.mime.MimeBundle;
import org.junit.jupiter.api.Test;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FigureFormTest {
    @Test
    void aTablesawFigureDrawsWithPlotlyFromTheKernelspecNotACdn() {
        Figure figure = new Figure(Layout.builder().title("loss").build(),
                ScatterTrace.builder(new double[] {1, 2, 3}, new double[] {0.9, 0.5, 0.3}).mode(ScatterTrace.Mode.LINE).build());
        MimeBundle bundle = (MimeBundle) DisplayForms.all().get(Figure.class).apply(figure);
        String html = (String) bundle.data().get(MimeBundle.HTML);
        assertTrue(html.contains("require([base + 'kernelspecs/"), html);
        assertTrue(html.contains("/plotly.min.js'], function (Plotly)"), html);
        assertTrue(html.contains("Plotly.newPlot("), html);
        assertTrue(html.matches("(?s)<div id=\"(djinnplotly\\w+)\"></div>.*getElementById\\('\\1'\\).*"), "the script draws into its own div");
        assertFalse(html.contains("cdn.plot.ly") || html.contains("https://"), "nothing from the internet");
        assertEquals("Plotly figure \"loss\": 1 trace (shown as a chart in a notebook)", bundle.data().get(MimeBundle.PLAIN));
    }
}
