package dev.djinn.spark;

import dev.djinn.dsl.serve.Predictor;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.List;

/**
 * How rows of a DataFrame become a model's input rows, as the model's own encoding does it: checked on the driver
 * against the schema ({@link InputColumns}), applied on executors batch by batch.
 */
interface RowEncoding extends Serializable {
    /** The batch's examples one after the other, {@code exampleShape().size()} values each. */
    float[] encode(List<Row> rows, Predictor model);
}
