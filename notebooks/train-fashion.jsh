// Trains the quickstart network on Fashion-MNIST, reports the test accuracy and saves the model.
//   djinn run notebooks/train-fashion.jsh [EPOCHS] [MODEL_FILE]
// DJINN_QUICK=1 trains on 6,000 images instead of 60,000 (the tests do).
int epochCount = args.length > 0 ? Integer.parseInt(args[0]) : 2;
Path modelFile = Path.of(args.length > 1 ? args[1] : "fashion-mlp.djinn");

var data = fashionMnist();
if (System.getenv("DJINN_QUICK") != null) {
    data = data.limit(6000, 1000);
}
System.out.println(data);

var net = model().dense(128).relu().dropout(0.2).dense(10);
var history = net.train(data, epochs(epochCount));
var evaluation = net.evaluate(data.test());
System.out.printf("test accuracy %.4f after %d epochs%n", evaluation.accuracy(), epochCount);
net.save(modelFile);
System.out.println("saved " + modelFile.toAbsolutePath());
