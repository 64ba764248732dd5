package io.github.spencerpark.jupyter.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.function.Function;
import java.util.function.Supplier;

/** IJava's render context: which MIME types are asked for, and where the rendered forms go. */
public final class RenderContext {
    private final org.dflib.jjava.jupyter.kernel.display.RenderContext context;

    RenderContext(org.dflib.jjava.jupyter.kernel.display.RenderContext context) {
        this.context = context;
    }

    public boolean wantsDataRenderedAs(MIMEType type) {
        return context.wantsDataRenderedAs(type.jjava());
    }

    public boolean renderIfRequested(MIMEType type, Supplier<Object> supplier) {
        return context.renderIfRequested(type.jjava(), supplier);
    }

    public boolean renderIfRequested(MIMEType type, Function<MIMEType, Object> function) {
        return context.renderIfRequested(type.jjava(), (Function<org.dflib.jjava.jupyter.kernel.display.mime.MIMEType, Object>)
                resolved -> function.apply(new MIMEType(resolved)));
    }

    public DisplayData getOutputContainer() {
        return context.getOutputContainer();
    }

    public Object getParameter(String key) {
        return context.getParameter(key);
    }
}
