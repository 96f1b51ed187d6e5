#!/usr/bin/env python3
"""Driver for bench/latency.sh (python3 standard library only).

Sends tasks to a running service one at a time, polls each task's result, and writes the
measurements as JSON and Markdown. Not meant to be run on its own: latency.sh starts the service
and passes everything on the command line.

Timing sources, per task:
  server_total  completed_at - created_at of the task row (server clock, ms resolution). created_at
                is set when the row is inserted, i.e. AFTER the upload has been received and
                ffprobe'd by the API, so the upload itself is not in it (see post_seconds).
  queue         started_at - created_at (workflow start, scheduling, until the first stage update).
  processing    completed_at - started_at (= task_processing_time).
  engine        result.engine_seconds: wall time inside whisper.cpp's recognize call (model load
                excluded; for the first task the model load is therefore in the overhead).
  overhead      server_total - engine.
  post_seconds  client wall time of the create request (upload, ffprobe, insert, workflow start).
  client_total  client wall time from sending the create request to the first 200 from /result.
  detect_lag    client time of that 200 - completed_at (polling granularity + one request).
"""

import argparse
import datetime as dt
import json
import os
import re
import statistics
import sys
import time
import urllib.error
import urllib.request
import uuid


def parse_time(s):
    if not s:
        return None
    return dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%S.%fZ").replace(
        tzinfo=dt.timezone.utc).timestamp()


def request(url, data=None, headers=None, method=None, timeout=120):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except (urllib.error.URLError, OSError) as e:
        raise SystemExit("request to %s failed: %s (did the service stop?)" % (url, e))


def multipart(path):
    boundary = "----bench" + uuid.uuid4().hex
    with open(path, "rb") as f:
        content = f.read()
    body = (
        ("--%s\r\nContent-Disposition: form-data; name=\"file_upload\"; filename=\"%s\"\r\n"
         "Content-Type: application/octet-stream\r\n\r\n") % (boundary, os.path.basename(path))
    ).encode() + content + ("\r\n--%s--\r\n" % boundary).encode()
    return body, {"Content-Type": "multipart/form-data; boundary=" + boundary}


CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_sample(pid):
    """(wall, busy CPU seconds of the whole machine, CPU seconds of the service incl. reaped
    children (ffmpeg, ffprobe), CPU seconds of this driver). Linux /proc only; None elsewhere."""
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        busy = (sum(v[:7]) - v[3] - v[4]) / CLK_TCK  # user..softirq minus idle and iowait
        steal = (v[7] if len(v) > 7 else 0) / CLK_TCK  # taken by the hypervisor
        service = 0.0
        if pid:
            with open("/proc/%d/stat" % pid) as f:
                st = f.read().rsplit(")", 1)[1].split()
            service = sum(int(x) for x in st[11:15]) / CLK_TCK  # utime stime cutime cstime
        t = os.times()
        return time.time(), busy, service, t.user + t.system, steal
    except (OSError, ValueError, IndexError):
        return None


def cpu_delta(a, b):
    if not a or not b:
        return {}
    wall = b[0] - a[0]
    busy, service, driver = b[1] - a[1], b[2] - a[2], b[3] - a[3]
    return {
        "service_cores": round(service / wall, 2),
        "driver_cores": round(driver / wall, 2),
        "other_cores": round(max(0.0, busy - service - driver) / wall, 2),
        "steal_cores": round((b[4] - a[4]) / wall, 2),
    }


def run_task(base, mode, speech, media_url, poll, timeout, label, pid=None):
    if mode == "upload":
        body, headers = multipart(speech)
        url = base + "/api/whisper/tasks/create"
    else:
        body, headers = b"", {}
        url = base + "/api/whisper/tasks/create?file_url=" + urllib.request.quote(media_url, safe=":/")
    cpu0 = cpu_sample(pid)
    t_send = time.time()
    status, raw = request(url, data=body, headers=headers, method="POST")
    t_created = time.time()
    if status != 200:
        raise RuntimeError("%s: create answered HTTP %d: %s" % (label, status, raw[:500]))
    task_id = json.loads(raw)["data"]["id"]
    polls = 0
    deadline = t_send + timeout
    while True:
        status, raw = request(base + "/api/whisper/tasks/result?task_id=%d" % task_id)
        polls += 1
        if status == 200:
            t_done = time.time()
            cpu1 = cpu_sample(pid)
            break
        if status != 202:
            raise RuntimeError("%s: task %d: result answered HTTP %d: %s"
                               % (label, task_id, status, raw[:500]))
        if time.time() > deadline:
            raise RuntimeError("%s: task %d not finished after %d s" % (label, task_id, timeout))
        time.sleep(poll)
    task = json.loads(raw)["data"]
    if task["status"] != "completed":
        raise RuntimeError("%s: task %d %s: %s" % (label, task_id, task["status"],
                                                    task.get("error_message")))
    created = parse_time(task["created_at"])
    started = parse_time(task["started_at"])
    completed = parse_time(task["completed_at"])
    result = task.get("result") or {}
    engine = result.get("engine_seconds")
    server_total = completed - created
    rec = {
        "label": label,
        "mode": mode,
        "task_id": task_id,
        "created_at": task["created_at"],
        "started_at": task["started_at"],
        "completed_at": task["completed_at"],
        "server_total": round(server_total, 3),
        "queue": round(started - created, 3) if started else None,
        "processing": round(completed - started, 3) if started else None,
        "engine": engine,
        "overhead": round(server_total - engine, 3) if engine is not None else None,
        "post_seconds": round(t_created - t_send, 3),
        "client_total": round(t_done - t_send, 3),
        "detect_lag": round(t_done - completed, 3),
        "polls": polls,
        "file_duration": task.get("file_duration"),
        "audio_duration": result.get("duration"),
        "segments": len(result.get("segments") or []),
        "language": result.get("language"),
        "text": (result.get("text") or "")[:80],
    }
    rec.update(cpu_delta(cpu0, cpu1))
    return rec


METRICS = [
    ("server_total", "create→completed (server `completed_at − created_at`)"),
    ("engine", "engine (`result.engine_seconds`)"),
    ("overhead", "overhead (server total − engine)"),
    ("queue", "  of which created→started (`started_at − created_at`)"),
    ("processing", "started→completed (`completed_at − started_at`)"),
    ("post_seconds", "create request, client (upload + ffprobe + insert + workflow start)"),
    ("client_total", "create→completed, client-observed (poll)"),
    ("detect_lag", "client saw completion − `completed_at`"),
    ("other_cores", "CPU cores busy with OTHER processes during the task (noise; cores, not s)"),
    ("steal_cores", "CPU steal (hypervisor) during the task (cores, not s)"),
]


QUIET_CORES = 0.25


def percentile(xs, p):
    """Nearest-rank percentile."""
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, int(-(-p * len(xs) // 100)) - 1))
    return xs[k]


def summarise(recs):
    out = {}
    for key, _ in METRICS:
        xs = [r[key] for r in recs if r.get(key) is not None]
        if not xs:
            continue
        out[key] = {
            "n": len(xs),
            "min": min(xs),
            "median": statistics.median(xs),
            "p90": percentile(xs, 90),
            "max": max(xs),
        }
    return out


def table(summary):
    lines = ["| metric | n | min s | median s | p90 s | max s |", "|---|---:|---:|---:|---:|---:|"]
    for key, name in METRICS:
        s = summary.get(key)
        if s:
            lines.append("| %s | %d | %.3f | %.3f | %.3f | %.3f |"
                         % (name, s["n"], s["min"], s["median"], s["p90"], s["max"]))
    return "\n".join(lines)


def task_table(recs):
    lines = ["| # | mode | task | server total | engine | overhead | created→started | "
             "create request | client total | detect lag | polls | segments | CPU cores used by "
             "service / others / steal |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in recs:
        cores = ("%.2f / %.2f / %.2f" % (r["service_cores"], r["other_cores"], r["steal_cores"])
                 if "other_cores" in r else "-")
        lines.append("| %s | %s | %d | %.3f | %.3f | %.3f | %s | %.3f | %.3f | %.3f | %d | %d | %s |" % (
            r["label"], r["mode"], r["task_id"], r["server_total"], r["engine"], r["overhead"],
            "%.3f" % r["queue"] if r["queue"] is not None else "-", r["post_seconds"],
            r["client_total"], r["detect_lag"], r["polls"], r["segments"], cores))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--speech", required=True)
    ap.add_argument("--media-url")
    ap.add_argument("--pid", type=int, help="service pid, for CPU accounting")
    ap.add_argument("-n", type=int, default=10)
    ap.add_argument("--poll-ms", type=int, default=50)
    ap.add_argument("--task-timeout", type=int, default=300)
    ap.add_argument("--json-out", required=True)
    args = ap.parse_args()
    poll = args.poll_ms / 1000.0

    warm = run_task(args.base, "upload", args.speech, None, poll, args.task_timeout, "warm-up",
                    args.pid)
    print("warm-up: task %d server %.3f s, engine %.3f s, overhead %.3f s, client %.3f s"
          % (warm["task_id"], warm["server_total"], warm["engine"], warm["overhead"],
             warm["client_total"]), flush=True)
    runs = {"upload": []}
    if args.media_url:
        runs["url"] = []
    for mode in runs:
        for i in range(1, args.n + 1):
            r = run_task(args.base, mode, args.speech, args.media_url, poll, args.task_timeout,
                         str(i), args.pid)
            runs[mode].append(r)
            print("%s %2d: task %d server %.3f s, engine %.3f s, overhead %.3f s, client %.3f s,"
                  " other processes %s cores"
                  % (mode, i, r["task_id"], r["server_total"], r["engine"], r["overhead"],
                     r["client_total"], r.get("other_cores", "?")), flush=True)
    out = {
        "warmup": warm,
        "runs": runs,
        "summary": {mode: summarise(recs) for mode, recs in runs.items()},
    }
    with open(args.json_out, "w") as f:
        json.dump(out, f, indent=2)


LOG_LINE = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})Z\s+\w+ .*? : (.*)$")

STAGES = [
    ("api ffprobe", "create request (before `created_at`, upload only): the API's ffprobe process "
                    "run"),
    ("api after exit", "create request: API ffprobe exit → task row inserted (result parsing, "
                       "insert)"),
    ("created→started", "`created_at` → `started_at`: workflow start, first workflow task, "
                        "first stage write (store activity)"),
    ("download", "`started_at` → download logged (`file_url` only: fetch activity incl. its "
                 "scheduling)"),
    ("→ffprobe start", "→ worker ffprobe starts (hand-off to the probe activity; absent when the "
                       "upload carries the API's probe)"),
    ("ffprobe", "worker ffprobe process run (`Starting process` → `Process has finished`)"),
    ("ffprobe exit→probed", "ffprobe exit → `Probed` logged (Jaffree's wait, JSON parsing)"),
    ("→ffmpeg start", "→ ffmpeg starts (mediaProbed write, stage write, extract activity "
                      "hand-off)"),
    ("side by side", "`file_url` with probeAndExtract: first tool start → both results logged "
                     "(replaces the four process rows in the sum)"),
    ("ffmpeg", "ffmpeg extraction process run (a pre-started one from its input hand-over)"),
    ("ffmpeg exit→extracted", "ffmpeg exit → `extracted` logged (Jaffree's wait, WAV check, "
                              "rename)"),
    ("→copied", "→ `extracted` logged with no ffmpeg run (media already whisper audio: extract "
                "activity hand-off, header read, copy)"),
    ("extracted→engine start", "→ whisper.cpp called (mediaProbed write after probeAndExtract, stage "
                               "write, hand-off to the transcription "
                               "activity, WAV read; model load on the first task)"),
    ("engine", "whisper.cpp recognize (log timestamps; compare engine_seconds)"),
    ("engine end→completed_at", "engine end → `completed_at` (transcript write, hand-off to the "
                                "store activity, completed write)"),
    ("processes", "sum: ffprobe + ffmpeg process run time in the worker"),
    ("after exit", "sum: process exit → result logged"),
    ("hand-offs", "sum: Temporal hand-offs, store writes and activity bookkeeping (the rows "
                  "marked →, created→started and engine end→completed_at)"),
    ("outside engine", "server total − engine (log): every row above except engine, the "
                       "create request's and the sums (compare overhead)"),
]

PROCESS_START = re.compile(r"^Starting process: (?:.*/)?(ffprobe|ffmpeg)\b")


def stages(log_path, recs):
    """Per-task stage times from the service log's INFO lines (server clock, ms).

    Tasks run one at a time, so every event inside a task's [created_at, completed_at] window is
    that task's (the worker's "Probed <file>" and Jaffree's process lines carry no task id). The
    API's ffprobe of an upload is the last ffprobe started before created_at.
    """
    events = []
    with open(log_path, errors="replace") as f:
        for line in f:
            m = LOG_LINE.match(line.rstrip("\n"))
            if m:
                t = dt.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f").replace(
                    tzinfo=dt.timezone.utc).timestamp()
                events.append((t, m.group(2)))
    for r in recs:
        created, started, completed = (parse_time(r["created_at"]), parse_time(r["started_at"]),
                                       parse_time(r["completed_at"]))
        window = [(t, msg) for t, msg in events if created - 0.001 <= t <= completed + 0.5]
        tid = "Task %d: " % r["task_id"]
        # The CPU components log by the run of the task's pipeline ("Run task-N: "), the
        # transcription worker by the task.
        rid = "Run task-%d: " % r["task_id"]

        def first(pred, after=0.0):
            return next((t for t, msg in window if t >= after and pred(msg)), None)

        def process(tool, after=0.0):
            """(start, exit) of the first `tool` process started at or after `after`.

            A pre-started ffmpeg (WarmFfmpeg) logs no `Starting process`: its run is timed from
            Jaffree's `Waiting for process to finish`, logged when the extraction hands it its
            input, when no process start comes before that line.
            """
            start = first(lambda m: (PROCESS_START.match(m) or [None, None])[1] == tool, after)
            if tool == "ffmpeg":
                waiting = first(lambda m: m.startswith("Waiting for process to finish"), after)
                started = first(lambda m: PROCESS_START.match(m) is not None, after)
                if waiting is not None and (started is None or started > waiting):
                    start = waiting
            if start is None:
                return None, None
            return start, first(lambda m: m.startswith("Process has finished"), start)

        fetched = first(lambda m: m.startswith((tid + "fetched ", rid + "fetched ")))
        extracted = first(lambda m: m.startswith((tid + "extracted ", rid + "extracted ")))
        eng_start = first(lambda m: m.startswith(tid + "transcribing "))
        eng_end = first(lambda m: m.startswith(tid) and " segment(s), language " in m)
        if None in (started, extracted, eng_start, eng_end):
            r["stages"] = None
            continue
        # The worker's probe of this task, if any, is logged before its transcription starts.
        probed = first(lambda m: m.startswith("Probed "))
        if probed is not None and probed > eng_start:
            probed = None
        st = {"created→started": started - created}
        t = started
        if fetched is not None:
            st["download"] = fetched - started
            t = fetched
        hand = [st["created→started"]]
        procs, after = [], []
        p0, p1 = process("ffprobe", t) if probed is not None else (None, None)
        f0, f1 = process("ffmpeg", t)
        if p0 is not None and f0 is not None and f0 < probed:
            # probeAndExtract: both tools side by side in one activity.
            st["→ffprobe start"] = min(p0, f0) - t
            st["side by side"] = max(probed, extracted) - min(p0, f0)
            st["ffprobe"], st["ffmpeg"] = p1 - p0, f1 - f0
            st["ffprobe exit→probed"], st["ffmpeg exit→extracted"] = probed - p1, extracted - f1
            hand.append(min(p0, f0) - t)
            procs += [p1 - p0, f1 - f0]
            after += [probed - p1, extracted - f1]
            extracted = max(probed, extracted)
        else:
            if p0 is not None and p1 is not None and p1 <= probed:
                st["→ffprobe start"] = p0 - t
                st["ffprobe"] = p1 - p0
                st["ffprobe exit→probed"] = probed - p1
                hand.append(p0 - t)
                procs.append(p1 - p0)
                after.append(probed - p1)
                t = probed
                f0, f1 = process("ffmpeg", t)
            if f0 is not None and f1 is not None and f1 <= extracted:
                st["→ffmpeg start"] = f0 - t
                st["ffmpeg"] = f1 - f0
                st["ffmpeg exit→extracted"] = extracted - f1
                hand.append(f0 - t)
                procs.append(f1 - f0)
                after.append(extracted - f1)
            elif f0 is None or f0 > extracted:
                st["→copied"] = extracted - t
                hand.append(extracted - t)
        st["extracted→engine start"] = eng_start - extracted
        st["engine"] = eng_end - eng_start
        st["engine end→completed_at"] = completed - eng_end
        hand += [st["extracted→engine start"], st["engine end→completed_at"]]
        st["processes"] = sum(procs)
        st["after exit"] = sum(after)
        st["hand-offs"] = sum(hand)
        st["outside engine"] = (completed - created) - st["engine"]
        if r["mode"] == "upload":
            before = [(tt, msg) for tt, msg in events if created - 5 <= tt <= created]
            starts = [tt for tt, msg in before
                      if (PROCESS_START.match(msg) or [None, None])[1] == "ffprobe"]
            if starts:
                exits = [tt for tt, msg in before
                         if tt >= starts[-1] and msg.startswith("Process has finished")]
                if exits:
                    st["api ffprobe"] = exits[0] - starts[-1]
                    st["api after exit"] = created - exits[0]
        r["stages"] = {k: round(v, 3) for k, v in st.items()}


def stage_table(data):
    modes = list(data["runs"])
    head = "| stage | warm-up | " + " | ".join("median, %s" % m for m in modes) + " |"
    lines = [head, "|---|---:|" + "---:|" * len(modes)]
    for key, name in STAGES:
        cells = []
        w = (data["warmup"].get("stages") or {}).get(key)
        cells.append("%.3f" % w if w is not None else "-")
        for m in modes:
            xs = [r["stages"][key] for r in data["runs"][m] if r.get("stages") and key in r["stages"]]
            cells.append("%.3f" % statistics.median(xs) if xs else "-")
        lines.append("| %s | %s |" % (name, " | ".join(cells)))
    return "\n".join(lines)


def render(json_in, facts_in, log_in, md_out):
    """Merges the measurements with the machine facts and log stages; writes Markdown."""
    with open(json_in) as f:
        data = json.load(f)
    with open(facts_in) as f:
        facts = json.load(f)
    data["facts"] = facts
    stages(log_in, [data["warmup"]] + [r for recs in data["runs"].values() for r in recs])
    with open(json_in, "w") as f:
        json.dump(data, f, indent=2)
    w = data["warmup"]
    md = ["# Latency benchmark: 10 s clip, generated tiny model", ""]
    md.append("Run %s UTC, commit `%s`. Command: `%s`." % (facts["started_utc"], facts["commit"],
                                                             facts["command"]))
    md += ["", "## Machine", ""]
    for k in ["cpu", "nproc", "memory", "java", "ffmpeg", "whisper_threads", "loadavg_before",
              "loadavg_after", "other_java_processes"]:
        md.append("- %s: %s" % (k.replace("_", " "), facts.get(k)))
    md += ["", "## Set-up", ""]
    md.append("- model: %s" % facts["model"])
    md.append("- clip: %s" % facts["clip"])
    md.append("- poll interval: %s ms on `GET /api/whisper/tasks/result`; tasks run one at a time"
              % facts["poll_ms"])
    md += ["", "## Warm-up (first task after start: includes the model load in the overhead)", ""]
    md.append("server create→completed **%.3f s** = engine %.3f s + overhead %.3f s "
              "(created→started %.3f s); create request %.3f s; client-observed %.3f s."
              % (w["server_total"], w["engine"], w["overhead"], w["queue"], w["post_seconds"],
                 w["client_total"]))
    for mode, summary in data["summary"].items():
        md += ["", "## Steady state, by %s (%d tasks)" % ("upload" if mode == "upload" else
                                                         "file_url (local http.server)",
                                                         len(data["runs"][mode])), ""]
        md.append(table(summary))
        quiet = [r for r in data["runs"][mode] if r.get("other_cores") is not None
                 and r["other_cores"] <= QUIET_CORES]
        if quiet:
            q = summarise(quiet)
            md += ["", "Quiet tasks only (other processes used ≤ %.2f cores during the task): "
                   "%d of %d; median create→completed %.3f s, engine %.3f s, overhead %.3f s."
                   % (QUIET_CORES, len(quiet), len(data["runs"][mode]),
                      q["server_total"]["median"], q["engine"]["median"],
                      q["overhead"]["median"])]
        else:
            md += ["", "No task ran with other processes using ≤ %.2f cores: every number above is "
                   "affected by concurrent load." % QUIET_CORES]
    md += ["", "## Where the time goes: stages from the service log's INFO lines (seconds)", ""]
    md.append(stage_table(data))
    md += ["", "## Every task", ""]
    md.append(task_table([w] + [r for recs in data["runs"].values() for r in recs]))
    md += ["", "## Service log", ""]
    md.append("%s WARN and %s ERROR lines." % (facts["log_warn"], facts["log_error"]))
    if facts.get("log_samples"):
        md += ["", "```"] + facts["log_samples"] + ["```"]
    md.append("")
    with open(md_out, "w") as f:
        f.write("\n".join(md))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "render":
        render(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
    else:
        main()
