package dev.djinn.dsl.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic between a tensor and a number that gradients can go through. DJL's {@code x.mul(2f)} (also {@code div},
 * {@code pow}, {@code maximum}, {@code minimum}) wraps the number in a tensor over a Java direct buffer and closes it
 * after the call. PyTorch's autograd keeps that tensor for the backward pass (the gradient of x·c is c), but once it is
 * closed nothing on the Java side holds the buffer: a garbage collection frees it and backward reads freed memory.
 * Wrong gradients and NaN losses followed, at random (a transformer, BERT fine-tuning). Here the number is a tensor
 * PyTorch allocates itself (torch.full), which autograd's reference keeps alive.
 */
public final class Scalars {
    private Scalars() {
    }

    /** x · n. */
    public static NDArray mul(NDArray x, float n) {
        try (NDArray c = like(x, n)) {
            return x.mul(c);
        }
    }

    /** x / n. */
    public static NDArray div(NDArray x, float n) {
        try (NDArray c = like(x, n)) {
            return x.div(c);
        }
    }

    /** The larger of x and n, element by element. */
    public static NDArray maximum(NDArray x, float n) {
        try (NDArray c = like(x, n)) {
            return x.maximum(c);
        }
    }

    /** n as a 0-dimensional tensor of x's type on x's device, in memory PyTorch owns. */
    public static NDArray like(NDArray x, float n) {
        NDArray c = x.getManager().full(new Shape(), n, x.getDataType());
        if (c.getDevice().equals(x.getDevice())) {
            return c;
        }
        try (c) {
            return c.toDevice(x.getDevice(), true);
        }
    }
}
