package dev.djinn.kernel.display;

import dev.djinn.kernel.io.Frontend;
import dev.djinn.magics.display.DisplaySink;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Sends {@code display_data}, {@code update_display_data} and {@code clear_output} for the running cell. Pending
 * stdout is flushed first, so a display lands after the text printed before it.
 */
public final class DisplayPublisher implements DisplaySink {
    private final Renderer renderer;
    private final Frontend frontend;
    private final Runnable flushStreams;
    private volatile String lastIssuedId;

    public DisplayPublisher(Renderer renderer, Frontend frontend, Runnable flushStreams) {
        this.renderer = renderer;
        this.frontend = frontend;
        this.flushStreams = flushStreams;
    }

    public DisplayData render(Object value) {
        return renderer.render(value);
    }

    public Renderer renderer() {
        return renderer;
    }

    /** {@code value} in the given MIME types only (IJava's {@code render(value, "text/html")}); all its forms when none. */
    public DisplayData render(Object value, List<String> mimeTypes) {
        if (value instanceof DisplayData rendered && mimeTypes.isEmpty()) {
            return rendered;
        }
        return mimeTypes.isEmpty() ? renderer.render(value) : renderer.renderAs(value, mimeTypes.toArray(String[]::new));
    }

    /** Shows {@code value}; with a {@code displayId}, later {@link #update} calls replace it in place. */
    @Override
    public void display(Object value, String displayId) {
        display(value, List.of(), displayId);
    }

    /** Shows {@code value} in {@code mimeTypes} (all its forms when empty) under {@code displayId} (none when null). */
    public void display(Object value, List<String> mimeTypes, String displayId) {
        DisplayData data = new DisplayData(render(value, mimeTypes)); // a copy: a DisplayData value may be shown twice
        if (displayId != null) {
            data.setDisplayId(displayId);
        }
        flushStreams.run();
        publish(new PublishDisplayData(data));
    }

    @Override
    public void update(String displayId, Object value) {
        update(displayId, value, List.of());
    }

    public void update(String displayId, Object value, List<String> mimeTypes) {
        Objects.requireNonNull(displayId, "displayId: pass the id display(value) returned");
        DisplayData data = new DisplayData(render(value, mimeTypes));
        data.setDisplayId(displayId);
        flushStreams.run();
        publish(new PublishUpdateDisplayData(data));
    }

    /**
     * A new display id, remembered (by identity) so that a cell ending in {@code display(x)} does not also show the
     * id it returned, as IPython's {@code display} shows nothing more.
     */
    public String newDisplayId() {
        String id = UUID.randomUUID().toString();
        lastIssuedId = id;
        return id;
    }

    /** Whether {@code value} is the display id the last {@link #newDisplayId()} gave out (that very string). */
    public boolean isIssuedDisplayId(Object value) {
        return value != null && value == lastIssuedId;
    }

    public void clear(boolean wait) {
        flushStreams.run();
        publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
    }

    private void publish(org.dflib.jjava.jupyter.messages.ContentType<?> content) {
        if (!frontend.publish(content)) {
            throw new IllegalStateException("There is no notebook cell to display in: display() works in cells run by the Djinn kernel.");
        }
    }
}
