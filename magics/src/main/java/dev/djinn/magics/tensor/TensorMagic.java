package dev.djinn.magics.tensor;

import dev.djinn.magics.dispatch.BaseMagic;
import dev.djinn.magics.dispatch.MagicCall;
import dev.djinn.magics.dispatch.MagicException;
import dev.djinn.magics.dispatch.Session;

import java.util.List;

/** {@code %tensor x [labels]}: an array's statistics and pictures; {@code %tensor net}: every parameter of a model. */
public final class TensorMagic extends BaseMagic {
    public TensorMagic() {
        super("%tensor array [labels] | %tensor model | %tensor imageSplit",
                "shape, dtype, device, statistics, NaN/Inf, histogram and images of a tensor; a model's parameters", false, "tensor");
    }

    @Override
    public Object run(MagicCall call, Session session) {
        List<String> words = call.words();
        if (words.isEmpty() || words.size() > 2) {
            throw new MagicException("Name one array or model, and optionally its labels.");
        }
        Object value = session.eval(words.get(0));
        Object labels = words.size() == 2 ? session.eval(words.get(1)) : null;
        try {
            return Inspections.named(words.get(0), value, labels);
        } catch (IllegalArgumentException e) {
            throw new MagicException(e.getMessage());
        }
    }
}
