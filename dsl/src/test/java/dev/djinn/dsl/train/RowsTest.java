package dev.djinn.dsl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RowsTest {

    @Test
    void gathersImagesLabelsAndTargetsInTheIndicesOrder() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray images = manager.arange(0f, 10 * 2 * 3 * 3).reshape(10, 2, 3, 3);
            NDArray labels = manager.arange(0, 10).toType(DataType.INT64, false).mul(7);
            NDArray targets = manager.arange(0f, 20f).reshape(10, 2);
            NDArray indices = manager.create(new long[] {9, 0, 4, 4, 2});

            NDArray batch = new Rows(images).at(indices);
            assertEquals(new Shape(5, 2, 3, 3), batch.getShape());
            assertEquals(images.get(indices), batch);
            assertArrayEquals(new float[] {162, 163, 179}, new float[] {
                    batch.getFloat(0, 0, 0, 0), batch.getFloat(0, 0, 0, 1), batch.getFloat(0, 1, 2, 2)});

            NDArray picked = new Rows(labels).at(indices);
            assertEquals(DataType.INT64, picked.getDataType());
            assertArrayEquals(new long[] {63, 0, 28, 28, 14}, picked.toLongArray());

            assertArrayEquals(new float[] {18, 19, 0, 1, 8, 9, 8, 9, 4, 5}, new Rows(targets).at(indices).toFloatArray());
        }
    }
}
