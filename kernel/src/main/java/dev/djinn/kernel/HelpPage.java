package dev.djinn.kernel;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The README as a self-contained HTML page for Jupyter's Help menu. It is installed in the kernelspec folder, which
 * the notebook server serves over HTTP, so the link opens from any browser (a {@code file://} link to the server's
 * disk opens from none). Relative links to files the page does not carry (notebooks, sources) keep their text.
 */
public final class HelpPage {
    static final String FILE_NAME = "djinn-help.html";

    private HelpPage() {
    }

    /** {@code HelpPage README.md OUTPUT_DIR}: writes {@value #FILE_NAME} there (the build does this). */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("Usage: HelpPage README.md OUTPUT_DIR");
        }
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        Files.writeString(out.resolve(FILE_NAME), html(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    static String html(String markdown) {
        List<Extension> extensions = List.of(TablesExtension.create());
        Node document = Parser.builder().extensions(extensions).build().parse(markdown);
        document.accept(new LocalLinksAsText());
        String body = HtmlRenderer.builder().extensions(extensions).build().render(document);
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Djinn</title>
                <style>
                body { font: 15px/1.55 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; max-width: 920px; margin: 2em auto; padding: 0 1em; color: #1f2328; }
                code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; background: #f6f8fa; }
                code { padding: .1em .3em; border-radius: 4px; }
                pre { padding: 1em; overflow: auto; border-radius: 6px; }
                pre code { padding: 0; }
                table { border-collapse: collapse; margin: 1em 0; }
                th, td { border: 1px solid #d0d7de; padding: .35em .7em; text-align: left; vertical-align: top; }
                img { max-width: 100%; }
                h1, h2 { border-bottom: 1px solid #d8dee4; padding-bottom: .3em; }
                </style></head><body>
                """ + body + "</body></html>\n";
    }

    /** Links to web pages and anchors stay links; a relative link to a repository file becomes its text. */
    private static final class LocalLinksAsText extends AbstractVisitor {
        @Override
        public void visit(Link link) {
            String destination = link.getDestination();
            if (destination.startsWith("#") || isAbsolute(destination)) {
                visitChildren(link);
                return;
            }
            List<Node> children = new ArrayList<>();
            for (Node child = link.getFirstChild(); child != null; child = child.getNext()) {
                children.add(child);
            }
            if (children.isEmpty()) {
                link.insertBefore(new Code(destination));
            }
            children.forEach(link::insertBefore);
            link.unlink();
        }

        private static boolean isAbsolute(String destination) {
            try {
                return URI.create(destination).isAbsolute();
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }
}
