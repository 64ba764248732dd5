package dev.djinn.dsl.model;

import ai.djl.Device;
import dev.djinn.dsl.device.EngineThreads;
import dev.djinn.dsl.device.OneThreadWorker;
import dev.djinn.dsl.train.PoliteInterrupts;

import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many PyTorch threads a training run on the CPU uses: one when a step is small (a forward pass under
 * {@link #SMALL_STEP_FLOPS}), where a second thread costs more in hand-offs and spinning than it computes (measured: an
 * MLP 784-128-10 at batch 64 trains 25–40% faster on one thread of two cores; the CNN of tutorial 3 at batch 64, 25–40%
 * slower), else the default. Decided from the model and the batch size alone, never by timing, so that a seed
 * repeats a run to the last bit. One thread means {@link OneThreadWorker}'s: the caller's own count never changes.
 */
final class TrainingThreads {
    /** Multiply-adds ×2 of one batch's forward pass below which one thread is faster. */
    static final double SMALL_STEP_FLOPS = 32e6;
    private static final Pattern FIRST_SHAPE = Pattern.compile("\\(([\\d, ]+)\\)");

    private TrainingThreads() {
    }

    /**
     * Whether a step is small enough for one thread: on the CPU alone, under {@link #SMALL_STEP_FLOPS}, and the user
     * has not chosen a thread count ({@code %gpu threads N}).
     */
    static boolean oneThread(Summary summary, int batchSize, List<Device> devices) {
        boolean cpuOnly = devices.size() == 1 && !devices.get(0).isGpu();
        return cpuOnly && !EngineThreads.chosenByUser() && forwardFlops(summary, batchSize) < SMALL_STEP_FLOPS;
    }

    /**
     * Runs {@code training} on the one-thread worker when {@code oneThread}, else here. The calling thread stays the
     * one an interrupt is aimed at (a notebook's stop button): it is marked as answering interrupts, and passes them on.
     */
    static <T> T run(boolean oneThread, Supplier<T> training) {
        return oneThread ? PoliteInterrupts.run(() -> OneThreadWorker.call(training)) : training.get();
    }

    /**
     * About 2 × parameters × positions summed over the layers, positions being where a layer's weights are applied:
     * height × width of an image output (C, H, W), the length of a sequence output (T, D), one otherwise.
     */
    static double forwardFlops(Summary summary, int batchSize) {
        double flops = 0;
        for (Summary.Row row : summary.rows()) {
            if (row.parameters() > 0) {
                flops += 2.0 * row.parameters() * positions(row.outputShape());
            }
        }
        return flops * batchSize;
    }

    private static double positions(String outputShape) {
        Matcher first = FIRST_SHAPE.matcher(outputShape);
        if (!first.find()) {
            return 1;
        }
        String[] parts = first.group(1).split(",\\s*");
        // the first number is the batch of one the summary was computed for
        long[] dims = new long[parts.length - 1];
        for (int i = 1; i < parts.length; i++) {
            dims[i - 1] = Long.parseLong(parts[i].trim());
        }
        return switch (dims.length) {
            case 3 -> dims[1] * dims[2];
            case 2 -> dims[0];
            default -> 1;
        };
    }
}
