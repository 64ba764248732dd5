package dev.djinn.magics.plot;

import dev.djinn.magics.dispatch.Arguments;
import dev.djinn.magics.dispatch.BaseMagic;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.Session;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * {@code %plot h} (a History, or a model's), {@code %plot table x y [--kind line|scatter|bar|hist]},
 * {@code %plot arr} (1-D: a line, 2-D: a heatmap); {@code --title}, {@code --size WxH}, {@code --svg}.
 */
public final class PlotMagic extends BaseMagic {
    public PlotMagic() {
        super("%plot history | %plot table x y [--kind line|scatter|bar|hist] | %plot array   [--title T] [--size WxH] [--svg]",
                "an inline chart of a History, a table's columns, or an array", false, "plot");
    }

    @Override
    public Object run(MagicCall call, Session session) {
        Arguments arguments = Arguments.parse(call.args(), List.of("kind", "title", "size"), List.of("svg"));
        List<String> words = arguments.positional();
        if (words.isEmpty()) {
            throw new MagicException("Say what to plot: a History, a table and its columns, or an array.");
        }
        Object value = session.eval(words.get(0));
        String title = arguments.option("title", "");
        Chart chart;
        try {
            if (value instanceof Table) {
                Charts.Kind kind = kind(arguments.option("kind", "line"));
                if (words.size() < (kind == Charts.Kind.HIST ? 2 : 3)) {
                    throw new MagicException("Name the columns: %plot " + words.get(0) + " x y" + (kind == Charts.Kind.HIST ? "" : " (or --kind hist with one column)")
                            + "; the table has " + ((Table) value).columnNames() + ".");
                }
                chart = Charts.table((Table) value, words.get(1), words.size() > 2 ? words.get(2) : null, kind, title);
            } else {
                if (words.size() > 1) {
                    throw new MagicException("Columns are for tables; " + words.get(0) + " is a " + value.getClass().getSimpleName() + ".");
                }
                chart = ChartChoice.of(value, words.get(0), title);
            }
        } catch (IllegalArgumentException e) {
            throw new MagicException(e.getMessage());
        }
        String size = arguments.option("size", null);
        if (size != null) {
            if (!size.matches("\\d{2,4}x\\d{2,4}")) {
                throw new MagicException("--size is width x height in pixels, such as --size 800x500, not " + size + ".");
            }
            String[] parts = size.split("x");
            chart = chart.size(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }
        return arguments.flag("svg") ? chart.withSvg() : chart;
    }

    private static Charts.Kind kind(String name) {
        try {
            return Charts.Kind.valueOf(name.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new MagicException("--kind " + name + " is not a chart kind: use line, scatter, bar or hist.");
        }
    }
}
