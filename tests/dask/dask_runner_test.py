"""contrib/dask/unspin-dask on a real cluster: a scheduler and two worker
processes on 127.0.0.1, started and stopped here.

Checks that the runner's shards and merged report are byte for byte those of
a single-process `unspin --jsonl` run, that the record counts it prints add
up, that a partition failing once is retried, that one failing every time is
reported (exit 2, its shard not written) and never dropped, and that a
worker returning too few records is caught.  Run by tests/dask/dask-runner.sh.
"""

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import distributed

UNSPIN = os.environ["UNSPIN"]
RUNNER = os.path.join(os.environ["top_srcdir"], "contrib", "dask", "unspin-dask")
OPTIONS = ["-f", "example", "--set", 'example.replace=[{"from":"a","to":"b"}]']
DEADLINE = time.monotonic() + 50        # the whole test, whatever hangs
failures = []


def check(condition, message):
    print(("ok     " if condition else "FAILED ") + message)
    if not condition:
        failures.append(message)


def remaining():
    left = DEADLINE - time.monotonic()
    if left <= 0:
        raise TimeoutError("test ran out of time")
    return left


# --- the corpus ------------------------------------------------------------

WORDS = ["banana", "cat", "area", "après", "naïve", "中文", "data", "😀", "alpha",
         "said", "the", "of", "Zürich", "a\"quote\"", "tab\there", "line\nbreak"]


def record(rng, number):
    """One line: mostly good articles with extra fields, some bad ones."""
    kind = number % 97
    if kind == 13:
        return "this is not JSON {"
    if kind == 29:
        return json.dumps({"id": f"r{number}", "title": "no text field"})
    if kind == 41:
        return json.dumps({"id": f"r{number}", "text": 12345})
    if kind == 53:
        return ""
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 40)))
    article = {"id": f"r{number}", "text": text, "n": number,
               "meta": {"lang": "en", "tags": ["a", "b"]}}
    if number % 3 == 0:
        return json.dumps(article, ensure_ascii=False)
    return json.dumps(article)


def write_shard(path, rng, first, count, final_newline=True):
    lines = [record(rng, number) for number in range(first, first + count)]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + ("\n" if final_newline and lines else ""))
    return count


def make_corpus(directory):
    """Five shards, one big enough to be cut into many partitions, one
    without a final newline, one empty; returns the number of records."""
    os.makedirs(directory)
    rng = random.Random(6)
    sizes = [1500, 900, 450, 250, 0]
    first = total = 0
    for index, size in enumerate(sizes):
        total += write_shard(os.path.join(directory, f"shard-{index}.jsonl"), rng,
                             first, size, final_newline=(index != 3))
        first += size
    return total


# --- processes started here ------------------------------------------------

started = []


def start(command, log):
    """Start a process in its own session so stopping it stops its children
    (a nanny's worker) too."""
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    started.append(process)
    return process


def stop_all():
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in started:
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def start_cluster(tmp):
    scheduler_file = os.path.join(tmp, "scheduler.json")
    log = open(os.path.join(tmp, "cluster.log"), "w")
    # --no-dashboard still leaves an HTTP port, on every interface unless
    # --dashboard-address names one.
    loopback = ["--host", "127.0.0.1", "--no-dashboard", "--dashboard-address", "127.0.0.1:0"]
    start([sys.executable, "-m", "distributed.cli.dask_scheduler", *loopback,
           "--port", "0", "--scheduler-file", scheduler_file], log)
    while not os.path.exists(scheduler_file):
        if remaining() < 35:
            raise TimeoutError("the scheduler did not start: see cluster.log")
        time.sleep(0.1)
    time.sleep(0.2)                       # let the file be written whole
    for name in ("w1", "w2"):
        start([sys.executable, "-m", "distributed.cli.dask_worker", "--scheduler-file",
               scheduler_file, *loopback, "--nthreads", "1", "--name", name,
               "--local-directory", os.path.join(tmp, name)], log)
    with open(scheduler_file) as f:
        address = json.load(f)["address"]
    with distributed.Client(address, timeout="20s") as client:
        client.wait_for_workers(2, timeout=min(20, remaining()))
        workers = client.scheduler_info()["workers"]
    check(len(workers) == 2 and all(a.startswith("tcp://127.0.0.1:") for a in workers),
          f"scheduler {address} has two loopback workers")
    ports = listening_addresses()
    if ports is not None:
        check(ports and all(host in ("127.0.0.1", "::1") for host, _ in ports),
              f"the cluster listens on loopback only: {sorted(ports)}")
    return address


def listening_addresses():
    """(host, port) of every listening TCP socket of the processes started
    here and their children, from /proc; None where there is no /proc."""
    if not os.path.exists("/proc/net/tcp"):
        return None
    pids = {p.pid for p in started}
    children = {}
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as f:
                children.setdefault(int(f.read().rsplit(")", 1)[1].split()[1]), []).append(int(entry))
        except (OSError, ValueError, IndexError):
            continue
    todo = list(pids)
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in pids:
                pids.add(child)
                todo.append(child)
    inodes = set()
    for pid in pids:
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except OSError:
            continue
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            for row in f.read().splitlines()[1:]:
                fields = row.split()
                if fields[3] == "0A" and fields[9] in inodes:      # LISTEN
                    found.add(decode_proc_address(fields[1]))
    return found


def decode_proc_address(text):
    """'0100007F:1F90' -> ('127.0.0.1', 8080); IPv6 likewise."""
    host, port = text.split(":")
    raw = bytes.fromhex(host)
    # /proc prints each 32-bit word in host (little-endian) order
    raw = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
    import ipaddress
    address = ipaddress.ip_address(raw)
    if getattr(address, "ipv4_mapped", None):
        address = address.ipv4_mapped
    return str(address), int(port, 16)


# --- runs ------------------------------------------------------------------

def run(command, cwd):
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True,
                          timeout=min(40, remaining()))
    return done.returncode, done.stdout, done.stderr


def runner(tmp, *args, unspin=UNSPIN, options=OPTIONS):
    return run([sys.executable, RUNNER, "--unspin", unspin, *args, "--", *options], tmp)


def reference(tmp, shards, out_dir, options=OPTIONS):
    """The single-process run: each shard on its own for the output files,
    all shards in one call for the report and the messages."""
    os.makedirs(os.path.join(tmp, out_dir))
    for shard in shards:
        with open(os.path.join(tmp, shard), "rb") as f, \
             open(os.path.join(tmp, out_dir, os.path.basename(shard)), "wb") as out:
            subprocess.run([UNSPIN, "--jsonl", *options], stdin=f, stdout=out,
                           stderr=subprocess.DEVNULL, timeout=remaining())
    report = os.path.join(out_dir, "report.jsonl")
    status, _, messages = run([UNSPIN, "--jsonl", *options, "--report", report, *shards], tmp)
    return status, read(tmp, report), messages


def read(*path):
    with open(os.path.join(*path), "rb") as f:
        return f.read()


def summary(stderr):
    match = re.search(r"(\d+) shards, (\d+) partitions, (\d+) records in, (\d+) out, "
                      r"(\d+) skipped, (\d+) retried, (\d+) failed", stderr)
    return tuple(map(int, match.groups())) if match else None


def unspin_messages(stderr):
    return [line for line in stderr.splitlines() if line.startswith("unspin: ")]


def same_shards(tmp, shards, out_dir, ref_dir):
    try:
        return all(read(tmp, out_dir, os.path.basename(s)) == read(tmp, ref_dir, os.path.basename(s))
                   for s in shards)
    except FileNotFoundError:
        return False


def fake_unspin(tmp, name, body):
    """A stand-in for unspin on the workers, wrapping the real one."""
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write(f"#!/bin/sh\nstate={tmp}\nunspin={UNSPIN}\n{body}\n")
    os.chmod(path, 0o755)
    return path


def main(tmp):
    total = make_corpus(os.path.join(tmp, "corpus"))
    shards = [f"corpus/shard-{i}.jsonl" for i in range(5)]
    address = start_cluster(tmp)
    scheduler = ["--scheduler", address, "--partition-size", "32K"]

    # The job itself, through a wrapper that notes which process ran it.
    logged = fake_unspin(tmp, "logged-unspin", 'echo $PPID >> "$state/callers"\n'
                                              'exec "$unspin" "$@"')
    ref_status, ref_report, ref_messages = reference(tmp, shards, "ref")
    status, _, err = runner(tmp, *scheduler, "-O", "out", "--report", "out-report.jsonl",
                            "corpus/*.jsonl", unspin=logged)
    figures = summary(err)
    check(ref_status == 3 and status == 3,
          f"bad records passed through: exit 3 (reference {ref_status}, runner {status})")
    check(figures is not None and figures[0] == 5 and figures[1] > 10,
          f"5 shards cut into more than 10 partitions: {figures}")
    check(figures is not None and figures[2:5] == (total, total, 0),
          f"records in = out = {total}, none skipped: {figures}")
    check(same_shards(tmp, shards, "out", "ref"),
          "every cleaned shard is byte for byte the single-process output")
    check(read(tmp, "out-report.jsonl") == ref_report,
          "the merged report is byte for byte the single-process report")
    check(unspin_messages(err) == unspin_messages(ref_messages) and unspin_messages(err),
          "unspin's messages name the same shards and lines, in order")
    callers = set(read(tmp, "callers").split())
    check(len(callers) == 2 and str(os.getpid()).encode() not in callers,
          f"partitions ran in both worker processes: {sorted(callers)}")
    check(not any(n.endswith(".partial") for n in os.listdir(os.path.join(tmp, "out"))),
          "no temporary files left in the output directory")

    # Skipped records are counted, not lost.
    skip = ["--on-error", "skip", *OPTIONS]
    _, ref_skip_report, _ = reference(tmp, shards, "ref-skip", options=skip)
    status, _, err = runner(tmp, *scheduler, "-O", "out-skip", "--report", "skip.jsonl",
                            *shards, options=skip)
    figures = summary(err)
    skipped = ref_skip_report.count(b'"status":"skipped"')
    check(status == 3 and figures is not None and skipped > 0
          and figures[2:5] == (total, total - skipped, skipped),
          f"--on-error skip: {skipped} skipped and counted: {figures}")
    check(same_shards(tmp, shards, "out-skip", "ref-skip")
          and read(tmp, "skip.jsonl") == ref_skip_report,
          "--on-error skip: shards and report as the single-process run")

    # A partition failing the first time is run again.
    flaky = fake_unspin(tmp, "flaky-unspin",
                        'if mkdir "$state/failed-once" 2>/dev/null; then\n'
                        '  echo "flaky: failing on purpose" >&2; exit 2\nfi\n'
                        'exec "$unspin" "$@"')
    status, _, err = runner(tmp, *scheduler, "--retries", "1", "-O", "out-flaky",
                            *shards, unspin=flaky)
    figures = summary(err)
    check(status == 3 and figures is not None and figures[5:] == (1, 0)
          and "failing on purpose; retrying" in err,
          f"a partition failing once is retried: exit {status}, {figures}")
    check(same_shards(tmp, shards, "out-flaky", "ref"), "after the retry the shards are complete")

    # A partition failing every time is reported and its shard not written.
    poison = fake_unspin(tmp, "poison-unspin",
                         'input=$(mktemp "$state/input.XXXXXX")\ncat > "$input"\n'
                         'if grep -q POISON "$input"; then\n'
                         '  echo x >> "$state/poisoned"; rm -f "$input"\n'
                         '  echo "poison: refusing" >&2; exit 2\nfi\n'
                         '"$unspin" "$@" < "$input"; status=$?\nrm -f "$input"\nexit $status')
    with open(os.path.join(tmp, "corpus", "shard-1.jsonl")) as f:
        lines = f.read().splitlines(keepends=True)
    lines[700] = '{"id":"poisoned","text":"POISON"}\n'
    os.makedirs(os.path.join(tmp, "corpus2"))
    with open(os.path.join(tmp, "corpus2", "shard-1.jsonl"), "w") as f:
        f.writelines(lines)
    shutil.copy(os.path.join(tmp, "corpus", "shard-0.jsonl"), os.path.join(tmp, "corpus2"))
    status, _, err = runner(tmp, *scheduler, "--retries", "2", "-O", "out-poison",
                            "--report", "poison.jsonl", "corpus2/shard-0.jsonl",
                            "corpus2/shard-1.jsonl", unspin=poison)
    figures = summary(err)
    check(status == 2 and figures is not None and figures[6] == 1 and figures[5] == 2,
          f"a partition failing every time: exit 2, retried twice, 1 failed: {figures}")
    check(read(tmp, "poisoned").count(b"x") == 3, "the failing partition was tried 3 times")
    failed = re.search(r"corpus2/shard-1\.jsonl lines (\d+)-(\d+) failed after 3 attempts", err)
    check(failed is not None and int(failed.group(1)) <= 701 <= int(failed.group(2)),
          "the failure names the shard and the line range holding the bad input")
    written = sorted(os.listdir(os.path.join(tmp, "out-poison")))
    check(written == ["shard-0.jsonl"] and read(tmp, "out-poison", "shard-0.jsonl")
          == read(tmp, "ref", "shard-0.jsonl"),
          f"only the healthy shard is written, complete: {written}")
    check(b"corpus2/shard-1.jsonl" not in read(tmp, "poison.jsonl")
          and b"corpus2/shard-0.jsonl" in read(tmp, "poison.jsonl"),
          "the report covers exactly the shards written")

    # A worker handing back fewer records than it was given is caught.
    lossy = fake_unspin(tmp, "lossy-unspin", '"$unspin" "$@" | sed "\\$d"')
    status, _, err = runner(tmp, *scheduler, "--retries", "0", "-O", "out-lossy",
                            "corpus/shard-2.jsonl", unspin=lossy)
    check(status == 2 and "record count mismatch" in err and
          not os.listdir(os.path.join(tmp, "out-lossy")),
          f"a lost record fails the partition (exit {status}), nothing written")

    # Options unspin refuses stop the run at once, without retries.
    status, _, err = runner(tmp, *scheduler, "-O", "out-usage", "corpus/shard-2.jsonl",
                            options=["--no-such-option"])
    check(status == 1 and "retrying" not in err and "--no-such-option" in err,
          f"a usage error from unspin stops the run: exit {status}")

    # Without --scheduler the runner starts (and stops) its own local cluster.
    status, _, err = runner(tmp, "--workers", "2", "--partition-size", "64K", "-O",
                            "out-local", *shards)
    check(status == 3 and same_shards(tmp, shards, "out-local", "ref")
          and summary(err)[2:4] == (total, total),
          f"local cluster: exit {status}, shards as the single-process run")


def interrupted(signum, frame):
    failures.append(f"stopped by signal {signum}")
    raise SystemExit(1)


if __name__ == "__main__":
    # make check's timeout or ^C still stops the cluster and cleans up.
    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)
    tmp = tempfile.mkdtemp(prefix="unspin-dask-test-")
    try:
        main(tmp)
    except Exception as e:
        failures.append(f"{type(e).__name__}: {e}")
        print(f"FAILED {type(e).__name__}: {e}")
    finally:
        stop_all()
        if failures and not failures[-1].startswith("stopped by signal"):
            print(f"{len(failures)} check(s) failed; files kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(1 if failures else 0)
