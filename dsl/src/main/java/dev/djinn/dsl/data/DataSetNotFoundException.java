package dev.djinn.dsl.data;

/** No folder with the data set's files was found; the message lists where Djinn looked and how to provide it. */
public final class DataSetNotFoundException extends RuntimeException {
    public DataSetNotFoundException(String message) {
        super(message);
    }
}
