package dev.djinn.kernel.eval;

import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps javac's index of the class path from one compile to the next. Every javac task JShell starts (four or five
 * per cell) sets the file manager's {@code --multi-release} option, always to the same release, and javac's file
 * manager drops its index of every jar's packages whenever that option is set: each task then indexed the
 * distribution's ~80 jars anew (about a tenth of a cell's time). The option reaches the file manager only when its
 * value changes; a class path change ({@code -classpath}, as {@code %classpath} and {@code %maven} make) still drops
 * the index, as it must.
 * <p>
 * Likewise every task looks for javac plugins on the class path ({@code META-INF/services} files, in each of the ~80
 * jars, twice: through the class path's loader and the JVM's): the files found are kept until the class path changes
 * (a twentieth of a cell).
 */
final class ClassPathIndexKeeper extends ForwardingJavaFileManager<StandardJavaFileManager> implements StandardJavaFileManager {
    private static final String MULTI_RELEASE = "--multi-release";
    private static final Set<String> CLASS_PATH_OPTIONS = Set.of("-classpath", "-cp", "--class-path");
    private static final String SERVICE_FILES = "META-INF/services/";

    private String release;
    /** The class path's service files by name, as its class loader lists them. */
    private final Map<String, List<URL>> serviceFiles = new ConcurrentHashMap<>();

    ClassPathIndexKeeper(StandardJavaFileManager fileManager) {
        super(fileManager);
    }

    @Override
    public boolean handleOption(String current, Iterator<String> remaining) {
        if (CLASS_PATH_OPTIONS.contains(current)) {
            serviceFiles.clear();
        }
        if (!MULTI_RELEASE.equals(current) || !remaining.hasNext()) {
            return super.handleOption(current, remaining);
        }
        String value = remaining.next();
        if (!value.equals(release)) {
            release = value;
            super.handleOption(current, List.of(value).iterator());
        }
        return true;
    }

    @Override
    public ClassLoader getClassLoader(Location location) {
        ClassLoader loader = super.getClassLoader(location);
        return location == StandardLocation.CLASS_PATH && loader != null ? new ServiceFilesKept(loader) : loader;
    }

    /** The class path's loader, with its service files listed once per class path; closing it closes that loader. */
    private final class ServiceFilesKept extends ClassLoader implements Closeable {
        private final ClassLoader loader;

        ServiceFilesKept(ClassLoader loader) {
            super(loader);
            this.loader = loader;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (!name.startsWith(SERVICE_FILES)) {
                return super.getResources(name);
            }
            List<URL> found = serviceFiles.get(name);
            if (found == null) {
                found = Collections.list(super.getResources(name));
                serviceFiles.put(name, found);
            }
            return Collections.enumeration(found);
        }

        @Override
        public void close() throws IOException {
            if (loader instanceof Closeable closeable) {
                closeable.close();
            }
        }
    }

    // StandardJavaFileManager's own methods, forwarded (several have defaults that would not reach the wrapped one)

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
        return fileManager.isSameFile(a, b);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromFiles(Iterable<? extends File> files) {
        return fileManager.getJavaFileObjectsFromFiles(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromPaths(Collection<? extends Path> paths) {
        return fileManager.getJavaFileObjectsFromPaths(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(File... files) {
        return fileManager.getJavaFileObjects(files);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(Path... paths) {
        return fileManager.getJavaFileObjects(paths);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjectsFromStrings(Iterable<String> names) {
        return fileManager.getJavaFileObjectsFromStrings(names);
    }

    @Override
    public Iterable<? extends JavaFileObject> getJavaFileObjects(String... names) {
        return fileManager.getJavaFileObjects(names);
    }

    @Override
    public void setLocation(Location location, Iterable<? extends File> files) throws IOException {
        serviceFiles.clear();
        fileManager.setLocation(location, files);
    }

    @Override
    public void setLocationFromPaths(Location location, Collection<? extends Path> paths) throws IOException {
        serviceFiles.clear();
        fileManager.setLocationFromPaths(location, paths);
    }

    @Override
    public void setLocationForModule(Location location, String moduleName, Collection<? extends Path> paths) throws IOException {
        fileManager.setLocationForModule(location, moduleName, paths);
    }

    @Override
    public Iterable<? extends File> getLocation(Location location) {
        return fileManager.getLocation(location);
    }

    @Override
    public Iterable<? extends Path> getLocationAsPaths(Location location) {
        return fileManager.getLocationAsPaths(location);
    }

    @Override
    public Path asPath(FileObject file) {
        return fileManager.asPath(file);
    }

    @Override
    public void setPathFactory(PathFactory factory) {
        fileManager.setPathFactory(factory);
    }
}
