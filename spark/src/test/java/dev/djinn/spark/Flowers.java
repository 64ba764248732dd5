package dev.djinn.spark;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Random;

/** A table for the tests: numbers, a category, and a class that depends on all three. */
final class Flowers {
    private Flowers() {
    }

    /** Flowers with two measurements and a colour (a category), and a species that depends on all three. */
    static Table table(int count, long seed) {
        Random random = new Random(seed);
        String[] colours = {"red", "white", "blue"};
        double[] length = new double[count];
        double[] width = new double[count];
        String[] colour = new String[count];
        String[] species = new String[count];
        for (int i = 0; i < count; i++) {
            length[i] = 4 + 3 * random.nextDouble();
            width[i] = 1 + 2 * random.nextDouble();
            colour[i] = colours[random.nextInt(3)];
            double score = length[i] - 2 * width[i] + (colour[i].equals("blue") ? 1.5 : 0);
            species[i] = score < 1 ? "setosa" : score < 2.5 ? "versicolor" : "virginica";
        }
        return Table.create("flowers", DoubleColumn.create("length", length), StringColumn.create("colour", colour),
                DoubleColumn.create("width", width), StringColumn.create("species", species));
    }
}
