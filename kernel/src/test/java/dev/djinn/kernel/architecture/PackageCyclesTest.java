package dev.djinn.kernel.architecture;

import dev.djinn.Djinn;
import dev.djinn.kernel.DjinnKernel;
import dev.djinn.magics.Magics;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packages of every module form a tree: no package depends, through any chain, on one that depends on it. The
 * dependencies are read from the compiled classes by the JDK's jdeps, so a cycle cannot come back unnoticed.
 */
class PackageCyclesTest {
    @Test
    void everyModulesPackagesDependOnEachOtherWithoutCycles() throws URISyntaxException {
        for (Class<?> module : List.of(Djinn.class, Magics.class, DjinnKernel.class)) {
            Path classes = Path.of(module.getProtectionDomain().getCodeSource().getLocation().toURI());
            Map<String, Set<String>> edges = packageDependencies(classes);
            assertTrue(edges.size() > 3, "jdeps read the packages of " + classes + ": " + edges.keySet());
            assertEquals(List.of(), cycles(edges), "package cycles in " + classes);
        }
    }

    @Test
    void aCycleIsFoundWhenThereIsOne() {
        Map<String, Set<String>> edges = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertEquals(List.of(new TreeSet<>(Set.of("a", "b", "c"))), cycles(edges));
    }

    /** Package → the Djinn packages it uses, as jdeps reads them from class files. */
    private static Map<String, Set<String>> packageDependencies(Path classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("the JDK's jdeps is missing"));
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-verbose:package", "-filter:none", classes.toString());
        assertEquals(0, status, out.toString());
        Map<String, Set<String>> edges = new HashMap<>();
        for (String line : out.toString().split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 3 && words[1].equals("->") && words[0].startsWith("dev.djinn") && words[2].startsWith("dev.djinn")) {
                edges.computeIfAbsent(words[0], p -> new HashSet<>());
                if (!words[0].equals(words[2])) {
                    edges.get(words[0]).add(words[2]);
                }
            }
        }
        return edges;
    }

    /** The groups of packages that reach each other (Tarjan's strongly connected components of two or more). */
    static List<Set<String>> cycles(Map<String, Set<String>> edges) {
        List<Set<String>> found = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        List<String> stack = new ArrayList<>();
        for (String start : new TreeSet<>(edges.keySet())) {
            if (!index.containsKey(start)) {
                connect(start, edges, index, low, stack, found);
            }
        }
        return found;
    }

    private static void connect(String node, Map<String, Set<String>> edges, Map<String, Integer> index, Map<String, Integer> low,
                                List<String> stack, List<Set<String>> found) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.add(node);
        for (String next : edges.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, edges, index, low, stack, found);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (stack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.remove(stack.size() - 1);
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }
}
