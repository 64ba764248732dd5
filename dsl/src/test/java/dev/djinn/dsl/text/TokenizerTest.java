package dev.djinn.dsl.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenizerTest {
    private static final Tokenizer MINILM = PretrainedEncoder.miniLM().tokenizer(16);

    @Test
    void miniLmsTokenizerAddsSpecialTokensPadsAndMasks() {
        Tokenizer.Tokens tokens = MINILM.encode("Beam me up, Scotty.");
        assertEquals(16, tokens.ids().length);
        assertEquals("[CLS]", tokens.tokens()[0]);
        assertEquals(101, tokens.ids()[0]);
        int length = (int) Arrays.stream(tokens.mask()).sum();
        assertEquals("[SEP]", tokens.tokens()[length - 1]);
        assertEquals(102, tokens.ids()[length - 1]);
        for (int i = length; i < 16; i++) {
            assertEquals(0, tokens.mask()[i], "padding is masked");
            assertEquals(Tokenizer.PADDING, tokens.features()[i], "padding is -1 in the features");
        }
        assertFalse(tokens.truncated());
        assertEquals(30522, MINILM.vocabularySize());
    }

    @Test
    void decodingGivesTheNormalizedTextBackWithoutSpecialTokens() {
        Tokenizer.Tokens tokens = MINILM.encode("Beam me up, Scotty.");
        assertEquals("beam me up, scotty.", MINILM.decode(tokens.ids()));
        float[] features = tokens.features();
        long[] withPadding = new long[features.length];
        for (int i = 0; i < features.length; i++) {
            withPadding[i] = (long) features[i];
        }
        assertEquals("beam me up, scotty.", MINILM.decode(withPadding), "-1 padding is left out too");
    }

    @Test
    void longTextsAreCutAtMaxLengthAndSaySo() {
        String longText = "word ".repeat(40);
        Tokenizer.Tokens tokens = MINILM.encode(longText);
        assertEquals(16, tokens.ids().length);
        assertTrue(tokens.truncated());
        assertEquals(102, tokens.ids()[15], "the cut text still ends with [SEP]");
        Tokenizer.Features features = MINILM.features(List.of(longText, "short"));
        assertEquals(1, features.truncated());
        assertEquals(32, features.values().length);
        assertEquals(64, MINILM.maxLength(64).encode(longText).ids().length);
    }

    @Test
    void aLearnedWordPieceVocabularyIsAStandardTokenizerJsonThatHuggingFaceLoads(@TempDir Path folder) throws Exception {
        List<String> texts = Fortunes.first(100).texts();
        Tokenizer learned = WordPieceTrainer.train(texts, 1500);
        assertEquals(1500, learned.vocabularySize());
        Path file = learned.save(folder.resolve("tokenizer.json").toString()); // a file name as well as a Path
        try (HuggingFaceTokenizer huggingFace = HuggingFaceTokenizer.newInstance(file)) {
            var encoding = huggingFace.encode("The computer is down again.");
            assertEquals("[CLS]", encoding.getTokens()[0]);
            assertEquals("[SEP]", encoding.getTokens()[encoding.getTokens().length - 1]);
            assertTrue(Arrays.asList(encoding.getTokens()).contains("computer"), Arrays.toString(encoding.getTokens()));
            Tokenizer reloaded = dev.djinn.Djinn.tokenizer(file.toString()).maxLength(12);
            assertArrayEquals(Arrays.copyOf(encoding.getIds(), encoding.getIds().length), Arrays.copyOf(reloaded.encode("The computer is down again.").ids(), encoding.getIds().length));
            assertEquals("the computer is down again.", reloaded.decode(reloaded.encode("The computer is down again.").ids()));
        }
        Tokenizer.Tokens unknownWord = learned.encode("zyxqv");
        assertTrue(unknownWord.ids().length > 0 && Arrays.stream(unknownWord.tokens()).noneMatch(String::isEmpty));
    }

    @Test
    void aFileThatIsNotATokenizerJsonIsNamedWithWhatToGive(@TempDir Path folder) throws Exception {
        Path csv = Files.writeString(folder.resolve("houses.csv"), "size,city\n120,Oslo\n");
        assertEquals("tokenizer(" + csv + "): not a HuggingFace tokenizer.json (it is not JSON): give the tokenizer.json that "
                + "came with the model, or learn one with wordPiece(texts, size).",
                assertThrows(IllegalArgumentException.class, () -> dev.djinn.Djinn.tokenizer(csv.toString())).getMessage());
        Path json = Files.writeString(folder.resolve("other.json"), "{\"model\": 3}");
        String message = assertThrows(IllegalArgumentException.class, () -> Tokenizer.of(json)).getMessage();
        assertTrue(message.startsWith("tokenizer(" + json + "): not a HuggingFace tokenizer.json (") && !message.contains("\n"), message);
    }

    @Test
    void badSizesAreRefusedWithASentence() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MINILM.maxLength(1)).getMessage().contains("maxLength(1)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WordPieceTrainer.train(List.of("a"), 3)).getMessage().contains("special tokens"));
    }
}
