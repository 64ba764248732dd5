package dev.djinn.dsl.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.djinn.dsl.tensor.Scalars;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Training state of one network, made on its first {@code train} and kept across later ones: DJL's trainer with the
 * optimizer's state, the learning-rate schedule and its step count, and the weight snapshot early stopping restores.
 * The architecture (block, weights) is the model's; this only updates it.
 */
public final class TrainingSession implements TrainableNetwork, AutoCloseable {
    private final Model djlModel;
    private final Trainer trainer;
    private final Block block;
    private final NDManager dataManager;
    private final Recipe recipe;
    private final LearningRate learningRate;
    /** Adam's fused update on one device, else null (DJL's trainer updates). */
    private final FusedAdam fused;
    private final List<Parameter> parameters = new ArrayList<>();
    private final Map<String, NDArray> snapshot = new HashMap<>();
    private long steps;

    /** How a network learns: optimizer, regularization, loss and devices. */
    public record Recipe(OptimizerSpec optimizer, float l1, float l2, LossFunction loss, List<Device> devices) {
    }

    private TrainingSession(Model djlModel, Trainer trainer, Block block, NDManager dataManager, Recipe recipe, LearningRate learningRate) {
        this.djlModel = djlModel;
        this.trainer = trainer;
        this.block = block;
        this.dataManager = dataManager;
        this.recipe = recipe;
        this.learningRate = learningRate;
        block.getParameters().forEach(entry -> parameters.add(entry.getValue()));
        boolean pyTorch = parameters.stream().allMatch(p -> FusedAdam.supports(p.getArray()));
        this.fused = recipe.devices().size() == 1 && pyTorch ? recipe.optimizer().fused(recipe.l2(), dataManager) : null;
    }

    /** A session over an initialized {@code block}; data tensors go in sub-managers of {@code dataManager}. */
    public static TrainingSession start(Block block, NDManager dataManager, Recipe recipe) {
        Model djlModel = Model.newInstance("djinn", recipe.devices().get(0));
        djlModel.setBlock(block);
        LearningRate rate = recipe.optimizer().newLearningRate();
        DefaultTrainingConfig config = new DefaultTrainingConfig(asDjlLoss(recipe.loss()))
                .optOptimizer(recipe.optimizer().build(recipe.l2(), rate))
                .optDevices(recipe.devices().toArray(new Device[0]));
        return new TrainingSession(djlModel, withoutGradientSumCheck(djlModel.newTrainer(config)), block, dataManager, recipe, rate);
    }

    /**
     * Turns off the check DJL's trainer makes on its first step, which fails when the gradients sum to zero: it adds
     * signed values, and softmax cross-entropy's gradients over a single dense layer sum to exactly zero, so
     * {@code model().dense(2)} on two examples would fail with "Gradient values are all zeros".
     */
    private static Trainer withoutGradientSumCheck(Trainer trainer) {
        try {
            Field checked = Trainer.class.getDeclaredField("gradientsChecked");
            checked.setAccessible(true);
            checked.setBoolean(trainer, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // another DJL version: its check, if any, stays on
        }
        return trainer;
    }

    /** DJL's trainer wants a Loss; ours computes it. */
    private static Loss asDjlLoss(LossFunction loss) {
        return new Loss(loss.toString()) {
            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                return loss.evaluate(labels.singletonOrThrow(), predictions.singletonOrThrow());
            }
        };
    }

    public Recipe recipe() {
        return recipe;
    }

    @Override
    public float learningRate() {
        return learningRate.at(steps);
    }

    @Override
    public float lastLearningRate() {
        return learningRate.at(Math.max(0, steps - 1));
    }

    @Override
    public void stepsPerEpoch(int steps) {
        learningRate.stepsPerEpoch(steps);
    }

    @Override
    public void step() {
        if (fused != null) {
            fused.step(trainableArrays(), learningRate.at(steps));
        } else {
            trainer.step();
        }
        steps++;
    }

    /** The arrays of the parameters that learn now (frozen ones left out), in the block's order. */
    private List<NDArray> trainableArrays() {
        List<NDArray> arrays = new ArrayList<>(parameters.size());
        for (Parameter parameter : parameters) {
            if (parameter.requiresGradient()) {
                arrays.add(parameter.getArray());
            }
        }
        return arrays;
    }

    /** λ·Σ|w| over the weights (not biases), for L1 regularization; null without it. */
    @Override
    public NDArray l1Penalty() {
        if (recipe.l1() == 0) {
            return null;
        }
        NDArray total = null;
        for (var entry : block.getParameters()) {
            Parameter parameter = entry.getValue();
            if (parameter.getType() == Parameter.Type.WEIGHT) {
                NDArray sum = parameter.getArray().abs().sum();
                total = total == null ? sum : total.add(sum);
            }
        }
        return total == null ? null : Scalars.mul(total, recipe.l1());
    }

    /** Keeps a copy of every weight (for early stopping's "restore best"). */
    @Override
    public void snapshotWeights() {
        snapshot.values().forEach(NDArray::close);
        snapshot.clear();
        for (var entry : block.getParameters()) {
            snapshot.put(entry.getKey(), entry.getValue().getArray().duplicate());
        }
    }

    /** Puts the snapshot's values back, in place (the trainer keeps references to the weight arrays). */
    @Override
    public void restoreWeights() {
        for (var entry : block.getParameters()) {
            NDArray saved = snapshot.get(entry.getKey());
            if (saved != null) {
                entry.getValue().getArray().set(saved.toByteBuffer());
            }
        }
    }

    @Override
    public Trainer trainer() {
        return trainer;
    }

    @Override
    public LossFunction loss() {
        return recipe.loss();
    }

    @Override
    public NDManager manager() {
        return dataManager;
    }

    @Override
    public List<Device> devices() {
        return recipe.devices();
    }

    @Override
    public void close() {
        snapshot.values().forEach(NDArray::close);
        if (fused != null) {
            fused.close();
        }
        trainer.close();
        djlModel.close();
    }
}
