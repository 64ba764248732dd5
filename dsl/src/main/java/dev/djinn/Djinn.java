package dev.djinn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The whole Djinn vocabulary behind one static import: {@code import static dev.djinn.Djinn.*;}.
 *
 * <pre>{@code
 * version();   // "0.1.0-SNAPSHOT"
 * }</pre>
 */
public final class Djinn {
    private static final Properties BUILD = buildProperties();

    private Djinn() {
    }

    /** This Djinn's version. */
    public static String version() {
        return BUILD.getProperty("version");
    }

    /** The DJL version Djinn was built against. */
    public static String djlVersion() {
        return BUILD.getProperty("djl");
    }

    /** The PyTorch version of the bundled native engine. */
    public static String pytorchVersion() {
        return BUILD.getProperty("pytorch");
    }

    private static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = Djinn.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
