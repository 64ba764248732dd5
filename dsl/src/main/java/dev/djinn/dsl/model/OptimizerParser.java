package dev.djinn.dsl.model;

import dev.djinn.dsl.train.OptimizerSpec;
import dev.djinn.dsl.train.Schedule;

import java.util.List;

/** Reads an optimizer back from the text {@link OptimizerSpec#toString()} writes into a saved model. */
final class OptimizerParser {
    private OptimizerParser() {
    }

    static OptimizerSpec parse(String text) {
        List<CallParser.Call> chain = CallParser.chain(text);
        CallParser.Call first = chain.get(0);
        OptimizerSpec spec = first.name().equals("adamw")
                ? OptimizerSpec.adamw(first.number(0), first.number(1))
                : OptimizerSpec.of(OptimizerSpec.Kind.valueOf(first.name().toUpperCase()), first.number(0));
        for (CallParser.Call call : chain.subList(1, chain.size())) {
            switch (call.name()) {
                case "momentum": spec = spec.momentum(call.number(0)); break;
                case "nesterov": spec = spec.nesterov(); break;
                case "clipGradient": spec = spec.clipGradient(call.number(0)); break;
                case "schedule": spec = spec.schedule(schedule((CallParser.Call) call.args().get(0))); break;
                default: throw new IllegalArgumentException("unknown optimizer setting " + call.name());
            }
        }
        return spec;
    }

    private static Schedule schedule(CallParser.Call call) {
        int n = call.args().size();
        switch (call.name()) {
            case "step": return Schedule.step(call.integer(0), call.number(1));
            case "cosine": return n > 1 ? Schedule.cosine(call.integer(0), call.number(1)) : Schedule.cosine(call.integer(0));
            case "warmup": return n > 1 ? Schedule.warmup(call.integer(0), schedule((CallParser.Call) call.args().get(1)))
                    : Schedule.warmup(call.integer(0));
            case "constant": return Schedule.constant();
            default: throw new IllegalArgumentException("unknown schedule " + call.name());
        }
    }
}
