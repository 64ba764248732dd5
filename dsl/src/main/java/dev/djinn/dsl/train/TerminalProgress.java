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
    public void onBatch(BatchProgress p) {
        if (interactive) {
            long now = System.nanoTime();
            if (now - lastDraw < REDRAW_NANOS && p.samplesDone() < p.samplesTotal()) {
                return;
            }
            lastDraw = now;
            int filled = (int) ((long) BAR * p.samplesDone() / p.samplesTotal());
            out.print(String.format("\rEpoch %d/%d [%s%s] %d/%d  loss %.4f  accuracy %.4f  %.0f samples/s  ETA %.0fs ",
                    p.epoch(), p.epochs(), "=".repeat(filled), " ".repeat(BAR - filled), p.samplesDone(), p.samplesTotal(),
                    p.runningLoss(), p.runningAccuracy(), p.samplesPerSecond(), p.etaSeconds()));
            out.flush();
        } else {
            int tenth = (int) (10L * p.samplesDone() / p.samplesTotal());
            if (tenth != lastTenth && tenth < 10) {
                lastTenth = tenth;
                out.println(String.format("epoch %d/%d %3d%%  loss %.4f  accuracy %.4f  %.0f samples/s",
                        p.epoch(), p.epochs(), tenth * 10, p.runningLoss(), p.runningAccuracy(), p.samplesPerSecond()));
            }
        }
    }

    @Override
    public void onEpoch(EpochRecord r, int epochs) {
        lastTenth = -1;
        String validation = r.hasValidation()
                ? String.format("  val_loss %.4f  val_accuracy %.4f", r.validationLoss(), r.validationAccuracy()) : "";
        out.println(String.format("%sEpoch %d/%d  loss %.4f  accuracy %.4f%s  %.1fs  %.0f samples/s",
                interactive ? "\r" : "", r.epoch(), epochs, r.loss(), r.accuracy(), validation, r.seconds(), r.samplesPerSecond()));
    }
}
