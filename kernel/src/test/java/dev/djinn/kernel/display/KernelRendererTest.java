package dev.djinn.kernel.display;

import dev.djinn.magics.mime.MimeBundle;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.common.Image;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelRendererTest {
    private final KernelRenderer renderer = new KernelRenderer();

    KernelRendererTest() {
        Image.registerAll(renderer); // as jjava's BaseKernel does for the kernel's renderer
    }

    static class Report {
        @Override
        public String toString() {
            return "report (plain)";
        }
    }

    static class DetailedReport extends Report {
    }

    @Test
    void everyValueHasAPlainTextForm() {
        DisplayData data = renderer.render(new Report());
        assertEquals("report (plain)", data.getData(MIMEType.TEXT_PLAIN));
        assertFalse(data.hasDataForType(MIMEType.TEXT_HTML));
    }

    @Test
    void aRegisteredClassGetsItsRichFormsAndSubclassesInheritThem() {
        renderer.createRegistration(Report.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_MARKDOWN, MIMEType.IMAGE_SVG)
                .register((report, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> "<b>report</b>");
                    context.renderIfRequested(MIMEType.TEXT_MARKDOWN, () -> "**report**");
                    context.renderIfRequested(MIMEType.IMAGE_SVG, () -> "<svg/>");
                });
        DisplayData data = renderer.render(new DetailedReport());
        assertEquals("<b>report</b>", data.getData(MIMEType.TEXT_HTML));
        assertEquals("**report**", data.getData(MIMEType.TEXT_MARKDOWN));
        assertEquals("<svg/>", data.getData(MIMEType.IMAGE_SVG));
        assertEquals("report (plain)", data.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void mimeBundlesRenderAsAllTheirForms() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        DisplayData data = renderer.render(MimeBundle.png(png, "a chart").with(MimeBundle.HTML, "<i>chart</i>"));
        assertEquals("a chart", data.getData(MIMEType.TEXT_PLAIN));
        assertEquals("<i>chart</i>", data.getData(MIMEType.TEXT_HTML));
        assertEquals(Base64.getEncoder().encodeToString(png), data.getData(MIMEType.IMAGE_PNG));
    }

    @Test
    void imagesRenderAsPng() {
        DisplayData data = renderer.render(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB));
        String png = (String) data.getData(MIMEType.IMAGE_PNG);
        assertNotNull(png);
        byte[] bytes = Base64.getDecoder().decode(png);
        assertEquals('P', bytes[1]);
        assertTrue(data.hasDataForType(MIMEType.TEXT_PLAIN));
    }

    @Test
    void arraysPrintTheirContents() {
        assertEquals("int[3] { 1, 2, 3 }", renderer.render(new int[] {1, 2, 3}).getData(MIMEType.TEXT_PLAIN));
        assertEquals("String[2] { \"a\", \"b\" }", PlainText.of(new String[] {"a", "b"}));
        assertEquals("int[][2] { int[1] { 1 }, int[0] { } }", PlainText.of(new int[][] {{1}, {}}));
        assertTrue(PlainText.of(new double[500]).endsWith(", … 400 more }"));
    }
}
