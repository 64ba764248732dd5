package dev.djinn.dsl.model;

import dev.djinn.dsl.data.ImageSplit;

/** Small image sets shared by tests outside this package. */
public final class LayersTestData {
    private LayersTestData() {
    }

    /** 16 random 8×8 images in three classes. */
    public static ImageSplit twoKindsOfImages() {
        return LayersTest.tinyImages();
    }
}
