package dev.djinn.kernel.script;

import dev.djinn.kernel.KernelLogging;
import dev.djinn.kernel.Startup;
import jdk.jshell.tool.JavaShellToolBuilder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code djinn jshell}: the JDK's jshell, in this JVM (local execution), with Djinn's jars on its class path and the
 * DSL and the magics' twins imported. Training shows a terminal bar, {@code plot(h)} a Unicode chart,
 * {@code inspect(x)} the tensor summary. Further arguments go to jshell.
 */
public final class Repl {
    private Repl() {
    }

    public static void main(String[] args) throws Exception {
        KernelLogging.configure();
        Path startup = Files.createTempFile("djinn-", ".jsh");
        startup.toFile().deleteOnExit();
        Files.writeString(startup, Startup.commonImports()
                + "System.out.println(\"Djinn \" + version() + \" on Java \" + Runtime.version().feature() + \": the DSL and gpu(), plot(…), inspect(…) are imported. /exit to leave.\");\n");
        List<String> options = new ArrayList<>(List.of("--execution", "local", "--class-path", System.getProperty("java.class.path"),
                "--startup", "DEFAULT", "--startup", startup.toString()));
        options.addAll(List.of(args));
        int status = JavaShellToolBuilder.builder().persistence(untruncatedFeedback()).start(options.toArray(new String[0]));
        System.exit(status);
    }

    /**
     * jshell's normal feedback cuts a value's text (a chart, a table) in the middle. A feedback mode without that limit
     * can only be made by commands at the prompt, so a silent first jshell makes it and retains it in a private,
     * in-memory preference store that the real one then starts from (the user's own jshell settings are untouched).
     */
    private static Map<String, String> untruncatedFeedback() throws Exception {
        Map<String, String> preferences = new HashMap<>();
        String commands = "/set mode djinn normal -command\n/set truncation djinn 100000\n/set mode djinn -retain\n"
                + "/set feedback djinn -retain\n/exit\n";
        ByteArrayOutputStream ignored = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(ignored, true);
        JavaShellToolBuilder.builder().persistence(preferences)
                .in(new ByteArrayInputStream(commands.getBytes(StandardCharsets.UTF_8)), null)
                .out(quiet).err(quiet)
                .start("--execution", "local", "--no-startup");
        return preferences;
    }

    /** The class path as jshell wants it (for people starting the JDK's jshell themselves: {@code djinn classpath}). */
    public static String classpath() {
        return String.join(File.pathSeparator, System.getProperty("java.class.path").split(File.pathSeparator));
    }
}
