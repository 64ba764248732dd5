package io.github.spencerpark.ijava;

import dev.djinn.kernel.Notebook;
import io.github.spencerpark.jupyter.kernel.display.Renderer;

/** The part of IJava's kernel object notebooks use: its renderer (the Djinn kernel's, under IJava's types). */
public final class JavaKernel {
    JavaKernel() {
    }

    public Renderer getRenderer() {
        return new Renderer(Notebook.renderer());
    }
}
