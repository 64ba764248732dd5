package dev.djinn.magics.dispatch;

import java.util.List;

/** A magic's names, usage line and one-line summary, given once; subclasses write only {@link #run}. */
public abstract class BaseMagic implements Magic {
    private final List<String> names;
    private final String usage;
    private final String summary;
    private final boolean cell;

    /** {@code cell}: it works as {@code %%name} too (every magic works as {@code %name}). */
    protected BaseMagic(String usage, String summary, boolean cell, String... names) {
        this.names = List.of(names);
        this.usage = usage;
        this.summary = summary;
        this.cell = cell;
    }

    @Override
    public final List<String> names() {
        return names;
    }

    @Override
    public final String usage() {
        return usage;
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public final boolean cell() {
        return cell;
    }
}
