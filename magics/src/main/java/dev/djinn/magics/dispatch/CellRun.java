package dev.djinn.magics.dispatch;

import java.util.List;
import java.util.function.Function;

/**
 * Runs a cell's parts (code and magics) in order, as the kernel runs a cell and {@code %load} a loaded notebook's
 * cells. When a part fails, the parts after it do not run, and the failure says which they are.
 */
public final class CellRun {
    private CellRun() {
    }

    /** @return the last part's result ({@code none} for a cell without parts) */
    public static <R> R run(String cell, Function<CellParts.Part, R> runPart, R none) {
        List<CellParts.Part> parts = CellParts.split(cell);
        R result = none;
        for (int i = 0; i < parts.size(); i++) {
            try {
                result = runPart.apply(parts.get(i));
            } catch (RuntimeException failure) {
                List<CellParts.Part> rest = parts.subList(i + 1, parts.size());
                if (rest.isEmpty()) {
                    throw failure;
                }
                throw new CellPartFailure("", rest.stream().map(CellParts.Part::text).toList(), failure);
            }
        }
        return result;
    }
}
