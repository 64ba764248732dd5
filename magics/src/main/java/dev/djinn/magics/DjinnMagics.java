package dev.djinn.magics;

import dev.djinn.magics.dispatch.MagicRegistry;
import dev.djinn.magics.everyday.ClasspathMagic;
import dev.djinn.magics.everyday.DisplayMagic;
import dev.djinn.magics.everyday.EnvMagic;
import dev.djinn.magics.everyday.HistoryMagic;
import dev.djinn.magics.everyday.LoadMagic;
import dev.djinn.magics.everyday.LoadFromPomMagic;
import dev.djinn.magics.everyday.MavenMagic;
import dev.djinn.magics.everyday.MavenRepoMagic;
import dev.djinn.magics.everyday.PwdMagic;
import dev.djinn.magics.everyday.SystemMagic;
import dev.djinn.magics.everyday.TimeMagic;
import dev.djinn.magics.everyday.TimeitMagic;
import dev.djinn.magics.everyday.WhoMagic;
import dev.djinn.magics.everyday.WriteFileMagic;
import dev.djinn.magics.gpu.GpuMagic;
import dev.djinn.magics.plot.PlotMagic;
import dev.djinn.magics.tensor.TensorMagic;

/** Every magic Djinn has, registered. */
public final class DjinnMagics {
    private DjinnMagics() {
    }

    public static MagicRegistry registry() {
        return new MagicRegistry()
                .register(new GpuMagic())
                .register(new PlotMagic())
                .register(new TensorMagic())
                .register(new TimeMagic())
                .register(new TimeitMagic())
                .register(new WhoMagic())
                .register(new LoadMagic())
                .register(new ClasspathMagic())
                .register(new MavenMagic())
                .register(new MavenRepoMagic())
                .register(new LoadFromPomMagic())
                .register(new EnvMagic())
                .register(new SystemMagic())
                .register(new WriteFileMagic())
                .register(new DisplayMagic())
                .register(new PwdMagic())
                .register(new HistoryMagic());
    }
}
