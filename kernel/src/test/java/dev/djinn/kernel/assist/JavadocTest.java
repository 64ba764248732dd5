package dev.djinn.kernel.assist;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JavadocTest {
    // Math.max's comment as JShell reads it from the JDK's src.zip
    private static final String MATH_MAX = """
             Returns the greater of two {@code int} values. That is, the
             result is the argument closer to the value of
             {@link Integer#MAX_VALUE}. If the arguments have the same value,
             the result is that same value.

             @param   a   an argument.
             @param   b   another argument.
             @return  the larger of {@code a} and {@code b}.
            """;

    @Test
    void plainTextHasNoJavadocTagsOrHtml() {
        String plain = HtmlText.plain(Javadoc.toHtml(MATH_MAX));
        assertEquals("""
                Returns the greater of two int values. That is, the result is the
                argument closer to the value of Integer.MAX_VALUE. If the arguments have
                the same value, the result is that same value.

                Parameters:
                  a - an argument.
                  b - another argument.
                Returns:
                  the larger of a and b.""", plain);
    }

    @Test
    void markdownKeepsCodeAsCodeAndTagsAsTitledLists() {
        String markdown = HtmlText.markdown(Javadoc.toHtml(MATH_MAX));
        assertTrue(markdown.startsWith("Returns the greater of two `int` values."), markdown);
        assertTrue(markdown.contains("`Integer.MAX_VALUE`"), markdown);
        assertTrue(markdown.contains("**Parameters:**\n- `a` - an argument."), markdown);
        assertTrue(markdown.contains("another argument.\n\n**Returns:**\n- the larger of `a` and `b`."), markdown);
        assertFalse(markdown.contains("{@"), markdown);
    }

    @Test
    void htmlParagraphsListsEntitiesLinksAndNestedBracesBecomeText() {
        String javadoc = """
                 Formats with {@linkplain java.util.Locale locale} rules; see
                 {@link java.util.Locale#getDefault(java.util.Locale.Category) Locale.getDefault(FORMAT)}.
                 <p>Steps:
                 <ol><li>parse &lt;input&gt;</li><li>apply {@code Map<String, List<Integer>>} &amp; return</li></ol>
                 <pre>{@code
                 var x = new int[] {1, 2};
                 }</pre>
                 @throws java.lang.IllegalArgumentException if the input is <em>bad</em>
                 @author Somebody Else
                 @since 1.5
                """;
        String plain = HtmlText.plain(Javadoc.toHtml(javadoc));
        assertTrue(plain.startsWith("Formats with locale rules; see Locale.getDefault(FORMAT)."), plain);
        assertTrue(plain.contains("Steps:\n1. parse <input>\n2. apply Map<String, List<Integer>> & return"), plain);
        assertTrue(plain.contains("var x = new int[] {1, 2};"), plain);
        assertTrue(plain.contains("Throws:\n  IllegalArgumentException - if the input is bad"), plain);
        assertTrue(plain.contains("Since:\n  1.5"), plain);
        assertFalse(plain.contains("Somebody"), plain);
        assertFalse(plain.contains("{@") || plain.contains("<li>") || plain.contains("</") || plain.contains("<pre>"), plain);
    }

    @Test
    void referencesLoseTheirPackagesAndHashes() {
        assertEquals("Integer.MAX_VALUE", Javadoc.reference("Integer#MAX_VALUE"));
        assertEquals("Locale.getDefault(Locale.Category)", Javadoc.reference("java.util.Locale#getDefault(java.util.Locale.Category)"));
        assertEquals("size()", Javadoc.reference("#size()"));
    }
}
