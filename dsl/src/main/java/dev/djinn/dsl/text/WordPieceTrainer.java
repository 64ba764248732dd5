package dev.djinn.dsl.text;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Learns a WordPiece vocabulary from training texts, as HuggingFace's WordPiece trainer does: words (BERT's lower-casing,
 * accent stripping and punctuation split) start as characters ("c", "##a", "##t"), and the most frequent adjacent pair
 * is merged until the vocabulary has the size asked for. The result is a standard {@code tokenizer.json} (BERT
 * normalizer, pre-tokenizer, [CLS]/[SEP] template, WordPiece decoder) that HuggingFace's libraries load.
 */
public final class WordPieceTrainer {
    public static final List<String> SPECIAL = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");
    private static final String CONTINUATION = "##";

    private WordPieceTrainer() {
    }

    /** A tokenizer whose vocabulary (at most {@code vocabularySize} tokens, special ones included) fits these texts. */
    public static Tokenizer train(List<String> texts, int vocabularySize) {
        if (vocabularySize < SPECIAL.size() + 1) {
            throw new IllegalArgumentException("wordPiece(texts, " + vocabularySize + "): the vocabulary needs room for the "
                    + SPECIAL.size() + " special tokens and more; give 1000 or so.");
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("wordPiece(texts, …): there are no texts to learn a vocabulary from.");
        }
        Map<String, Integer> words = new HashMap<>();
        for (String text : texts) {
            for (String word : words(text)) {
                words.merge(word, 1, Integer::sum);
            }
        }
        return Tokenizer.fromJson(json(vocabulary(words, vocabularySize)), Tokenizer.DEFAULT_MAX_LENGTH);
    }

    /** BERT's basic tokenization: lower case, accents stripped, split at spaces and around punctuation. */
    static List<String> words(String text) {
        String plain = Normalizer.normalize(text.toLowerCase(), Normalizer.Form.NFD).replaceAll("\\p{Mn}", "");
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        plain.codePoints().forEach(c -> {
            if (Character.isWhitespace(c) || Character.isISOControl(c) || isPunctuation(c)) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                if (isPunctuation(c)) {
                    words.add(new String(Character.toChars(c)));
                }
            } else {
                word.appendCodePoint(c);
            }
        });
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /** BERT's punctuation: ASCII symbols and Unicode's punctuation classes. */
    private static boolean isPunctuation(int c) {
        if (c >= 33 && c <= 47 || c >= 58 && c <= 64 || c >= 91 && c <= 96 || c >= 123 && c <= 126) {
            return true;
        }
        int type = Character.getType(c);
        return type >= Character.DASH_PUNCTUATION && type <= Character.OTHER_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION;
    }

    private record Pair(String left, String right) {
    }

    /** The tokens in id order: special tokens, every character seen, then merges by frequency. */
    private static List<String> vocabulary(Map<String, Integer> wordCounts, int size) {
        List<String> tokens = new ArrayList<>(SPECIAL);
        Set<String> known = new HashSet<>(SPECIAL);
        List<List<String>> pieces = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        new TreeMap<>(wordCounts).forEach((word, count) -> {
            List<String> symbols = new ArrayList<>();
            int[] points = word.codePoints().toArray();
            for (int i = 0; i < points.length; i++) {
                symbols.add((i == 0 ? "" : CONTINUATION) + new String(Character.toChars(points[i])));
            }
            pieces.add(symbols);
            counts.add(count);
        });
        for (List<String> symbols : pieces) {
            for (String symbol : symbols) {
                if (known.add(symbol)) {
                    tokens.add(symbol);
                }
            }
        }
        Map<Pair, Integer> pairCounts = new HashMap<>();
        Map<Pair, Set<Integer>> pairWords = new HashMap<>();
        for (int w = 0; w < pieces.size(); w++) {
            count(pieces.get(w), w, counts.get(w), pairCounts, pairWords, 1);
        }
        Comparator<Map.Entry<Pair, Integer>> byCount = Map.Entry.<Pair, Integer>comparingByValue().reversed()
                .thenComparing(entry -> entry.getKey().left() + " " + entry.getKey().right());
        PriorityQueue<Map.Entry<Pair, Integer>> queue = new PriorityQueue<>(byCount);
        pairCounts.forEach((pair, count) -> queue.add(Map.entry(pair, count)));
        while (tokens.size() < size && !queue.isEmpty()) {
            Map.Entry<Pair, Integer> top = queue.poll();
            Pair pair = top.getKey();
            if (!top.getValue().equals(pairCounts.get(pair))) {
                continue; // a stale count: the pair's current one is queued too
            }
            String merged = pair.left() + pair.right().substring(CONTINUATION.length());
            if (known.add(merged)) {
                tokens.add(merged);
            }
            Set<Integer> affected = pairWords.remove(pair);
            pairCounts.remove(pair);
            for (int w : affected == null ? Set.<Integer>of() : affected) {
                List<String> symbols = pieces.get(w);
                count(symbols, w, counts.get(w), pairCounts, pairWords, -1);
                List<String> joined = new ArrayList<>();
                for (int i = 0; i < symbols.size(); i++) {
                    if (i + 1 < symbols.size() && symbols.get(i).equals(pair.left()) && symbols.get(i + 1).equals(pair.right())) {
                        joined.add(merged);
                        i++;
                    } else {
                        joined.add(symbols.get(i));
                    }
                }
                pieces.set(w, joined);
                for (Pair changed : count(joined, w, counts.get(w), pairCounts, pairWords, 1)) {
                    queue.add(Map.entry(changed, pairCounts.get(changed)));
                }
            }
        }
        return tokens;
    }

    /** Adds (sign 1) or removes (-1) a word's adjacent pairs; returns the pairs it touched. */
    private static Set<Pair> count(List<String> symbols, int word, int count, Map<Pair, Integer> pairCounts,
                                   Map<Pair, Set<Integer>> pairWords, int sign) {
        Set<Pair> touched = new HashSet<>();
        for (int i = 0; i + 1 < symbols.size(); i++) {
            Pair pair = new Pair(symbols.get(i), symbols.get(i + 1));
            int updated = pairCounts.getOrDefault(pair, 0) + sign * count;
            if (updated <= 0) {
                pairCounts.remove(pair);
            } else {
                pairCounts.put(pair, updated);
            }
            if (sign > 0) {
                pairWords.computeIfAbsent(pair, p -> new HashSet<>()).add(word);
                touched.add(pair);
            }
        }
        return touched;
    }

    /** A tokenizer.json for this vocabulary, shaped as BERT's. */
    private static String json(List<String> tokens) {
        JsonObject json = new JsonObject();
        json.addProperty("version", "1.0");
        json.add("truncation", null);
        json.add("padding", null);
        JsonArray added = new JsonArray();
        for (int id = 0; id < SPECIAL.size(); id++) {
            JsonObject token = new JsonObject();
            token.addProperty("id", id);
            token.addProperty("content", SPECIAL.get(id));
            token.addProperty("single_word", false);
            token.addProperty("lstrip", false);
            token.addProperty("rstrip", false);
            token.addProperty("normalized", false);
            token.addProperty("special", true);
            added.add(token);
        }
        json.add("added_tokens", added);
        JsonObject normalizer = new JsonObject();
        normalizer.addProperty("type", "BertNormalizer");
        normalizer.addProperty("clean_text", true);
        normalizer.addProperty("handle_chinese_chars", true);
        normalizer.add("strip_accents", null);
        normalizer.addProperty("lowercase", true);
        json.add("normalizer", normalizer);
        JsonObject preTokenizer = new JsonObject();
        preTokenizer.addProperty("type", "BertPreTokenizer");
        json.add("pre_tokenizer", preTokenizer);
        JsonObject post = new JsonObject();
        post.addProperty("type", "BertProcessing");
        post.add("sep", pair("[SEP]", 3));
        post.add("cls", pair("[CLS]", 2));
        json.add("post_processor", post);
        JsonObject decoder = new JsonObject();
        decoder.addProperty("type", "WordPiece");
        decoder.addProperty("prefix", CONTINUATION);
        decoder.addProperty("cleanup", true);
        json.add("decoder", decoder);
        JsonObject model = new JsonObject();
        model.addProperty("type", "WordPiece");
        model.addProperty("unk_token", "[UNK]");
        model.addProperty("continuing_subword_prefix", CONTINUATION);
        model.addProperty("max_input_chars_per_word", 100);
        JsonObject vocab = new JsonObject();
        for (int id = 0; id < tokens.size(); id++) {
            vocab.addProperty(tokens.get(id), id);
        }
        model.add("vocab", vocab);
        json.add("model", model);
        return new GsonBuilder().serializeNulls().create().toJson(json);
    }

    private static JsonArray pair(String token, int id) {
        JsonArray pair = new JsonArray();
        pair.add(token);
        pair.add(id);
        return pair;
    }
}
