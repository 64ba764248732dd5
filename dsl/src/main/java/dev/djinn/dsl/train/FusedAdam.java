package dev.djinn.dsl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Adam and AdamW as PyTorch's fused kernel computes them: one vectorized pass per parameter (torch._fused_adam_),
 * where DJL's update takes about eleven tensor operations per parameter with a temporary for most (an MLP
 * 784-128-10's update: ~90 µs instead of ~260 µs a step). DJL cannot call that operator, so a small TorchScript
 * module does ({@code fused_adam.pt}, written by {@code src/main/torchscript/fused_adam.py}); libtorch compiles its
 * code when it loads it. The update is torch.optim.Adam's / AdamW's (epsilon after the bias correction), with the
 * gradients clipped to [-clip, clip] first when asked; the gradients are zeroed after the step, as DJL's update does.
 *
 * <p>Moments and step counts live here, one set per parameter array, and carry over from one {@code train} to the next.
 */
final class FusedAdam implements AutoCloseable {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;
    private static PtSymbolBlock module;

    private final float weightDecay;
    private final float clip;
    private final NDManager stateManager;
    private final IValue decoupledFlag;
    /** The arrays the last step was given, to notice a change (a layer frozen or unfrozen between runs). */
    private final List<NDArray> given = new ArrayList<>();
    /** Those of them updated (the ones with a gradient when they were first given), with their state. */
    private List<Slot> slots = List.of();
    private List<IValue> lists = List.of();

    /** @param decoupled AdamW (the weights shrink by lr × decay) rather than Adam (decay added to the gradient) */
    FusedAdam(float weightDecay, float clip, boolean decoupled, NDManager parent) {
        this.weightDecay = weightDecay;
        this.clip = clip;
        this.stateManager = parent.newSubManager();
        this.decoupledFlag = IValue.from(decoupled);
    }

    /** Whether {@code array} can be updated here (a PyTorch tensor). */
    static boolean supports(NDArray array) {
        return array instanceof PtNDArray;
    }

    /** One step over {@code parameters} (the trainable arrays, in a stable order) at {@code learningRate}. */
    void step(List<NDArray> parameters, float learningRate) {
        if (!sameArrays(parameters)) {
            given.clear();
            given.addAll(parameters);
            // a parameter the forward pass does not use has no gradient, and the fused kernel cannot take one without
            track(parameters.stream().filter(FusedAdam::hasGradient).toList());
        }
        IValue hyper = IValue.listFrom(learningRate, BETA1, BETA2, EPSILON, weightDecay, clip);
        try {
            IValue[] inputs = {lists.get(0), lists.get(1), lists.get(2), lists.get(3), hyper, decoupledFlag};
            module().forward(inputs).close();
        } finally {
            hyper.close();
        }
    }

    /** Moments for arrays seen for the first time (zero, as a new optimizer's), kept for those seen before. */
    private void track(List<NDArray> parameters) {
        List<Slot> next = new ArrayList<>();
        for (NDArray parameter : parameters) {
            next.add(slots.stream().filter(slot -> slot.parameter() == parameter).findFirst() // by identity
                    .orElseGet(() -> Slot.fresh(parameter, stateManager)));
        }
        slots = next;
        lists.forEach(IValue::close);
        lists = List.of(list(Slot::parameter), list(Slot::firstMoment), list(Slot::secondMoment), list(Slot::step));
    }

    private static boolean hasGradient(NDArray parameter) {
        PtNDArray gradient = JniUtils.getGradient((PtNDArray) parameter);
        if (gradient == null) {
            return false;
        }
        gradient.close();
        return true;
    }

    /** By identity: an NDArray's equals compares contents. */
    private boolean sameArrays(List<NDArray> parameters) {
        if (parameters.size() != given.size()) {
            return false;
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i) != given.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** One of the module's four lists, in the slots' order. */
    private IValue list(Function<Slot, NDArray> part) {
        return IValue.listFrom(slots.stream().map(part).map(PtNDArray.class::cast).toArray(PtNDArray[]::new));
    }

    private static synchronized PtSymbolBlock module() {
        if (module == null) {
            try (InputStream in = FusedAdam.class.getResourceAsStream("fused_adam.pt")) {
                if (in == null) {
                    throw new IllegalStateException("fused_adam.pt is missing from the Djinn jar: rebuild it with mvn package.");
                }
                // a module of code only, shared by every training run in this JVM
                module = JniUtils.loadModule((PtNDManager) NDManager.newBaseManager(), in, true, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return module;
    }

    /** One updated parameter array and its optimizer state: the two moments and the step count. */
    private record Slot(NDArray parameter, NDArray firstMoment, NDArray secondMoment, NDArray step) {
        static Slot fresh(NDArray parameter, NDManager manager) {
            return new Slot(parameter, manager.zeros(parameter.getShape(), parameter.getDataType(), parameter.getDevice()),
                    manager.zeros(parameter.getShape(), parameter.getDataType(), parameter.getDevice()),
                    manager.zeros(new Shape(), DataType.FLOAT32, parameter.getDevice()));
        }
    }

    @Override
    public void close() {
        lists.forEach(IValue::close);
        lists = List.of();
        decoupledFlag.close();
        stateManager.close();
    }
}
