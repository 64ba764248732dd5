package dev.djinn.dsl.model;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rebuilds layers from their descriptions ("dense(128)", "dropout(0.2)"), as a saved model records them. */
final class LayerParser {
    private static final Pattern CALL = Pattern.compile("(\\w+)(?:\\(([^)]*)\\))?");

    private LayerParser() {
    }

    static Model rebuild(List<String> descriptions) {
        Model model = new Model();
        for (String description : descriptions) {
            Matcher call = CALL.matcher(description);
            if (!call.matches()) {
                throw new IllegalArgumentException("Unknown layer \"" + description + "\" in the model file.");
            }
            String[] args = call.group(2) == null || call.group(2).isBlank() ? new String[0] : call.group(2).split(",\\s*");
            apply(model, call.group(1), args, description);
        }
        return model;
    }

    private static void apply(Model model, String name, String[] a, String description) {
        switch (name) {
            case "dense": model.dense(Integer.parseInt(a[0])); break;
            case "relu": model.relu(); break;
            case "sigmoid": model.sigmoid(); break;
            case "tanh": model.tanh(); break;
            case "gelu": model.gelu(); break;
            case "swish": model.swish(); break;
            case "softmax": model.softmax(); break;
            case "leakyRelu": model.leakyRelu(Double.parseDouble(a[0])); break;
            case "dropout": model.dropout(Double.parseDouble(a[0])); break;
            case "flatten": model.flatten(); break;
            case "batchNorm": model.batchNorm(); break;
            case "layerNorm": model.layerNorm(); break;
            case "globalAvgPool": model.globalAvgPool(); break;
            case "maxPool2d": model.maxPool2d(Integer.parseInt(a[0])); break;
            case "avgPool2d": model.avgPool2d(Integer.parseInt(a[0])); break;
            case "conv2d":
                if (a.length == 2) {
                    model.conv2d(Integer.parseInt(a[0]), Integer.parseInt(a[1]));
                } else {
                    model.conv2d(Integer.parseInt(a[0]), Integer.parseInt(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]));
                }
                break;
            default:
                throw new IllegalArgumentException("The model file has a layer this Djinn cannot rebuild: \"" + description
                        + "\". It was saved by a newer Djinn, or it used add(Block), which cannot be saved.");
        }
    }

    /** Whether a layer can be rebuilt from its description (not a custom add(Block)). */
    static boolean isRebuildable(String description) {
        try {
            rebuild(List.of(description));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
