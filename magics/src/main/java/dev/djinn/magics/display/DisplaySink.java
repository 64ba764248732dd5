package dev.djinn.magics.display;

/** Where a live display goes: the kernel's display_data / update_display_data for the running cell. */
public interface DisplaySink {
    void display(Object value, String displayId);

    void update(String displayId, Object value);
}
