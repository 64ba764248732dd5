package dev.djinn.dsl.evaluate;

/**
 * How a regression model did on labelled data: loss, mean squared and absolute error and R² over every target value
 * ({@code width} values per example).
 */
public record RegressionEvaluation(double mse, double mae, double r2, int width, int count, double loss) implements Evaluation {
    /** From the model's outputs and the targets, {@code width} values per example, one after the other. */
    public static RegressionEvaluation of(float[] outputs, float[] targets, int width, double loss) {
        double mean = 0;
        for (float target : targets) {
            mean += target;
        }
        mean /= targets.length;
        double squares = 0;
        double absolute = 0;
        double total = 0;
        for (int i = 0; i < targets.length; i++) {
            double error = outputs[i] - targets[i];
            squares += error * error;
            absolute += Math.abs(error);
            total += (targets[i] - mean) * (targets[i] - mean);
        }
        double r2 = total == 0 ? Double.NaN : 1 - squares / total;
        return new RegressionEvaluation(squares / targets.length, absolute / targets.length, r2, width, targets.length / width, loss);
    }

    @Override
    public String toString() {
        return String.format("mse %.4f  mae %.4f  r2 %.4f  loss %.4f  (%d examples%s)%n", mse, mae, r2, loss, count,
                width > 1 ? ", " + width + " targets each" : "");
    }
}
