#!/usr/bin/env python3
"""Driver and report of bench/throughput.sh (standard library only).

Run mode: submits the warm-up tasks at once and waits for them (models load, pool states are made),
then the measured backlog at once; prints one TSV row: label, round, wall seconds (first created_at
to last completed_at, server clock), summed engine seconds, tasks, failures.
Render mode (--render ROWS): the Markdown report, medians per configuration.
"""
import argparse
import json
import statistics
import sys
import time
import urllib.error
import urllib.request
import uuid
from datetime import datetime


def parse_time(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


def create(base, clip):
    boundary = uuid.uuid4().hex
    with open(clip, "rb") as f:
        body = (
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file_upload\"; "
            f"filename=\"clip.wav\"\r\nContent-Type: audio/wav\r\n\r\n"
        ).encode() + f.read() + f"\r\n--{boundary}--\r\n".encode()
    req = urllib.request.Request(
        base + "/api/whisper/tasks/create",
        data=body,
        headers={"Content-Type": "multipart/form-data; boundary=" + boundary},
    )
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.load(r)["data"]["id"]


def result(base, task_id):
    try:
        with urllib.request.urlopen(
            f"{base}/api/whisper/tasks/result?task_id={task_id}", timeout=60
        ) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as e:
        return e.code, None


def run_batch(base, clip, n, timeout=3600):
    ids = [create(base, clip) for _ in range(n)]
    done = {}
    deadline = time.time() + timeout
    while len(done) < n and time.time() < deadline:
        for i in ids:
            if i in done:
                continue
            status, body = result(base, i)
            if status == 200:
                done[i] = body["data"]
        time.sleep(0.2)
    if len(done) < n:
        sys.exit(f"tasks not finished within {timeout} s: {sorted(set(ids) - set(done))}")
    return list(done.values())


def run(args):
    if args.warmup:
        run_batch(args.base, args.clip, args.warmup)
    tasks = run_batch(args.base, args.clip, args.tasks)
    ok = [t for t in tasks if t["status"] == "completed"]
    start = min(parse_time(t["created_at"]) for t in tasks)
    end = max(parse_time(t["completed_at"] or t["updated_at"]) for t in tasks)
    engine = sum(t["result"]["engine_seconds"] for t in ok)
    print(f"{args.label}\t{args.round}\t{end - start:.3f}\t{engine:.3f}\t{len(tasks)}\t{len(tasks) - len(ok)}")
    sys.stdout.flush()


def render(args):
    rows = {}
    order = []
    with open(args.render) as f:
        for line in f:
            label, rnd, wall, engine, n, failed = line.rstrip("\n").split("\t")
            if label not in rows:
                rows[label] = []
                order.append(label)
            rows[label].append((float(wall), float(engine), int(n), int(failed)))
    print(f"# Throughput benchmark, {datetime.utcnow():%Y-%m-%d %H:%M} UTC, commit {args.commit}")
    print()
    print(
        f"Machine: {args.cpu}; model {args.preset} (random weights); each round {args.tasks} uploads "
        f"of a {args.seconds} s clip at once; load average before {args.load_before}, after {args.load_after}."
    )
    print()
    print("| workers × pool × threads | rounds | median wall s | audio s per wall s | × first row | engine s per task | failed |")
    print("|---|---|---|---|---|---|---|")
    base = None
    for label in order:
        walls = [r[0] for r in rows[label]]
        wall = statistics.median(walls)
        per_task = statistics.median(r[1] / max(1, r[2] - r[3]) for r in rows[label])
        speed = args.tasks * args.seconds / wall
        base = base or speed
        failed = sum(r[3] for r in rows[label])
        print(
            f"| {label} | {', '.join(f'{w:.1f}' for w in walls)} | {wall:.1f} | {speed:.2f} | "
            f"{speed / base:.2f} | {per_task:.2f} | {failed} |"
        )


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base")
    p.add_argument("--clip")
    p.add_argument("--tasks", type=int, default=8)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--label", default="")
    p.add_argument("--round", default="1")
    p.add_argument("--render")
    p.add_argument("--seconds", type=float, default=30)
    p.add_argument("--preset", default="")
    p.add_argument("--load-before", default="")
    p.add_argument("--load-after", default="")
    p.add_argument("--commit", default="")
    p.add_argument("--cpu", default="")
    args = p.parse_args()
    render(args) if args.render else run(args)


if __name__ == "__main__":
    main()
