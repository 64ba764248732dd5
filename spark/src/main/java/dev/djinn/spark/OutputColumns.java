package dev.djinn.spark;

import dev.djinn.dsl.model.Prediction;
import dev.djinn.dsl.serve.Predictor;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The columns a scoring adds after the DataFrame's own. A classifier: {@code prediction} (the class name),
 * {@code prediction_index} (its label), {@code probability} (of that class) and {@code probabilities} (of every class,
 * by label). Any other model: {@code prediction}, a number for one output, an array for several.
 */
final class OutputColumns implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String PREDICTION = "prediction";

    private final List<String> classNames;
    private final boolean classifies;
    private final int outputs;
    private final List<StructField> fields;

    private OutputColumns(List<String> classNames, boolean classifies, int outputs) {
        this.classNames = classNames;
        this.classifies = classifies;
        this.outputs = outputs;
        this.fields = classifies
                ? List.of(DataTypes.createStructField(PREDICTION, DataTypes.StringType, false),
                        DataTypes.createStructField("prediction_index", DataTypes.IntegerType, false),
                        DataTypes.createStructField("probability", DataTypes.FloatType, false),
                        DataTypes.createStructField("probabilities", DataTypes.createArrayType(DataTypes.FloatType, false), false))
                : List.of(DataTypes.createStructField(PREDICTION, outputs == 1 ? DataTypes.FloatType
                        : DataTypes.createArrayType(DataTypes.FloatType, false), false));
    }

    static OutputColumns of(Predictor model, int outputs) {
        boolean classifies = model.lossFunction() != null && model.lossFunction().classifies();
        return new OutputColumns(List.copyOf(model.classNames()), classifies, outputs);
    }

    /** The input schema with the prediction columns after it; a name already taken fails with a sentence. */
    StructType schema(StructType input) {
        StructType schema = input;
        for (StructField field : fields) {
            if (Arrays.asList(input.fieldNames()).contains(field.name())) {
                throw new SparkScoringException("The DataFrame already has a column \"" + field.name() + "\", which the scoring adds: rename or drop it first "
                        + "(rows.withColumnRenamed(\"" + field.name() + "\", \"" + field.name() + "_before\")).");
            }
            schema = schema.add(field);
        }
        return schema;
    }

    /** How many columns the scoring adds. */
    int width() {
        return fields.size();
    }

    /** The added values of one row, from the model's output for it. */
    void fill(float[] output, Object[] values, int at) {
        if (!classifies) {
            values[at] = outputs == 1 ? (Object) output[0] : boxed(output);
            return;
        }
        Prediction best = Prediction.best(output, classNames);
        values[at] = best.className();
        values[at + 1] = best.label();
        values[at + 2] = output[best.label()];
        values[at + 3] = boxed(output);
    }

    private static Float[] boxed(float[] output) {
        Float[] boxed = new Float[output.length];
        for (int i = 0; i < output.length; i++) {
            boxed[i] = output[i];
        }
        return boxed;
    }
}
