package dev.djinn.kernel.assist;

import dev.djinn.kernel.eval.CellEvaluator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodeAssistTest {
    private static CellEvaluator evaluator;
    private static Completer completer;
    private static Inspector inspector;
    private static CompletenessChecker completeness;

    @BeforeAll
    static void startJShell() {
        evaluator = new CellEvaluator(CellEvaluator.systemClasspath(), InputStream.nullInputStream(), System.out, System.err);
        evaluator.eval("import static dev.djinn.Djinn.*;\nString greeting = \"hello\";\nint counter = 3;", 1);
        completer = new Completer(evaluator::analysis);
        inspector = new Inspector(evaluator::analysis);
        completeness = new CompletenessChecker(evaluator::analysis);
    }

    @AfterAll
    static void closeJShell() {
        evaluator.close();
    }

    @Test
    void membersAfterADotReplaceOnlyTheTypedPrefix() {
        String code = "int n = 1;\ngreeting.toUpp";
        Completion completion = completer.complete(code, code.length());
        assertEquals("toUpperCase(", completion.matches().get(0));
        assertEquals(code.indexOf("toUpp"), completion.start());
        assertEquals(code.length(), completion.end());
    }

    @Test
    void variablesClassesAndStaticImportedDslNamesComplete() {
        assertTrue(completer.complete("coun", 4).matches().contains("counter"));
        assertTrue(completer.complete("StringBui", 9).matches().contains("StringBuilder"));
        assertTrue(completer.complete("djlVer", 6).matches().contains("djlVersion()"));
    }

    @Test
    void completionItemsCarryTheirKindAndSignatures() {
        Completion completion = completer.complete("Math.ma", 7);
        assertEquals(completion.matches().stream().distinct().toList(), completion.matches());
        Completion.Item max = completion.items().stream().filter(i -> i.text().equals("max(")).findFirst().orElseThrow();
        assertEquals("function", max.type());
        assertTrue(max.signature().contains("int Math.max(int a, int b)"), max.signature());
        assertTrue(max.signature().contains("double Math.max(double a, double b)"), max.signature());
        Completion.Item counter = completer.complete("coun", 4).items().get(0);
        assertEquals("counter", counter.text());
        assertEquals("instance", counter.type());
        assertTrue(counter.signature().contains("int"), counter.signature());
        assertEquals("class", completer.complete("StringBui", 9).items().get(0).type());
    }

    @Test
    void completionWorksInTheMiddleOfACell() {
        String code = "greeting.len\nint after = 2;";
        Completion completion = completer.complete(code, "greeting.len".length());
        assertEquals("length()", completion.matches().get(0));
        assertEquals("greeting.".length(), completion.start());
    }

    @Test
    void inspectionGivesSignaturesForAMethodName() {
        Documentation documentation = inspector.inspect("Math.max(1, 2)", 6);
        assertEquals("Math.max", documentation.name());
        assertTrue(documentation.text().contains("int Math.max(int a, int b)"), documentation.text());
        assertTrue(documentation.markdown().startsWith("```java\n"));
    }

    @Test
    void inspectionRendersJavadocInsteadOfShowingItsTags() {
        Documentation documentation = inspector.inspect("Math.max", 8);
        for (String form : documentation.bundle().values()) {
            assertFalse(form.contains("{@code") || form.contains("{@link") || form.contains("@param"), form);
        }
        assertTrue(documentation.text().contains("    Returns the greater of two int values."), documentation.text());
        assertTrue(documentation.text().contains("      a - an argument."), documentation.text());
        assertTrue(documentation.bundle().get("text/html").contains("<code>int</code>"));
        assertTrue(documentation.markdown().contains("two `int` values"));
    }

    @Test
    void inspectionOfAVariableGivesItsType() {
        assertTrue(inspector.inspect("counter", 3).text().contains("int"));
    }

    @Test
    void inspectionOfNothingKnownIsEmpty() {
        assertTrue(inspector.inspect("noSuchThingAnywhere", 5).isEmpty());
    }

    @Test
    void completenessDistinguishesCompleteIncompleteAndInvalid() {
        assertEquals("complete", completeness.check("int x = 1;").status());
        assertEquals("complete", completeness.check("1 + 1").status());
        assertEquals("complete", completeness.check("%time 1 + 1").status());
        CompletenessChecker.Verdict open = completeness.check("for (int i = 0; i < 3; i++) {\n  if (i > 1) {");
        assertEquals("incomplete", open.status());
        assertEquals("        ", open.indent());
        assertEquals("invalid", completeness.check("int x = ;").status());
        assertNull(completeness.check("}").indent());
        assertEquals("invalid", completeness.check("}").status());
    }

    @Test
    void shellLinesAreCompleteAndACellMagicEndsAtABlankLine() {
        assertEquals("complete", completeness.check("!ls -l").status());
        assertEquals("complete", completeness.check("int n = 1;\n!echo $HOME").status());
        assertEquals("incomplete", completeness.check("boolean done = false;\nwhile (true &&\n  !done) {").status(), "Java's own !");
        assertEquals("incomplete", completeness.check("%%bash").status());
        assertEquals("incomplete", completeness.check("%%bash\nfor f in *; do").status());
        assertEquals("complete", completeness.check("%%bash\nfor f in *; do echo $f; done\n").status());
        assertEquals("complete", completeness.check("%%html\n<b>unclosed\n").status());
    }

    @Test
    void bracketsInsideStringsAndCommentsDoNotCount() {
        assertEquals(1, CompletenessChecker.openBrackets("call(\"(\" + '(' // (\n"));
        assertEquals(0, CompletenessChecker.openBrackets("/* { */ x"));
    }
}
