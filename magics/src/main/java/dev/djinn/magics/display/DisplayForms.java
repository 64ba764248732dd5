package dev.djinn.magics.display;

import ai.djl.ndarray.NDArray;
import dev.djinn.dsl.data.ImageSplit;
import dev.djinn.dsl.evaluate.Evaluation;
import dev.djinn.dsl.data.TextData;
import dev.djinn.dsl.data.TextDataSet;
import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.text.Tokenizer;
import dev.djinn.dsl.model.Summary;
import dev.djinn.dsl.train.EpochRecord;
import dev.djinn.dsl.train.History;
import dev.djinn.magics.tensor.Inspections;
import dev.djinn.magics.mime.MimeBundle;
import dev.djinn.magics.mime.Rich;
import dev.djinn.magics.dispatch.Html;
import dev.djinn.magics.plot.Charts;
import dev.djinn.magics.tensor.TensorReport;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The rich forms of DSL and library objects in notebooks, each with its readable {@code text/plain}: History (chart
 * and per-epoch table), Evaluation (report and confusion matrix), Summary (table), Tablesaw Table (first and last
 * rows), NDArray (the tensor summary), images, models and every {@link Rich} result. The kernel registers these.
 */
public final class DisplayForms {
    /** Rows of a table shown at its head and its tail. */
    static final int TABLE_ROWS = 5;

    private DisplayForms() {
    }

    /** The forms by class, most specific first. */
    public static Map<Class<?>, Function<Object, MimeBundle>> all() {
        Map<Class<?>, Function<Object, MimeBundle>> forms = new LinkedHashMap<>();
        forms.put(Rich.class, value -> ((Rich) value).toMimeBundle());
        forms.put(History.class, value -> history((History) value));
        forms.put(Evaluation.class, value -> evaluation((Evaluation) value));
        forms.put(Summary.class, value -> summary((Summary) value));
        forms.put(Table.class, value -> table((Table) value));
        forms.put(NDArray.class, value -> TensorReport.of("tensor", (NDArray) value, List.of()).toMimeBundle());
        forms.put(ImageSplit.class, value -> Inspections.images("images", (ImageSplit) value).toMimeBundle().with(MimeBundle.PLAIN, value.toString()));
        forms.put(Model.class, value -> model((Model) value));
        forms.put(TextData.class, value -> TextForms.textData((TextData) value));
        forms.put(TextDataSet.class, value -> TextForms.textDataSet((TextDataSet) value));
        forms.put(Tokenizer.Tokens.class, value -> TextForms.tokens((Tokenizer.Tokens) value));
        forms.put(tech.tablesaw.plotly.components.Figure.class, value -> FigureForm.of((tech.tablesaw.plotly.components.Figure) value));
        return forms;
    }

    static MimeBundle history(History history) {
        if (history.epochs().isEmpty()) {
            return MimeBundle.text(history.toString() + "(no complete epoch)");
        }
        byte[] png = Charts.history(history, "").png();
        StringBuilder html = new StringBuilder("<div>").append(image(png)).append(historyTable(history));
        if (history.isInterrupted()) {
            html.append("<p><b>").append(Html.escape(history.interruption())).append("</b></p>");
        }
        if (!history.validatedOn().isEmpty()) {
            html.append("<p>Validation columns measured on ").append(Html.escape(history.validatedOn())).append(".</p>");
        }
        if (!history.earlyStop().isEmpty()) {
            html.append("<p>").append(Html.escape(history.earlyStop())).append("</p>");
        }
        if (!history.notice().isEmpty()) {
            html.append("<p>").append(Html.escape(history.notice())).append("</p>");
        }
        return MimeBundle.html(html.append("</div>").toString(), history.toString()).with(MimeBundle.PNG, png);
    }

    /** The per-epoch table of a History, as HTML: the columns of its text form. */
    static String historyTable(History history) {
        List<String> columns = history.columns();
        StringBuilder html = new StringBuilder("<table><tr>");
        columns.forEach(h -> html.append("<th>").append(h).append("</th>"));
        html.append("</tr>");
        for (EpochRecord r : history.epochs()) {
            html.append("<tr>");
            columns.forEach(column -> html.append(cell(column, History.value(r, column))));
            html.append("</tr>");
        }
        return html.append("</table>").toString();
    }

    private static String cell(String column, double value) {
        switch (column) {
            case "epoch": return "<td>" + (int) value + "</td>";
            case "lr": return String.format("<td>%.3g</td>", value);
            case "seconds": return String.format("<td>%.1f</td>", value);
            case "samples/s": return String.format("<td>%,.0f</td>", value);
            default: return Double.isNaN(value) ? "<td>–</td>" : String.format("<td>%.4f</td>", value);
        }
    }

    static MimeBundle evaluation(Evaluation evaluation) {
        if (evaluation.isRegression()) {
            String html = String.format("<table><tr><th>MSE</th><th>MAE</th><th>R²</th><th>loss</th><th>examples</th></tr>"
                            + "<tr><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%,d</td></tr></table>",
                    evaluation.mse(), evaluation.mae(), evaluation.r2(), evaluation.loss(), evaluation.count());
            return MimeBundle.html(html, evaluation.toString());
        }
        long[][] confusion = evaluation.confusionMatrix();
        int classes = confusion.length;
        StringBuilder html = new StringBuilder(String.format("<div><b>accuracy %.4f</b>", evaluation.accuracy()));
        if (classes > 5) {
            html.append(String.format(", top-5 %.4f", evaluation.topK(5)));
        }
        html.append(String.format(", loss %.4f, %,d examples", evaluation.loss(), evaluation.count()));
        html.append("<table><tr><th style=\"text-align:left\">class</th><th>precision</th><th>recall</th><th>f1</th><th>support</th></tr>");
        for (int c = 0; c < classes; c++) {
            html.append(String.format("<tr><td style=\"text-align:left\">%s</td><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%,d</td></tr>",
                    Html.escape(evaluation.className(c)), evaluation.precision(c), evaluation.recall(c), evaluation.f1(c), evaluation.support(c)));
        }
        html.append(String.format("<tr><td style=\"text-align:left\"><i>macro avg</i></td><td></td><td></td><td>%.4f</td><td>%,d</td></tr>", evaluation.macroF1(), evaluation.count()));
        html.append(String.format("<tr><td style=\"text-align:left\"><i>weighted avg</i></td><td></td><td></td><td>%.4f</td><td>%,d</td></tr></table>", evaluation.weightedF1(), evaluation.count()));
        byte[] png = confusionPng(evaluation);
        html.append(image(png)).append("</div>");
        return MimeBundle.html(html.toString(), evaluation.toString()).with(MimeBundle.PNG, png);
    }

    /** The confusion matrix as a heatmap: rows are true classes, columns predicted ones. */
    static byte[] confusionPng(Evaluation evaluation) {
        long[][] confusion = evaluation.confusionMatrix();
        double[][] matrix = new double[confusion.length][confusion.length];
        for (int r = 0; r < confusion.length; r++) {
            for (int c = 0; c < confusion.length; c++) {
                matrix[r][c] = confusion[r][c];
            }
        }
        return ConfusionImage.png(matrix, names(evaluation));
    }

    private static List<String> names(Evaluation evaluation) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < evaluation.confusionMatrix().length; c++) {
            names.add(evaluation.className(c));
        }
        return names;
    }

    static MimeBundle summary(Summary summary) {
        boolean graph = summary.isGraph(); // a graph's rows say which rows they take their input from
        StringBuilder html = new StringBuilder("<table><tr><th>#</th><th style=\"text-align:left\">layer</th><th style=\"text-align:left\">output shape</th><th>parameters</th>"
                + (graph ? "<th style=\"text-align:left\">from</th>" : "") + "</tr>");
        for (Summary.Row row : summary.rows()) {
            html.append(String.format("<tr><td>%d</td><td style=\"text-align:left\"><code>%s</code></td><td style=\"text-align:left\">%s</td><td>%,d</td>%s</tr>",
                    row.index(), Html.escape(row.label()), row.outputShape(), row.parameters(),
                    graph ? "<td style=\"text-align:left\">" + row.from() + "</td>" : ""));
        }
        html.append(String.format("<tr><td></td><td style=\"text-align:left\"><b>total</b></td><td></td><td><b>%,d</b></td>%s</tr></table>"
                + "<div>trainable %,d of %,d parameters%s</div>", summary.totalParameters(), graph ? "<td></td>" : "",
                summary.trainableParameters(), summary.totalParameters(),
                summary.frozenParameters() > 0 ? String.format(" (%,d frozen: not trained)", summary.frozenParameters()) : ""));
        return MimeBundle.html(html.toString(), summary.toString());
    }

    static MimeBundle model(Model model) {
        try {
            return summary(model.summary()).with(MimeBundle.PLAIN, model + "\n" + model.summary());
        } catch (IllegalStateException notBuilt) {
            return MimeBundle.text(model.toString() + " (not built yet: train it or call input(…))");
        }
    }

    /** A Tablesaw table: name, size, column types, the first and last rows and how many are left out. */
    static MimeBundle table(Table table) {
        int rows = table.rowCount();
        List<Integer> shown = new ArrayList<>();
        for (int r = 0; r < Math.min(TABLE_ROWS, rows); r++) {
            shown.add(r);
        }
        int hidden = Math.max(0, rows - 2 * TABLE_ROWS);
        for (int r = Math.max(TABLE_ROWS, rows - TABLE_ROWS); r < rows; r++) {
            shown.add(r);
        }
        StringBuilder html = new StringBuilder("<div><b>").append(Html.escape(table.name() == null ? "table" : table.name()))
                .append(String.format("</b>: %,d rows × %d columns<table><tr><th></th>", rows, table.columnCount()));
        for (Column<?> column : table.columns()) {
            html.append("<th style=\"text-align:left\">").append(Html.escape(column.name())).append("<br/><small>")
                    .append(column.type().name().toLowerCase()).append("</small></th>");
        }
        html.append("</tr>");
        for (int i = 0; i < shown.size(); i++) {
            int r = shown.get(i);
            if (i == TABLE_ROWS && hidden > 0) {
                html.append(String.format("<tr><td colspan=\"%d\" style=\"text-align:left\"><i>… %,d more rows</i></td></tr>", table.columnCount() + 1, hidden));
            }
            html.append("<tr><td>").append(r).append("</td>");
            for (Column<?> column : table.columns()) {
                html.append("<td style=\"text-align:left\">").append(Html.escape(column.isMissing(r) ? "" : column.getString(r))).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</table></div>");
        String text = hidden > 0 ? table.first(TABLE_ROWS).printAll().stripTrailing() + "\n… " + String.format("%,d", hidden) + " more rows\n"
                + table.last(TABLE_ROWS).printAll() : table.printAll();
        return MimeBundle.html(html.toString(), text);
    }

    static String image(byte[] png) {
        return "<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\"/>";
    }
}
