package dev.djinn.dsl.version;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions Djinn was built with, read once from {@code dev/djinn/version.properties}; a leaf every package may use. */
public final class Versions {
    private static final Properties BUILD = read();

    private Versions() {
    }

    /** Djinn's own version ("0.1.0-SNAPSHOT"). */
    public static String djinn() {
        return BUILD.getProperty("version");
    }

    /** The DJL version Djinn was built against. */
    public static String djl() {
        return BUILD.getProperty("djl");
    }

    /** The PyTorch version of the bundled native engine. */
    public static String pytorch() {
        return BUILD.getProperty("pytorch");
    }

    private static Properties read() {
        Properties properties = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/dev/djinn/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
