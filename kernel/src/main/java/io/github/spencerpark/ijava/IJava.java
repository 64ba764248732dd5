package io.github.spencerpark.ijava;

/**
 * IJava's entry point as IJava notebooks call it ({@code IJava.getKernelInstance().getRenderer()…}), so that they run
 * unchanged on Djinn: the renderer is the Djinn kernel's own.
 */
public final class IJava {
    private static final JavaKernel KERNEL = new JavaKernel();

    private IJava() {
    }

    public static JavaKernel getKernelInstance() {
        return KERNEL;
    }
}
