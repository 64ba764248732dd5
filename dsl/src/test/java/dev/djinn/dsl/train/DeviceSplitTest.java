package dev.djinn.dsl.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The multi-device path splits each batch into one part per device and weights each part's loss by its share, so
 * the summed gradients equal one device's. DJL treats every CPU as the same device, so this machine cannot run two
 * devices for real: the split and the weighting are checked here, on tensors.
 */
class DeviceSplitTest {

    @Test
    void aBatchSplitsIntoNearEqualPartsWhoseWeightedLossesAddUpToTheWholeBatchLoss() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(new ai.djl.ndarray.types.Shape(7, 3));
            NDArray y = manager.create(new long[] {0, 1, 2, 0, 1, 2, 0});
            List<TrainingLoop.Part> parts = TrainingLoop.parts(x, y, List.of(Device.cpu(), Device.cpu(), Device.cpu()));
            assertEquals(List.of(2, 2, 3), parts.stream().map(TrainingLoop.Part::size).toList());
            assertEquals(List.of(true, false, false), parts.stream().map(TrainingLoop.Part::first).toList());
            NDArray joined = NDArrays.concat(new NDList(parts.stream().map(TrainingLoop.Part::x).toArray(NDArray[]::new)));
            assertArrayEquals(x.toFloatArray(), joined.toFloatArray());

            LossFunction loss = LossFunction.of(LossFunction.Kind.CROSS_ENTROPY);
            float whole = loss.evaluate(y, x).getFloat();
            float weighted = 0;
            for (TrainingLoop.Part part : parts) {
                weighted += loss.evaluate(part.y(), part.x()).getFloat() * part.size() / 7f;
            }
            assertEquals(whole, weighted, 1e-5);
        }
    }

    @Test
    void oneDeviceKeepsTheBatchWhole() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.zeros(new ai.djl.ndarray.types.Shape(4, 2));
            NDArray y = manager.create(new long[] {0, 1, 0, 1});
            List<TrainingLoop.Part> parts = TrainingLoop.parts(x, y, List.of(Device.cpu()));
            assertEquals(1, parts.size());
            assertEquals(x, parts.get(0).x());
        }
    }
}
