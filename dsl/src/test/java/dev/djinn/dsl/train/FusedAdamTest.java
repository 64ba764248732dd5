package dev.djinn.dsl.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The fused update against torch.optim.Adam's and AdamW's formulas, written out here in doubles. */
class FusedAdamTest {
    private static final float[] START = {0.5f, -1.0f, 2.0f, 0.0f};
    private static final float[] GRADIENT = {0.3f, -4.0f, 0.01f, 1.5f};

    @Test
    void adamFollowsPyTorchsFormulaWithDecayAddedToTheGradientAndClipping() {
        assertArrayEquals(expected(3, 1e-2, 0.1, 2.0, false), fusedSteps(3, 1e-2f, 0.1f, 2.0f, false), 1e-6f);
    }

    @Test
    void adamwShrinksTheWeightsApartFromTheGradientStep() {
        assertArrayEquals(expected(3, 1e-2, 0.1, 0, true), fusedSteps(3, 1e-2f, 0.1f, 0f, true), 1e-6f);
    }

    @Test
    void anArrayKeepsItsMomentsWhenOthersJoinAndLeaveBetweenSteps() {
        try (NDManager manager = NDManager.newBaseManager(); FusedAdam adam = new FusedAdam(0.1f, 2.0f, false, manager)) {
            NDArray weights = manager.create(START.clone());
            weights.setRequiresGradient(true);
            NDArray unfrozen = manager.create(new float[] {1f, 1f});
            unfrozen.setRequiresGradient(true);
            NDArray slope = manager.create(GRADIENT);
            for (int i = 0; i < 3; i++) {
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    collector.backward(weights.mul(slope).mul((i + 1) * (i + 1)).sum().add(unfrozen.mul(-3f).sum()));
                }
                // a layer unfrozen for the second step only, and put first: the sets differ in size and order
                adam.step(i == 1 ? List.of(unfrozen, weights) : List.of(weights), 1e-2f);
                unfrozen.getGradient().subi(unfrozen.getGradient());
            }
            assertArrayEquals(expected(3, 1e-2, 0.1, 2.0, false), weights.toFloatArray(), 1e-6f);
            // its one step from fresh moments: the first Adam step moves by the learning rate against the gradient (-2.9)
            assertArrayEquals(new float[] {1.01f, 1.01f}, unfrozen.toFloatArray(), 1e-6f);
        }
    }

    /** The weights after {@code steps} updates by the fused module, the gradient (t² × GRADIENT at step t) given by backward. */
    private static float[] fusedSteps(int steps, float rate, float decay, float clip, boolean decoupled) {
        try (NDManager manager = NDManager.newBaseManager(); FusedAdam adam = new FusedAdam(decay, clip, decoupled, manager)) {
            NDArray weights = manager.create(START.clone());
            weights.setRequiresGradient(true);
            NDArray frozen = manager.create(new float[] {7f});
            frozen.setRequiresGradient(true); // tracked, but never given a gradient: left as it is
            NDArray slope = manager.create(GRADIENT);
            for (int i = 0; i < steps; i++) {
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    // the gradient grows each step, so that clipping changes the update's direction-to-size ratio
                    collector.backward(weights.mul(slope).mul((i + 1) * (i + 1)).sum());
                }
                adam.step(List.of(weights, frozen), rate);
                assertArrayEquals(new float[4], weights.getGradient().toFloatArray(), "the gradient is zeroed after the step");
            }
            assertArrayEquals(new float[] {7f}, frozen.toFloatArray());
            return weights.toFloatArray();
        }
    }

    private static float[] expected(int steps, double rate, double decay, double clip, boolean decoupled) {
        double[] w = new double[START.length];
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = START[i];
        }
        for (int t = 1; t <= steps; t++) {
            for (int i = 0; i < w.length; i++) {
                double raw = GRADIENT[i] * (double) (t * t);
                double g = clip > 0 ? Math.max(-clip, Math.min(clip, raw)) : raw;
                if (decoupled) {
                    w[i] *= 1 - rate * decay;
                } else {
                    g += decay * w[i];
                }
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                double correction1 = 1 - Math.pow(0.9, t);
                double correction2 = 1 - Math.pow(0.999, t);
                w[i] -= rate / correction1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(correction2) + 1e-8);
            }
        }
        float[] result = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            result[i] = (float) w[i];
        }
        return result;
    }
}
