package dev.djinn.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.djinn.kernel.assist.Completer;
import dev.djinn.kernel.assist.Completion;
import dev.djinn.kernel.assist.CompletenessChecker;
import dev.djinn.kernel.assist.Documentation;
import dev.djinn.kernel.assist.Inspector;
import dev.djinn.kernel.display.DisplayPublisher;
import dev.djinn.kernel.display.KernelRenderer;
import dev.djinn.dsl.train.TrainingOptions;
import dev.djinn.magics.display.NotebookProgress;
import dev.djinn.kernel.errors.ErrorReport;
import dev.djinn.kernel.errors.KernelErrorFormatter;
import dev.djinn.kernel.eval.CellEvaluator;
import dev.djinn.kernel.eval.CellResult;
import dev.djinn.kernel.history.SessionHistory;
import dev.djinn.kernel.io.Frontend;
import dev.djinn.kernel.io.FrontendInput;
import dev.djinn.kernel.io.OutputFlusher;
import dev.djinn.kernel.protocol.Replies;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.request.CompleteRequest;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.InspectRequest;
import org.dflib.jjava.jupyter.messages.request.IsCompleteRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The Djinn kernel: jjava's BaseKernel with one in-process JShell behind it. It answers every shell and control
 * request itself, so each reply carries the fields the protocol asks for.
 */
public final class DjinnKernel extends BaseKernel {
    private static final Logger LOG = LoggerFactory.getLogger(DjinnKernel.class);
    private static final long IDLE_AFTER_NANOS = 500_000_000L;

    private final CompletableFuture<CellEvaluator> evaluator;
    private final CellRunner cells;
    private final Completer completer;
    private final Inspector inspector;
    private final CompletenessChecker completeness;
    private final SessionHistory history;
    private final Frontend frontend;
    private final FrontendInput input;
    private final OutputFlusher output;
    private final DisplayPublisher displays;
    private final KernelErrorFormatter errors = new KernelErrorFormatter();
    private volatile boolean abortingQueuedCells;
    private Runnable handleWaiting = () -> { };
    private volatile long lastRequestNanos = System.nanoTime();
    private volatile boolean handlingRequest;

    /**
     * @param evaluator the JShell evaluator, built in the background so the kernel answers kernel_info at once
     * @param frontend  where cell output goes
     * @param input     the cells' stdin
     * @param output    flushes the cells' stdout and stderr
     */
    public DjinnKernel(CompletableFuture<CellEvaluator> evaluator, SessionHistory history, Frontend frontend,
                       FrontendInput input, OutputFlusher output) {
        super("djinn", dev.djinn.Djinn.version(), new LanguageInfo.Builder("java").version(KernelInfo.javaVersion())
                        .mimetype("text/x-java").fileExtension(".jshell").pygments("java").codemirror("text/x-java").build(),
                List.of(), history, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new KernelRenderer(),
                null, null, false, new StringStyler.Builder().build());
        this.evaluator = evaluator;
        this.history = history;
        this.frontend = frontend;
        this.input = input;
        this.output = output;
        this.inspector = new Inspector(() -> this.evaluator.join().analysis());
        this.completer = new Completer(() -> this.evaluator.join().analysis());
        this.completeness = new CompletenessChecker(() -> this.evaluator.join().analysis());
        this.cells = new CellRunner(this.evaluator::join, inspector, history);
        this.displays = new DisplayPublisher(getRenderer(), frontend, output::flushNow);
        Notebook.connect(displays, input);
        // train(...) without progress(...) shows a live display in the cell instead of a terminal bar
        TrainingOptions.useDefaultProgress(() -> new NotebookProgress(displays));
    }

    public DisplayPublisher displays() {
        return displays;
    }

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, (env, message) -> {
            env.setBusyDeferIdle();
            Replies.send(env, MessageType.KERNEL_INFO_REPLY, KernelInfo.reply());
        });
        connection.setHandler(MessageType.COMM_INFO_REQUEST, (env, message) -> {
            env.setBusyDeferIdle();
            Replies.send(env, MessageType.COMM_INFO_REPLY, Replies.commInfo());
        });
    }

    /** True when no request has been handled for a while: background work may use the CPU then. */
    public boolean isIdle() {
        return !handlingRequest && System.nanoTime() - lastRequestNanos > IDLE_AFTER_NANOS;
    }

    /** How to handle the shell requests waiting behind a failed cell (on the shell thread, inside its handler). */
    public void handleWaitingRequestsWith(Runnable handleWaiting) {
        this.handleWaiting = handleWaiting;
    }

    @Override
    protected void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        handlingRequest = true;
        env.setStatusBusy();
        boolean idleSent = false;
        try {
            CellEnd end = execute(env, message);
            if (end.abortQueued()) {
                // ipykernel's order: the reply, the cells sent before the error was known answered "aborted", then
                // idle, which a client waits for before it sends more, so that no later cell is swept up with them
                Replies.send(env, MessageType.EXECUTE_REPLY, end.reply());
                abortQueuedCells();
            } else {
                // idle before the reply (ipykernel sends it after): a client holding the reply then has the cell's
                // whole iopub stream on its way, so one that waits only briefly for idle after the reply
                // (jupyter_kernel_test waits 0.1 s) does not miss it on a loaded machine; front ends take either order
                env.setStatusIdle();
                idleSent = true;
                Replies.send(env, MessageType.EXECUTE_REPLY, end.reply());
            }
        } finally {
            if (!idleSent) {
                env.setStatusIdle();
            }
            lastRequestNanos = System.nanoTime();
            handlingRequest = false;
        }
    }

    private void abortQueuedCells() {
        abortingQueuedCells = true;
        try {
            handleWaiting.run();
        } finally {
            abortingQueuedCells = false;
        }
    }

    /** How a cell ended: its execute reply, and whether the cells queued behind it are to be aborted. */
    private record CellEnd(JsonObject reply, boolean abortQueued) {
    }

    private CellEnd execute(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        ExecuteRequest request = message.getContent();
        boolean silent = request.isSilent();
        int count = silent ? executionCount.get() : executionCount.getAndIncrement();
        if (!silent) {
            env.publish(new PublishExecuteInput(request.getCode(), count));
        }
        if (abortingQueuedCells && request.shouldStopOnError()) {
            return new CellEnd(Replies.executeAborted(count), false);
        }
        frontend.attach(env);
        input.attach(message, request.isStdinEnabled());
        commManager.setMessageContext(message);
        try {
            CellRunner.Outcome outcome = cells.run(request.getCode(), count);
            output.flushNow();
            CellResult result = outcome.result();
            String outputText = null;
            // System.out.printf(...) returns the stream it printed to: that is not a result to show (IPython's print gives None)
            boolean printed = result.value() == System.out || result.value() == System.err
                    || displays.isIssuedDisplayId(result.value()); // nor is the id display(x) returned

            if (result.hasValue() && result.value() != null && !printed && !silent) {
                DisplayData data = getRenderer().render(result.value());
                outputText = String.valueOf(data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
                env.publish(new PublishExecuteResult(count, data));
            }
            JsonArray payload = new JsonArray();
            outcome.page().ifPresent(page -> payload.add(Replies.pagerPayload(page)));
            if (outcome.askExit()) {
                payload.add(Replies.askExitPayload());
            }
            recordHistory(request, count, outputText);
            return new CellEnd(Replies.executeOk(count, payload), false);
        } catch (Throwable failure) {
            output.flushNow();
            ErrorReport report = errors.format(failure);
            if (!silent) {
                env.publish(new PublishError(report.ename(), report.evalue(), report.traceback()));
            }
            recordHistory(request, count, null);
            return new CellEnd(Replies.executeError(count, report.ename(), report.evalue(), report.traceback()),
                    request.shouldStopOnError() && !silent);
        }
    }

    /** Before the idle status and the reply: front ends take them as the cell's end, so no file I/O after them. */
    private void recordHistory(ExecuteRequest request, int count, String outputText) {
        if (request.shouldStoreHistory() && !request.isSilent()) {
            history.record(count, request.getCode(), outputText);
        }
    }

    @Override
    protected void handleCompleteRequest(ShellReplyEnvironment env, Message<CompleteRequest> message) {
        CompleteRequest request = message.getContent();
        env.setBusyDeferIdle();
        Completion completion = orElse("Completion", () -> completer.complete(request.getCode(), request.getCursorPos()),
                Completion.none(request.getCursorPos()));
        Replies.send(env, MessageType.COMPLETE_REPLY, Replies.complete(completion));
    }

    @Override
    protected void handleInspectRequest(ShellReplyEnvironment env, Message<InspectRequest> message) {
        InspectRequest request = message.getContent();
        env.setBusyDeferIdle();
        Documentation documentation = orElse("Inspection", () -> inspector.inspect(request.getCode(), request.getCursorPos()),
                new Documentation("", List.of()));
        Map<String, String> bundle = documentation.isEmpty() ? Map.of()
                : documentation.bundle();
        Replies.send(env, MessageType.INSPECT_REPLY, Replies.inspect(!documentation.isEmpty(), bundle));
    }

    /** Editor help must never fail a request: a failure is logged and the front end gets an empty answer. */
    private static <T> T orElse(String what, Supplier<T> answer, T empty) {
        try {
            return answer.get();
        } catch (RuntimeException e) {
            LOG.warn("{} failed: {}", what, e.toString());
            return empty;
        }
    }

    @Override
    protected void handleIsCodeCompeteRequest(ShellReplyEnvironment env, Message<IsCompleteRequest> message) {
        env.setBusyDeferIdle();
        CompletenessChecker.Verdict verdict = orElse("is_complete", () -> completeness.check(message.getContent().getCode()),
                new CompletenessChecker.Verdict("unknown", null));
        Replies.send(env, MessageType.IS_COMPLETE_REPLY, Replies.isComplete(verdict.status(), verdict.indent()));
    }

    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        HistoryRequest request = message.getContent();
        env.setBusyDeferIdle();
        Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) {
            flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        }
        List<HistoryEntry> entries;
        switch (request.getAccessType()) {
            case RANGE: {
                HistoryRequest.Range range = (HistoryRequest.Range) request;
                entries = history.lookupRange(range.getSessionIndex(), range.getStart(), range.getStop(), flags);
                break;
            }
            case SEARCH: {
                HistoryRequest.Search search = (HistoryRequest.Search) request;
                if (search.filterUnique()) {
                    flags.add(HistoryManager.ResultFlag.UNIQUE);
                }
                entries = history.search(search.getPattern(), search.getMaxReturnLength(), flags);
                break;
            }
            default:
                entries = history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
        }
        Replies.send(env, MessageType.HISTORY_REPLY, Replies.history(entries));
    }

    @Override
    protected void handleShutdownRequest(ShellReplyEnvironment env, Message<ShutdownRequest> message) {
        boolean restart = message.getContent().isRestart();
        env.setBusyDeferIdle();
        Replies.send(env, MessageType.SHUTDOWN_REPLY, Replies.shutdown(restart));
        onShutdown(restart);
        env.resolveDeferrals();
        env.markForShutdown();
    }

    @Override
    protected void handleInterruptRequest(ShellReplyEnvironment env, Message<org.dflib.jjava.jupyter.messages.request.InterruptRequest> message) {
        env.setBusyDeferIdle();
        Replies.send(env, MessageType.INTERRUPT_REPLY, Replies.ok());
        interrupt();
    }

    /** Stops the running cell, whether asked by an interrupt_request or by SIGINT. */
    @Override
    public void interrupt() {
        if (evaluator.isDone()) {
            LOG.info("Interrupting the running cell");
            cells.interrupt();
        }
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        if (evaluator.isDone()) {
            evaluator.join().close();
        }
    }

    // BaseKernel's abstract entry points, used by jjava's generic handlers; Djinn's handlers above call the parts directly.

    @Override
    public Object evalRaw(String source) {
        CellResult result = evaluator.join().eval(source, executionCount.get());
        return result.hasValue() ? result.value() : null;
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        Documentation documentation = inspector.inspect(code, at);
        return documentation.isEmpty() ? null : new DisplayData(documentation.text());
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        Completion completion = completer.complete(code, at);
        return new ReplacementOptions(completion.matches(), completion.start(), completion.end());
    }

    @Override
    public String isComplete(String code) {
        CompletenessChecker.Verdict verdict = completeness.check(code);
        return "incomplete".equals(verdict.status()) ? verdict.indent() : verdict.status();
    }
}
