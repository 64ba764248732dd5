package dev.djinn.magics.everyday;

import dev.djinn.magics.dispatch.Arguments;
import dev.djinn.magics.dispatch.BaseMagic;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code %history} (also {@code %hist}), as IPython's: the inputs of this session's cells, all of them, those named by
 * numbers and ranges ({@code 4 6-8}: cells 4, 6, 7 and 8), or the last N ({@code -l N}); {@code -n} puts each cell's
 * number before it; {@code -g text} searches the inputs of every kept session for the text (a glob: {@code *} and
 * {@code ?} match any characters and one; {@code -g} alone lists them all) and shows session/cell numbers. Printed,
 * not a value: the inputs are for reading and copying.
 */
public final class HistoryMagic extends BaseMagic {
    private static final Pattern RANGE = Pattern.compile("(\\d+)(?:-(\\d+))?");

    public HistoryMagic() {
        super("%history [-n] [-l N] [cells: 4 6-8] | %history -g [text]",
                "the inputs of this session's cells (-g searches earlier sessions too)", false, "history", "hist");
    }

    @Override
    public Object run(MagicCall call, Session session) {
        boolean numbered = false;
        boolean search = false;
        Integer last = null;
        List<String> positional = new ArrayList<>();
        List<String> words = Arguments.split(call.args());
        for (int i = 0; i < words.size(); i++) {
            switch (words.get(i)) {
                case "-n" -> numbered = true;
                case "-g" -> search = true;
                case "-l" -> {
                    if (++i == words.size()) {
                        throw new MagicException("%history -l needs how many of the last inputs to show, such as -l 5.");
                    }
                    last = Arguments.count(words.get(i), "%history -l");
                }
                default -> positional.add(words.get(i));
            }
        }
        // as IPython's: the words after -g are one pattern, found anywhere in an input
        String glob = "*" + String.join(" ", positional) + "*";
        List<Session.Input> inputs = search ? session.searchInputs(glob)
                : selected(session.inputs(), positional.stream().map(HistoryMagic::range).toList());
        if (last != null && inputs.size() > last) {
            inputs = inputs.subList(inputs.size() - last, inputs.size());
        }
        if (inputs.isEmpty()) {
            session.print(search ? "No input matches " + glob + ".\n" : "No inputs to show.\n");
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Session.Input input : inputs) {
            String prefix = search ? input.session() + "/" + input.cell() + ": " : numbered ? input.cell() + ": " : "";
            // continuation lines line up under the first line's code
            text.append(prefix).append(input.code().strip().replace("\n", "\n" + " ".repeat(prefix.length()))).append('\n');
        }
        session.print(text.toString());
        return null;
    }

    private static List<Session.Input> selected(List<Session.Input> inputs, List<int[]> ranges) {
        if (ranges.isEmpty()) {
            return inputs;
        }
        List<Session.Input> chosen = new ArrayList<>();
        for (int[] range : ranges) {
            for (Session.Input input : inputs) {
                if (input.cell() >= range[0] && input.cell() <= range[1]) {
                    chosen.add(input);
                }
            }
        }
        return chosen;
    }

    private static int[] range(String word) {
        Matcher matcher = RANGE.matcher(word);
        if (!matcher.matches()) {
            throw new MagicException("%history: \"" + word + "\" is not a cell number or range: give numbers like 4 or 6-8,"
                    + " or -n, -l N, -g text.");
        }
        int from = Integer.parseInt(matcher.group(1));
        int to = matcher.group(2) == null ? from : Integer.parseInt(matcher.group(2));
        if (to < from) {
            throw new MagicException("%history: the range " + word + " ends before it starts: give " + to + "-" + from + ".");
        }
        return new int[] {from, to};
    }
}
