package dev.djinn.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.djinn.Djinn;
import dev.djinn.kernel.protocol.Replies;
import java.util.Optional;

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
        helpPageLink(System.getenv("DJINN_KERNELSPEC")).ifPresent(url -> links.add(link("Djinn", url)));
        links.add(link("DJL", "https://docs.djl.ai/"));
        links.add(link("DJL API", "https://javadoc.io/doc/ai.djl/api/" + Djinn.djlVersion() + "/index.html"));
        links.add(link("Tablesaw", "https://jtablesaw.github.io/tablesaw/"));
        links.add(link("Java " + Runtime.version().feature() + " API",
                "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/docs/api/"));
        content.add("help_links", links);
        return content;
    }

    /**
     * The README page installed in the kernelspec folder, which the notebook server serves at
     * {@code <base>/kernelspecs/<name>/}. Notebook 6 resolves help links against its {@code <base>/static/}, so this
     * relative link works under any base URL (JupyterHub's {@code /user/<name>/} too) and from any browser.
     */
    static Optional<String> helpPageLink(String kernelspec) {
        if (kernelspec == null || !kernelspec.matches("[\\w.\\-]+")) {
            return Optional.empty();
        }
        return Optional.of("../kernelspecs/" + kernelspec + "/" + HelpPage.FILE_NAME);
    }

    private static JsonObject link(String text, String url) {
        JsonObject link = new JsonObject();
        link.addProperty("text", text);
        link.addProperty("url", url);
        return link;
    }
}
