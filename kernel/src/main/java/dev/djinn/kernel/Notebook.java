package dev.djinn.kernel;

import dev.djinn.kernel.display.DisplayPublisher;
import dev.djinn.kernel.io.FrontendInput;
import dev.djinn.magics.mime.MimeBundle;

/**
 * What cells call to talk to the notebook; every cell has {@code import static dev.djinn.kernel.Notebook.*}.
 *
 * <pre>{@code
 * display(chart);                       // a rich output now
 * display(progress, "bar"); updateDisplay("bar", progress);   // one output, updated in place
 * String name = readLine("Your name: ");
 * display(html("<b>bold</b>"));
 * }</pre>
 *
 * Cells run inside the kernel's JVM and can only reach it through static methods; this class is that one door,
 * connected once by the kernel at start-up.
 */
public final class Notebook {
    private static volatile DisplayPublisher displays;
    private static volatile FrontendInput input;

    private Notebook() {
    }

    static void connect(DisplayPublisher displayPublisher, FrontendInput frontendInput) {
        displays = displayPublisher;
        input = frontendInput;
    }

    /** Shows a value with its richest registered forms (image, HTML, …) and a text/plain form. */
    public static void display(Object value) {
        displays().display(value, null);
    }

    /** Shows a value under {@code displayId}; {@link #updateDisplay} replaces it in place later. */
    public static void display(Object value, String displayId) {
        displays().display(value, displayId);
    }

    /** Replaces the output shown with {@code display(value, displayId)}, wherever it is in the notebook. */
    public static void updateDisplay(String displayId, Object value) {
        displays().update(displayId, value);
    }

    /** Clears this cell's output now. */
    public static void clearOutput() {
        displays().clear(false);
    }

    /** Clears this cell's output when the next output arrives (no flicker in animations). */
    public static void clearOutput(boolean wait) {
        displays().clear(wait);
    }

    /** Asks the user for a line of text in the front end. */
    public static String readLine(String prompt) {
        return input().readLine(prompt, false);
    }

    public static String readLine() {
        return readLine("");
    }

    /** Asks for a line the front end does not echo. */
    public static String readPassword(String prompt) {
        return input().readLine(prompt, true);
    }

    /** HTML to show with {@link #display}, or as a cell's value. */
    public static MimeBundle html(String html) {
        return MimeBundle.html(html, html.replaceAll("<[^>]*>", ""));
    }

    public static MimeBundle markdown(String markdown) {
        return MimeBundle.markdown(markdown);
    }

    public static MimeBundle svg(String svg) {
        return MimeBundle.svg(svg, "[SVG image, " + svg.length() + " characters]");
    }

    public static MimeBundle latex(String latex) {
        return MimeBundle.latex(latex);
    }

    private static DisplayPublisher displays() {
        DisplayPublisher current = displays;
        if (current == null) {
            throw new IllegalStateException("display() works in cells run by the Djinn kernel; in jshell, print the value instead.");
        }
        return current;
    }

    private static FrontendInput input() {
        FrontendInput current = input;
        if (current == null) {
            throw new IllegalStateException("readLine() works in cells run by the Djinn kernel; in jshell, read System.in.");
        }
        return current;
    }
}
