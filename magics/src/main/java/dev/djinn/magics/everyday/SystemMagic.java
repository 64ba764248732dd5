package dev.djinn.magics.everyday;

import dev.djinn.magics.dispatch.BaseMagic;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.Session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code %system command} (IPython's, also {@code %sx}) and {@code %%bash}-like use in one line: runs the command with
 * {@code sh -c} in the notebook's folder and the environment {@code %env} set, its output shown as it comes (stdout
 * and stderr merged). A failing command is not an error of the cell, as in IPython: its exit status is said.
 */
public final class SystemMagic extends BaseMagic {
    public SystemMagic() {
        super("%system command", "runs a shell command and shows its output", false, "system", "sx");
    }

    @Override
    public Object run(MagicCall call, Session session) {
        String command = call.args().strip();
        if (command.isEmpty()) {
            throw new MagicException("Give a command to run, for example: %system nvidia-smi");
        }
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
        builder.environment().putAll(System.getenv()); // what %env set
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            try (InputStream out = process.getInputStream()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = out.read(buffer)) > 0; ) {
                    session.print(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                process.destroy();
                throw e;
            }
            int status = process.waitFor();
            return status == 0 ? null : command + ": exit status " + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return command + ": interrupted";
        } catch (IOException e) {
            throw new MagicException("Could not run " + command + ": " + e.getMessage());
        }
    }
}
