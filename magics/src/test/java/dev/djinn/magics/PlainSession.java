package dev.djinn.magics;

import dev.djinn.magics.dispatch.CellRun;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.Session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session over named Java objects, for magics that read variables (%plot, %tensor, %who): {@code eval} of a
 * name gives its value. Magics that run code are tested through the kernel's real JShell.
 */
class PlainSession implements Session {
    final Map<String, Object> variables = new LinkedHashMap<>();
    final List<Path> classpath = new ArrayList<>();
    final StringBuilder printed = new StringBuilder();
    final List<Object> displayed = new ArrayList<>();
    /** Inputs of this session and earlier ones: {@link #inputs} gives those of session {@link #SESSION}. */
    final List<Input> history = new ArrayList<>();
    static final int SESSION = 2;

    PlainSession with(String name, Object value) {
        variables.put(name, value);
        return this;
    }

    @Override
    public Object eval(String code) {
        String name = code.strip();
        if (!variables.containsKey(name)) {
            throw new MagicException("There is no variable " + name + ".");
        }
        return variables.get(name);
    }

    /** Runs magic lines through the registry and names through {@link #eval}, as the kernel's session does. */
    @Override
    public Object runCell(String cell) {
        return CellRun.run(cell, part -> part.isMagic() ? DjinnMagics.registry().run(part.magic(), this) : eval(part.code()), null);
    }

    @Override
    public List<Variable> variables() {
        List<Variable> list = new ArrayList<>();
        variables.forEach((name, value) -> list.add(new Variable(name, value.getClass().getSimpleName(), String.valueOf(value))));
        return list;
    }

    @Override
    public void addToClasspath(Path path) {
        classpath.add(path);
    }

    @Override
    public List<Path> addedClasspath() {
        return classpath;
    }

    @Override
    public List<Input> inputs() {
        return history.stream().filter(input -> input.session() == SESSION).toList();
    }

    /** Globs as "*text*", which is what %history -g sends. */
    @Override
    public List<Input> searchInputs(String glob) {
        return history.stream().filter(input -> input.code().contains(glob.replace("*", ""))).toList();
    }

    @Override
    public void display(Object value) {
        displayed.add(value);
    }

    @Override
    public void print(String text) {
        printed.append(text);
    }
}
