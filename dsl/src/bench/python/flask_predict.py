#!/usr/bin/python3
"""The deployment Djinn's serve() replaces: Flask (Debian's python3-flask) + a PyTorch 784-128-ReLU-10 model.

POST /predict takes {"input": [784 numbers]} or {"inputs": [[...], ...]} and answers what Djinn answers:
{"predictions": [{"label", "class", "probability", "probabilities": {"0": …}}]}; GET /health. Usage: PORT.
The weights are a seeded initialisation: serving cost does not depend on their values.
"""
import sys

import torch
from flask import Flask, jsonify, request
from torch import nn

torch.set_num_threads(1)  # its fastest setting under concurrent requests (2 threads: 161 vs 481 req/s here)
torch.manual_seed(42)
model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)).eval()
app = Flask(__name__)


@app.post("/predict")
def predict():
    body = request.get_json(force=True)
    examples = body["inputs"] if "inputs" in body else [body["input"]]
    with torch.no_grad():
        probabilities = torch.softmax(model(torch.tensor(examples, dtype=torch.float32)), dim=1)
    predictions = []
    for row in probabilities.tolist():
        best = max(range(len(row)), key=row.__getitem__)
        predictions.append({"label": best, "class": str(best), "probability": row[best],
                            "probabilities": {str(i): p for i, p in enumerate(row)}})
    return jsonify(predictions=predictions)


@app.get("/health")
def health():
    return jsonify(status="ok")


if __name__ == "__main__":
    import logging
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app.run(host="127.0.0.1", port=int(sys.argv[1]), threaded=True)
