package dev.djinn.dsl.evaluate;

import java.util.List;

/**
 * How a classifier did on labelled data: loss, accuracy, per-class precision / recall / F1 with macro and weighted
 * averages, and the confusion matrix (rows: true class, columns: predicted class). Its text form is a report.
 */
public final class Evaluation {
    private final List<String> classNames;
    private final long[][] confusion;
    private final double loss;
    private final int count;

    public Evaluation(List<String> classNames, int[] predicted, int[] actual, double loss) {
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
    }

    public double loss() {
        return loss;
    }

    public int count() {
        return count;
    }

    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < confusion.length; c++) {
            correct += confusion[c][c];
        }
        return count == 0 ? 0 : (double) correct / count;
    }

    /** Counts of (true class, predicted class). */
    public long[][] confusionMatrix() {
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
        int width = Math.max(12, classNames.stream().mapToInt(String::length).max().orElse(0) + 2);
        StringBuilder text = new StringBuilder(String.format("accuracy %.4f  loss %.4f  (%d examples)%n%n", accuracy(), loss, count));
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
