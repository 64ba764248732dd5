package dev.djinn.magics.gpu;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.cuda.CudaUtils;
import dev.djinn.dsl.device.Devices;
import dev.djinn.magics.mime.MimeBundle;
import dev.djinn.magics.mime.Rich;
import dev.djinn.magics.dispatch.Html;

import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.io.IOException;

/**
 * What {@code %gpu} and {@code gpu()} show: the engine (PyTorch version, CPU or CUDA flavour), its intra- and
 * inter-op threads, every device it sees with memory for GPUs, the default devices, and with no GPU the reason in a
 * sentence.
 */
public final class GpuReport implements Rich {
    /** One device as the engine sees it. */
    public record DeviceRow(String device, String name, String memory) {
    }

    private final String engine;
    private final String flavour;
    private final int threads;
    private final int interopThreads;
    private final List<DeviceRow> devices;
    private final List<Device> defaults;
    private final String noGpu;

    private GpuReport(String engine, String flavour, int threads, int interopThreads, List<DeviceRow> devices,
                      List<Device> defaults, String noGpu) {
        this.engine = engine;
        this.flavour = flavour;
        this.threads = threads;
        this.interopThreads = interopThreads;
        this.devices = devices;
        this.defaults = defaults;
        this.noGpu = noGpu;
    }

    /** The engine and devices now. */
    public static GpuReport now() {
        Engine engine = Engine.getInstance();
        int gpus = engine.getGpuCount();
        List<DeviceRow> rows = new ArrayList<>();
        rows.add(new DeviceRow("cpu()", System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores", "–"));
        List<String> names = gpus > 0 ? nvidiaNames() : List.of();
        for (int i = 0; i < gpus; i++) {
            Device gpu = Device.gpu(i);
            MemoryUsage memory = CudaUtils.getGpuMemory(gpu);
            String name = i < names.size() ? names.get(i) + ", " : "";
            rows.add(new DeviceRow("gpu(" + i + ")", name + "CUDA compute capability " + CudaUtils.getComputeCapability(i),
                    String.format("%,d MB used of %,d MB", memory.getUsed() >> 20, memory.getMax() >> 20)));
        }
        String flavour = gpus > 0 || CudaUtils.hasCuda() ? "CUDA " + CudaUtils.getCudaVersionString() : "CPU";
        return new GpuReport(engine.getEngineName() + " " + engine.getVersion(), flavour, JniUtils.getNumThreads(),
                JniUtils.getNumInteropThreads(), rows, Devices.defaults(), gpus == 0 ? "No GPU is visible: " + Devices.whyNoGpu(0) : "");
    }

    /** GPU names from nvidia-smi, in CUDA's order; empty when it is not installed (DJL has no name query). */
    private static List<String> nvidiaNames() {
        try {
            Process process = new ProcessBuilder("nvidia-smi", "--query-gpu=name", "--format=csv,noheader").redirectErrorStream(true).start();
            List<String> names = new String(process.getInputStream().readAllBytes()).lines().map(String::strip)
                    .filter(line -> !line.isEmpty()).collect(Collectors.toList());
            return process.waitFor() == 0 ? names : List.of();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    public List<DeviceRow> devices() {
        return devices;
    }

    public List<Device> defaults() {
        return defaults;
    }

    /** Why no GPU is visible, or empty when some are. */
    public String noGpu() {
        return noGpu;
    }

    @Override
    public MimeBundle toMimeBundle() {
        StringBuilder html = new StringBuilder("<div><b>").append(Html.escape(engine)).append("</b> (").append(flavour)
                .append(" build), ").append(threads).append(" intra-op and ").append(interopThreads).append(" inter-op threads")
                .append("<table><tr><th style=\"text-align:left\">device</th><th style=\"text-align:left\">what</th><th style=\"text-align:left\">memory</th></tr>");
        for (DeviceRow row : devices) {
            html.append("<tr><td style=\"text-align:left\"><code>").append(row.device()).append("</code></td><td style=\"text-align:left\">")
                    .append(Html.escape(row.name())).append("</td><td style=\"text-align:left\">").append(row.memory()).append("</td></tr>");
        }
        html.append("</table>Default: <code>").append(Html.escape(defaultsText())).append("</code>");
        if (!noGpu.isEmpty()) {
            html.append("<br/>").append(Html.escape(noGpu));
        }
        return MimeBundle.html(html.append("</div>").toString(), toString());
    }

    private String defaultsText() {
        return defaults.stream().map(d -> d.isGpu() ? "gpu(" + d.getDeviceId() + ")" : "cpu()").collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(engine + " (" + flavour + " build), " + threads + " intra-op and " + interopThreads
                + " inter-op threads\n");
        int width = devices.stream().mapToInt(r -> r.device().length()).max().orElse(6);
        for (DeviceRow row : devices) {
            text.append(String.format("  %-" + width + "s  %s%s%n", row.device(), row.name(), row.memory().equals("–") ? "" : "  " + row.memory()));
        }
        text.append("default: ").append(defaultsText()).append('\n');
        if (!noGpu.isEmpty()) {
            text.append(noGpu).append('\n');
        }
        return text.toString();
    }
}
