package dev.djinn.kernel.display;

import dev.djinn.magics.mime.MimeBundle;
import dev.djinn.magics.display.DisplayForms;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;

/**
 * jjava's renderer registry (MIME types per class, picked along the class hierarchy) with Djinn's defaults:
 * {@link MimeBundle}s render as all their forms, and every value keeps a readable text/plain form.
 */
public final class KernelRenderer extends Renderer {

    public KernelRenderer() {
        createRegistration(MimeBundle.class)
                .preferring(MimeBundle.PLAIN)
                .register((bundle, context) -> bundle.data().forEach(context.getOutputContainer()::putData));
        // what render(value, "text/html") gave (IJava notebooks end cells with it): shown as it is
        createRegistration(DisplayData.class)
                .preferring(MimeBundle.PLAIN)
                .register((data, context) -> context.getOutputContainer().assign(data));
        // DSL objects, charts, tensors, tables: every one with its rich forms and its text/plain
        DisplayForms.all().forEach((type, form) -> createRegistration(type)
                .preferring(MimeBundle.PLAIN)
                .register((value, context) -> form.apply(value).data().forEach(context.getOutputContainer()::putData)));
    }

    @Override
    protected DisplayData finalizeDisplayData(DisplayData data, Object value) {
        if (!data.hasDataForType(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN)) {
            data.putText(PlainText.of(value));
        }
        return data;
    }
}
