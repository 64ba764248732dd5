package dev.djinn.dsl.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.djinn.dsl.text.Tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Texts with class labels, and the tokenizer that turns them into features: {@code texts(list, labels)},
 * {@code csv(path).text("text").label("label")}. Unless given one ({@code tokenizer(...)}), it learns a WordPiece
 * vocabulary from its own texts (from the train split's only, after {@code split}). A model with a pretrained encoder
 * ({@code bert(miniLM())}) tokenizes with the encoder's tokenizer instead.
 */
public final class TextData implements LabeledData {
    private final List<String> texts;
    private final int[] labels;
    private final List<String> classNames;
    private final TextEncoding encoding;
    private Tokenizer.Features features;

    TextData(List<String> texts, int[] labels, List<String> classNames, TextEncoding encoding) {
        this.texts = List.copyOf(texts);
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        this.encoding = encoding;
    }

    /** Texts with class labels 0, 1, …; class names "0", "1", …. */
    public static TextData of(List<String> texts, int[] labels) {
        requireSameCount(texts, labels.length);
        int classes = Arrays.stream(labels).max().orElse(-1) + 1;
        for (int label : labels) {
            if (label < 0) {
                throw new IllegalArgumentException("texts(texts, labels): label " + label + " is negative; labels are class numbers 0, 1, ….");
            }
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            names.add(String.valueOf(i));
        }
        return withLearnedTokenizer(texts, labels, names);
    }

    /** Texts with class names as labels; classes are numbered in the names' sorted order. */
    public static TextData of(List<String> texts, List<String> labels) {
        requireSameCount(texts, labels.size());
        List<String> names = new ArrayList<>(new TreeSet<>(labels));
        int[] numbers = labels.stream().mapToInt(names::indexOf).toArray();
        return withLearnedTokenizer(texts, numbers, names);
    }

    private static void requireSameCount(List<String> texts, int labels) {
        if (texts.size() != labels) {
            throw new IllegalArgumentException("texts(texts, labels): " + texts.size() + " texts but " + labels + " labels; give one label per text.");
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("texts(texts, labels): there are no texts.");
        }
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("texts(texts, labels): text " + i + " is missing (null); give every row a text.");
            }
        }
    }

    private static TextData withLearnedTokenizer(List<String> texts, int[] labels, List<String> names) {
        return new TextData(texts, labels, names, TextEncoding.learnedFrom(texts, Tokenizer.DEFAULT_MAX_LENGTH, false));
    }

    /** These texts tokenized with {@code tokenizer} (its maxLength included). */
    public TextData tokenizer(Tokenizer tokenizer) {
        return encoded(TextEncoding.of(tokenizer, encoding.bagOfWords()));
    }

    /** Texts cut at {@code tokens} tokens and padded to that (default 128). */
    public TextData maxLength(int tokens) {
        return encoded(encoding.maxLength(tokens));
    }

    /** Each text as a bag of words: 1 for every vocabulary token it has (for a linear baseline, {@code model().dense(n)}). */
    public TextData bagOfWords() {
        return encoded(encoding.asBagOfWords());
    }

    public Tokenizer tokenizer() {
        return encoding.tokenizer();
    }

    /** Tokens per text: texts are cut and padded to this many. */
    public int maxLength() {
        return encoding.maxLength();
    }

    /** Tokens the tokenizer knows: the vocabulary of an {@code embedding(...)} over these texts. */
    public int vocabularySize() {
        return tokenizer().vocabularySize();
    }

    public List<String> texts() {
        return texts;
    }

    /** How many texts each class has, by class name, in class order. */
    public Map<String, Integer> classCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        classNames.forEach(name -> counts.put(name, 0));
        for (int label : labels) {
            counts.merge(ClassNames.of(classNames, label), 1, Integer::sum);
        }
        return counts;
    }

    /** The class name of text {@code index}. */
    public String classNameOf(int index) {
        return ClassNames.of(classNames, labels[index]);
    }

    /** A seeded random {@code trainShare} of the texts to train on, the rest to test (seed 42); the vocabulary from the train texts. */
    public TextDataSet split(double trainShare) {
        return split(trainShare, Seed.DEFAULT);
    }

    /** A random {@code trainShare} to train on, chosen with {@code seed}; a learned vocabulary comes from the train texts only. */
    public TextDataSet split(double trainShare, long seed) {
        int trainRows = (int) Math.round(texts.size() * trainShare);
        if (!(trainShare > 0 && trainShare < 1) || trainRows < 1 || trainRows >= texts.size()) {
            throw new IllegalArgumentException("split(" + trainShare + ") of " + texts.size() + " texts leaves " + trainRows + " to train and "
                    + (texts.size() - trainRows) + " to test: give a share above 0 and below 1 that leaves texts on both sides.");
        }
        int[] order = Permutation.of(texts.size(), new Random(seed));
        TextData train = select(Arrays.copyOfRange(order, 0, trainRows));
        TextData test = select(Arrays.copyOfRange(order, trainRows, order.length));
        if (encoding.learned()) {
            TextEncoding fromTrain = encoding.learnedFrom(train.texts);
            train = train.encoded(fromTrain);
            test = test.encoded(fromTrain);
        }
        return new TextDataSet(train, test);
    }

    /** These texts encoded as a trained model encodes its inputs (its tokenizer, ids or bag of words). */
    public TextData encodedAs(TextEncoding other) {
        return other == encoding ? this : encoded(other);
    }

    TextData encoded(TextEncoding other) {
        return new TextData(texts, labels, classNames, other);
    }

    @Override
    public int size() {
        return texts.size();
    }

    @Override
    public Shape exampleShape() {
        return encoding.exampleShape();
    }

    private synchronized Tokenizer.Features features() {
        if (features == null) {
            features = encoding.encode(texts);
        }
        return features;
    }

    @Override
    public NDArray features(NDManager manager) {
        return manager.create(features().values(), new Shape(size()).addAll(exampleShape()));
    }

    @Override
    public NDArray labels(NDManager manager) {
        return manager.create(Arrays.stream(labels).asLongStream().toArray());
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public TextEncoding encoding() {
        return encoding;
    }

    @Override
    public String notice() {
        int cut = features().truncated();
        return cut == 0 ? "" : String.format("%,d of %,d texts were longer than %d tokens and were cut (maxLength(%d); longer costs time)",
                cut, size(), tokenizer().maxLength(), tokenizer().maxLength());
    }

    @Override
    public TextData select(int[] indices) {
        List<String> chosen = new ArrayList<>(indices.length);
        int[] chosenLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            chosen.add(texts.get(indices[i]));
            chosenLabels[i] = labels[indices[i]];
        }
        return new TextData(chosen, chosenLabels, classNames, encoding);
    }

    @Override
    public String toString() {
        return String.format("%,d texts, %d classes %s, %s", size(), classNames.size(), classNames, encoding);
    }
}
