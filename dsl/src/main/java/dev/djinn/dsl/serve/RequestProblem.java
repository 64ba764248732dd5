package dev.djinn.dsl.serve;

/** A request the server refuses, with the HTTP status and the sentence its answer carries. */
final class RequestProblem extends RuntimeException {
    private final int status;

    RequestProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static RequestProblem badRequest(String message) {
        return new RequestProblem(400, message);
    }

    int status() {
        return status;
    }
}
