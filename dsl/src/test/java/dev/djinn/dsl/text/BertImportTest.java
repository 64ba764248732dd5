package dev.djinn.dsl.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** all-MiniLM-L6-v2 rebuilt in PyTorch from its ONNX file's weights computes what ONNX Runtime computes from the file. */
class BertImportTest {
    @Test
    void theShapeIsReadFromTheFile() {
        BertShape shape = PretrainedEncoder.miniLM().shape();
        assertEquals(new BertShape(30522, 384, 6, 12, 1536, 512, 2, 1e-12f), shape);
        assertEquals(22_565_376, shape.parameters());
    }

    @Test
    void theImportedEncoderReproducesOnnxRuntimesSentenceEmbeddingsWithin1eMinus4On100Sentences() {
        List<String> sentences = Fortunes.first(25).texts();
        assertEquals(100, sentences.size());
        double worst = ImportCheck.maxDifference(PretrainedEncoder.miniLM(), sentences, 64);
        System.out.println("MiniLM import: max abs difference to ONNX Runtime over 100 fortunes: " + worst);
        assertTrue(worst < 1e-4, "max abs difference " + worst);
    }

    @Test
    void aWrongWeightIsCaught() {
        // the check can fail: an encoder whose weights are not the file's differs by far more than 1e-4
        List<String> sentences = Fortunes.first(2).texts();
        PretrainedEncoder miniLM = PretrainedEncoder.miniLM();
        OnnxGraph.Tensor bias = miniLM.weights().tensor("encoder.layer.0.output.dense.bias");
        float saved = bias.values()[0];
        try {
            bias.values()[0] = saved + 1;
            assertTrue(ImportCheck.maxDifference(miniLM, sentences, 32) > 1e-3);
        } finally {
            bias.values()[0] = saved;
        }
    }
}
