package dev.djinn.kernel.eval;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

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
    void javacIsShownOnlyTheWrappersACellsCompileCanReach() {
        for (int cell = 1; cell <= 160; cell++) {
            evaluator.eval("int v" + cell + " = " + cell + ";", cell);
        }
        evaluator.eval("record Point(int x, int y) { }", 201);
        evaluator.eval("Point origin = new Point(0, 0);", 202);
        evaluator.eval("var shifted = new Object() { Point at = new Point(v9, 1); };", 203);
        evaluator.eval("java.util.function.Supplier<String> hello = () -> \"hi\";", 204);

        assertEquals(16, evaluator.eval("v7 + origin.x() + shifted.at.x()", 205).value());
        // the wrappers of v7, Point (and the record), origin, shifted (and its anonymous class): not 206
        int listed = evaluator.classFilesLastListed();
        assertTrue(listed > 0 && listed <= 8, "class files javac was shown: " + listed);
        assertEquals("(1, 2)", evaluator.eval("\"(\" + new Point(1, 2).x() + \", \" + (v1 + v1) + \")\"", 206).value());
        assertEquals("hi", evaluator.eval("hello.get()", 207).value(), "hello's wrapper is shown once a cell names it");
    }

    static Stream<Arguments> recompilations() {
        return Stream.of(
                arguments("a method, when a variable it uses is declared again",
                        List.of("int base = 10; int factor = 2;", "int twice() { return base * factor; }", "int base = 20;"),
                        "twice()", 40),
                arguments("a method that waited for another one",
                        List.of("int f(int n) { return n <= 0 ? 0 : g(n - 1) + 1; }", "int g(int n) { return f(n); }"),
                        "f(3)", 3),
                arguments("a method, when a library name it uses gets a new meaning",
                        List.of("int offset = 10;", "int total(List<Integer> xs) { return xs.size() + offset; }",
                                "interface List<T> { int size(); }"),
                        "total(() -> 3)", 13),
                arguments("a method, when a class it uses is redefined with a comment before its name",
                        List.of("record Box(int w) { }\nint scale = 3;", "int area(Box b) { return b.w() * scale; }",
                                "record /* now with a height */ Box(int w, int h) { }"),
                        "area(new Box(2, 5))", 6),
                arguments("a method, when a variable it uses gets a new type, declared without semicolon or value",
                        List.of("String unit = \"cm\"; double size = 2;", "String label() { return size + unit; }", "String size"),
                        "label()", "nullcm"),
                arguments("variables, when an import makes JShell compile them again (they keep their values)",
                        List.of("var names = new ArrayList<String>(List.of(\"a\")); String kept = \"kept\";",
                                "import java.util.concurrent.*;"),
                        "names + \" \" + kept", "[a] kept"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recompilations")
    void whatJShellCompilesAgainBecauseOfACellGetsTheImportsItsCodeNeeds(String what, List<String> cells, String expression, Object expected) {
        for (int cell = 0; cell < cells.size(); cell++) {
            evaluator.eval(cells.get(cell), cell + 1);
        }
        assertEquals(expected, evaluator.eval(expression, cells.size() + 1).value(), what);
    }

    @Test
    void aDeclarationWhoseNameTheAnalysisMetEarlierReachesTheMethodsWaitingForIt() {
        evaluator.analysis().sourceToSnippets("int later = 1;"); // JShell makes the name's key now, installs it later
        evaluator.eval("int useLater() { return later * 2; }", 1);
        evaluator.eval("int unrelated = 3;", 2);
        evaluator.eval("int later = 5;", 3);
        assertEquals(10, evaluator.eval("useLater()", 4).value());
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
