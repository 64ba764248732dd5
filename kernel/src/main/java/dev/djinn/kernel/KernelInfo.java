package dev.djinn.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.djinn.Djinn;
import dev.djinn.kernel.protocol.Replies;
import java.nio.file.Path;

/** What {@code kernel_info_reply} says about Djinn: Java, its version, editor modes, help links and a banner. */
final class KernelInfo {
    static final String PROTOCOL_VERSION = "5.3";

    private KernelInfo() {
    }

    static String javaVersion() {
        return Runtime.version().toString();
    }

    static String banner() {
        return "Djinn " + Djinn.version() + " - deep learning in Java, in notebooks\n"
                + "Java " + javaVersion() + " (" + System.getProperty("java.vm.name") + "), JShell, DJL "
                + Djinn.djlVersion() + " with PyTorch " + Djinn.pytorchVersion() + "\n"
                + "Help: name? shows documentation; Tab completes.";
    }

    static JsonObject reply() {
        JsonObject content = Replies.ok();
        content.addProperty("protocol_version", PROTOCOL_VERSION);
        content.addProperty("implementation", "djinn");
        content.addProperty("implementation_version", Djinn.version());
        JsonObject language = new JsonObject();
        language.addProperty("name", "java");
        language.addProperty("version", javaVersion());
        language.addProperty("mimetype", "text/x-java");
        language.addProperty("file_extension", ".jshell");
        language.addProperty("pygments_lexer", "java");
        language.addProperty("codemirror_mode", "text/x-java");
        language.addProperty("nbconvert_exporter", "script");
        content.add("language_info", language);
        content.addProperty("banner", banner());
        content.addProperty("debugger", false);
        JsonArray links = new JsonArray();
        String home = System.getProperty("djinn.home");
        if (home != null) {
            links.add(link("Djinn", Path.of(home, "README.md").toUri().toString()));
        }
        links.add(link("DJL", "https://docs.djl.ai/"));
        links.add(link("DJL API", "https://javadoc.io/doc/ai.djl/api/" + Djinn.djlVersion() + "/index.html"));
        links.add(link("Tablesaw", "https://jtablesaw.github.io/tablesaw/"));
        links.add(link("Java " + Runtime.version().feature() + " API",
                "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/docs/api/"));
        content.add("help_links", links);
        return content;
    }

    private static JsonObject link(String text, String url) {
        JsonObject link = new JsonObject();
        link.addProperty("text", text);
        link.addProperty("url", url);
        return link;
    }
}
