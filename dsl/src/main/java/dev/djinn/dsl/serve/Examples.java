package dev.djinn.dsl.serve;

/** The examples of one request as the model takes them: {@code count} rows laid one after the other. */
record Examples(float[] rows, int count) {
}
