package dev.djinn.magics.everyday;

import dev.djinn.magics.mime.MimeBundle;
import dev.djinn.magics.mime.Rich;
import dev.djinn.magics.dispatch.Html;
import dev.djinn.magics.dispatch.BaseMagic;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.Session;

import java.util.ArrayList;
import java.util.List;
import java.lang.reflect.Array;

/**
 * {@code %who} / {@code %vars} / {@code %whos}: the user's variables with type and a short value (IPython's %whos
 * table; its %who lists names alone); {@code %who Type} filters by type.
 */
public final class WhoMagic extends BaseMagic {
    private static final int SHORT = 60;

    public WhoMagic() {
        super("%who [type] | %vars [type] | %whos [type]",
                "the variables defined in cells: name, type and a short value", false, "who", "vars", "whos");
    }

    @Override
    public Object run(MagicCall call, Session session) {
        String filter = call.args().strip();
        List<String[]> rows = new ArrayList<>();
        for (Session.Variable variable : session.variables()) {
            if (filter.isEmpty() || variable.type().equals(filter) || variable.type().startsWith(filter + "<")) {
                rows.add(new String[] {variable.name(), variable.type(), shortValue(variable.value())});
            }
        }
        return new Table(rows, filter);
    }

    static String shortValue(Object value) {
        String text;
        try {
            text = value == null ? "null" : value.getClass().isArray() ? arrayText(value) : String.valueOf(value);
        } catch (RuntimeException e) {
            text = "(toString failed: " + e.getClass().getSimpleName() + ")";
        }
        text = text.replaceAll("\\s+", " ").strip();
        // a large tensor's text (JShell gives the kernel DJL's toString) ends in its overflow note: keep its header
        int overflow = text.indexOf(" Exceed max print size");
        if (overflow > 0) {
            text = text.substring(0, overflow) + " (large: %tensor shows it)";
        }
        return text.length() > SHORT ? text.substring(0, SHORT - 1) + "…" : text;
    }

    private static String arrayText(Object array) {
        int length = Array.getLength(array);
        return array.getClass().getComponentType().getSimpleName() + "[" + length + "]";
    }

    /** The variables as an aligned table (text) and an HTML table. */
    public static final class Table implements Rich {
        private final List<String[]> rows;
        private final String filter;

        Table(List<String[]> rows, String filter) {
            this.rows = rows;
            this.filter = filter;
        }

        public List<String[]> rows() {
            return rows;
        }

        @Override
        public MimeBundle toMimeBundle() {
            if (rows.isEmpty()) {
                return MimeBundle.text(toString());
            }
            StringBuilder html = new StringBuilder("<table><tr><th style=\"text-align:left\">name</th><th style=\"text-align:left\">type</th><th style=\"text-align:left\">value</th></tr>");
            for (String[] row : rows) {
                html.append("<tr>");
                for (String cell : row) {
                    html.append("<td style=\"text-align:left\">").append(Html.escape(cell)).append("</td>");
                }
                html.append("</tr>");
            }
            return MimeBundle.html(html.append("</table>").toString(), toString());
        }

        @Override
        public String toString() {
            if (rows.isEmpty()) {
                return filter.isEmpty() ? "No variables yet." : "No variables of type " + filter + ".";
            }
            int nameWidth = Math.max(4, rows.stream().mapToInt(r -> r[0].length()).max().orElse(0));
            int typeWidth = Math.max(4, rows.stream().mapToInt(r -> r[1].length()).max().orElse(0));
            StringBuilder text = new StringBuilder(String.format("%-" + nameWidth + "s  %-" + typeWidth + "s  %s%n", "name", "type", "value"));
            for (String[] row : rows) {
                text.append(String.format("%-" + nameWidth + "s  %-" + typeWidth + "s  %s%n", row[0], row[1], row[2]));
            }
            return text.toString();
        }
    }
}
