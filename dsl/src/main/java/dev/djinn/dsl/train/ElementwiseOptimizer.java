package dev.djinn.dsl.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Optimizers whose fused update DJL's PyTorch engine lacks (nag, rmsprop and adagrad updates throw "Not
 * implemented" there), written with plain tensor operations. Gradients are rescaled, clipped and given the weight
 * decay first, as DJL's own optimizers do; temporaries live in a scratch manager closed after each update.
 */
abstract class ElementwiseOptimizer extends Optimizer {
    private final LearningRate rate;
    /** Momentum (sgd with Nesterov, rmsprop); 0 for none. */
    protected final float momentum;
    private final Map<String, Map<Device, NDArray>> state = new ConcurrentHashMap<>();

    ElementwiseOptimizer(LearningRate rate, float momentum, float weightDecay, float clip) {
        super(new Settings().optWeightDecays(weightDecay).optClipGrad(clip));
        this.rate = rate;
        this.momentum = momentum;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        float learningRate = rate.getNewValue(updateCount(parameterId));
        // PyTorch records by default on threads other than the engine's first, and refuses in-place updates of
        // weights while recording
        boolean recording = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager scratch = weight.getManager().newSubManager()) {
            NDArray g = keep(scratch, grad.mul(rescaleGrad));
            if (clipGrad > 0) {
                g = keep(scratch, g.clip(-clipGrad, clipGrad));
            }
            if (getWeightDecay() > 0) {
                g = keep(scratch, g.add(keep(scratch, weight.mul(getWeightDecay()))));
            }
            apply(parameterId, weight, g, learningRate, scratch);
        } finally {
            JniUtils.setGradMode(recording);
        }
    }

    /** Updates {@code weight} in place from the preprocessed gradient {@code g}. */
    abstract void apply(String parameterId, NDArray weight, NDArray g, float learningRate, NDManager scratch);

    /** Per-parameter state (velocity, squared-gradient average), created on first use with {@code initial}. */
    NDArray state(String name, String parameterId, NDArray weight, float initial) {
        return withDefaultState(state, name + ":" + parameterId, weight.getDevice(),
                k -> weight.zerosLike().addi(initial));
    }

    static NDArray keep(NDManager scratch, NDArray temporary) {
        temporary.attach(scratch);
        return temporary;
    }

    private static final class Settings extends OptimizerBuilder<Settings> {
        @Override
        protected Settings self() {
            return this;
        }
    }

    /** SGD with Nesterov momentum, as PyTorch computes it: v = m·v + g; w -= lr·(g + m·v). */
    static final class Nesterov extends ElementwiseOptimizer {
        Nesterov(LearningRate rate, float momentum, float weightDecay, float clip) {
            super(rate, momentum, weightDecay, clip);
        }

        @Override
        void apply(String id, NDArray weight, NDArray g, float learningRate, NDManager scratch) {
            NDArray velocity = state("velocity", id, weight, 0f);
            velocity.muli(momentum).addi(g);
            weight.subi(keep(scratch, keep(scratch, velocity.mul(momentum)).add(g)).muli(learningRate));
        }
    }

    /** RMSprop (Keras' defaults: rho 0.9, epsilon 1e-7), with optional momentum. */
    static final class RmsProp extends ElementwiseOptimizer {
        private static final float RHO = 0.9f;
        private static final float EPSILON = 1e-7f;
        RmsProp(LearningRate rate, float momentum, float weightDecay, float clip) {
            super(rate, momentum, weightDecay, clip);
        }

        @Override
        void apply(String id, NDArray weight, NDArray g, float learningRate, NDManager scratch) {
            NDArray meanSquare = state("meanSquare", id, weight, 0f);
            meanSquare.muli(RHO).addi(keep(scratch, keep(scratch, g.square()).muli(1 - RHO)));
            NDArray step = keep(scratch, g.div(keep(scratch, keep(scratch, meanSquare.sqrt()).addi(EPSILON))));
            if (momentum > 0) {
                NDArray buffer = state("momentum", id, weight, 0f);
                buffer.muli(momentum).addi(step);
                step = buffer;
            }
            weight.subi(keep(scratch, step.mul(learningRate)));
        }
    }

    /** Adagrad (Keras' defaults: initial accumulator 0.1, epsilon 1e-7). */
    static final class Adagrad extends ElementwiseOptimizer {
        private static final float EPSILON = 1e-7f;

        Adagrad(LearningRate rate, float weightDecay, float clip) {
            super(rate, 0, weightDecay, clip);
        }

        @Override
        void apply(String id, NDArray weight, NDArray g, float learningRate, NDManager scratch) {
            NDArray sum = state("sumSquares", id, weight, 0.1f);
            sum.addi(keep(scratch, g.square()));
            weight.subi(keep(scratch, keep(scratch, g.div(keep(scratch, keep(scratch, sum.sqrt()).addi(EPSILON)))).muli(learningRate)));
        }
    }
}
