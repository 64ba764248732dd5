package dev.djinn.magics.everyday;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The Maven artifacts the kernel itself runs on: {@code group:artifact} → version, from the list the build writes
 * beside the jars ({@code lib/artifacts.txt}, Maven's dependency list: exact, also for jars built without Maven's
 * {@code pom.properties}, as DJL's are), and from the {@code pom.properties} inside the class path's jars.
 */
final class BundledArtifacts {
    private static final String LIST = "artifacts.txt";

    private BundledArtifacts() {
    }

    static Map<String, String> ofClasspath() {
        Map<String, String> artifacts = new HashMap<>();
        String home = System.getProperty("djinn.home");
        if (home != null) {
            readList(Path.of(home, "lib", LIST), artifacts);
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                read(new File(entry), artifacts);
            }
        }
        return artifacts;
    }

    /** The file names of the class path's jars ({@code artifact-version.jar}): the same name is the same jar. */
    static Set<String> jarNames() {
        Set<String> names = new HashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            Path name = Path.of(entry).getFileName();
            if (name != null && entry.endsWith(".jar")) {
                names.add(name.toString());
            }
        }
        return names;
    }

    /** Lines of {@code mvn dependency:list}: {@code group:artifact:type[:classifier]:version:scope}. */
    private static void readList(Path list, Map<String, String> artifacts) {
        if (!Files.isRegularFile(list)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(list)) {
                // "   ai.djl:api:jar:0.36.0:compile -- module ai.djl.api", perhaps coloured: the first word counts
                String[] parts = line.replaceAll("\u001B\\[[;\\d]*m", "").strip().split("\\s+")[0].split(":");
                if (parts.length >= 5) {
                    artifacts.putIfAbsent(parts[0] + ":" + parts[1], parts[parts.length - 2]);
                }
            }
        } catch (IOException e) {
            // without the list, the jars' own pom.properties still tell most
        }
    }

    private static void read(File jar, Map<String, String> artifacts) {
        try (JarFile file = new JarFile(jar)) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/pom.properties")) {
                    Properties properties = new Properties();
                    try (InputStream in = file.getInputStream(entry)) {
                        properties.load(in);
                    }
                    String group = properties.getProperty("groupId");
                    String artifact = properties.getProperty("artifactId");
                    String version = properties.getProperty("version");
                    if (group != null && artifact != null && version != null) {
                        artifacts.putIfAbsent(group + ":" + artifact, version);
                    }
                }
            }
        } catch (IOException e) {
            // a class path entry that is not a readable jar bundles nothing we can name
        }
    }
}
