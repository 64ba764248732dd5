package dev.djinn.kernel;

import dev.djinn.kernel.assist.Documentation;
import dev.djinn.kernel.assist.Inspector;
import dev.djinn.kernel.eval.CellEvaluator;
import dev.djinn.kernel.eval.CellResult;
import dev.djinn.kernel.history.SessionHistory;
import dev.djinn.kernel.magic.KernelSession;
import dev.djinn.magics.DjinnMagics;
import dev.djinn.magics.dispatch.CellParts;
import dev.djinn.magics.dispatch.MagicRegistry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decides what a cell is (a help request like {@code Math.max?}, magics, or Java code) and runs it. */
final class CellRunner {
    private static final Pattern EXIT = Pattern.compile("^\\s*(exit|quit)\\s*(\\(\\s*\\))?\\s*;?\\s*$");
    private static final Pattern HELP = Pattern.compile("^\\s*(?:\\?+\\s*([\\w.]+)|([\\w.]+)\\s*\\?+)\\s*$");

    /**
     * A cell's outcome: its value, a page of help to show when it asked for one, and whether it asked the front end
     * to exit (a console's {@code exit}, as ipykernel answers it).
     */
    record Outcome(CellResult result, Optional<Map<String, String>> page, boolean askExit) {
        Outcome(CellResult result, Optional<Map<String, String>> page) {
            this(result, page, false);
        }
    }

    private final Supplier<CellEvaluator> evaluator;
    private final Inspector inspector;
    private final MagicRegistry magics = DjinnMagics.registry();
    private final KernelSession session;

    CellRunner(Supplier<CellEvaluator> evaluator, Inspector inspector, SessionHistory history) {
        this.evaluator = evaluator;
        this.inspector = inspector;
        this.session = new KernelSession(evaluator, magics, Notebook::display, history);
    }

    Outcome run(String code, int cellNumber) {
        if (EXIT.matcher(code).matches() && !definesExit(code)) {
            return new Outcome(CellResult.NO_VALUE, Optional.empty(), true);
        }
        Matcher help = HELP.matcher(code);
        if (help.matches()) {
            String name = help.group(1) != null ? help.group(1) : help.group(2);
            return new Outcome(CellResult.NO_VALUE, Optional.of(helpPage(name)));
        }
        if (CellParts.hasMagics(code)) {
            return new Outcome(runWithMagics(code, cellNumber), Optional.empty());
        }
        return new Outcome(evaluator.get().eval(code, cellNumber), Optional.empty());
    }

    /** Runs code and magics in order; the cell's value is the last part's. */
    private CellResult runWithMagics(String code, int cellNumber) {
        session.cellNumber(cellNumber);
        return session.run(code);
    }

    /** A user's own variable or method named exit or quit wins over the console command. */
    private boolean definesExit(String code) {
        String name = code.strip().replaceAll("[^a-z].*$", "");
        return evaluator.get().defines(name);
    }

    void interrupt() {
        evaluator.get().interrupt();
        session.interrupt();
    }

    private Map<String, String> helpPage(String name) {
        Documentation documentation = inspector.inspect(name, name.length());
        Map<String, String> page = new LinkedHashMap<>();
        if (documentation.isEmpty()) {
            page.put("text/plain", "No documentation found for " + name + ": check the spelling, or define it first.");
        } else {
            page.putAll(documentation.bundle());
        }
        return page;
    }
}
