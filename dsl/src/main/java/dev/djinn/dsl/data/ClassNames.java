package dev.djinn.dsl.data;

import java.util.List;

/** Class names by label, as data sets and models keep them. */
public final class ClassNames {
    private ClassNames() {
    }

    /** The name of class {@code label}, or the label itself when there are no names for it. */
    public static String of(List<String> names, int label) {
        return label >= 0 && label < names.size() ? names.get(label) : String.valueOf(label);
    }
}
