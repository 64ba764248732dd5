package dev.djinn.magics.dispatch;

import java.util.List;

/**
 * A failure inside part of a cell, with where it happened (a loaded file and its cell) and what of the cell did not
 * run after it, so that neither is lost when the error is shown. The cause is the failure itself.
 */
public final class CellPartFailure extends RuntimeException {
    private final String where;
    private final List<String> notRun;

    /**
     * @param where  the place to name before the error ("djl-imports.ipynb, code cell 3"); empty when it is the cell itself
     * @param notRun the parts of the cell after the failing one, as written, which did not run
     */
    public CellPartFailure(String where, List<String> notRun, RuntimeException cause) {
        super((where.isEmpty() ? "" : "in " + where + ": ") + cause.getMessage(), cause);
        this.where = where;
        this.notRun = List.copyOf(notRun);
    }

    public String where() {
        return where;
    }

    public List<String> notRun() {
        return notRun;
    }

    @Override
    public synchronized RuntimeException getCause() {
        return (RuntimeException) super.getCause();
    }
}
