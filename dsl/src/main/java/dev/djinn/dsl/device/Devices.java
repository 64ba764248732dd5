package dev.djinn.dsl.device;

import ai.djl.Device;
import ai.djl.engine.Engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The devices models are built and trained on. A process-wide default ({@code useDevices(gpu(0))}, or {@code %gpu 0}
 * in the kernel) applies to models built afterwards; {@code model().device(…)} overrides it for one model. With
 * several devices, each batch is split across them.
 */
public final class Devices {
    private static volatile List<Device> defaults;

    private Devices() {
    }

    /** The process-wide default: the first GPU when the engine sees one, else the CPU, until changed. */
    public static List<Device> defaults() {
        List<Device> current = defaults;
        if (current == null) {
            current = List.of(Engine.getInstance().getGpuCount() > 0 ? Device.gpu(0) : Device.cpu());
            defaults = current;
        }
        return current;
    }

    /** Sets the process-wide default devices, after checking they exist. */
    public static void useDevices(Device... devices) {
        defaults = checked(List.of(devices));
    }

    /** The CPU. */
    public static Device cpu() {
        return Device.cpu();
    }

    /** GPU {@code index}, if the engine sees it. */
    public static Device gpu(int index) {
        int count = Engine.getInstance().getGpuCount();
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("gpu(" + index + ") does not exist: " + whyNoGpu(count)
                    + " Devices here: " + available() + ".");
        }
        return Device.gpu(index);
    }

    /** Every device the engine sees: the CPU, then each GPU. */
    public static List<Device> available() {
        List<Device> all = new ArrayList<>();
        all.add(Device.cpu());
        for (int i = 0; i < Engine.getInstance().getGpuCount(); i++) {
            all.add(Device.gpu(i));
        }
        return all;
    }

    /** One sentence on why GPUs are missing and how to get them (empty when some are visible). */
    public static String whyNoGpu(int visible) {
        if (visible > 0) {
            return "this machine's engine sees " + visible + " GPU" + (visible == 1 ? "" : "s") + " (gpu(0) to gpu(" + (visible - 1) + ")).";
        }
        String flavor = Engine.getInstance().getEngineName().equals("PyTorch") ? pytorchFlavor() : "";
        if (flavor.startsWith("cpu")) {
            return "PyTorch's CPU-only natives are installed (pytorch-native-" + flavor + "); to use a GPU, install the "
                    + "CUDA flavour (README, \"GPU\": PYTORCH_FLAVOR=cu128 with DJINN_DJL_OFFLINE=false).";
        }
        return "PyTorch (" + flavor + ") found no CUDA device: check the NVIDIA driver with nvidia-smi.";
    }

    private static String pytorchFlavor() {
        String flavor = System.getenv("PYTORCH_FLAVOR");
        if (flavor != null && !flavor.isBlank()) {
            return flavor;
        }
        // the CPU natives jar holds pytorch/cpu/…; CUDA flavours are downloaded by DJL into its cache instead
        return Devices.class.getClassLoader().getResource("pytorch/cpu/") != null ? "cpu" : "downloaded flavour";
    }

    /** The devices, checked to exist and to be distinct. */
    public static List<Device> checked(List<Device> devices) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("device(): name at least one device, such as cpu() or gpu(0).");
        }
        if (devices.stream().distinct().count() != devices.size()) {
            throw new IllegalArgumentException("device(" + devices + ") names a device twice.");
        }
        int gpus = Engine.getInstance().getGpuCount();
        for (Device device : devices) {
            if (device.isGpu() && device.getDeviceId() >= gpus) {
                throw new IllegalArgumentException(device + " does not exist: " + whyNoGpu(gpus) + " Devices here: " + available() + ".");
            }
        }
        return List.copyOf(devices);
    }
}
