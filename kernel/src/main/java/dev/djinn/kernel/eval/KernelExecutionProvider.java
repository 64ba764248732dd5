package dev.djinn.kernel.eval;

import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.util.Map;

/** Hands JShell the one {@link KernelExecutionControl} the evaluator reads raw values from. */
final class KernelExecutionProvider implements ExecutionControlProvider {
    private final KernelExecutionControl control;

    KernelExecutionProvider(boolean guardExit) {
        this.control = new KernelExecutionControl(guardExit);
    }

    @Override
    public String name() {
        return "djinn";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return control;
    }

    KernelExecutionControl control() {
        return control;
    }
}
