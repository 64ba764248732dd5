package dev.djinn.kernel.assist;

import java.util.List;

/** Completion candidates and the cell range [{@code start}, {@code end}) they replace. */
public record Completion(List<Item> items, int start, int end) {
    /**
     * One candidate with what Jupyter's completion metadata carries: its kind ({@code function}, {@code class},
     * {@code instance}, {@code module} for packages, {@code keyword}) and, where known, its signatures (one per line).
     */
    public record Item(String text, String type, String signature) {
    }

    public static Completion none(int cursor) {
        return new Completion(List.of(), cursor, cursor);
    }

    public List<String> matches() {
        return items.stream().map(Item::text).toList();
    }
}
