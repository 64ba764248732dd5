package io.github.spencerpark.jupyter.kernel.display.mime;

/** IJava's MIME type constants, as IJava notebooks name them; each is the Djinn kernel's (jjava's) type. */
public final class MIMEType {
    public static final MIMEType ANY = of(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.ANY);
    public static final MIMEType APPLICATION_JSON = of(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.APPLICATION_JSON);
    public static final MIMEType APPLICATION_JAVASCRIPT = of(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.APPLICATION_JAVASCRIPT);
    public static final MIMEType APPLICATION_PDF = of(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.APPLICATION_PDF);
    public static final MIMEType APPLICATION_XML = of(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.APPLICATION_XML);
    public static final MIMEType TEXT_HTML = of(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML);
    public static final MIMEType TEXT_MARKDOWN = of(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_MARKDOWN);
    public static final MIMEType TEXT_LATEX = of(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_LATEX);
    public static final MIMEType TEXT_PLAIN = of(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN);
    public static final MIMEType TEXT_CSS = of(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_CSS);
    public static final MIMEType IMAGE_PNG = of(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG);
    public static final MIMEType IMAGE_JPEG = of(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_JPEG);
    public static final MIMEType IMAGE_GIF = of(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_GIF);
    public static final MIMEType IMAGE_SVG = of(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_SVG);

    private final org.dflib.jjava.jupyter.kernel.display.mime.MIMEType type;

    public MIMEType(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType type) {
        this.type = type;
    }

    private static MIMEType of(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType type) {
        return new MIMEType(type);
    }

    public static MIMEType parse(String type) {
        return new MIMEType(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.parse(type));
    }

    /** The kernel's own type. */
    public org.dflib.jjava.jupyter.kernel.display.mime.MIMEType jjava() {
        return type;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MIMEType mime && mime.type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public String toString() {
        return type.toString();
    }
}
