package dev.djinn.kernel.display;

import dev.djinn.kernel.io.Frontend;
import dev.djinn.magics.display.DisplaySink;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;

import java.util.Objects;

/**
 * Sends {@code display_data}, {@code update_display_data} and {@code clear_output} for the running cell. Pending
 * stdout is flushed first, so a display lands after the text printed before it.
 */
public final class DisplayPublisher implements DisplaySink {
    private final Renderer renderer;
    private final Frontend frontend;
    private final Runnable flushStreams;

    public DisplayPublisher(Renderer renderer, Frontend frontend, Runnable flushStreams) {
        this.renderer = renderer;
        this.frontend = frontend;
        this.flushStreams = flushStreams;
    }

    public DisplayData render(Object value) {
        return renderer.render(value);
    }

    /** Shows {@code value}; with a {@code displayId}, later {@link #update} calls replace it in place. */
    @Override
    public void display(Object value, String displayId) {
        DisplayData data = render(value);
        if (displayId != null) {
            data.setDisplayId(displayId);
        }
        flushStreams.run();
        publish(new PublishDisplayData(data));
    }

    @Override
    public void update(String displayId, Object value) {
        Objects.requireNonNull(displayId, "displayId: pass the id given to display(value, id)");
        DisplayData data = render(value);
        data.setDisplayId(displayId);
        flushStreams.run();
        publish(new PublishUpdateDisplayData(data));
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
