package dev.djinn.dsl.train;

import java.io.PrintStream;

/**
 * Progress in a terminal: one line redrawn in place with a bar when stdout is a terminal; plain log lines (no
 * carriage returns) when it is a file or a pipe, every tenth of an epoch.
 */
public final class TerminalProgress implements ProgressListener {
    private static final int BAR = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean interactive;
    private long lastDraw;
    private int lastTenth = -1;

    public TerminalProgress(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    public static TerminalProgress forStdout() {
        return new TerminalProgress(System.out, System.console() != null);
    }

    @Override
    public void onNotice(String notice) {
        out.println(notice);
    }

    @Override
    public void onStart(int epochs, String validatedOn) {
        if (!validatedOn.isEmpty()) {
            out.println("validation on " + validatedOn);
        }
    }

    @Override
    public void onBatch(BatchProgress p) {
        if (interactive) {
            long now = System.nanoTime();
            if (now - lastDraw < REDRAW_NANOS && p.samplesDone() < p.samplesTotal()) {
                return;
            }
            lastDraw = now;
            int filled = (int) ((long) BAR * p.samplesDone() / p.samplesTotal());
            out.print(String.format("\rEpoch %d/%d [%s%s] %d/%d  %s  %.0f samples/s  ETA %.0fs ",
                    p.epoch(), p.epochs(), "=".repeat(filled), " ".repeat(BAR - filled), p.samplesDone(), p.samplesTotal(),
                    p.lossAndMetrics(), p.samplesPerSecond(), p.etaSeconds()));
            out.flush();
        } else {
            int tenth = (int) (10L * p.samplesDone() / p.samplesTotal());
            if (tenth != lastTenth && tenth < 10) {
                lastTenth = tenth;
                out.println(String.format("epoch %d/%d %3d%%  %s  %.0f samples/s",
                        p.epoch(), p.epochs(), tenth * 10, p.lossAndMetrics(), p.samplesPerSecond()));
            }
        }
    }

    @Override
    public void onEpoch(EpochRecord r, int epochs) {
        lastTenth = -1;
        String validation = r.hasValidation() ? "  " + MetricText.of("val_", r.validationLoss(), r.validationMetrics()) : "";
        out.println(String.format("%sEpoch %d/%d  %s%s  %.1fs  %.0f samples/s%s",
                interactive ? "\r" : "", r.epoch(), epochs, MetricText.of("", r.loss(), r.metrics()), validation, r.seconds(),
                r.samplesPerSecond(), interactive ? " ".repeat(10) : ""));
    }
}
