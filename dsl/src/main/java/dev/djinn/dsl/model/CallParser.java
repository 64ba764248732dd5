package dev.djinn.dsl.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads back the call-like text Djinn writes for layers and optimizers: {@code dense(128)},
 * {@code residual[dense(8), relu]}, {@code sgd(0.1).momentum(0.9).schedule(warmup(1, cosine(10)))}.
 * An argument is a literal (kept as text), a nested call, or a bracketed list of calls.
 */
final class CallParser {
    /** One call: its name and arguments (String literals, Calls, or Lists of Calls). */
    record Call(String name, List<Object> args) {
        String text(int i) {
            return (String) args.get(i);
        }

        int integer(int i) {
            return Integer.parseInt(text(i));
        }

        double number(int i) {
            return Double.parseDouble(text(i));
        }

        @SuppressWarnings("unchecked")
        List<Call> calls(int i) {
            return (List<Call>) args.get(i);
        }
    }

    private final String text;
    private int at;

    private CallParser(String text) {
        this.text = text;
    }

    /** A chain of calls joined by dots: {@code sgd(0.1).momentum(0.9)}. */
    /** A layer nested deeper than {@link #MAX_DEPTH}: said as it is, not as an unknown layer. */
    static final class NestedTooDeep extends IllegalArgumentException {
        NestedTooDeep() {
            super("cannot read a layer nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    /** Deeper than any real model; a crafted file of 50,000 nested residual[ must fail with a sentence, not a stack overflow. */
    private static final int MAX_DEPTH = 100;
    private int depth;

    static List<Call> chain(String text) {
        CallParser parser = new CallParser(text);
        List<Call> calls = new ArrayList<>();
        calls.add(parser.call());
        while (parser.peek() == '.') {
            parser.at++;
            calls.add(parser.call());
        }
        parser.expectEnd();
        return calls;
    }

    /** Exactly one call. */
    static Call single(String text) {
        CallParser parser = new CallParser(text);
        Call call = parser.call();
        parser.expectEnd();
        return call;
    }

    private Call call() {
        if (++depth > MAX_DEPTH) {
            throw new NestedTooDeep();
        }
        try {
            return callAtDepth();
        } finally {
            depth--;
        }
    }

    private Call callAtDepth() {
        skipSpaces();
        int start = at;
        while (at < text.length() && Character.isJavaIdentifierPart(text.charAt(at))) {
            at++;
        }
        if (start == at) {
            throw error("a name");
        }
        String name = text.substring(start, at);
        List<Object> args = new ArrayList<>();
        if (peek() == '(') {
            at++;
            if (peek() != ')') {
                do {
                    args.add(argument());
                } while (consume(','));
            }
            expect(')');
        } else if (peek() == '[') {
            at++;
            List<Call> calls = new ArrayList<>();
            if (peek() != ']') {
                do {
                    calls.add(call());
                } while (consume(','));
            }
            expect(']');
            args.add(calls);
        }
        return new Call(name, args);
    }

    private Object argument() {
        skipSpaces();
        int start = at;
        while (at < text.length() && "(),[]".indexOf(text.charAt(at)) < 0) {
            at++;
        }
        String token = text.substring(start, at).trim();
        if (peek() == '(' || peek() == '[') {
            at = start;
            return call();
        }
        if (token.isEmpty()) {
            throw error("an argument");
        }
        return token;
    }

    private char peek() {
        skipSpaces();
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private boolean consume(char c) {
        if (peek() == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("'" + c + "'");
        }
    }

    private void expectEnd() {
        if (peek() != '\0') {
            throw error("the end");
        }
    }

    private void skipSpaces() {
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("cannot read \"" + text + "\": expected " + expected + " at position " + at);
    }
}
