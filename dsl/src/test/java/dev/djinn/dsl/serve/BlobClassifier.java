package dev.djinn.dsl.serve;

import dev.djinn.dsl.model.Model;
import dev.djinn.dsl.train.ProgressListener;

import java.util.Random;

import static dev.djinn.Djinn.data;
import static dev.djinn.Djinn.epochs;
import static dev.djinn.Djinn.model;
import static dev.djinn.Djinn.progress;

/** A small real classifier to serve: two Gaussian blobs in the plane, label 0 around (-1, -1), label 1 around (1, 1). */
final class BlobClassifier {
    private BlobClassifier() {
    }

    static Model trained() {
        Random random = new Random(1);
        float[][] x = new float[300][2];
        int[] y = new int[300];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % 2;
            x[i][0] = (y[i] == 0 ? -1 : 1) + (float) random.nextGaussian() * 0.3f;
            x[i][1] = (y[i] == 0 ? -1 : 1) + (float) random.nextGaussian() * 0.3f;
        }
        Model net = model().dense(8).relu().dense(2);
        net.train(data(x, y), epochs(10), progress(ProgressListener.NONE));
        return net;
    }
}
