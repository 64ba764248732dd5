package dev.djinn.magics.everyday;

import dev.djinn.magics.dispatch.BaseMagic;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.Session;
import dev.djinn.magics.mime.MimeBundle;

/**
 * IPython's display cell magics: {@code %%html}, {@code %%markdown}, {@code %%latex}, {@code %%svg} and
 * {@code %%javascript} (or {@code %%js}) show the rest of the cell as that kind of content; terminals get its source.
 */
public final class DisplayMagic extends BaseMagic {
    private static final String JAVASCRIPT = "application/javascript";

    public DisplayMagic() {
        super("%%html | %%markdown | %%latex | %%svg | %%javascript, then the content",
                "shows the rest of the cell as HTML, Markdown, LaTeX, SVG or runs it as JavaScript", true,
                "html", "markdown", "latex", "svg", "javascript", "js");
    }

    @Override
    public boolean line() {
        return false;
    }

    @Override
    public Object run(MagicCall call, Session session) {
        String content = call.body();
        if (content.isBlank()) {
            throw new MagicException("Write the content on the lines below %%" + call.name() + ".");
        }
        // shown, not returned: IPython's display magics give no Out[n]
        session.display(switch (call.name()) {
            case "html" -> MimeBundle.html(content, content);
            case "markdown" -> MimeBundle.markdown(content);
            case "latex" -> MimeBundle.latex(content);
            case "svg" -> MimeBundle.svg(content, content);
            default -> MimeBundle.text(content).with(JAVASCRIPT, content);
        });
        return null;
    }
}
