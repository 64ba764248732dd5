package io.github.spencerpark.jupyter.kernel.display;

/** IJava's render function: puts the forms of {@code data} the context asks for into its output. */
@FunctionalInterface
public interface RenderFunction<T> {
    void render(T data, RenderContext context);
}
