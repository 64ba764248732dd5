package dev.djinn.kernel.eval;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cell's compile imports the declarations some code names, not all the session made, and nothing that works in
 * plain JShell stops working: later references, methods recompiled when what they use changes, completion.
 */
class ReferencedImportsTest {
    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    private CellEvaluator evaluator;

    @BeforeEach
    void startJShell() {
        evaluator = TestEvaluators.withJavaUtil(warnings);
        for (int helper = 0; helper < 40; helper++) { // enough declarations that compiles import only what they name
            evaluator.eval("int helper" + helper + " = " + helper + ";", 0);
        }
    }

    @AfterEach
    void closeJShell() {
        evaluator.close();
    }

    @Test
    void aLaterCellsCompileImportsOnlyTheDeclarationsCodeNames() throws ReflectiveOperationException {
        for (int cell = 1; cell <= 160; cell++) {
            evaluator.eval("int v" + cell + " = " + cell + ";", cell);
        }
        evaluator.eval("int count(List<Integer> xs) { return xs.size(); }", 201);
        evaluator.eval("int answer = v7 + count(List.of(1, 2));", 202);

        String wrapper = wrapperOf("answer");
        assertTrue(wrapper.contains(".v7;"), wrapper);
        assertTrue(wrapper.contains(".count;"), wrapper);
        assertTrue(wrapper.contains("import java.util.*;"), "imports always: " + wrapper);
        assertFalse(wrapper.contains(".v8;"), "v8 is named by no code: " + wrapper);
        assertEquals(2, wrapper.split("import static REPL", -1).length - 1, "two static imports, not 201: " + wrapper);
        assertEquals(9, evaluator.eval("answer", 203).value());
    }

    @Test
    void methodsAreRecompiledWithWhatTheyUseWhenItChanges() {
        evaluator.eval("int base = 10; int factor = 2;", 1);
        evaluator.eval("int twice() { return base * factor; }", 2);
        evaluator.eval("for (int i = 0; i < 50; i++) { }", 3);
        evaluator.eval("int base = 20;", 4); // twice() is recompiled against the new base
        assertEquals(40, evaluator.eval("twice()", 5).value());

        evaluator.eval("int f(int n) { return n <= 0 ? 0 : g(n - 1) + 1; }", 6); // g does not exist yet
        evaluator.eval("int g(int n) { return f(n); }", 7);
        assertEquals(3, evaluator.eval("f(3)", 8).value());
    }

    @Test
    void aDeclarationThatGivesALibraryNameANewMeaningRecompilesWhatUsesItWithItsImports() {
        evaluator.eval("int offset = 10;", 1);
        evaluator.eval("int total(List<Integer> xs) { return xs.size() + offset; }", 2);
        evaluator.eval("interface List<T> { int size(); }", 3); // total is recompiled against this List
        assertEquals(13, evaluator.eval("total(() -> 3)", 4).value());
    }

    @Test
    void aClassRedefinedWithACommentBeforeItsNameRecompilesWhatUsesItWithItsImports() {
        evaluator.eval("record Box(int w) { }\nint scale = 3;", 1);
        evaluator.eval("int area(Box b) { return b.w() * scale; }", 2);
        evaluator.eval("record /* now with a height */ Box(int w, int h) { }", 3);
        assertEquals(6, evaluator.eval("area(new Box(2, 5))", 4).value());
    }

    @Test
    void aVariableDeclaredWithoutSemicolonOrValueRecompilesWhatUsesIt() {
        evaluator.eval("String unit = \"cm\"; double size = 2;", 1);
        evaluator.eval("String label() { return size + unit; }", 2);
        evaluator.eval("String size", 3); // a new type: label() is compiled again, and needs unit
        assertEquals("nullcm", evaluator.eval("label()", 4).value());
    }

    @Test
    void aVariableKeepsItsValueWhenAnImportRecompilesIt() {
        evaluator.eval("var names = new ArrayList<String>(List.of(\"a\")); String kept = \"kept\";", 1);
        evaluator.eval("import java.util.concurrent.*;", 2);
        assertEquals("[a] kept", evaluator.eval("names + \" \" + kept", 3).value());
    }

    @Test
    void completionListsEveryVariableEvenThoseNoCodeNames() {
        evaluator.eval("int unnamedElsewhere1 = 1;", 1);
        evaluator.eval("int unnamedElsewhere2 = 2;", 2);
        List<SourceCodeAnalysis.Suggestion> suggestions = evaluator.analysis()
                .completionSuggestions("unnamedEl", "unnamedEl".length(), new int[1]);
        assertEquals(List.of("unnamedElsewhere1", "unnamedElsewhere2"),
                suggestions.stream().map(SourceCodeAnalysis.Suggestion::continuation).sorted().toList());
    }

    @Test
    void aNameSpelledWithAUnicodeEscapeIsStillFound() {
        evaluator.eval("int abc = 5;", 1);
        assertEquals(6, evaluator.eval("\\u0061bc + 1", 2).value());
    }

    /** The Java source JShell compiled for the variable {@code name}: its imports, then its wrapper class. */
    private String wrapperOf(String name) throws ReflectiveOperationException {
        Field field = CellEvaluator.class.getDeclaredField("jshell");
        field.setAccessible(true);
        JShell jshell = (JShell) field.get(evaluator);
        Object snippet = jshell.variables().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
        Method outerWrap = jdk.jshell.Snippet.class.getDeclaredMethod("outerWrap");
        outerWrap.setAccessible(true);
        Object wrap = outerWrap.invoke(snippet);
        Method wrapped = wrap.getClass().getMethod("wrapped");
        wrapped.setAccessible(true);
        return (String) wrapped.invoke(wrap);
    }
}
