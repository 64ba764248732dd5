package dev.djinn.magics.everyday;

import dev.djinn.magics.dispatch.MagicException;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dependencies and repositories of a POM, or of {@code <dependency>} and {@code <repository>} elements pasted
 * into a cell as IJava's {@code %%loadFromPOM} takes them: {@code ${property}} values from the POM's own
 * {@code <properties>}; test, provided and system scopes left out, as Maven leaves them out at run time.
 */
record PomDependencies(List<Dependency> dependencies, Map<String, String> repositories) {
    private static final Set<String> NOT_AT_RUN_TIME = Set.of("test", "provided", "system");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    static PomDependencies parse(String xml, String source) {
        String text = xml.strip();
        boolean whole = text.startsWith("<?xml") || text.startsWith("<project");
        Element root = document(whole ? text : "<fragment>" + text + "</fragment>", source).getDocumentElement();
        Map<String, String> properties = properties(root);
        Map<String, String> repositories = new java.util.LinkedHashMap<>();
        for (Element repository : elements(root, "repository")) {
            if (!parentNamed(repository, "repositories") && whole) {
                continue; // distributionManagement's repository is where a project deploys, not where it reads
            }
            repositories.put(value(repository, "id", properties, source), value(repository, "url", properties, source));
        }
        List<Dependency> dependencies = new ArrayList<>();
        for (Element dependency : elements(root, "dependency")) {
            Node list = dependency.getParentNode();
            Node owner = list == null ? null : list.getParentNode();
            boolean direct = list == root || (list != null && list.getNodeName().equals("dependencies") && owner == root);
            if (!direct) {
                continue; // dependencyManagement and plugins declare, they do not add
            }
            String scope = optional(dependency, "scope", properties);
            if (scope != null && NOT_AT_RUN_TIME.contains(scope)) {
                continue;
            }
            String group = value(dependency, "groupId", properties, source);
            String artifact = value(dependency, "artifactId", properties, source);
            String version = optional(dependency, "version", properties);
            if (version == null) {
                throw new MagicException(source + ": " + group + ":" + artifact + " has no <version> (versions from a parent POM or "
                        + "dependencyManagement are not read): write the version in.");
            }
            String type = optional(dependency, "type", properties);
            String classifier = optional(dependency, "classifier", properties);
            dependencies.add(new Dependency(new DefaultArtifact(group, artifact, classifier == null ? "" : classifier,
                    type == null ? "jar" : type, version), "runtime"));
        }
        return new PomDependencies(dependencies, repositories);
    }

    private static Document document(String xml, String source) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // a POM needs no DTD or external entities: refusing them keeps a hostile file from reading other files
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (SAXException e) {
            throw new MagicException(source + " is not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException | IOException e) {
            throw new MagicException("Could not read " + source + ": " + e.getMessage());
        }
    }

    private static Map<String, String> properties(Element root) {
        Map<String, String> properties = new HashMap<>();
        for (Element block : children(root, "properties")) {
            NodeList list = block.getChildNodes();
            for (int i = 0; i < list.getLength(); i++) {
                if (list.item(i) instanceof Element property) {
                    properties.put(property.getTagName(), property.getTextContent().strip());
                }
            }
        }
        child(root, "version").ifPresent(v -> properties.put("project.version", v.getTextContent().strip()));
        return properties;
    }

    private static String value(Element parent, String name, Map<String, String> properties, String source) {
        String value = optional(parent, name, properties);
        if (value == null || value.isEmpty()) {
            throw new MagicException(source + ": a <" + parent.getTagName() + "> without <" + name + ">.");
        }
        return value;
    }

    private static String optional(Element parent, String name, Map<String, String> properties) {
        return child(parent, name).map(e -> interpolate(e.getTextContent().strip(), properties)).orElse(null);
    }

    private static String interpolate(String value, Map<String, String> properties) {
        Matcher matcher = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = properties.get(matcher.group(1));
            if (replacement == null) {
                throw new MagicException("${" + matcher.group(1) + "} is not defined in the POM's <properties>.");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static java.util.Optional<Element> child(Element parent, String name) {
        return children(parent, name).stream().findFirst();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList list = parent.getChildNodes();
        for (int i = 0; i < list.getLength(); i++) {
            if (list.item(i) instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static List<Element> elements(Element root, String name) {
        List<Element> found = new ArrayList<>();
        NodeList list = root.getElementsByTagName(name);
        for (int i = 0; i < list.getLength(); i++) {
            found.add((Element) list.item(i));
        }
        return found;
    }

    private static boolean parentNamed(Element element, String name) {
        Node parent = element.getParentNode();
        return parent != null && parent.getNodeName().equals(name);
    }
}
