#!/usr/bin/python3
"""Serving benchmark: Djinn's server against Flask + PyTorch, driven by one load generator, in one run.

For each round, each server is started fresh, warmed up, then measured with CLIENTS concurrent keep-alive clients
(http.client, spread over processes so the client is not one GIL): single-example requests, then batches of 32.
Prints requests/s, examples/s, p50 and p99 per server (medians over rounds) and the ratios against the targets, and
Djinn's server RSS after 2,000 and after 20,000 requests.

Usage: serve_load.py --djinn "CMD {port}" --flask "CMD {port}" [--rounds 3] [--clients 16] [--requests 300] [--warmup 200]
"""
import argparse
import gzip
import http.client
import json
import multiprocessing
import os
import shlex
import socket
import statistics
import subprocess
import threading
import time

FOLDER = os.environ.get("FASHION_MNIST", "/usr/share/datasets/fashion-mnist")


def test_images(count):
    with gzip.open(os.path.join(FOLDER, "t10k-images-idx3-ubyte.gz"), "rb") as f:
        raw = f.read()[16:16 + count * 784]
    return [[round(raw[i * 784 + j] / 255, 4) for j in range(784)] for i in range(count)]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(command, port):
    process = subprocess.Popen(shlex.split(command.format(port=port)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("server did not start: " + command)


def stop(process):
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()


def rss_mb(pid):
    # the server may be a launcher script that exec's java: same pid
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def client_process(port, bodies, threads, requests, start_at, out):
    latencies = []
    errors = [0]
    lock = threading.Lock()

    def run(index):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = []
        failed = 0
        while time.time() < start_at:
            time.sleep(0.001)
        for r in range(requests):
            body = bodies[(index * 7919 + r) % len(bodies)]
            began = time.perf_counter()
            try:
                connection.request("POST", "/predict", body, {"Content-Type": "application/json"})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine.append(time.perf_counter() - began)
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    out.put((latencies, errors[0], time.time()))


def load(port, bodies, clients, requests, processes=4):
    """clients keep-alive clients, requests each; returns (requests/s, p50 ms, p99 ms, errors)."""
    out = multiprocessing.Queue()
    start_at = time.time() + 0.5
    per = [clients // processes + (1 if i < clients % processes else 0) for i in range(processes)]
    procs = [multiprocessing.Process(target=client_process, args=(port, bodies, n, requests, start_at, out)) for n in per if n]
    for p in procs:
        p.start()
    latencies, errors, ended = [], 0, start_at
    for _ in procs:
        lat, err, end = out.get()
        latencies += lat
        errors += err
        ended = max(ended, end)
    for p in procs:
        p.join()
    latencies.sort()
    wall = ended - start_at
    return (len(latencies) / wall, latencies[len(latencies) // 2] * 1000, latencies[int(len(latencies) * 0.99)] * 1000, errors)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--djinn", required=True)
    parser.add_argument("--flask", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--batch-requests", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=200, help="single-example requests per client before measuring")
    args = parser.parse_args()

    images = test_images(512)
    singles = [json.dumps({"input": image}).encode() for image in images[:256]]
    batches = [json.dumps({"inputs": images[i:i + 32]}).encode() for i in range(0, 512, 32)]
    print("bodies: single %d bytes, batch of 32 %d bytes (median)" % (
        statistics.median(map(len, singles)), statistics.median(map(len, batches))), flush=True)
    servers = {"djinn": args.djinn, "flask": args.flask}
    results = {(name, kind): [] for name in servers for kind in ("single", "batch32")}
    rss = []
    for round_ in range(1, args.rounds + 1):
        for name, command in servers.items():
            port = free_port()
            process = start(command, port)
            try:
                # warm-up, the same for both: the JVM's JIT compiles the hot paths during its first few thousand requests
                load(port, singles, args.clients, args.warmup)
                load(port, batches, args.clients, args.warmup // 5)
                for kind, bodies, count in (("single", singles, args.requests), ("batch32", batches, args.batch_requests)):
                    rps, p50, p99, errors = load(port, bodies, args.clients, count)
                    results[(name, kind)].append((rps, p50, p99, errors))
                    print("round %d  %-6s %-8s %8.0f req/s %9.0f examples/s  p50 %6.1f ms  p99 %6.1f ms  errors %d" % (
                        round_, name, kind, rps, rps * (32 if kind == "batch32" else 1), p50, p99, errors), flush=True)
            finally:
                stop(process)

    # memory over a long run, on a fresh Djinn server: RSS after 2,000 and after 20,000 single-example requests
    port = free_port()
    process = start(args.djinn, port)
    try:
        load(port, singles, args.clients, 2000 // args.clients)
        at_2000 = rss_mb(process.pid)
        load(port, singles, args.clients, 18000 // args.clients)
        rss = [at_2000, rss_mb(process.pid)]
        print("djinn RSS after 2,000 requests %.0f MB, after 20,000 %.0f MB" % tuple(rss), flush=True)
    finally:
        stop(process)

    def med(name, kind, i):
        return statistics.median(r[i] for r in results[(name, kind)])

    print()
    print("| medians of %d rounds, %d clients | requests/s | examples/s | p50 ms | p99 ms |" % (args.rounds, args.clients))
    print("|---|---|---|---|---|")
    for kind in ("single", "batch32"):
        for name in servers:
            rps = med(name, kind, 0)
            print("| %s, %s | %.0f | %.0f | %.1f | %.1f |" % (
                name, "one example per request" if kind == "single" else "batches of 32", rps,
                rps * (32 if kind == "batch32" else 1), med(name, kind, 1), med(name, kind, 2)))
    print()
    single = med("djinn", "single", 0) / med("flask", "single", 0)
    batch = med("djinn", "batch32", 0) / med("flask", "batch32", 0)
    p99_ok = med("djinn", "single", 2) <= med("flask", "single", 2)
    print("single-example throughput Djinn / Flask = %.2fx (target >= 3x: %s)" % (single, "met" if single >= 3 else "MISSED"))
    print("single-example p99 Djinn %.1f ms vs Flask %.1f ms (target <= Flask's: %s)" % (
        med("djinn", "single", 2), med("flask", "single", 2), "met" if p99_ok else "MISSED"))
    print("batch-of-32 examples/s Djinn / Flask = %.2fx (target >= 3x: %s)" % (batch, "met" if batch >= 3 else "MISSED"))
    if rss:
        growth = rss[1] / rss[0] - 1
        print("Djinn RSS 2,000 -> 20,000 requests: %.0f -> %.0f MB (%+.1f%%; target within 10%%: %s)" % (
            rss[0], rss[1], growth * 100, "met" if abs(growth) <= 0.10 else "MISSED"))
    errors = sum(r[3] for rows in results.values() for r in rows)
    print("non-200 answers or failed requests: %d" % errors)


if __name__ == "__main__":
    main()
