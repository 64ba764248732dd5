package dev.djinn.magics.dispatch;
import java.util.List;

/**
 * One magic: {@code %name} on a line, {@code %%name} over a cell, or both. Its result is any object the kernel can
 * show (a {@link dev.djinn.magics.mime.Rich} result, a String, a DSL object), or null for nothing.
 */
public interface Magic {
    /** The names it answers to: "time" for %time and %%time, "who" and "vars" for one magic with two names. */
    List<String> names();

    /** The usage line: "%plot h | %plot table x y [--kind line|scatter|bar|hist] …". */
    String usage();

    /** One line for %lsmagic. */
    String summary();

    /** Whether it works as a line magic ({@code %name}). */
    default boolean line() {
        return true;
    }

    /** Whether it works as a cell magic ({@code %%name}). */
    default boolean cell() {
        return false;
    }

    Object run(MagicCall call, Session session);
}
