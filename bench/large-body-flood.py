"""Memory under a flood of large bodies: starts the built server on a fresh data folder, samples its resident set
(VmRSS) at rest, during N concurrent POSTs of ~10 MB Patients and after the flood, and counts the answers by status.

    python3 bench/large-body-flood.py [--clients 32] [--rounds 3] [--mb 9.9] [--dll PATH] [-- --FhirServer:MaxConcurrentLargeBodies=64 ...]

Arguments after "--" go to the server (configuration overrides), e.g. to compare with the limiter opened wide.
Requires a prior `dotnet build` (it runs src/HealthHomes.Fhir.Server/bin/Debug/net10.0/HealthHomes.Fhir.Server.dll, or
the server given by --dll, e.g. a copy of an earlier build to compare with).
"""
import argparse
import collections
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DLL = os.path.join(ROOT, "src/HealthHomes.Fhir.Server/bin/Debug/net10.0/HealthHomes.Fhir.Server.dll")


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def post(url, body):
    request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "application/fhir+json"})
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as e:
        e.read()
        return e.code
    except OSError as e:
        return f"connection error: {type(e).__name__}"


def main():
    argv = sys.argv[1:]
    server_args = argv[argv.index("--") + 1:] if "--" in argv else []
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--mb", type=float, default=9.9)
    parser.add_argument("--dll", default=DLL)
    options = parser.parse_args(argv[:argv.index("--")] if "--" in argv else argv)

    data = tempfile.mkdtemp(prefix="hhfhir-flood-")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}/fhir"
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", Logging__LogLevel__Default="Warning",
               Logging__LogLevel__Microsoft__AspNetCore__HttpLogging__HttpLoggingMiddleware="Warning")
    server = subprocess.Popen(["dotnet", options.dll, "--urls", f"http://127.0.0.1:{port}", f"--Storage:DataDirectory={data}", *server_args],
                              cwd=os.path.dirname(options.dll), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/metadata", timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        small = json.dumps({"resourceType": "Patient", "name": [{"family": "Rest"}]}).encode()
        for _ in range(20):
            post(base + "/Patient", small)
        time.sleep(2)
        at_rest = rss_mb(server.pid)

        family = "x" * int(options.mb * 1024 * 1024 - 60)
        body = json.dumps({"resourceType": "Patient", "name": [{"family": family}]}).encode()
        samples, stop = [], threading.Event()

        def sample():
            while not stop.is_set():
                samples.append(rss_mb(server.pid))
                time.sleep(0.1)

        sampler = threading.Thread(target=sample)
        sampler.start()
        answers = collections.Counter()
        lock = threading.Lock()

        def client():
            for _ in range(options.rounds):
                status = post(base + "/Patient", body)
                with lock:
                    answers[status] += 1

        started = time.time()
        clients = [threading.Thread(target=client) for _ in range(options.clients)]
        for c in clients:
            c.start()
        for c in clients:
            c.join()
        flood_seconds = time.time() - started
        stop.set()
        sampler.join()
        alive = post(base + "/Patient", small)
        time.sleep(5)
        after_5s = rss_mb(server.pid)
        time.sleep(5)
        after_10s = rss_mb(server.pid)
        time.sleep(20)
        after_30s = rss_mb(server.pid)
        print(json.dumps({
            "bodyMB": round(len(body) / 1024 / 1024, 2), "clients": options.clients, "rounds": options.rounds,
            "serverArgs": server_args, "answers": {str(k): v for k, v in sorted(answers.items(), key=str)},
            "floodSeconds": round(flood_seconds, 1), "rssAtRestMB": round(at_rest), "rssPeakMB": round(max(samples)),
            "rssAfter5sMB": round(after_5s), "rssAfter10sMB": round(after_10s), "rssAfter30sMB": round(after_30s), "smallWriteAfter": alive,
        }, indent=1))
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
