package dev.djinn.kernel;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpPageTest {
    @Test
    void theReadmeBecomesOnePageWithItsTablesImagesAndWebLinks() throws Exception {
        String html = HelpPage.html(Files.readString(Path.of("../README.md")));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<h1>Djinn"), "the README's title");
        assertTrue(html.contains("<table>"), "Markdown tables are rendered");
        assertTrue(html.contains("<img src=\"docs/images/"), "images stay, the build copies docs/images beside the page");
        assertTrue(html.contains("href=\"https://djl.ai/\""), "web links stay links");
    }

    @Test
    void relativeLinksToRepositoryFilesKeepOnlyTheirText() {
        String html = HelpPage.html("Run [`01-quickstart`](notebooks/01-quickstart.ipynb) or see [below](#usage) and [DJL](https://djl.ai/).");
        assertFalse(html.contains("notebooks/01-quickstart.ipynb"), html);
        assertTrue(html.contains("<code>01-quickstart</code>"), html);
        assertTrue(html.contains("<a href=\"#usage\">below</a>"), html);
        assertTrue(html.contains("<a href=\"https://djl.ai/\">DJL</a>"), html);
    }

    @Test
    void theHelpLinkIsServedByTheNotebookServerNotReadFromItsDisk() {
        assertEquals("../kernelspecs/djinn/djinn-help.html", KernelInfo.helpPageLink("djinn").orElseThrow());
        assertTrue(KernelInfo.helpPageLink(null).isEmpty(), "without a kernelspec there is no page to link");
        assertTrue(KernelInfo.helpPageLink("../../etc").isEmpty());
    }
}
