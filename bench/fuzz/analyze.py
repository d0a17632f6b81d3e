"""Summarises the schemathesis passes of bench/fuzz/run and the server log.

usage: analyze.py --log SERVER_LOG --pass NAME:REPORT_DIR:EXIT_CODE [--pass ...] [--hang-secs 10]

Reads each pass's NDJSON event report (every request and response schemathesis
made, shrinking included), classifies every response with hooks.classify, and
prints the numbers and the findings, each with the shortest query that showed
it and the server log lines of its request id. Exits 1 on any finding (5xx,
INTERNAL, leaked internal detail, panic in the log, response over the hang
limit, request that got no response, a pass that did not finish, a server that
died), else 0.
"""

from __future__ import annotations

import argparse
import base64
import collections
import glob
import json
import os
import re
import sys

sys.dont_write_bytecode = True  # leave no __pycache__ in the work tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hooks import classify  # noqa: E402


def decode(blob) -> bytes:
    if blob is None:
        return b""
    if isinstance(blob, dict):
        if "$base64" in blob:
            return base64.b64decode(blob["$base64"])
        if "string" in blob:
            return blob["string"].encode()
    if isinstance(blob, str):
        return blob.encode()
    return json.dumps(blob).encode()


def header(headers, name):
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return value[0] if isinstance(value, list) else value
    return None


def query_of(request_body: bytes) -> str:
    try:
        return json.loads(request_body).get("query") or request_body.decode("utf-8", "replace")
    except (ValueError, AttributeError):
        return request_body.decode("utf-8", "replace")


def one_line(text: str, limit: int = 400) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def normalise(problem: str) -> str:
    # Group findings that differ only in echoed values.
    problem = re.sub(r"`[^`]*`", "`…`", problem)
    problem = re.sub(r"\"[^\"]*\"", '"…"', problem)
    return re.sub(r"\d+", "N", problem)


def read_pass(name: str, report_dir: str, hang_secs: float):
    files = sorted(glob.glob(os.path.join(report_dir, "*.ndjson")))
    stats = {
        "name": name, "operations_selected": 0, "operations_tested": set(), "requests": 0,
        "statuses": collections.Counter(), "codes": collections.Counter(), "slowest": None,
        "over_limit": [], "no_response": [], "findings": {}, "generation_errors": collections.Counter(),
        "data_without_token": collections.Counter(), "finished": False, "no_errors": 0,
    }
    seen = set()
    for path in files:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                try:
                    event = json.loads(line)
                except ValueError:
                    continue
                kind, body = next(iter(event.items()))
                if kind == "LoadingFinished":
                    stats["operations_selected"] = body["statistic"]["operations"]["selected"]
                elif kind == "EngineFinished":
                    stats["finished"] = True
                elif kind == "NonFatalError":
                    value = body.get("value") or {}
                    stats["generation_errors"][f"{value.get('type')}: {one_line(str(value.get('message')), 120)}"] += 1
                elif kind == "ScenarioFinished":
                    recorder = body.get("recorder") or {}
                    label = recorder.get("label", "?")
                    for case_id, interaction in (recorder.get("interactions") or {}).items():
                        key = (case_id, interaction.get("timestamp"))
                        if key in seen:
                            continue
                        seen.add(key)
                        account(stats, label, interaction, hang_secs)
    return stats


def account(stats, label, interaction, hang_secs):
    request = interaction.get("request") or {}
    response = interaction.get("response")
    request_body = decode(request.get("body"))
    query = query_of(request_body)
    stats["requests"] += 1
    stats["operations_tested"].add(label)
    if not response:
        stats["no_response"].append((label, query))
        return
    status = response.get("status_code")
    elapsed = float(response.get("elapsed") or 0)
    content = decode(response.get("content"))
    stats["statuses"][status] += 1
    if stats["slowest"] is None or elapsed > stats["slowest"][0]:
        stats["slowest"] = (elapsed, label, query)
    if elapsed > hang_secs:
        stats["over_limit"].append((elapsed, label, query))
    try:
        payload = json.loads(content)
    except ValueError:
        payload = None
    if isinstance(payload, dict):
        if status == 200 and not payload.get("errors"):
            stats["no_errors"] += 1
        for err in payload.get("errors") or []:
            if isinstance(err, dict):
                stats["codes"][(err.get("extensions") or {}).get("code")] += 1
        if isinstance(payload.get("data"), dict) and any(v is not None for v in payload["data"].values()):
            stats["data_without_token"][label] += 1
    for problem in classify(status, content, request_body.decode("utf-8", "replace")):
        group = (label, normalise(problem))
        entry = stats["findings"].setdefault(group, {"count": 0, "best": None})
        entry["count"] += 1
        candidate = (len(query), query, problem, status, header(response.get("headers"), "x-request-id"),
                     content.decode("utf-8", "replace"))
        if entry["best"] is None or candidate[0] < entry["best"][0]:
            entry["best"] = candidate


def log_lines(log_text: str, request_id: str | None, limit: int = 6):
    if not request_id:
        return []
    return [one_line(l, 600) for l in log_text.splitlines() if request_id in l][:limit]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--log", required=True)
    parser.add_argument("--pass", dest="passes", action="append", default=[])
    parser.add_argument("--hang-secs", type=float, default=10.0)
    parser.add_argument("--server-alive", default="yes")
    args = parser.parse_args()

    with open(args.log, encoding="utf-8", errors="replace") as handle:
        log_text = re.sub(r"\x1b\[[0-9;]*m", "", handle.read())
    failed = False
    total_requests = total_5xx = 0
    slowest = None
    all_ops = set()

    for spec in args.passes:
        name, report_dir, rc = spec.rsplit(":", 2)
        stats = read_pass(name, report_dir, args.hang_secs)
        five = sum(n for s, n in stats["statuses"].items() if s is not None and s >= 500)
        total_requests += stats["requests"]
        total_5xx += five
        all_ops |= stats["operations_tested"]
        if stats["slowest"] and (slowest is None or stats["slowest"][0] > slowest[0]):
            slowest = stats["slowest"] + (name,)
        print(f"== pass `{name}` (schemathesis exit {rc}{'' if stats['finished'] else ', DID NOT FINISH'})")
        print(f"   operations: {len(stats['operations_tested'])} fuzzed of {stats['operations_selected']} in the schema")
        print(f"   requests:   {stats['requests']} ({stats['no_errors']} answered without any error)")
        print(f"   HTTP:       {dict(sorted(stats['statuses'].items(), key=lambda kv: str(kv[0])))}")
        print(f"   5xx:        {five}")
        print(f"   error codes: {dict(stats['codes'].most_common())}")
        if stats["slowest"]:
            e, label, query = stats["slowest"]
            print(f"   slowest:    {e:.3f} s  {label}  {one_line(query, 160)}")
        if stats["generation_errors"]:
            print("   not generated (schemathesis):")
            for what, n in stats["generation_errors"].most_common(10):
                print(f"     {n:5d}  {what}")
        if name.startswith("anon") and stats["data_without_token"]:
            print("   answered with data without a token (check these are meant to be public):")
            for label, n in stats["data_without_token"].most_common():
                print(f"     {n:5d}  {label}")
        if not stats["finished"] or rc not in ("0", "1"):
            failed = True
            print(f"   FINDING: the pass did not finish normally (exit {rc}; 124 = hard timeout)")
        for elapsed, label, query in stats["over_limit"]:
            failed = True
            print(f"   FINDING: hang: {elapsed:.1f} s > {args.hang_secs:.0f} s in {label}: {one_line(query)}")
        for label, query in stats["no_response"][:20]:
            failed = True
            print(f"   FINDING: no response (timeout or connection error) in {label}: {one_line(query)}")
        for (label, _), entry in sorted(stats["findings"].items()):
            failed = True
            _, query, problem, status, request_id, body = entry["best"]
            print(f"   FINDING [{label}] x{entry['count']}: {one_line(problem, 300)}")
            print(f"     status {status}, x-request-id {request_id}")
            print(f"     query:    {one_line(query, 1200)}")
            print(f"     response: {one_line(body, 600)}")
            for l in log_lines(log_text, request_id):
                print(f"     log:      {l}")
        print()

    panic_lines = [one_line(l, 600) for l in log_text.splitlines() if "panicked" in l]
    error_lines = [l for l in log_text.splitlines() if re.search(r"\b(ERROR|WARN)\b", l)]
    print("== server log")
    print(f"   panics: {len(panic_lines)}")
    for l in panic_lines[:20]:
        print(f"     {l}")
    print(f"   ERROR/WARN lines: {len(error_lines)}")
    for l, n in collections.Counter(one_line(re.sub(r"^\S+\s+", "", l), 300) for l in error_lines).most_common(10):
        print(f"     {n:5d}  {l}")
    if panic_lines:
        failed = True
    if args.server_alive != "yes":
        failed = True
        print("   FINDING: the server was not alive at the end of the run")
    print()
    print("== summary")
    print(f"   operations fuzzed: {len(all_ops)}")
    print(f"   requests sent:     {total_requests}")
    print(f"   5xx responses:     {total_5xx}")
    print(f"   panics:            {len(panic_lines)}")
    if slowest:
        print(f"   slowest response:  {slowest[0]:.3f} s ({slowest[3]}: {slowest[1]})")
    print(f"   verdict:           {'FINDINGS (see above)' if failed else 'clean'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
