package dev.djinn.magics.display;

import dev.djinn.dsl.data.TextData;
import dev.djinn.dsl.data.TextDataSet;
import dev.djinn.dsl.text.Tokenizer;
import dev.djinn.magics.dispatch.Html;
import dev.djinn.magics.mime.MimeBundle;

import java.util.Arrays;

/** Texts in a notebook: a data set's first texts with their class and tokens, a tokenizer, one encoded text. */
final class TextForms {
    /** Texts shown from a data set. */
    static final int SHOWN = 5;
    private static final int TEXT_CHARACTERS = 140;

    private TextForms() {
    }

    static MimeBundle textData(TextData data) {
        return MimeBundle.html("<div>" + Html.escape(data.toString()) + table(data) + "</div>", data + "\n" + plainRows(data));
    }

    static MimeBundle textDataSet(TextDataSet data) {
        return MimeBundle.html("<div>" + Html.escape(data.toString()) + "<div>first texts of the train split:</div>" + table(data.train()) + "</div>",
                data + "\n" + plainRows(data.train()));
    }

    static MimeBundle tokens(Tokenizer.Tokens tokens) {
        // the chips wrap: one unbroken line of 64 tokens ran off the notebook's right edge
        StringBuilder html = new StringBuilder("<div><div style=\"display:flex;flex-wrap:wrap;line-height:2\">");
        for (int i = 0; i < tokens.ids().length; i++) {
            boolean padding = tokens.mask()[i] == 0;
            html.append(String.format("<span style=\"border:1px solid #bbb;border-radius:3px;padding:1px 4px;margin:1px;%s\" title=\"id %d\">%s<sub>%d</sub></span>",
                    padding ? "color:#aaa" : "", tokens.ids()[i], Html.escape(tokens.tokens()[i]), tokens.ids()[i]));
        }
        long real = Arrays.stream(tokens.mask()).sum();
        html.append(String.format("</div><div>%d tokens, %d padding%s</div></div>", real, tokens.ids().length - real, tokens.truncated() ? ", cut at maxLength" : ""));
        return MimeBundle.html(html.toString(), tokens.toString());
    }

    private static String table(TextData data) {
        StringBuilder html = new StringBuilder("<table><tr><th style=\"text-align:left\">text</th><th style=\"text-align:left\">class</th></tr>");
        for (int i = 0; i < Math.min(SHOWN, data.size()); i++) {
            html.append("<tr><td style=\"text-align:left\">").append(Html.escape(shortened(data.texts().get(i))))
                    .append("</td><td style=\"text-align:left\">").append(Html.escape(data.classNameOf(i))).append("</td></tr>");
        }
        return html.append("</table>").toString();
    }

    private static String plainRows(TextData data) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(SHOWN, data.size()); i++) {
            text.append(String.format("  %-12s %s%n", data.classNameOf(i), shortened(data.texts().get(i))));
        }
        return text.toString();
    }

    private static String shortened(String text) {
        return text.length() > TEXT_CHARACTERS ? text.substring(0, TEXT_CHARACTERS) + "…" : text;
    }
}
