package dev.djinn.magics.dispatch;

import dev.djinn.magics.mime.MimeBundle;
import dev.djinn.magics.mime.Rich;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The magics by name, and the dispatch of a call to one: unknown names and misuse become a sentence with the usage
 * line; {@code %lsmagic}, {@code %help name} and {@code %name?} are answered here.
 */
public final class MagicRegistry {
    private final Map<String, Magic> byName = new LinkedHashMap<>();

    public MagicRegistry register(Magic magic) {
        for (String name : magic.names()) {
            byName.put(name, magic);
        }
        return this;
    }

    public Optional<Magic> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<Magic> magics() {
        return new LinkedHashSet<>(byName.values());
    }

    /** Runs a call; a misuse comes back as a MagicException whose message ends with the usage line. */
    public Object run(MagicCall call, Session session) {
        String name = call.name();
        if (name.endsWith("?")) {
            return help(name.substring(0, name.length() - 1));
        }
        if (name.equals("lsmagic")) {
            return list();
        }
        if (name.equals("help")) {
            if (call.args().isBlank()) {
                return list();
            }
            return help(call.args().strip().replaceFirst("^%+", ""));
        }
        Magic magic = byName.get(name);
        String sigil = call.isCellMagic() ? "%%" : "%";
        if (magic == null) {
            throw new MagicException("There is no magic " + sigil + name + "." + suggestion(name) + " %lsmagic lists them all.");
        }
        if (call.isCellMagic() && !magic.cell()) {
            throw new MagicException("%%" + name + " does not exist: " + name + " is a line magic.\nUsage: " + magic.usage());
        }
        if (!call.isCellMagic() && !magic.line()) {
            throw new MagicException("%" + name + " is a cell magic: start the cell with %%" + name + ".\nUsage: " + magic.usage());
        }
        try {
            return magic.run(call, session);
        } catch (MagicException e) {
            throw new MagicException(e.getMessage() + "\nUsage: " + magic.usage(), e.getCause());
        }
    }

    private String suggestion(String name) {
        List<String> close = new ArrayList<>();
        for (String known : byName.keySet()) {
            if (distance(name, known) <= 2 || known.startsWith(name) || name.startsWith(known)) {
                close.add("%" + known);
            }
        }
        return close.isEmpty() ? "" : " Did you mean " + String.join(" or ", close) + "?";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            previous = current;
        }
        return previous[b.length()];
    }

    /** %lsmagic: every magic with its one-line help. */
    public Listing list() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"%lsmagic", "lists the magics (this table)"});
        rows.add(new String[] {"%help name", "the usage of a magic (also %name?)"});
        for (Magic magic : magics()) {
            String names = magic.names().stream().map(n -> (magic.line() ? "%" + n : "") + (magic.cell() ? (magic.line() ? " %%" : "%%") + n : ""))
                    .collect(Collectors.joining(" "));
            rows.add(new String[] {names, magic.summary()});
        }
        return new Listing(rows);
    }

    /** The usage of one magic. */
    public MimeBundle help(String name) {
        Magic magic = byName.get(name);
        if (magic == null) {
            throw new MagicException("There is no magic %" + name + "." + suggestion(name) + " %lsmagic lists them all.");
        }
        String text = "%" + name + ": " + magic.summary() + "\nUsage: " + magic.usage();
        return MimeBundle.text(text);
    }

    /** The %lsmagic table: aligned text, and HTML in notebooks. */
    public static final class Listing implements Rich {
        private final List<String[]> rows;

        Listing(List<String[]> rows) {
            this.rows = rows;
        }

        @Override
        public MimeBundle toMimeBundle() {
            StringBuilder html = new StringBuilder("<table><tr><th style=\"text-align:left\">magic</th><th style=\"text-align:left\">what it does</th></tr>");
            for (String[] row : rows) {
                html.append("<tr><td style=\"text-align:left\"><code>").append(Html.escape(row[0])).append("</code></td><td style=\"text-align:left\">")
                        .append(Html.escape(row[1])).append("</td></tr>");
            }
            return MimeBundle.html(html.append("</table>").toString(), toString());
        }

        @Override
        public String toString() {
            int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
            return rows.stream().map(r -> String.format("%-" + width + "s  %s", r[0], r[1])).collect(Collectors.joining("\n"));
        }
    }
}
