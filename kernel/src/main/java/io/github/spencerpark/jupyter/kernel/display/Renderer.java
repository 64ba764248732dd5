package io.github.spencerpark.jupyter.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.Arrays;

/**
 * IJava's renderer API over the Djinn kernel's (jjava's, the same design under other package names): registrations
 * made here show in every later cell, as in IJava.
 */
public final class Renderer {
    private final org.dflib.jjava.jupyter.kernel.display.Renderer renderer;

    public Renderer(org.dflib.jjava.jupyter.kernel.display.Renderer renderer) {
        this.renderer = renderer;
    }

    public <T> RenderRegistration<T> createRegistration(Class<T> type) {
        return new RenderRegistration<>(renderer.createRegistration(type));
    }

    public DisplayData render(Object value) {
        return renderer.render(value);
    }

    public DisplayData renderAs(Object value, String... types) {
        return renderer.renderAs(value, types);
    }

    /** IJava's registration builder: MIME types it supports and prefers, the classes it covers, then the function. */
    public static final class RenderRegistration<T> {
        private final org.dflib.jjava.jupyter.kernel.display.Renderer.RenderRegistration<T> registration;

        RenderRegistration(org.dflib.jjava.jupyter.kernel.display.Renderer.RenderRegistration<T> registration) {
            this.registration = registration;
        }

        public RenderRegistration<T> supporting(MIMEType... types) {
            registration.supporting(unwrap(types));
            return this;
        }

        public RenderRegistration<T> preferring(MIMEType... types) {
            registration.preferring(unwrap(types));
            return this;
        }

        public RenderRegistration<T> supporting(String... types) {
            registration.supporting(types);
            return this;
        }

        public RenderRegistration<T> preferring(String... types) {
            registration.preferring(types);
            return this;
        }

        public RenderRegistration<T> onType(Class<? extends T> type) {
            registration.onType(type);
            return this;
        }

        public void register(RenderFunction<T> function) {
            registration.register((value, context) -> function.render(value, new RenderContext(context)));
        }

        private static org.dflib.jjava.jupyter.kernel.display.mime.MIMEType[] unwrap(MIMEType[] types) {
            return Arrays.stream(types).map(MIMEType::jjava).toArray(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType[]::new);
        }
    }
}
