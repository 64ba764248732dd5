package dev.djinn.dsl.model;

import dev.djinn.dsl.layer.LayerSpec;

import java.util.List;

/** Format 1's reader: rebuilds layers from their descriptions ("dense(128)", "residual[dense(8), relu]"), as a saved model records them. */
final class LayerParser {
    private LayerParser() {
    }

    static Model rebuild(List<String> descriptions) {
        Model model = new Model();
        for (String description : descriptions) {
            CallParser.Call call;
            try {
                call = CallParser.single(description);
            } catch (CallParser.NestedTooDeep e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw unknown(description);
            }
            apply(model, call, description);
        }
        return model;
    }

    private static void apply(Model model, CallParser.Call c, String description) {
        int n = c.args().size();
        switch (c.name()) {
            case "dense": model.dense(c.integer(0)); break;
            case "relu": model.relu(); break;
            case "sigmoid": model.sigmoid(); break;
            case "tanh": model.tanh(); break;
            case "gelu": model.gelu(); break;
            case "swish": model.swish(); break;
            case "softmax": model.softmax(); break;
            case "leakyRelu": model.leakyRelu(c.number(0)); break;
            case "dropout": model.dropout(c.number(0)); break;
            case "flatten": model.then(new LayerSpec.Flatten(LayerSpec.Flatten.Order.CHANNEL_HEIGHT_WIDTH)); break; // format 1's order
            case "batchNorm": model.batchNorm(); break;
            case "layerNorm": model.layerNorm(); break;
            case "globalAvgPool": model.globalAvgPool(); break;
            case "maxPool2d": model.maxPool2d(c.integer(0)); break;
            case "avgPool2d": model.avgPool2d(c.integer(0)); break;
            case "embedding": model.embedding(c.integer(0), c.integer(1)); break;
            case "conv1d":
                model.conv1d(c.integer(0), c.integer(1), n > 2 ? c.integer(2) : 1, n > 3 ? c.integer(3) : 0);
                break;
            case "conv2d":
                model.conv2d(c.integer(0), c.integer(1), n > 2 ? c.integer(2) : 1, n > 3 ? c.integer(3) : 0);
                break;
            case "lstm":
            case "gru": {
                int layers = n > 1 ? c.integer(1) : 1;
                boolean bidirectional = n > 2 && Boolean.parseBoolean(c.text(2));
                boolean sequences = n > 3 && Boolean.parseBoolean(c.text(3));
                if (c.name().equals("lstm")) {
                    model.lstm(c.integer(0), layers, bidirectional, sequences);
                } else {
                    model.gru(c.integer(0), layers, bidirectional, sequences);
                }
                break;
            }
            case "residual": {
                Model block = new Model();
                for (CallParser.Call inner : c.calls(0)) {
                    apply(block, inner, description);
                }
                model.residual(block);
                break;
            }
            default:
                throw unknown(description);
        }
    }

    private static IllegalArgumentException unknown(String description) {
        String shown = description.length() > 80 ? description.substring(0, 80) + "…" : description;
        return new IllegalArgumentException("The model file has a layer this Djinn cannot rebuild: \"" + shown
                + "\". It was saved by a newer Djinn, or it used add(Block), which cannot be saved.");
    }
}
