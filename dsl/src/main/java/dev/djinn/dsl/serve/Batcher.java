package dev.djinn.dsl.serve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Dynamic batching, as TorchServe and Triton do it: requests that arrive together are answered by one forward pass.
 * A worker takes the oldest request, adds those already waiting, and waits up to {@code maxWait} for more only
 * while other requests are still being read; so a lone request is never delayed and a busy server runs large
 * batches. Several workers run forward passes at once on the shared model, without a lock.
 */
final class Batcher implements AutoCloseable {
    private record Job(Examples examples, CompletableFuture<float[][]> answer) {
    }

    private final Predictor model;
    private final ServeMetrics metrics;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger arriving = new AtomicInteger();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    Batcher(Predictor model, ServeOptions options, ServeMetrics metrics) {
        this.model = model;
        this.metrics = metrics;
        this.maxBatch = options.maxBatch();
        this.maxWaitNanos = options.maxWait().toNanos();
        for (int i = 0; i < options.inferenceThreads(); i++) {
            Thread worker = new Thread(this::work, "djinn-serve-batch-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /** A request has started to arrive: a forming batch may wait for it. */
    void expect() {
        arriving.incrementAndGet();
    }

    /** A request that was expected will not come (its body was refused). */
    void giveUp() {
        arriving.decrementAndGet();
    }

    /** The answers for an expected request's examples, once a forward pass has run them. */
    CompletableFuture<float[][]> submit(Examples examples) {
        CompletableFuture<float[][]> answer = new CompletableFuture<>();
        arriving.decrementAndGet(); // before queueing: a forming batch must not wait for a request already in it
        if (closed) {
            answer.completeExceptionally(new RequestProblem(503, "The server is stopping."));
        } else {
            queue.add(new Job(examples, answer));
        }
        return answer;
    }

    private void work() {
        Job carried = null;
        try {
            while (!closed) {
                Job first = carried != null ? carried : queue.take();
                carried = null;
                List<Job> batch = new ArrayList<>();
                batch.add(first);
                int size = first.examples().count();
                long deadline = System.nanoTime() + maxWaitNanos;
                while (size < maxBatch) {
                    Job next = queue.poll();
                    if (next == null) {
                        long left = deadline - System.nanoTime();
                        if (arriving.get() == 0 || left <= 0 || (next = queue.poll(left, TimeUnit.NANOSECONDS)) == null) {
                            break;
                        }
                    }
                    if (size + next.examples().count() > maxBatch) {
                        carried = next;
                        break;
                    }
                    batch.add(next);
                    size += next.examples().count();
                }
                run(batch, size);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (carried != null) {
                carried.answer().completeExceptionally(new RequestProblem(503, "The server is stopping."));
            }
        }
    }

    private void run(List<Job> batch, int size) {
        try {
            float[] rows = batch.size() == 1 ? batch.get(0).examples().rows() : joined(batch, size);
            float[][] answers = model.predictRows(rows, size);
            metrics.batch(size);
            int at = 0;
            for (Job job : batch) {
                int count = job.examples().count();
                job.answer().complete(Arrays.copyOfRange(answers, at, at + count));
                at += count;
            }
        } catch (RuntimeException | Error e) {
            batch.forEach(job -> job.answer().completeExceptionally(e));
        }
    }

    private static float[] joined(List<Job> batch, int size) {
        int width = batch.get(0).examples().rows().length / batch.get(0).examples().count();
        float[] rows = new float[size * width];
        int at = 0;
        for (Job job : batch) {
            float[] part = job.examples().rows();
            System.arraycopy(part, 0, rows, at, part.length);
            at += part.length;
        }
        return rows;
    }

    /** Stops the workers; requests still waiting are answered 503. */
    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
        for (Job job; (job = queue.poll()) != null; ) {
            job.answer().completeExceptionally(new RequestProblem(503, "The server is stopping."));
        }
    }
}
