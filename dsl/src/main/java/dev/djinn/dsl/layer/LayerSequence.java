package dev.djinn.dsl.layer;

import java.util.List;

/** Layers one after the other, such as a sequential model's: what {@code residual(...)} wraps. */
public interface LayerSequence {
    List<LayerSpec> layerSpecs();
}
