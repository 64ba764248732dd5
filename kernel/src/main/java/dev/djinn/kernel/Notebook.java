package dev.djinn.kernel;

import dev.djinn.kernel.display.DisplayArguments;
import dev.djinn.kernel.display.DisplayPublisher;
import dev.djinn.kernel.io.FrontendInput;
import dev.djinn.magics.mime.MimeBundle;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What cells call to talk to the notebook; every cell has {@code import static dev.djinn.kernel.Notebook.*}.
 *
 * <pre>{@code
 * display(chart);                       // a rich output now
 * String id = display(progress); updateDisplay(id, progress);   // one output, updated in place
 * display(progress, "bar"); updateDisplay("bar", progress);     // the same with an id of your own
 * display(table, "text/html");          // only some MIME types (IJava's API)
 * String name = readLine("Your name: ");
 * display(html("<b>bold</b>"));
 * registerRenderer(Point.class, p -> html("<b>" + p.x() + "</b>"));   // how your own class shows
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

    /** Shows a value with its richest registered forms (image, HTML, …) and a text/plain form; returns its display id. */
    public static String display(Object value) {
        String id = displays().newDisplayId();
        displays().display(value, List.of(), id);
        return id;
    }

    /**
     * IJava's {@code display(value, "text/html", …)}: shows only those MIME types, and returns the new display id. With
     * one argument that is not a MIME type ({@code type/subtype}), Djinn's {@code display(value, "myId")}: shows the
     * value under that id, for {@link #updateDisplay} to replace later, and returns it.
     */
    public static String display(Object value, String... mimeTypesOrId) {
        DisplayArguments arguments = DisplayArguments.of(mimeTypesOrId);
        String id = arguments.displayId() != null ? arguments.displayId() : displays().newDisplayId();
        displays().display(value, arguments.mimeTypes(), id);
        return id;
    }

    /** Replaces the output shown under {@code displayId} (optionally in some MIME types only), wherever it is in the notebook. */
    public static void updateDisplay(String displayId, Object value, String... mimeTypes) {
        displays().update(displayId, value, DisplayArguments.mimeTypes(mimeTypes));
    }

    /** What {@code display(value, mimeTypes)} would show, as data (a cell ending with it shows it): IJava's {@code render}. */
    public static DisplayData render(Object value, String... mimeTypes) {
        return displays().render(value, DisplayArguments.mimeTypes(mimeTypes));
    }

    /**
     * How values of {@code type} (and its subclasses) show from now on: {@code form} gives the rich forms, for example
     * {@code html(…)}, {@code markdown(…)} or {@code svg(…)}; a text/plain form is added when it gives none.
     */
    public static <T> void registerRenderer(Class<T> type, Function<? super T, MimeBundle> form) {
        Objects.requireNonNull(type, "registerRenderer(type, form): give the class to render");
        Objects.requireNonNull(form, "registerRenderer(type, form): give the function that makes its forms");
        renderer().createRegistration(type).preferring(MimeBundle.PLAIN)
                .register((value, context) -> form.apply(value).data().forEach(context.getOutputContainer()::putData));
    }

    /** The kernel's renderer itself (jjava's, as IJava's kernel has it), for registrations with MIME preferences. */
    public static Renderer renderer() {
        return displays().renderer();
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
