#!/usr/bin/env python3
"""unspin's benchmark: speed, memory, growth with input size and start-up, per filter.

Usage: bench/run [OPTIONS]        (`make bench` runs it with the defaults)

For each filter alone (-f unicode, -f boilerplate, -f unspin; a filter that is not built is
reported as "not built") and for the full default chain, on BBC news that is clean, spun by
bench/spinner, and with generated mojibake, in JSON Lines and plain form, it prints:
  MB/s and articles/s on one thread, MB/s with -j 2 and the speed-up, peak resident memory,
  growth (CPU time per MB at the biggest size / at the smallest, start-up taken off; above
  1.25 is flagged NON-LINEAR), start-up (one short article, median of several runs),
and the same inputs through reference tools when installed (cat, uconv -x any-nfc), with
unspin's CPU time as a multiple of theirs, so the figures can be compared across machines.
"cpu MB/s" is the speed on one core by CPU time (user + system), which other work on a busy
machine does not stretch; "MB/s" and "art/s" are by wall time.  The smallest input's row says
what share of its lines the command changed: a filter that leaves an input alone (a gate
that did not fire) is timing its fast path, not its repairs.
It ends with the project's targets (issue 6) and whether each is met.

Options:
  --sizes LIST     input sizes in MB, comma-separated (default 2,16; --full: 1,10,50,200)
  --full           the full run: sizes up to 200 MB
  --kinds LIST     clean,spun,mojibake (default all three)
  --forms LIST     jsonl,plain,longline (default all three): JSON Lines, one article per line;
                   plain, the articles as one long article; longline, the same on one line
  --targets LIST   unicode,boilerplate,unspin,chain (default all four)
  --plain-max MB   largest plain and longline input (one article, held whole in memory by
                   design; default 50)
  --threads N      the parallel run's -j (default 2)
  --repeat N       runs per measurement, the fastest is kept (default 3; 1 for runs over 5 s)
  --timeout S      give up on one run after S seconds (default 900)
  --unspin PATH    the program (default $UNSPIN, else ./unspin, else the one in this tree)
  --shared DIR     the shared data (default $SHARED, else ../shared beside the tree)
  --out DIR        inputs and results (default bench/out beside the program)
  --json FILE      also write every figure as JSON (default OUT/results.json)
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import inputs  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
FILTERS = ("unicode", "boilerplate", "unspin")
STARTUP_RUNS = 7
GROWTH_LIMIT = 1.25


def die(msg, code=2):
    sys.stderr.write(f"bench: {msg}\n")
    sys.exit(code)


def parse_args(argv):
    o = dict(sizes=None, full=False, kinds=",".join(inputs.KINDS), forms=",".join(inputs.FORMS),
             targets="unicode,boilerplate,unspin,chain", plain_max="50", threads="2",
             repeat="3", timeout="900", unspin=None, shared=None, out=None, json=None)
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-h", "--help"):
            sys.stdout.write(__doc__)
            sys.exit(0)
        if a == "--full":
            o["full"] = True
        elif a.startswith("--") and a[2:].replace("-", "_") in o and a != "--full":
            if i + 1 >= len(argv):
                die(f"{a} needs a value", 1)
            o[a[2:].replace("-", "_")] = argv[i + 1]
            i += 1
        else:
            die(f"unknown argument {a} (see bench/run --help)", 1)
        i += 1

    def numbers(key, text, kind=float):
        try:
            vals = [kind(x) for x in text.split(",") if x]
            if not vals or any(v <= 0 for v in vals):
                raise ValueError
            return vals
        except ValueError:
            die(f"--{key.replace('_', '-')} needs positive numbers, got '{text}'", 1)

    o["sizes"] = sorted(set(numbers("sizes", o["sizes"] or ("1,10,50,200" if o["full"] else "2,16"))))
    o["plain_max"] = numbers("plain_max", o["plain_max"])[0]
    for key in ("threads", "repeat", "timeout"):
        o[key] = numbers(key, o[key], int)[0]
    for key, allowed in (("kinds", inputs.KINDS), ("forms", inputs.FORMS),
                         ("targets", FILTERS + ("chain",))):
        o[key] = [x for x in o[key].split(",") if x]
        bad = [x for x in o[key] if x not in allowed]
        if bad or not o[key]:
            die(f"--{key}: choose from {','.join(allowed)}, got '{','.join(bad) or 'nothing'}'", 1)
    if not o["unspin"]:
        o["unspin"] = os.environ.get("UNSPIN") or (
            "./unspin" if os.access("unspin", os.X_OK) and os.path.isfile("unspin") else os.path.join(TOP, "unspin"))
    o["unspin"] = os.path.abspath(o["unspin"])
    if not os.access(o["unspin"], os.X_OK):
        die(f"no unspin program at {o['unspin']}: build it (./bootstrap or make) or pass --unspin PATH")
    o["shared"] = os.path.abspath(o["shared"] or os.environ.get("SHARED") or os.path.join(TOP, "..", "shared"))
    o["corpus"] = os.path.join(o["shared"], "corpora", "bbc-news")
    if not os.path.isdir(o["corpus"]):
        die(f"the BBC corpus is not at {o['corpus']}: pass --shared DIR or set SHARED")
    o["out"] = os.path.abspath(o["out"] or os.path.join(os.path.dirname(o["unspin"]), "bench", "out"))
    o["json"] = o["json"] or os.path.join(o["out"], "results.json")
    return o


# --- running one command ------------------------------------------------------------------

class Run:
    """One timed run: wall seconds, CPU seconds (user + system), peak resident memory (MB),
    exit status, first error line."""

    def __init__(self, seconds, peak_mb, status, error, cpu=0.0):
        self.seconds, self.peak_mb, self.status, self.error = seconds, peak_mb, status, error
        self.cpu = cpu

    @property
    def ok(self):
        # 3 is unspin's "finished, but some records were passed through": still a full run
        return self.error is None and self.status in (0, 3)


# Peak memory comes from /usr/bin/time: Linux keeps a process's peak across fork and exec, so
# the getrusage figure of a child of this Python process would include Python's own memory.
# time's child is forked from the small time process instead.  Its fork adds well under a
# millisecond, so start-up is timed without it.
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_once(cmd, src, dst=os.devnull, timeout=900, peak=True):
    peak_file = os.path.join(OUT_DIR, "peak.txt")
    if peak and GNU_TIME:
        cmd = [GNU_TIME, "-f", "%M", "-o", peak_file, *cmd]
    with open(src, "rb") as fin, open(dst, "wb") as fout, \
            open(os.path.join(OUT_DIR, "stderr.txt"), "w+b") as ferr:
        start = time.perf_counter()
        try:
            p = subprocess.Popen(cmd, stdin=fin, stdout=fout, stderr=ferr)
        except OSError as e:
            return Run(0, 0, 127, f"cannot run {cmd[0]}: {e.strerror}")
        timer = threading.Timer(timeout, p.kill)   # a blocking wait keeps the timing exact
        timer.start()
        _, status, usage = os.wait4(p.pid, 0)
        timed_out = not timer.is_alive()
        timer.cancel()
        seconds = time.perf_counter() - start
        p.returncode = os.waitstatus_to_exitcode(status)
        if timed_out:
            return Run(timeout, 0, -9, f"timed out after {timeout} s")
        ferr.seek(0)
        err = ferr.read().decode("utf-8", "replace").strip().splitlines()
    error = None
    if p.returncode not in (0, 3):
        error = f"exit {p.returncode}" + (f": {err[0]}" if err else "")
    peak_mb = None
    if peak and GNU_TIME:
        try:
            # the last line: time writes "Command exited with non-zero status N" before it
            peak_mb = int(open(peak_file).read().split()[-1]) / 1024
        except (OSError, ValueError, IndexError):
            pass
    # wait4 counts the children the process waited for, so this includes time's child
    return Run(seconds, peak_mb, p.returncode, error, usage.ru_utime + usage.ru_stime)


def measure(cmd, src, repeat, timeout):
    """Fastest of up to REPEAT runs (one if a run takes over 5 s); peak memory is the highest seen."""
    best = None
    peak = None
    cpu = None
    for _ in range(repeat):
        r = run_once(cmd, src, timeout=timeout)
        if not r.ok:
            return r
        peak = r.peak_mb if peak is None else max(peak, r.peak_mb or 0)
        cpu = r.cpu if cpu is None else min(cpu, r.cpu)
        best = r if best is None or r.seconds < best.seconds else best
        if r.seconds > 5:
            break
    best.peak_mb, best.cpu = peak, cpu
    return best


def startup(cmd, short, timeout):
    times = []
    cpu = []
    peak = run_once(cmd, short, timeout=timeout).peak_mb
    for _ in range(STARTUP_RUNS):
        r = run_once(cmd, short, timeout=timeout, peak=False)
        if not r.ok:
            return r
        times.append(r.seconds)
        cpu.append(r.cpu)
    return Run(statistics.median(times), peak, 0, None, statistics.median(cpu))


def check_output(cmd, src, records, timeout):
    """Run once writing the output; check a record comes out for every record in.

    Returns (error or None, share of lines the command changed or None).  The share tells
    whether a row measures real work: a filter that leaves an input alone runs its fast path."""
    dst = os.path.join(OUT_DIR, "check-output")
    r = run_once(cmd, src, dst, timeout, peak=False)
    if not r.ok:
        return r.error, None
    with open(src, "rb") as fin, open(dst, "rb") as fout:
        lines_in, lines_out = fin.read().split(b"\n"), fout.read().split(b"\n")
    os.remove(dst)
    if records is not None and len(lines_out) != len(lines_in):
        return f"{records} records in, {len(lines_out) - 1} out", None
    if not any(lines_out):
        return "no output", None
    if len(lines_in) != len(lines_out):
        return None, None
    content = [(a, b) for a, b in zip(lines_in, lines_out) if a]
    return None, sum(a != b for a, b in content) / max(1, len(content))


# --- what is built ------------------------------------------------------------------------

def built_filters(unspin):
    p = subprocess.run([unspin, "--list-filters"], capture_output=True, text=True)
    if p.returncode != 0:
        die(f"{unspin} --list-filters failed: {p.stderr.strip()}")
    return {line.split()[0] for line in p.stdout.splitlines() if line and not line[0].isspace()}


def default_chain(unspin):
    p = subprocess.run([unspin, "--help"], capture_output=True, text=True)
    m = re.search(r"--filters.*?\(default:\s*([^)]*)\)", p.stdout, re.S)
    return m.group(1).strip() if m else "?"


# --- the report -----------------------------------------------------------------------------

def mb(path):
    return os.path.getsize(path) / 1e6


def show_mb(x, width=0):
    return f"{x:{width}.1f}" if x is not None else f"{'?':>{width}s}"


def fmt_rate(x):
    return f"{x:8.1f}" if x < 1000 else f"{x:8.0f}"


class Bench:
    def __init__(self, o):
        self.o = o
        self.results = []
        self.refs = {}   # (kind, form, size) -> {tool: seconds}
        self.summary = {}

    def input(self, kind, form, size):
        return inputs.sized(kind, form, size, self.o["corpus"], os.path.join(self.o["out"], "inputs"))

    def sizes(self, form):
        sizes = self.o["sizes"]
        return sizes if form == "jsonl" else [s for s in sizes if s <= self.o["plain_max"]]

    def reference_tools(self):
        tools = {"cat": ["cat"]}
        if shutil.which("uconv"):
            tools["uconv"] = ["uconv", "-x", "any-nfc"]
        return tools

    def run_references(self):
        tools = self.reference_tools()
        print("Reference tools on the same inputs: " + ", ".join(" ".join(c) for c in tools.values())
              + ("" if "uconv" in tools else "  (uconv not installed: apt-get install icu-devtools)"))
        for kind in self.o["kinds"]:
            for form in self.o["forms"]:
                for size in self.sizes(form):
                    path, _ = self.input(kind, form, size)
                    self.refs[(kind, form, size)] = {}
                    for name, cmd in tools.items():
                        r = measure(cmd, path, self.o["repeat"], self.o["timeout"])
                        self.refs[(kind, form, size)][name] = (r.seconds, r.cpu) if r.ok else None
        big = max(self.o["sizes"])
        for kind in self.o["kinds"]:
            line = []
            for form in self.o["forms"]:
                size = max(self.sizes(form))
                path, _ = self.input(kind, form, size)
                for name, t in self.refs[(kind, form, size)].items():
                    line.append(f"{name} {form} {mb(path) / t[0]:.0f} MB/s" if t else f"{name} {form} failed")
            print(f"  {kind:9s} " + ", ".join(line))
        del big
        print()

    def target(self, label, args, built):
        o = self.o
        cmd = [o["unspin"], *args]
        short = inputs.short_article(o["corpus"], os.path.join(o["out"], "inputs"))
        if not built:
            print(f"== {label}: not built\n")
            self.results.append(dict(target=label, built=False))
            return
        s = startup(cmd, short, o["timeout"])
        start_cpu = s.cpu if s.ok else 0.0
        print(f"== {label}   ({' '.join(['unspin', *args]) or 'unspin'})")
        print(f"   start-up, one {os.path.getsize(short)}-byte article: "
              + (f"{s.seconds * 1000:.1f} ms, {s.cpu * 1000:.1f} ms CPU (medians of {STARTUP_RUNS}), "
                  f"peak {show_mb(s.peak_mb)} MB"
                 if s.ok else f"FAILED: {s.error}"))
        self.results.append(dict(target=label, built=True, startup_ms=s.seconds * 1000 if s.ok else None,
                                 startup_cpu_ms=s.cpu * 1000 if s.ok else None))
        print(f"   {'input':9s} {'form':8s} {'size':>7s} {'threads':>7s} {'seconds':>8s} {'cpu s':>7s}"
              f" {'MB/s':>8s} {'cpu MB/s':>8s} {'art/s':>8s} {'peak MB':>8s} {'x cat':>7s} {'x uconv':>8s}")
        for kind in o["kinds"]:
            for form in o["forms"]:
                self.target_rows(label, cmd, kind, form, start_cpu)
        print()

    def target_rows(self, label, cmd, kind, form, start_cpu):
        o = self.o
        per_mb = []
        flags = ["--jsonl"] if form == "jsonl" else []
        for i, size in enumerate(self.sizes(form)):
            path, records = self.input(kind, form, size)
            runs = [(1, cmd + flags + (["-j", "1"] if form == "jsonl" else []))]
            if form == "jsonl" and size == max(self.sizes(form)):
                runs.append((o["threads"], cmd + flags + ["-j", str(o["threads"])]))
            one_thread = None
            for threads, c in runs:
                if i == 0 and threads == 1:
                    bad, changed = check_output(c, path, records if form == "jsonl" else None, o["timeout"])
                    if bad:
                        print(f"   {kind:9s} {form:8s} {size:5g}MB  OUTPUT CHECK FAILED: {bad}")
                        return
                r = measure(c, path, o["repeat"], o["timeout"])
                if not r.ok:
                    print(f"   {kind:9s} {form:8s} {size:5g}MB {threads:7d}  FAILED: {r.error}")
                    continue
                size_mb = mb(path)
                rate = size_mb / r.seconds
                arts = f"{records / r.seconds:8.0f}" if form == "jsonl" else f"{'-':>8s}"
                ref = self.refs.get((kind, form, size), {})
                # CPU time against CPU time: steadier than wall time when the machine is busy
                x = [f"{r.cpu / ref[t][1]:{w}.1f}" if ref.get(t) and ref[t][1] > 0 else f"{'-':>{w}s}"
                     for t, w in (("cat", 7), ("uconv", 8))]
                cpu_rate = size_mb / r.cpu if r.cpu > 0 else float("inf")
                extra = ""
                if i == 0 and threads == 1:
                    extra = f"  changed {changed:.0%} of lines" if changed is not None else "  line count changed"
                if threads == 1:
                    one_thread = r.seconds
                    per_mb.append((size, size_mb, r.cpu))
                elif one_thread:
                    extra = f"  speed-up {one_thread / r.seconds:.2f}x"
                print(f"   {kind:9s} {form:8s} {size:5g}MB {threads:7d} {r.seconds:8.3f} {r.cpu:7.3f} {fmt_rate(rate)} {fmt_rate(cpu_rate)}"
                      f" {arts} {show_mb(r.peak_mb, 8)} {x[0]} {x[1]}{extra}")
                self.results.append(dict(target=label, kind=kind, form=form, size_mb=size_mb,
                                         records=records, threads=threads, seconds=r.seconds, cpu=r.cpu,
                                         mb_per_s=rate, cpu_mb_per_s=cpu_rate,
                                         articles_per_s=records / r.seconds,
                                         peak_mb=r.peak_mb, ref=ref,
                                         speedup=one_thread / r.seconds if threads > 1 and one_thread else None))
        if len(per_mb) >= 2:
            # CPU time, start-up taken off: a loaded machine stretches wall time, not CPU time.
            # Compare the biggest input with the smallest whose run is long enough to measure.
            # Every step is shown: a quadratic cost grows at each step, a one-off step does not.
            usable = [p for p in per_mb[:-1] if p[2] - start_cpu >= 0.01] + [per_mb[-1]]
            ratio = None
            if len(usable) >= 2:
                cost = [(size, (t - start_cpu) / m) for size, m, t in usable]
                steps = ", ".join(f"{a[0]:g}->{b[0]:g} MB x{b[1] / a[1]:.2f}" for a, b in zip(cost, cost[1:]))
                ratio = cost[-1][1] / cost[0][1]
                verdict = "NON-LINEAR" if ratio > GROWTH_LIMIT else "linear"
                overall = f"; {cost[0][0]:g}->{cost[-1][0]:g} MB x{ratio:.2f}" if len(cost) > 2 else ""
                print(f"   {kind:9s} {form:8s} growth of CPU time per MB: {steps}{overall} {verdict}")
            else:
                print(f"   {kind:9s} {form:8s} growth: runs too short to judge (use bigger --sizes)")
            self.results.append(dict(target=label, kind=kind, form=form, growth=ratio))

    def targets_met(self, chain_label):
        """The figures issue 6 sets for the full default chain."""
        rows = [r for r in self.results if r.get("target") == chain_label]
        if not rows or not rows[0].get("built"):
            return

        def best(kind, threads):
            xs = [r for r in rows if r.get("kind") == kind and r.get("form") == "jsonl"
                  and r.get("threads") == threads]
            return max(xs, key=lambda r: r["size_mb"]) if xs else None

        print("== targets for the full default chain (issue 6), biggest JSON Lines input")
        checks = []
        for kind, need in (("clean", 40), ("spun", 10)):
            r = best(kind, 1)
            if r:   # "on one core": CPU time, which other work on the machine does not stretch
                checks.append((f"{kind} news, one core (CPU time)", f"{r['cpu_mb_per_s']:.1f} MB/s",
                               f">= {need} MB/s", r["cpu_mb_per_s"] >= need))
                checks.append((f"{kind} news, one thread (wall time)", f"{r['mb_per_s']:.1f} MB/s",
                               f">= {need} MB/s", r["mb_per_s"] >= need))
        for kind in self.o["kinds"]:
            r = best(kind, self.o["threads"])
            if r and r["speedup"]:
                checks.append((f"{kind} news, -j {self.o['threads']}", f"{r['speedup']:.2f}x one thread",
                               ">= 1.8x", r["speedup"] >= 1.8))
        peaks = [r["peak_mb"] for r in rows if r.get("form") == "jsonl" and r.get("peak_mb")]
        if peaks:
            checks.append(("peak memory, JSON Lines", f"{max(peaks):.1f} MB", "< 150 MB", max(peaks) < 150))
        st, st_cpu = rows[0].get("startup_ms"), rows[0].get("startup_cpu_ms")
        if st is not None:
            checks.append(("start-up + one short article (CPU)", f"{st_cpu:.1f} ms", "< 100 ms", st_cpu < 100))
            checks.append(("start-up + one short article (wall)", f"{st:.1f} ms", "< 100 ms", st < 100))
        for name, got, need, ok in checks:
            print(f"   {name:36s} {got:>18s}   target {need:10s} {'ok' if ok else 'MISSED'}")
        growth = [r for r in rows if r.get("growth")]
        bad = [f"{r['kind']} {r['form']} x{r['growth']:.2f}" for r in growth if r["growth"] > GROWTH_LIMIT]
        print(f"   {'growth with size (CPU time)':36s} {'linear' if not bad else 'NON-LINEAR: ' + ', '.join(bad)}")
        if os.getloadavg()[0] > 1.5:
            print(f"   (load average {load()}: other work competes for the cores, so wall-time figures "
                  f"and the -j speed-up are understated)")
        print()


def load():
    try:
        return " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        return "unknown"


def main(argv):
    global OUT_DIR
    o = parse_args(argv)
    OUT_DIR = o["out"]
    os.makedirs(OUT_DIR, exist_ok=True)
    b = Bench(o)
    built = built_filters(o["unspin"])
    chain = default_chain(o["unspin"])
    print(f"unspin benchmark: {o['unspin']}")
    print(f"built filters: {', '.join(sorted(built)) or 'none'}; default chain: {chain}")
    print(f"sizes {','.join(f'{s:g}' for s in o['sizes'])} MB (plain up to {o['plain_max']:g} MB), "
          f"inputs {','.join(o['kinds'])}, forms {','.join(o['forms'])}; "
          f"best of {o['repeat']} runs; {os.cpu_count()} CPUs, load average {load()}")
    t0 = time.time()
    print("building inputs under " + os.path.join(o["out"], "inputs") + " ...", flush=True)
    inputs.remove_stale(os.path.join(o["out"], "inputs"))
    for kind in o["kinds"]:
        for form in o["forms"]:
            for size in b.sizes(form):
                b.input(kind, form, size)
    print()
    b.run_references()
    chain_label = f"default chain ({chain})"
    for t in o["targets"]:
        if t == "chain":
            b.target(chain_label, [], True)
        else:
            b.target(f"-f {t}", ["-f", t], t in built)
        sys.stdout.flush()
    if "chain" in o["targets"]:
        b.targets_met(chain_label)
    with open(o["json"], "w") as f:
        json.dump(dict(unspin=o["unspin"], chain=chain, built=sorted(built), sizes=o["sizes"],
                       results=b.results, references={"|".join(map(str, k)): v for k, v in b.refs.items()}),
                  f, indent=1)
    print(f"bench: done in {time.time() - t0:.0f} s (load average now {load()}: other work on the "
          f"machine slows every figure; the x cat / x uconv ratios are steadier); figures also in {o['json']}")
    return 0


OUT_DIR = "."

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
