package dev.djinn.magics.tensor;

import dev.djinn.dsl.data.ClassNames;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDArray;
import dev.djinn.dsl.data.ImageSplit;
import dev.djinn.dsl.model.Model;
import dev.djinn.magics.mime.Rich;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What {@code %tensor} and {@code inspect(...)} show for a value: a model's parameters, images, a tensor's report. */
public final class Inspections {
    private Inspections() {
    }

    /** What {@code %tensor name [labels]} shows. */
    public static Rich named(String name, Object value, Object labels) {
        if (value instanceof Model) {
            return ParameterReport.of(name, (Model) value);
        }
        if (value instanceof ImageSplit) {
            return images(name, (ImageSplit) value);
        }
        return TensorReport.of(name, value, captions(labels));
    }

    /** The first 16 images of a split, captioned with their class names. */
    public static TensorReport images(String name, ImageSplit images) {
        int shown = Math.min(16, images.size());
        int[] first = new int[shown];
        Arrays.setAll(first, i -> i);
        ImageSplit head = images.select(first);
        try (NDManager manager = NDManager.newBaseManager()) {
            List<String> captions = new ArrayList<>();
            long[] labels = head.labels(manager).toLongArray();
            List<String> names = images.classNames();
            for (long label : labels) {
                captions.add(ClassNames.of(names, (int) label));
            }
            return TensorReport.of(name + " (first " + shown + " of " + images.size() + ")", head.features(manager), captions);
        }
    }

    /** Captions from labels given as an int[]/long[], a String[], a List or a tensor. */
    public static List<String> captions(Object labels) {
        if (labels == null) {
            return List.of();
        }
        List<String> captions = new ArrayList<>();
        if (labels instanceof NDArray) {
            for (double v : ((NDArray) labels).toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray()) {
                captions.add(v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v));
            }
        } else if (labels instanceof int[]) {
            Arrays.stream((int[]) labels).forEach(v -> captions.add(String.valueOf(v)));
        } else if (labels instanceof long[]) {
            Arrays.stream((long[]) labels).forEach(v -> captions.add(String.valueOf(v)));
        } else if (labels instanceof List) {
            ((List<?>) labels).forEach(v -> captions.add(String.valueOf(v)));
        } else if (labels instanceof String[]) {
            captions.addAll(Arrays.asList((String[]) labels));
        } else {
            throw new IllegalArgumentException("Labels are an int[], a long[], a String[], a List or a tensor, not a " + labels.getClass().getSimpleName() + ".");
        }
        return captions;
    }
}
