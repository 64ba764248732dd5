package dev.djinn.dsl.serve;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * Errors Jetty itself answers — a URL or headers too long, a malformed request or chunk — as the server's own JSON
 * sentences instead of an HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final ServeOptions options;

    JsonErrorHandler(ServeOptions options) {
        this.options = options;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() > 0 ? response.getStatus() : 500;
        Object code = request.getAttribute(ERROR_STATUS);
        if (code instanceof Integer given) {
            status = given;
        }
        Object message = request.getAttribute(ERROR_MESSAGE);
        response.getHeaders().put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8"));
        response.write(true, ByteBuffer.wrap(ServeJson.error(sentence(status, message == null ? null : message.toString()))), callback);
        return true;
    }

    /** The sentence for an HTTP refusal: Jetty's own, and the same ones the prediction handler meets while reading a body. */
    String sentence(int status, String reason) {
        String detail = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
        switch (status) {
            case 414:
                return "The URL is too long (over " + options.maxHeaderBytes() + " bytes with the headers): put the examples in the body of a POST to /predict.";
            case 431:
                return "The request headers are too large (over " + options.maxHeaderBytes() + " bytes): send fewer or shorter headers.";
            case 413:
                return "The request is larger than " + options.maxBodyBytes() + " bytes: send fewer examples at a time,"
                        + " or serve with a larger ServeOptions.maxBodyBytes(…).";
            case 408:
                return "The request took too long to arrive (" + detail + "): send it again.";
            case 400:
                return "The request is not valid HTTP (" + detail + "): check the request line, headers and chunked encoding.";
            default:
                return "The server could not answer (" + status + " " + detail + ").";
        }
    }
}
