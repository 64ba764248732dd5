package dev.djinn.kernel.errors;

import dev.djinn.kernel.eval.CellRuntimeException;
import dev.djinn.kernel.eval.SnippetOrigins;
import jdk.jshell.EvalException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Formats an exception thrown by cell code: its type and message, the library frames where it was thrown, and the
 * frames of user code as cell lines. JShell's and the kernel's own frames below the user's are left out.
 */
public final class RuntimeErrorFormatter {
    private static final int MAX_LIBRARY_FRAMES = 8;
    private static final int MAX_FRAMES = 30;

    public ErrorReport format(CellRuntimeException error) {
        EvalException thrown = error.thrown();
        List<String> lines = new ArrayList<>();
        appendThrowable(lines, thrown, error.origins(), "");
        String type = thrown.getExceptionClassName();
        String simpleName = type.substring(type.lastIndexOf('.') + 1).replace('$', '.');
        hintFor(type).ifPresent(hint -> lines.add(Ansi.green(hint)));
        String message = thrown.getMessage() == null ? "" : thrown.getMessage();
        return new ErrorReport(simpleName, message, lines);
    }

    private void appendThrowable(List<String> lines, EvalException thrown, SnippetOrigins origins, String prefix) {
        String message = thrown.getMessage();
        lines.add(prefix + Ansi.red(thrown.getExceptionClassName()) + (message == null ? "" : ": " + Ansi.bold(message)));
        StackTraceElement[] frames = thrown.getStackTrace();
        int lastUserFrame = -1;
        for (int i = 0; i < frames.length; i++) {
            if (origins.ofFrameFile(frames[i].getFileName()).isPresent()) {
                lastUserFrame = i;
            }
        }
        int end = lastUserFrame >= 0 ? lastUserFrame + 1 : frames.length;
        int shown = 0;
        int libraryRun = 0;
        StackTraceElement previous = null;
        int repeats = 0;
        for (int i = 0; i < end; i++) {
            StackTraceElement frame = frames[i];
            Optional<SnippetOrigins.Origin> origin = origins.ofFrameFile(frame.getFileName());
            if (origin.isEmpty() && isKernelInternal(frame)) {
                continue;
            }
            if (frame.equals(previous)) {
                repeats++;
                continue;
            }
            if (repeats > 0) {
                lines.add("        ... the frame above repeats " + repeats + " more times");
                repeats = 0;
            }
            previous = frame;
            if (shown >= MAX_FRAMES) {
                lines.add("        ... " + (end - i) + " more frames");
                break;
            }
            if (origin.isPresent()) {
                libraryRun = 0;
                String line = userFrame(frame, origin.get());
                // a declaration's initializer runs in two of JShell's methods: one line for the user
                if (!line.equals(lines.get(lines.size() - 1))) {
                    lines.add(line);
                    shown++;
                }
            } else if (libraryRun++ < MAX_LIBRARY_FRAMES) {
                lines.add("        at " + frame);
                shown++;
            }
        }
        if (repeats > 0) {
            lines.add("        ... the frame above repeats " + repeats + " more times");
        }
        if (thrown.getCause() instanceof EvalException) {
            appendThrowable(lines, (EvalException) thrown.getCause(), origins, "Caused by: ");
        }
    }

    private static String userFrame(StackTraceElement frame, SnippetOrigins.Origin origin) {
        int line = origin.cellLine(Math.max(1, frame.getLineNumber()));
        String method = frame.getMethodName();
        String where = method == null || method.isEmpty() || method.startsWith("do_it$") ? "" : " in " + method;
        return "        at " + Ansi.green("cell [" + origin.cell() + "] line " + line) + where + ":  "
                + origin.text().line(line).strip();
    }

    private static boolean isKernelInternal(StackTraceElement frame) {
        String type = frame.getClassName();
        return type.startsWith("jdk.jshell.") || type.startsWith("dev.djinn.kernel.")
                || type.startsWith("jdk.internal.reflect.") || type.startsWith("java.lang.reflect.Method")
                || type.equals("java.lang.Thread");
    }

    private static Optional<String> hintFor(String exceptionType) {
        switch (exceptionType) {
            case "java.lang.OutOfMemoryError":
                return Optional.of("The kernel is still running. To give it more memory, reinstall it with "
                        + "install.sh --jvm-opt=-Xmx8g (or more), then restart the kernel.");
            case "java.lang.StackOverflowError":
                return Optional.of("The kernel is still running. Look for a recursion without an end case.");
            default:
                return Optional.empty();
        }
    }
}
