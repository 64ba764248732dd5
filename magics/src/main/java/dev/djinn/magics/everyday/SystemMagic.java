package dev.djinn.magics.everyday;

import dev.djinn.magics.dispatch.BaseMagic;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.MagicInterruptedException;
import dev.djinn.magics.dispatch.Session;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell, IPython's way: {@code %system command} (also {@code %sx}, and a line that starts with {@code !}) runs one
 * command with {@code sh -c}; {@code %%bash} and {@code %%sh} give the rest of the cell to the shell as its script
 * on standard input, words after the magic's name being the shell's own ({@code %%bash -s hello} makes {@code $1}
 * hello, as in IPython). In the notebook's folder with the environment {@code %env} set, output
 * shown as it comes (stdout and stderr merged), killed with its children by the kernel's interrupt. A failing command
 * is not an error of the cell (IPython's {@code !}): its exit status is said; a failing script is (IPython 8's
 * {@code %%bash}), so Run All stops there; one that died of an interrupt ends the cell as interrupted.
 */
public final class SystemMagic extends BaseMagic {
    public SystemMagic() {
        super("%system command | !command | %%bash or %%sh, then a script", "runs shell commands and shows their output",
                true, "system", "sx", "bash", "sh");
    }

    @Override
    public Object run(MagicCall call, Session session) {
        boolean script = call.isCellMagic();
        String shell = call.name().equals("bash") ? "bash" : "sh";
        String command = script ? call.body() : call.args().strip();
        if (command.isBlank()) {
            throw new MagicException(script ? "Write the script on the lines below %%" + call.name() + "."
                    : "Give a command to run, for example: %system nvidia-smi");
        }
        List<String> line = new ArrayList<>(List.of(shell));
        if (script) {
            line.addAll(call.words());
        } else {
            line.addAll(List.of("-c", command));
        }
        int status = run(line, script ? command : "", session);
        if (status == INTERRUPTED || status == KILLED_BY_SIGINT) {
            // SIGINT sent to the kernel's process group (jupyter_client's interrupt) reaches the shell first
            throw new MagicInterruptedException((script ? "The %%" + call.name() + " script" : command) + " was interrupted.");
        }
        if (status == 0) {
            return null;
        }
        if (script) {
            throw new MagicException("The %%" + call.name() + " script exited with status " + status + ".");
        }
        return command + ": exit status " + status;
    }

    private static final int INTERRUPTED = -1;
    /** A shell's status when it, or the command it waited for, died of SIGINT. */
    private static final int KILLED_BY_SIGINT = 128 + 2;

    private static int run(List<String> command, String input, Session session) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(System.getenv()); // what %env set
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new MagicException("Could not run " + command.get(0) + ": " + e.getMessage());
        }
        boolean[] stopped = {false};
        // output is read from the start: a script that prints before it is all read must not fill the pipe and wait
        Thread output = new Thread(() -> show(process, session), "djinn-shell-output");
        output.setDaemon(true);
        output.start();
        try (Session.Interruptible ignored = session.onInterrupt(() -> {
            stopped[0] = true;
            kill(process);
        })) {
            try (OutputStream in = process.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the shell ended before reading all of its script: its status says why
            }
            int status = process.waitFor();
            output.join();
            return stopped[0] ? INTERRUPTED : status;
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return INTERRUPTED;
        }
    }

    /** The command and everything it started (a pipeline's other end, a script's children). */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Copies the process's output to the cell as it comes, decoded as UTF-8 across reads. */
    private static void show(Process process, Session session) {
        try (Reader out = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
            char[] buffer = new char[8192];
            for (int n; (n = out.read(buffer)) > 0; ) {
                session.print(new String(buffer, 0, n));
            }
        } catch (IOException e) {
            // the process was killed: its pipe closed
        }
    }
}
