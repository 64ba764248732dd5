package dev.djinn.magics.everyday;

import dev.djinn.magics.dispatch.BaseMagic;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.Session;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * {@code %classpath path…} adds jars or class folders (globs such as {@code lib/*.jar} allowed) to what cells can
 * use; {@code %jars} the same for jar files only; without arguments both list what was added.
 */
public final class ClasspathMagic extends BaseMagic {
    public ClasspathMagic() {
        super("%classpath [jar-or-folder-or-glob …] | %jars [jar-or-glob …]",
                "adds jars or class folders (globs allowed) to the class path, or lists what was added", false, "classpath", "jars");
    }

    @Override
    public Object run(MagicCall call, Session session) {
        boolean jarsOnly = call.name().equals("jars");
        List<String> words = call.words();
        if (words.isEmpty()) {
            List<Path> added = session.addedClasspath();
            return added.isEmpty() ? "Nothing added to the class path yet." : added.stream().map(Path::toString).collect(Collectors.joining("\n"));
        }
        List<Path> paths = new ArrayList<>();
        for (String word : words) {
            List<Path> matched = expand(word);
            if (matched.isEmpty()) {
                throw new MagicException("Nothing matches " + word + " (looked in " + Path.of(word).toAbsolutePath().getParent() + ").");
            }
            for (Path path : matched) {
                if (jarsOnly && !path.toString().endsWith(".jar")) {
                    throw new MagicException(path + " is not a jar: %jars adds jar files; use %classpath for folders.");
                }
                paths.add(path.toAbsolutePath().normalize());
            }
        }
        for (Path path : paths) {
            ClasspathEntry.problem(path).ifPresent(problem -> {
                throw new MagicException(problem + " Nothing was added.");
            });
        }
        List<Path> added = new ArrayList<>();
        for (Path path : paths) {
            if (!session.addedClasspath().contains(path)) {
                session.addToClasspath(path);
                added.add(path);
            }
        }
        return added.isEmpty() ? "Already on the class path: " + paths.size() + " path" + (paths.size() == 1 ? "" : "s") + "."
                : "Added " + added.size() + " to the class path:\n" + added.stream().map(Path::toString).collect(Collectors.joining("\n"));
    }

    /** A path, or the files a glob in its last part matches (sorted). */
    static List<Path> expand(String word) {
        Path path = Path.of(word);
        String last = path.getFileName() == null ? "" : path.getFileName().toString();
        if (!last.contains("*") && !last.contains("?") && !last.contains("[")) {
            return Files.exists(path) ? List.of(path) : List.of();
        }
        Path folder = path.getParent() == null ? Path.of(".") : path.getParent();
        List<Path> matched = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, last)) {
            stream.forEach(matched::add);
        } catch (IOException e) {
            return List.of();
        } catch (PatternSyntaxException e) {
            throw new MagicException("\"" + word + "\" is not a valid pattern (" + e.getDescription() + " near position " + e.getIndex()
                    + "): * and ? match names, [abc] one of the characters; write a file or folder name, or a pattern such as lib/*.jar.");
        }
        matched.sort(null);
        return matched;
    }
}
