package dev.djinn.kernel.io;

/** A cell asked for input but its front end does not take any (allow_stdin is false, as in nbconvert). */
public final class InputNotAllowedException extends IllegalStateException {
    public InputNotAllowedException() {
        super("This front end does not accept input (the request was sent with allow_stdin=false, as nbconvert "
                + "and nbclient do): readLine() and System.in cannot ask the user here. Put the value in the code instead, "
                + "or run the notebook in Jupyter, JupyterLab or jupyter console.");
    }
}
