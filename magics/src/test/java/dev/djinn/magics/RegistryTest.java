package dev.djinn.magics;

import dev.djinn.magics.mime.Rich;
import dev.djinn.magics.mime.MimeBundle;
import dev.djinn.magics.dispatch.Arguments;
import dev.djinn.magics.dispatch.CellParts;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.MagicRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistryTest {
    private final MagicRegistry registry = DjinnMagics.registry();
    private final PlainSession session = new PlainSession();

    @Test
    void lsmagicListsEveryMagicWithItsHelp() {
        String listing = registry.run(new MagicCall("lsmagic", "", null), session).toString();
        for (String magic : List.of("%gpu", "%plot", "%tensor", "%time %%time", "%timeit %%timeit", "%who %vars", "%load",
                "%classpath %jars", "%maven", "%env", "%help name")) {
            assertTrue(listing.contains(magic), magic + " missing from\n" + listing);
        }
        assertTrue(listing.contains("an inline chart of a History"), listing);
        assertTrue(((Rich) registry.run(new MagicCall("lsmagic", "", null), session)).toMimeBundle().has(MimeBundle.HTML));
    }

    @Test
    void helpAndQuestionMarkGiveTheUsage() {
        String help = registry.run(new MagicCall("help", "plot", null), session).toString();
        assertTrue(help.startsWith("%plot: an inline chart"), help);
        assertTrue(help.contains("Usage: %plot history | %plot table x y [--kind line|scatter|bar|hist]"), help);
        assertEquals(help, registry.run(new MagicCall("plot?", "", null), session).toString());
        assertEquals(help, registry.run(new MagicCall("help", "%plot", null), session).toString());
    }

    @Test
    void misuseIsASentenceWithTheUsage() {
        assertEquals("There is no magic %plott. Did you mean %plot? %lsmagic lists them all.",
                assertThrows(MagicException.class, () -> registry.run(new MagicCall("plott", "h", null), session)).getMessage());
        assertEquals("%%gpu does not exist: gpu is a line magic.\nUsage: %gpu | %gpu 0 | %gpu 0,1 | %gpu cpu | %gpu threads N",
                assertThrows(MagicException.class, () -> registry.run(new MagicCall("gpu", "", "x"), session)).getMessage());
        MagicException bad = assertThrows(MagicException.class, () -> registry.run(new MagicCall("plot", "h --colour red", null), session.with("h", new double[] {1})));
        assertEquals("Unknown option --colour; the options are --kind, --title, --size, --svg.\nUsage: " + registry.find("plot").orElseThrow().usage(), bad.getMessage());
    }

    @Test
    void cellsSplitIntoCodeAndMagicsInOrder() {
        List<CellParts.Part> parts = CellParts.split("int a = 1;\n%time a + 1\nint b = 2;\n  %who int\nb");
        assertEquals(5, parts.size());
        assertEquals("int a = 1;\n", parts.get(0).code());
        assertEquals(new MagicCall("time", "a + 1", null), parts.get(1).magic());
        assertEquals(new MagicCall("who", "int", null), parts.get(3).magic());
        assertEquals("b\n", parts.get(4).code());
        List<CellParts.Part> cell = CellParts.split("%%timeit -n 10\nint x = 1;\nx++;");
        assertEquals(List.of(new CellParts.Part(null, new MagicCall("timeit", "-n 10", "int x = 1;\nx++;"))), cell);
        assertTrue(CellParts.hasMagics("x\n %gpu"));
        assertTrue(!CellParts.hasMagics("int x = 5 % 2;"));
    }

    @Test
    void aLineStartingWithABangIsAShellCommandWhereAStatementMayStart() {
        assertEquals(List.of(new CellParts.Part(null, new MagicCall("system", "ls -l", null))), CellParts.split("!ls -l"));
        List<CellParts.Part> parts = CellParts.split("int a = 1;\n!echo $HOME\nif (a > 0) { a++; }\n  !pwd");
        assertEquals(new MagicCall("system", "echo $HOME", null), parts.get(1).magic());
        assertEquals(new MagicCall("system", "pwd", null), parts.get(3).magic());
        // Java's own negations and inequalities stay Java
        for (String java : List.of("boolean done = false;\nwhile (true &&\n    !done) { done = true; }",
                "boolean b = 1\n  != 2;", "for (int i = 0;\n  !(i > 3); i++) { }", "String s = \"\"\"\n  x;\n  !y\n  \"\"\";",
                "String t = \"a;\" + \"(\";\nboolean[] flags = {true,\n !false};", "int x = 1; // done;\n")) {
            assertTrue(!CellParts.hasMagics(java), java);
            assertTrue(CellParts.split(java).stream().noneMatch(CellParts.Part::isMagic), java);
        }
        assertTrue(CellParts.hasMagics("var x = 1;\n!ls"));
    }

    @Test
    void argumentsSplitLikeAShell() {
        assertEquals(List.of("table", "x y", "z"), Arguments.split("table 'x y' \"z\""));
        Arguments parsed = Arguments.parse("t a b --kind=bar --svg --title 'My chart'", List.of("kind", "title"), List.of("svg"));
        assertEquals(List.of("t", "a", "b"), parsed.positional());
        assertEquals("bar", parsed.option("kind", "line"));
        assertEquals("My chart", parsed.option("title", ""));
        assertTrue(parsed.flag("svg"));
        assertEquals("An opening ' has no closing one.", assertThrows(MagicException.class, () -> Arguments.split("'open")).getMessage());
    }
}
