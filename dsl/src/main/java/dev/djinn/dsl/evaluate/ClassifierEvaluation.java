package dev.djinn.dsl.evaluate;

import dev.djinn.dsl.data.ClassNames;

import java.util.Arrays;
import java.util.List;

/**
 * How a classifier did on labelled data: loss, accuracy, top-k accuracy, per-class precision / recall / F1 with macro
 * and weighted averages, and the confusion matrix (rows: true class, columns: predicted class). Its text form is a
 * report.
 */
public final class ClassifierEvaluation implements Evaluation {
    private final List<String> classNames;
    private final long[][] confusion;
    private final int[] labelRanks;
    private final double loss;
    private final int count;

    public ClassifierEvaluation(List<String> classNames, int[] predicted, int[] actual, double loss) {
        this(classNames, predicted, actual, null, loss);
    }

    /** A classifier's evaluation; {@code labelRanks[i]}: how many classes scored above example i's true class. */
    public ClassifierEvaluation(List<String> classNames, int[] predicted, int[] actual, int[] labelRanks, double loss) {
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
    }

    /** The share of examples whose true class is among the {@code k} highest-scored. */
    @Override
    public double topK(int k) {
        if (labelRanks == null) {
            throw new IllegalStateException("topK(" + k + "): this evaluation has no class scores.");
        }
        long within = Arrays.stream(labelRanks).filter(rank -> rank < k).count();
        return count == 0 ? 0 : (double) within / count;
    }

    @Override
    public double loss() {
        return loss;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < confusion.length; c++) {
            correct += confusion[c][c];
        }
        return count == 0 ? 0 : (double) correct / count;
    }

    /** Counts of (true class, predicted class). */
    @Override
    public long[][] confusionMatrix() {
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /** Examples of class {@code c}. */
    @Override
    public long support(int c) {
        long total = 0;
        for (long n : confusion[c]) {
            total += n;
        }
        return total;
    }

    @Override
    public double precision(int c) {
        long predicted = 0;
        for (long[] row : confusion) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
    }

    @Override
    public double recall(int c) {
        long support = support(c);
        return support == 0 ? 0 : (double) confusion[c][c] / support;
    }

    @Override
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    @Override
    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < confusion.length; c++) {
            sum += f1(c);
        }
        return sum / confusion.length;
    }

    @Override
    public double weightedF1() {
        double sum = 0;
        for (int c = 0; c < confusion.length; c++) {
            sum += f1(c) * support(c);
        }
        return count == 0 ? 0 : sum / count;
    }

    @Override
    public String className(int c) {
        return ClassNames.of(classNames, c);
    }

    @Override
    public String toString() {
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
