package dev.djinn.kernel;

import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** SIGINT interrupts the running cell instead of killing the JVM (kernelspecs with interrupt_mode "signal"). */
final class SignalInterrupts {
    private SignalInterrupts() {
    }

    static void install(Runnable interrupt) {
        try {
            Signal.handle(new Signal("INT"), signal -> interrupt.run());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LoggerFactory.getLogger(SignalInterrupts.class).warn("SIGINT cannot be handled here ({}); interrupt_request messages still work", e.toString());
        }
    }
}
