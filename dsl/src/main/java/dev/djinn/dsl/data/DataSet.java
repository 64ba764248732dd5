package dev.djinn.dsl.data;

/** A train split and a test split: {@code mnist()}, {@code csv(path).label("y").split(0.8)}. */
public interface DataSet {
    LabeledData train();

    LabeledData test();
}
