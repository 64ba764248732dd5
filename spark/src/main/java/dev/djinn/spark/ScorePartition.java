package dev.djinn.spark;

import dev.djinn.dsl.device.EngineThreads;
import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.model.ModelFileException;
import dev.djinn.dsl.serve.Predictor;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Queue;

/**
 * What each task runs: loads the model once for its partition (its own NDManager, closed when the partition is
 * done or the task ends), then scores the rows as they stream by, {@code batchSize} at a time, with as many PyTorch
 * threads as Spark gave the task ({@link EngineThreads}).
 */
final class ScorePartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final ModelSource source;
    private final RowEncoding input;
    private final OutputColumns output;
    private final int batchSize;

    ScorePartition(ModelSource source, RowEncoding input, OutputColumns output, int batchSize) {
        this.source = source;
        this.input = input;
        this.output = output;
        this.batchSize = batchSize;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        if (!rows.hasNext()) {
            return rows;
        }
        Model model;
        try {
            model = Model.load(source.onExecutor());
        } catch (ModelFileException e) {
            throw new SparkScoringException(e.getMessage() + " (on " + ModelSource.executor() + ")", e);
        }
        TaskContext task = TaskContext.get();
        // as many PyTorch threads as Spark gave the task, so that the tasks of an executor share its cores
        ScoredRows scored = new ScoredRows(rows, model, EngineThreads.use(task == null ? 1 : task.cpus()));
        if (task != null) {
            task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) context -> scored.close());
        }
        return scored;
    }

    private final class ScoredRows implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final Model model;
        private final Predictor predictor;
        private final Queue<Row> ready = new ArrayDeque<>();
        private final EngineThreads threads;
        private boolean closed;

        ScoredRows(Iterator<Row> rows, Model model, EngineThreads threads) {
            this.rows = rows;
            this.model = model;
            this.threads = threads;
            this.predictor = model.predictor();
        }

        @Override
        public boolean hasNext() {
            if (ready.isEmpty() && !closed) {
                if (rows.hasNext()) {
                    scoreNextBatch();
                } else {
                    close();
                }
            }
            return !ready.isEmpty();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.remove();
        }

        private void scoreNextBatch() {
            List<Row> batch = new ArrayList<>(batchSize);
            while (batch.size() < batchSize && rows.hasNext()) {
                batch.add(rows.next());
            }
            float[][] outputs;
            try {
                float[] examples = input.encode(batch, predictor);
                if (batch.size() == 1) {
                    // one row alone takes PyTorch's matrix-vector kernel, whose sums round differently in the last bit:
                    // beside a copy of itself it is computed as in any batch, as predict computes it in one JVM
                    examples = Arrays.copyOf(examples, examples.length * 2);
                    System.arraycopy(examples, 0, examples, examples.length / 2, examples.length / 2);
                }
                outputs = predictor.predictRows(examples, Math.max(2, batch.size()));
            } catch (IllegalArgumentException e) {
                throw new SparkScoringException("Scoring failed on " + ModelSource.executor() + ": " + e.getMessage(), e);
            }
            for (int i = 0; i < batch.size(); i++) {
                Row row = batch.get(i);
                Object[] values = new Object[row.length() + output.width()];
                for (int c = 0; c < row.length(); c++) {
                    values[c] = row.get(c);
                }
                output.fill(outputs[i], values, row.length());
                ready.add(RowFactory.create(values));
            }
        }

        synchronized void close() {
            if (!closed) {
                closed = true;
                model.close();
                threads.close();
            }
        }
    }
}
