package dev.djinn.dsl.evaluate;

import java.util.List;

/**
 * How a model did on labelled data: a {@link ClassifierEvaluation} (accuracy, per-class scores, confusion matrix) or
 * a {@link RegressionEvaluation} (MSE, MAE, R²). Switch on the two, or call the measures directly: a measure of the
 * other kind says which ones this evaluation has.
 */
public sealed interface Evaluation permits ClassifierEvaluation, RegressionEvaluation {
    double loss();

    /** Examples evaluated. */
    int count();

    /** Whether this evaluates a regression model (MSE, MAE, R²) rather than a classifier. */
    default boolean isRegression() {
        return this instanceof RegressionEvaluation;
    }

    static ClassifierEvaluation classifier(List<String> classNames, int[] predicted, int[] actual, int[] labelRanks, double loss) {
        return new ClassifierEvaluation(classNames, predicted, actual, labelRanks, loss);
    }

    static RegressionEvaluation regression(float[] outputs, float[] targets, int width, double loss) {
        return RegressionEvaluation.of(outputs, targets, width, loss);
    }

    /** The share of examples classified right (classifiers). */
    default double accuracy() {
        throw notAClassifier("accuracy");
    }

    /** The share of examples whose true class is among the {@code k} highest-scored (classifiers). */
    default double topK(int k) {
        throw notAClassifier("topK");
    }

    /** Counts of (true class, predicted class) (classifiers). */
    default long[][] confusionMatrix() {
        throw notAClassifier("confusionMatrix");
    }

    default long support(int c) {
        throw notAClassifier("support");
    }

    default double precision(int c) {
        throw notAClassifier("precision");
    }

    default double recall(int c) {
        throw notAClassifier("recall");
    }

    default double f1(int c) {
        throw notAClassifier("f1");
    }

    default double macroF1() {
        throw notAClassifier("macroF1");
    }

    default double weightedF1() {
        throw notAClassifier("weightedF1");
    }

    default String className(int c) {
        throw notAClassifier("className");
    }

    /** Mean squared error (regression). */
    default double mse() {
        throw notRegression("mse");
    }

    /** Mean absolute error (regression). */
    default double mae() {
        throw notRegression("mae");
    }

    /** Coefficient of determination: 1 is perfect, 0 is as good as predicting the mean (regression). */
    default double r2() {
        throw notRegression("r2");
    }

    private static IllegalStateException notAClassifier(String what) {
        return new IllegalStateException(what + "() measures a classifier; this evaluates regression: use mse(), mae(), r2().");
    }

    private static IllegalStateException notRegression(String what) {
        return new IllegalStateException(what + "() measures regression; this evaluates a classifier: use accuracy(), f1(c), confusionMatrix().");
    }
}
