package dev.djinn.magics.gpu;

import ai.djl.Device;
import dev.djinn.dsl.device.Devices;
import dev.djinn.dsl.device.EngineThreads;
import dev.djinn.magics.dispatch.Arguments;
import dev.djinn.magics.dispatch.BaseMagic;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.Session;

import java.util.ArrayList;
import java.util.List;

/** {@code %gpu}: the engine and its devices; {@code %gpu 0}, {@code %gpu 0,1}, {@code %gpu cpu}, {@code %gpu threads N}. */
public final class GpuMagic extends BaseMagic {
    public GpuMagic() {
        super("%gpu | %gpu 0 | %gpu 0,1 | %gpu cpu | %gpu threads N",
                "the engine and its devices; sets the default device(s) or the intra-op threads", false, "gpu");
    }

    @Override
    public Object run(MagicCall call, Session session) {
        List<String> words = call.words();
        if (words.isEmpty()) {
            return GpuReport.now();
        }
        if (words.get(0).equals("threads")) {
            if (words.size() != 2) {
                throw new MagicException("%gpu threads takes one whole number of threads, such as %gpu threads 4.");
            }
            EngineThreads.chooseForAll(Arguments.count(words.get(1), "%gpu threads"));
            return GpuReport.now();
        }
        if (words.size() != 1) {
            throw new MagicException("Give the devices as one word: %gpu 0,1 or %gpu cpu.");
        }
        List<Device> devices = new ArrayList<>();
        for (String part : words.get(0).split(",")) {
            if (part.equals("cpu")) {
                devices.add(Device.cpu());
            } else if (part.matches("\\d+")) {
                try {
                    devices.add(Devices.gpu(Integer.parseInt(part)));
                } catch (IllegalArgumentException e) {
                    throw new MagicException(e.getMessage());
                }
            } else {
                throw new MagicException("\"" + part + "\" is not a device: give GPU numbers (0, 1, …) or cpu.");
            }
        }
        try {
            Devices.useDevices(devices.toArray(new Device[0]));
        } catch (IllegalArgumentException e) {
            throw new MagicException(e.getMessage());
        }
        return GpuReport.now();
    }
}
