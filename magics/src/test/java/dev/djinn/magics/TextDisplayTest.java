package dev.djinn.magics;

import dev.djinn.dsl.data.TextData;
import dev.djinn.dsl.data.TextDataSet;
import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.model.Summary;
import dev.djinn.dsl.text.Tokenizer;
import dev.djinn.dsl.train.ProgressListener;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.display.DisplayForms;
import dev.djinn.magics.mime.MimeBundle;
import dev.djinn.magics.tensor.ParameterReport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.miniLM;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;
import static dev.djinn.Djinn.texts;
import static dev.djinn.Djinn.tokenizer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Texts, tokens and a frozen encoder as a notebook shows them. */
class TextDisplayTest {
    private static final List<String> TEXTS = List.of("The disk is full.", "Vote for me!", "E = mc^2", "La la la, a song",
            "Reboot the server", "Taxes again", "Quarks and leptons", "Sing it loud");
    private static final List<String> LABELS = List.of("computers", "politics", "science", "songs", "computers", "politics", "science", "songs");

    @Test
    void textDataShowsItsFirstTextsWithTheirClasses() {
        TextData data = texts(TEXTS, LABELS);
        MimeBundle bundle = DisplayForms.all().get(TextData.class).apply(data);
        String html = new String(bundle.bytes(MimeBundle.HTML));
        assertTrue(html.contains("<td style=\"text-align:left\">The disk is full.</td><td style=\"text-align:left\">computers</td>"), html);
        String plain = new String(bundle.bytes(MimeBundle.PLAIN));
        assertTrue(plain.startsWith("8 texts, 4 classes [computers, politics, science, songs]"), plain);
        assertTrue(plain.contains("politics     Vote for me!"), plain);
        TextDataSet split = data.split(0.5, 1);
        assertTrue(new String(DisplayForms.all().get(TextDataSet.class).apply(split).bytes(MimeBundle.PLAIN)).startsWith("text data: 4 to train, 4 to test"));
    }

    @Test
    void tokensShowTheirIdsAndGreyPadding() {
        Tokenizer.Tokens tokens = tokenizer(miniLM()).maxLength(8).encode("Beam me up");
        MimeBundle bundle = DisplayForms.all().get(Tokenizer.Tokens.class).apply(tokens);
        String html = new String(bundle.bytes(MimeBundle.HTML));
        assertTrue(html.contains("[CLS]<sub>101</sub>") && html.contains("beam") && html.contains("color:#aaa"), html);
        assertTrue(html.contains("5 tokens, 3 padding"), html);
        assertTrue(html.contains("flex-wrap:wrap"), "a long text's chips wrap at the notebook's edge: " + html);
        assertEquals("[CLS] beam me up [SEP] + 3 padding", new String(bundle.bytes(MimeBundle.PLAIN)));
    }

    @Test
    void aFrozenEncodersWeightsAreShownAndMarkedNotTrained() {
        TextData data = texts(TEXTS, LABELS).maxLength(16);
        try (Model net = model().frozenEncoder(miniLM()).dense(4)) {
            net.train(data, epochs(1), progress(ProgressListener.NONE));
            ParameterReport report = (ParameterReport) DjinnMagics.registry().run(new MagicCall("tensor", "net", null), new PlainSession().with("net", net));
            long frozen = report.rows().stream().filter(row -> !row.trainable()).mapToLong(ParameterReport.Row::size).sum();
            assertEquals(miniLM().shape().parameters(), frozen);
            assertEquals(2, report.rows().stream().filter(ParameterReport.Row::trainable).count(), "the head's weight and bias");
            String text = report.toString();
            assertTrue(text.contains("frozenEncoder(all-minilm-l6-v2)/encoder.layer.0.attention.self.query.weight") && text.contains("no (frozen)"), text);
            assertTrue(text.contains("(22,565,376 frozen: not trained)"), text);
            String summary = new String(DisplayForms.all().get(Summary.class).apply(net.summary()).bytes(MimeBundle.HTML));
            assertTrue(summary.contains("frozenEncoder(all-minilm-l6-v2) (frozen)") && summary.contains("trainable 1,540 of 22,566,916 parameters (22,565,376 frozen: not trained)"), summary);
        }
    }
}
