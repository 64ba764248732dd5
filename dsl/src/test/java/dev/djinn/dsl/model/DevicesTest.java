package dev.djinn.dsl.model;

import ai.djl.Device;
import dev.djinn.dsl.train.History;
import dev.djinn.dsl.train.ProgressListener;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.djinn.Djinn.batchSize;
import static dev.djinn.Djinn.cpu;
import static dev.djinn.Djinn.defaultDevices;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.gpu;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static dev.djinn.Djinn.seed;
import static dev.djinn.Djinn.shuffle;
import static dev.djinn.Djinn.useDevices;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevicesTest {

    @Test
    void withoutAGpuTheDefaultIsTheCpuAndAskingForAGpuSaysWhy() {
        assertEquals(List.of(Device.cpu()), defaultDevices());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> gpu(0));
        assertEquals("gpu(0) does not exist: PyTorch's CPU-only natives are installed (pytorch-native-cpu); to use a GPU, "
                + "install the CUDA flavour (README, \"GPU\": PYTORCH_FLAVOR=cu128 with DJINN_DJL_OFFLINE=false). Devices here: [cpu()].",
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model().device(Device.gpu(1)));
        assertEquals("device([cpu(), cpu()]) names a device twice.",
                assertThrows(IllegalArgumentException.class, () -> model().device(cpu(), cpu())).getMessage());
    }

    @Test
    void theProcessDefaultAppliesToModelsBuiltAfterIt() {
        List<Device> before = defaultDevices();
        try {
            useDevices(cpu());
            try (Model net = model().dense(2)) {
                net.train(TrainingTest.blobs(20, 1), progress(ProgressListener.NONE));
                assertEquals(List.of(cpu()), net.devices());
            }
        } finally {
            useDevices(before.toArray(new Device[0]));
        }
    }

}
