// The model the serving benchmark serves: Fashion-MNIST, 784-128-ReLU-10, one epoch, saved to args[0].
var data = fashionMnist();
var net = model().flatten().dense(128).relu().dense(10);
net.train(data, epochs(1), batchSize(64), seed(42), progress(dev.djinn.dsl.train.ProgressListener.NONE));
System.out.println("test accuracy " + net.evaluate(data.test()).accuracy());
net.save(java.nio.file.Path.of(args[0]));
