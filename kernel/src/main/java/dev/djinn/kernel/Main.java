package dev.djinn.kernel;

import dev.djinn.kernel.eval.CellEvaluator;
import dev.djinn.kernel.eval.CompilerWarmUp;
import dev.djinn.kernel.history.SessionHistory;
import dev.djinn.kernel.io.Frontend;
import dev.djinn.kernel.io.FrontendInput;
import dev.djinn.kernel.io.OutputFlusher;
import dev.djinn.kernel.io.StreamPublisher;
import dev.djinn.kernel.protocol.DjinnConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Starts the kernel for a Jupyter connection file: {@code java -cp 'lib/*' dev.djinn.kernel.Main connection.json}. */
public final class Main {
    private static final int WARM_UP_ROUNDS = 150;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("Usage: djinn kernel CONNECTION_FILE\n"
                    + "Jupyter starts the kernel this way; to install it run install/install.sh, then pick \"Djinn\" in Jupyter.");
            System.exit(2);
        }
        KernelLogging.configure();
        ParentWatch.start(System.getenv("JPY_PARENT_PID"));
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        DjinnConnection connection = new DjinnConnection(props);

        PrintStream processOut = System.out;
        PrintStream processErr = System.err;
        Frontend frontend = new Frontend();
        StreamPublisher out = new StreamPublisher(frontend, PublishStream.StreamType.OUT, processOut);
        StreamPublisher err = new StreamPublisher(frontend, PublishStream.StreamType.ERR, processErr);
        OutputFlusher flusher = new OutputFlusher(List.of(out, err));
        FrontendInput input = new FrontendInput(connection.stdinSocket());
        PrintStream cellOut = new PrintStream(out, false, StandardCharsets.UTF_8);
        PrintStream cellErr = new PrintStream(err, false, StandardCharsets.UTF_8);
        System.setOut(cellOut);
        System.setErr(cellErr);
        System.setIn(input);
        flusher.start();

        CompletableFuture<CellEvaluator> evaluator = CompletableFuture.supplyAsync(
                () -> Startup.evaluator(input, cellOut, cellErr));
        DjinnKernel kernel = new DjinnKernel(evaluator, new SessionHistory(SessionHistory.defaultFile()),
                frontend, input, flusher);
        kernel.becomeHandlerForConnection(connection);
        kernel.handleWaitingRequestsWith(connection::handleWaitingShellRequests);
        SignalInterrupts.install(kernel::interrupt);
        // after the user's JShell is ready: on two cores a warm-up beside its start-up delays the first cell; JShell's
        // indexing of the class path (for completions) starts the first time the kernel is idle, beside the warm-up
        evaluator.thenAccept(cells -> CompilerWarmUp.startInBackground(
                Integer.getInteger("djinn.warmUpRounds", WARM_UP_ROUNDS), kernel::isIdle, cells::indexClassPath));
        connection.connect();
        connection.waitUntilClose();
        flusher.flushNow();
        System.exit(0);
    }
}
