package dev.djinn.magics.everyday;

import dev.djinn.magics.dispatch.BaseMagic;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.Session;

import java.lang.management.ManagementFactory;
import com.sun.management.OperatingSystemMXBean;

/**
 * {@code %time code} and {@code %%time}: runs the code once, prints wall and CPU time (the process's, so the work of
 * PyTorch's native threads counts), and gives the code's value.
 */
public final class TimeMagic extends BaseMagic {
    public TimeMagic() {
        super("%time statement-or-expression | %%time (then the cell's code)",
                "wall and CPU time of running the code once", true, "time");
    }

    @Override
    public Object run(MagicCall call, Session session) {
        String code = call.isCellMagic() ? call.body() : call.args();
        if (code.isBlank()) {
            throw new MagicException("Give the code to time.");
        }
        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        Object value;
        try {
            value = session.eval(code);
        } finally {
            long wall = System.nanoTime() - started;
            long cpu = processCpuNanos() - cpuBefore;
            session.print(String.format("CPU time: %s, wall time: %s%n", Durations.format(cpu), Durations.format(wall)));
        }
        return value;
    }

    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof OperatingSystemMXBean) {
            return ((OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
