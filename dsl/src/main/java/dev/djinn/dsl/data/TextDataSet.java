package dev.djinn.dsl.data;

import dev.djinn.dsl.text.Tokenizer;

import java.util.List;

/** Texts split into train and test, tokenized alike: {@code csv(path).text("text").label("label").split(0.8)}. */
public final class TextDataSet implements DataSet {
    private final TextData train;
    private final TextData test;

    TextDataSet(TextData train, TextData test) {
        this.train = train;
        this.test = test;
    }

    @Override
    public TextData train() {
        return train;
    }

    @Override
    public TextData test() {
        return test;
    }

    /** Both splits tokenized with {@code tokenizer}. */
    public TextDataSet tokenizer(Tokenizer tokenizer) {
        return new TextDataSet(train.tokenizer(tokenizer), test.tokenizer(tokenizer));
    }

    /** Both splits cut at {@code tokens} tokens and padded to that. */
    public TextDataSet maxLength(int tokens) {
        return tokenizer(tokenizer().maxLength(tokens));
    }

    /** Both splits as bags of words over the tokenizer's vocabulary. */
    public TextDataSet bagOfWords() {
        return new TextDataSet(train.bagOfWords(), test.bagOfWords());
    }

    public Tokenizer tokenizer() {
        return train.tokenizer();
    }

    public int vocabularySize() {
        return train.vocabularySize();
    }

    public List<String> classNames() {
        return train.classNames();
    }

    @Override
    public String toString() {
        return String.format("text data: %,d to train, %,d to test, %d classes %s, %s", train.size(), test.size(),
                train.classNames().size(), train.classNames(), train.encoding());
    }
}
