package dev.djinn.dsl.model;

import ai.djl.nn.Block;

import java.util.function.Supplier;

/** One layer as the user asked for it ("dense(128)") and how to build its DJL block. */
public record Layer(String description, Supplier<Block> block) {
    @Override
    public String toString() {
        return description;
    }
}
