#!/usr/bin/env python3
"""The client side of bench/flood/run (standard library only).

  flood.py login PORT PID SECS   login flood against a running api; prints one JSON line
  flood.py batch PORT PID SECS   batch flood (signs in as admin first); prints one JSON line
  flood.py table FILE            Markdown table of the JSON lines in FILE
"""
import http.client
import json
import statistics
import sys
import threading
import time
from collections import Counter

TIMEOUT = 35  # seconds per request: above the api's own 30 s request limit
BATCH = 20  # the api's most operations per batch
PROBE_EVERY = 0.2
SAMPLE_EVERY = 0.05

LOGIN = 'mutation { login(input:{username:"admin", password:"%s"}) { token } }'
TICKET_FIELDS = """number status faultDescription faultCategory severity reportedAt reworkCount
  deadlines { replyDueAt arrivalDueAt replyOverdue arrivalOverdue }
  customer { name phone province } engineer { displayName region }
  unit { serialNumber invoiceDate model { name code } dealer { code name } }
  events { fromStatus toStatus reason at }"""
# Largest first; the first one the api answers without errors is used.
HEAVY = ["{ tickets(first: %d) { totalCount edges { node { %s } } } }" % (n, TICKET_FIELDS)
         for n in (200, 100, 50, 20, 10, 5)]
HEAVY.append("{ tickets(first: 20) { totalCount edges { node { number status } } } }")


def log(msg):
    print(f"[flood {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def proc_kib(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def mib(kib):
    return None if kib is None else round(kib / 1024, 1)


class Client:
    """One keep-alive connection to the api on loopback, reopened after an error."""

    def __init__(self, port, token=None):
        self.port, self.conn = port, None
        self.headers = {"Content-Type": "application/json"}
        if token:
            self.headers["Authorization"] = "Bearer " + token

    def post(self, payload):
        """(HTTP status, body bytes); status is an error name when no answer came."""
        body = json.dumps(payload).encode()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
            self.conn.request("POST", "/graphql", body, self.headers)
            resp = self.conn.getresponse()
            data = resp.read()
            if resp.getheader("connection", "").lower() == "close":
                self.close()
            return resp.status, data
        except (OSError, http.client.HTTPException) as e:
            self.close()
            return type(e).__name__, b""

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def answer_codes(data, examples=None):
    """The code of each operation's answer: its first error's code, else OK
    (the first message seen of each code goes into `examples`)."""
    try:
        doc = json.loads(data)
    except ValueError:
        return ["UNPARSABLE"]
    answers = doc if isinstance(doc, list) else [doc]
    codes = []
    for a in answers:
        errors = a.get("errors") if isinstance(a, dict) else None
        if errors:
            codes.append(((errors[0].get("extensions") or {}).get("code")) or "NO_CODE")
            if examples is not None:
                examples.setdefault(codes[-1], str(errors[0].get("message"))[:160])
        else:
            codes.append("OK")
    return codes


def percentile(values, q):
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def sampler(pid, stop, samples):
    """VmRSS every 50 ms until stop (bounded by the sample count too)."""
    for _ in range(int(3600 / SAMPLE_EVERY)):
        kib = proc_kib(pid, "VmRSS")
        if kib is not None:
            samples.append(kib)
        if stop.wait(SAMPLE_EVERY):
            return


def prober(port, token, query, expect, stop, latencies, failures):
    """Sends `query` every 200 ms, recording the latency of good answers."""
    client = Client(port, token)
    tick = time.monotonic()
    for _ in range(int(3600 / PROBE_EVERY)):
        t0 = time.monotonic()
        status, data = client.post({"query": query})
        ms = (time.monotonic() - t0) * 1000
        if status == 200 and expect in data and b'"errors"' not in data:
            latencies.append(ms)
        else:
            failures.append(f"{status} {data[:120]!r}")
        tick = max(tick + PROBE_EVERY, time.monotonic())
        if stop.wait(tick - time.monotonic()):
            break
    client.close()


def flood(port, token, make_batch, secs, clients, sizes, statuses, codes, examples):
    """`clients` threads POSTing make_batch(worker, i) until the deadline; returns requests sent."""
    lock, sent = threading.Lock(), [0]
    deadline = time.monotonic() + secs

    def worker(w):
        client = Client(port, token)
        for i in range(10**9):
            if time.monotonic() >= deadline:
                break
            status, data = client.post(make_batch(w, i))
            with lock:
                ops = answer_codes(data, examples) if data else [f"no answer ({status})"]
                sent[0] += 1
                statuses[str(status)] += 1
                codes.update(ops)
                sizes.append(len(data))
        client.close()

    threads = [threading.Thread(target=worker, args=(w,), daemon=True) for w in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(secs + TIMEOUT + 5)
    return sent[0]


def sign_in(port):
    status, data = Client(port).post({"query": LOGIN.replace("%s", "demo-2026")})
    try:
        return json.loads(data)["data"]["login"]["token"]
    except (ValueError, KeyError, TypeError):
        sys.exit(f"admin sign-in failed: {status} {data[:300]!r}")


def pick_heavy(port, token):
    """The largest ticket query the api answers, as a batch of 20, without
    errors; the largest of all when it refuses every one (then the flood is
    of refused batches)."""
    client = Client(port, token)
    for query in HEAVY:
        status, data = client.post([{"query": query}] * BATCH)
        codes = Counter(answer_codes(data))
        if status == 200 and codes == Counter({"OK": BATCH}):
            client.close()
            return query, len(data), True
        log(f"refused or failed ({status}, {dict(codes)}; {data[:200]!r}); trying a smaller one")
    client.close()
    log("every ticket query was refused; flooding with the largest")
    return HEAVY[0], 0, False


def run_phase(phase, port, pid, secs):
    result = {"phase": phase}
    if phase == "login":
        token, clients = None, 10
        probe, expect = "{ __typename }", b"__typename"
        result["probe"] = "anonymous { __typename }"
        make = lambda w, i: [{"query": LOGIN % f"wrong-{w}-{i}-{k}"} for k in range(BATCH)]  # noqa: E731
    else:
        token, clients = sign_in(port), 8
        probe, expect = "{ me { username } }", b'"admin"'
        result["probe"] = "signed-in { me { username } }"
    time.sleep(1)
    result["rest_mib"] = mib(proc_kib(pid, "VmRSS"))
    if phase == "batch":
        query, size, accepted = pick_heavy(port, token)
        result["query"], result["query_accepted"] = query, accepted
        how = f"{size} bytes a batch of {BATCH}" if accepted else "refused in every size"
        log(f"heavy query ({how}): {' '.join(query.split())}")
        batch = [{"query": query}] * BATCH
        make = lambda w, i: batch  # noqa: E731

    stop, samples, lat, fails = threading.Event(), [], [], []
    sizes, statuses, codes, examples = [], Counter(), Counter(), {}
    helpers = [threading.Thread(target=sampler, args=(pid, stop, samples), daemon=True),
               threading.Thread(target=prober, args=(port, token, probe, expect, stop, lat, fails), daemon=True)]
    for t in helpers:
        t.start()
    log(f"{phase} flood: {clients} clients x batches of {BATCH} for {secs} s")
    t0 = time.monotonic()
    sent = flood(port, token, make, secs, clients, sizes, statuses, codes, examples)
    result["flood_secs"] = round(time.monotonic() - t0, 1)
    stop.set()
    for t in helpers:
        t.join(TIMEOUT + 5)
    result["peak_mib"] = mib(max(samples, default=None))
    result["hwm_mib"] = mib(proc_kib(pid, "VmHWM"))
    time.sleep(2)
    result["after_mib"] = mib(proc_kib(pid, "VmRSS"))
    result["alive"] = proc_kib(pid, "VmRSS") is not None
    result.update(
        requests=sent, operations=sum(codes.values()), http=dict(statuses), codes=dict(codes), examples=examples,
        probe_n=len(lat), probe_failed=len(fails), probe_fail_sample=fails[:3],
        probe_p50=round(statistics.median(lat), 1) if lat else None,
        probe_p95=round(percentile(lat, 0.95), 1) if lat else None,
        probe_max=round(max(lat), 1) if lat else None,
        bytes_median=int(statistics.median(sizes)) if sizes else None, bytes_max=max(sizes, default=None))
    if phase == "login":
        result["hashed"] = codes.get("UNAUTHENTICATED", 0)
    print(json.dumps(result), flush=True)


def fmt_counts(counts):
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])) or "-"


def table(path):
    with open(path) as f:
        rows = [json.loads(line) for line in f if line.strip()]
    print("| phase | RSS at rest MiB | peak RSS MiB (50 ms samples) | VmHWM MiB | RSS 2 s after MiB "
          "| probe p50 / p95 ms | requests sent | HTTP status | answers by code |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['phase']} flood | {r['rest_mib']} | {r['peak_mib']} | {r['hwm_mib']} | {r['after_mib']} "
              f"| {r['probe_p50']} / {r['probe_p95']} | {r['requests']} | {fmt_counts(r['http'])} "
              f"| {fmt_counts(r['codes'])} |")
    print()
    for r in rows:
        rate = r["requests"] / r["flood_secs"] if r["flood_secs"] else 0
        line = (f"- {r['phase']}: {r['requests']} requests ({r['operations']} operations) in {r['flood_secs']} s"
                f" ({rate:.1f} requests/s); probe {r['probe']}: {r['probe_n']} answered, max "
                f"{r['probe_max']} ms, {r['probe_failed']} failed")
        if r["probe_fail_sample"]:
            line += f" (e.g. {r['probe_fail_sample'][0]})"
        if not r["alive"]:
            line += "; **the api was gone at the end of the phase**"
        print(line)
        for code, message in r["examples"].items():
            print(f"  - {code}: \"{message}\"")
        if r["phase"] == "login":
            print(f"  - password checks answered UNAUTHENTICATED (hashed): {r['hashed']} of "
                  f"{r['operations']} login attempts; response bytes median {r['bytes_median']}, max {r['bytes_max']}")
        else:
            print(f"  - response bytes median {r['bytes_median']}, max {r['bytes_max']}; "
                  f"query (batch of {BATCH}{'' if r['query_accepted'] else ', REFUSED in every size'}): "
                  f"`{' '.join(r['query'].split())}`")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "table":
        table(sys.argv[2])
    elif len(sys.argv) == 5 and sys.argv[1] in ("login", "batch"):
        run_phase(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))
    else:
        sys.exit(__doc__)
