package dev.djinn.kernel.eval;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user's variables survive whatever makes JShell recompile them: imports anywhere, with any comments. */
class VariablesSurviveRecompilationTest {
    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    private CellEvaluator evaluator;

    @BeforeEach
    void startJShell() {
        evaluator = TestEvaluators.withJavaUtil(warnings);
        evaluator.eval("var list = new ArrayList<String>(List.of(\"x\")); String s = \"kept\"; int n = 5;", 1);
    }

    @AfterEach
    void closeJShell() {
        evaluator.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "// helpers\nimport java.util.concurrent.*;",
            "/* helpers */\n\nimport java.util.concurrent.*;",
            "import java.util.concurrent.*; // trailing",
            "int before = 1;\n// now the imports\nimport java.util.concurrent.*;\nimport java.util.regex.*;",
            "import java.util.\n    concurrent.*;",
            "import /* odd */ java.util.concurrent.*;",
            "// one\n// two\nimport static java.lang.Math.*;",
            "import java.util.concurrent.ConcurrentHashMap;\n// and\nimport java.awt.*;",
    })
    void objectVariablesKeepTheirValuesAcrossAnImport(String importCell) {
        evaluator.eval(importCell, 2);
        assertEquals("[x] kept 5", evaluator.eval("list + \" \" + s + \" \" + n", 3).value());
        assertEquals("", warnings.toString());
    }

    @Test
    void aVariableDeclaredAgainTakesItsNewValue() {
        for (int cell = 2; cell <= 6; cell++) {
            evaluator.eval("int counter = " + cell + ";\nString s = \"v" + cell + "\";", cell);
        }
        assertEquals("v6 6", evaluator.eval("s + \" \" + counter", 7).value());
    }

    @Test
    void theKeptObjectIsTheSameObject() {
        Object before = evaluator.eval("list", 2).value();
        evaluator.eval("// helpers\nimport java.util.concurrent.*;", 3);
        evaluator.eval("list.add(\"y\")", 4);
        assertEquals(before, evaluator.eval("list", 5).value());
        assertTrue(before == evaluator.eval("list", 6).value(), "not a copy: the very object");
    }

    @Test
    void aVariableWhoseClassWasRedefinedIsResetWithANote() {
        evaluator.eval("class Box { }\nBox box = new Box();", 2);
        evaluator.eval("class Box { int size = 3; }", 3);
        assertEquals(null, evaluator.eval("box", 4).value());
        assertTrue(warnings.toString().contains("variable box was reset"), warnings.toString());
        assertEquals("kept", evaluator.eval("s", 5).value(), "unrelated variables are untouched");
    }

    @Test
    void commentsBeforeCodeDoNotShiftErrorLines() {
        CellCompileException error = org.junit.jupiter.api.Assertions.assertThrows(CellCompileException.class,
                () -> evaluator.eval("// first\n/* second */\nint broken = missingName;", 2));
        assertEquals(3, error.diagnostics().get(0).line());
    }
}
