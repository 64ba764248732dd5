package dev.djinn.dsl.evaluate;

import java.util.List;

/**
 * How a model did on labelled data. For a classifier: loss, accuracy, top-k accuracy, per-class precision / recall /
 * F1 with macro and weighted averages, and the confusion matrix (rows: true class, columns: predicted class). For
 * regression: loss, MSE, MAE and R². Its text form is a report.
 */
public final class Evaluation {
    private final List<String> classNames;
    private final long[][] confusion;
    private final int[] labelRanks;
    private final double loss;
    private final int count;
    private final Regression regression;

    /** Mean squared and absolute error and R² over every target value. */
    private record Regression(double mse, double mae, double r2, int width) {
    }

    public Evaluation(List<String> classNames, int[] predicted, int[] actual, double loss) {
        this(classNames, predicted, actual, null, loss);
    }

    /** A classifier's evaluation; {@code labelRanks[i]}: how many classes scored above example i's true class. */
    public Evaluation(List<String> classNames, int[] predicted, int[] actual, int[] labelRanks, double loss) {
        int classes = classNames.size();
        for (int label : actual) {
            classes = Math.max(classes, label + 1);
        }
        for (int label : predicted) {
            classes = Math.max(classes, label + 1);
        }
        this.classNames = classNames;
        this.confusion = new long[classes][classes];
        for (int i = 0; i < actual.length; i++) {
            confusion[actual[i]][predicted[i]]++;
        }
        this.loss = loss;
        this.count = actual.length;
        this.labelRanks = labelRanks;
        this.regression = null;
    }

    private Evaluation(Regression regression, int count, double loss) {
        this.classNames = List.of();
        this.confusion = new long[0][0];
        this.labelRanks = null;
        this.loss = loss;
        this.count = count;
        this.regression = regression;
    }

    /** A regression model's evaluation from its outputs and the targets, {@code width} values per example. */
    public static Evaluation regression(float[] outputs, float[] targets, int width, double loss) {
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
        return new Evaluation(new Regression(squares / targets.length, absolute / targets.length, r2, width),
                targets.length / width, loss);
    }

    /** Whether this evaluates a regression model (MSE, MAE, R²) rather than a classifier. */
    public boolean isRegression() {
        return regression != null;
    }

    /** Mean squared error (regression). */
    public double mse() {
        return requireRegression("mse").mse();
    }

    /** Mean absolute error (regression). */
    public double mae() {
        return requireRegression("mae").mae();
    }

    /** Coefficient of determination: 1 is perfect, 0 is as good as predicting the mean (regression). */
    public double r2() {
        return requireRegression("r2").r2();
    }

    private Regression requireRegression(String what) {
        if (regression == null) {
            throw new IllegalStateException(what + "() measures regression; this evaluates a classifier: use accuracy(), f1(c), confusionMatrix().");
        }
        return regression;
    }

    private void requireClassifier(String what) {
        if (regression != null) {
            throw new IllegalStateException(what + "() measures a classifier; this evaluates regression: use mse(), mae(), r2().");
        }
    }

    /** The share of examples whose true class is among the {@code k} highest-scored. */
    public double topK(int k) {
        requireClassifier("topK");
        if (labelRanks == null) {
            throw new IllegalStateException("topK(" + k + "): this evaluation has no class scores.");
        }
        long within = java.util.Arrays.stream(labelRanks).filter(rank -> rank < k).count();
        return count == 0 ? 0 : (double) within / count;
    }

    public double loss() {
        return loss;
    }

    public int count() {
        return count;
    }

    public double accuracy() {
        requireClassifier("accuracy");
        long correct = 0;
        for (int c = 0; c < confusion.length; c++) {
            correct += confusion[c][c];
        }
        return count == 0 ? 0 : (double) correct / count;
    }

    /** Counts of (true class, predicted class). */
    public long[][] confusionMatrix() {
        requireClassifier("confusionMatrix");
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /** Examples of class {@code c}. */
    public long support(int c) {
        long total = 0;
        for (long n : confusion[c]) {
            total += n;
        }
        return total;
    }

    public double precision(int c) {
        long predicted = 0;
        for (long[] row : confusion) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
    }

    public double recall(int c) {
        long support = support(c);
        return support == 0 ? 0 : (double) confusion[c][c] / support;
    }

    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < confusion.length; c++) {
            sum += f1(c);
        }
        return sum / confusion.length;
    }

    public double weightedF1() {
        double sum = 0;
        for (int c = 0; c < confusion.length; c++) {
            sum += f1(c) * support(c);
        }
        return count == 0 ? 0 : sum / count;
    }

    public String className(int c) {
        return c < classNames.size() ? classNames.get(c) : String.valueOf(c);
    }

    @Override
    public String toString() {
        if (regression != null) {
            return String.format("mse %.4f  mae %.4f  r2 %.4f  loss %.4f  (%d examples%s)%n", regression.mse(), regression.mae(),
                    regression.r2(), loss, count, regression.width() > 1 ? ", " + regression.width() + " targets each" : "");
        }
        int width = Math.max(12, classNames.stream().mapToInt(String::length).max().orElse(0) + 2);
        String top = labelRanks != null && confusion.length > 5 ? String.format("  top5 %.4f", topK(5)) : "";
        StringBuilder text = new StringBuilder(String.format("accuracy %.4f%s  loss %.4f  (%d examples)%n%n", accuracy(), top, loss, count));
        text.append(String.format("%-" + width + "s %9s %9s %9s %8s%n", "class", "precision", "recall", "f1", "support"));
        double macroP = 0;
        double macroR = 0;
        for (int c = 0; c < confusion.length; c++) {
            text.append(String.format("%-" + width + "s %9.4f %9.4f %9.4f %8d%n", className(c), precision(c), recall(c), f1(c), support(c)));
            macroP += precision(c);
            macroR += recall(c);
        }
        text.append(String.format("%-" + width + "s %9.4f %9.4f %9.4f %8d%n", "macro avg", macroP / confusion.length,
                macroR / confusion.length, macroF1(), count));
        text.append(String.format("%-" + width + "s %9s %9s %9.4f %8d%n", "weighted avg", "", "", weightedF1(), count));
        return text.toString();
    }
}
