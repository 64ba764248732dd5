package dev.djinn.dsl.data;

/** A table split into train and test rows, encoded with statistics from the train rows. */
public final class TableDataSet implements DataSet {
    private final ArrayData train;
    private final ArrayData test;
    private final TableEncoding encoding;

    TableDataSet(ArrayData train, ArrayData test, TableEncoding encoding) {
        this.train = train;
        this.test = test;
        this.encoding = encoding;
    }

    @Override
    public ArrayData train() {
        return train;
    }

    @Override
    public ArrayData test() {
        return test;
    }

    /** How the feature columns are turned into numbers. */
    public TableEncoding encoding() {
        return encoding;
    }

    @Override
    public String toString() {
        return train.size() + " train and " + test.size() + " test rows, " + encoding.width() + " features after encoding, "
                + (train.hasClassLabels() ? train.classNames().size() + " classes " + train.classNames() : "numeric target");
    }
}
