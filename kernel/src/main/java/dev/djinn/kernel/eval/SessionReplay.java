package dev.djinn.kernel.eval;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Carries a session into a fresh JShell when the old one's compiler can no longer compile anything: the imports,
 * classes and methods are evaluated again from their source, in the order they were defined, and every variable is
 * declared again (without running its initializer a second time) and given the very object it held.
 */
final class SessionReplay {
    private final JShell from;
    private final VariableHolders fromHolders;
    private final JShell to;
    private final VariableHolders toHolders;
    private final SnippetOrigins origins;
    private final List<String> lost = new ArrayList<>();

    SessionReplay(JShell from, VariableHolders fromHolders, JShell to, VariableHolders toHolders, SnippetOrigins origins) {
        this.from = from;
        this.fromHolders = fromHolders;
        this.to = to;
        this.toHolders = toHolders;
        this.origins = origins;
    }

    /** Replays everything and returns what could not be carried over, one phrase each ("variable box"). */
    List<String> replay() {
        from.snippets().filter(snippet -> from.status(snippet).isDefined()).forEach(this::replay);
        return lost;
    }

    private void replay(Snippet snippet) {
        switch (snippet.kind()) {
            case IMPORT, TYPE_DECL, METHOD -> {
                if (!evalAgain(snippet.source(), snippet.id())) {
                    lost.add(describe(snippet));
                }
            }
            case VAR -> {
                VarSnippet variable = (VarSnippet) snippet;
                if (!variable.name().startsWith("$") && !declareWithValue(variable)) {
                    lost.add(describe(snippet));
                }
            }
            default -> {
                // expressions and statements leave nothing behind to replay
            }
        }
    }

    private boolean declareWithValue(VarSnippet variable) {
        String type = fromHolders.declarableType(variable.name()).orElse(variable.typeName());
        return evalAgain(type + " " + variable.name() + ";", variable.id())
                && VariableHolders.copy(fromHolders, toHolders, variable.name()) == VariableHolders.Carry.KEPT;
    }

    private boolean evalAgain(String source, String oldId) {
        boolean defined = false;
        for (SnippetEvent event : to.eval(source)) {
            if (event.causeSnippet() == null) {
                defined = event.status().isDefined();
                origins.alias(event.snippet().id(), oldId);
            }
        }
        return defined;
    }

    private static String describe(Snippet snippet) {
        String kind = switch (snippet.kind()) {
            case TYPE_DECL -> "class";
            case VAR -> "variable";
            default -> snippet.kind().name().toLowerCase(Locale.ROOT);
        };
        String name = snippet instanceof DeclarationSnippet declaration ? declaration.name() : snippet.source().strip();
        return kind + " " + name;
    }
}
