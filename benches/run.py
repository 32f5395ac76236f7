#!/usr/bin/env python3
"""Side-by-side benchmark: attune against Hugo, mdBook, the floor program (and Zola).

Usage (from the repository root, after `cargo build --release`):
    python3 benches/run.py [--n 1000 10000] [--runs K] [--install] [--mdbook-10k]
    python3 benches/run.py --n 100000 --attune-only      # scale run (adds N=10000)

For each N it generates the corpus (cached, see benches/corpus.py), then runs every
tool interleaved, A B C A B C ..., 1 warm-up round plus --runs timed rounds (default 5
at N <= 1000, 3 above). Before each run the tool's previous output folder is renamed
into a trash folder, so every run builds into a folder that does not exist yet; the
trash is deleted after the batch, outside any timing (as ANCHORS.md does).

Each child is timed by wall clock around the process; CPU (user + system) and peak RSS
come from os.wait4, the kernel's accounting of the finished child. attune runs with
ATTUNE_TIMINGS=1 and its `timings:` stderr line gives the stage times.

The results are printed as Markdown and written to <target>/bench-results.md (and the
raw figures to <target>/bench-results.json). Nothing here asserts on time: the targets
are shown beside the figures as met / not met.
"""

import argparse
import datetime
import glob
import gzip
import html
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse

BENCHES = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCHES)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import corpus  # noqa: E402  (benches/corpus.py)

REPO = corpus.REPO

# Recorded in benches/ANCHORS.md (not side by side: a different batch on the same
# machine kind). Zola with its search index is the closest peer to attune's job.
ZOLA_RECORDED = {1000: 2.66, 10000: 34.82}
ZOLA_RECORDED_CPU = {1000: 3.14, 10000: 35.47}
HUGO_RECORDED = {1000: 0.48, 10000: 6.50}

# Targets from the issue, shown beside the figures (never asserted).
TARGET_HUGO_RATIO = 0.5        # attune <= half of Hugo's wall time at N=10000
TARGET_FLOOR_RATIO = 1.5       # attune within 1.5x of the floor program
TARGET_RSS_MIB = 600           # peak memory at N=10000
TARGET_FIRST_QUERY = 270_000   # bytes downloaded by the first query (0.27 MB)
TARGET_SCALE_RATIO = 1.3       # per-article time at 100,000 vs 10,000

def log(message):
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- tools


class Tool:
    """One command to time: a label, how to build its argv, and settings."""

    def __init__(self, key, label, argv, env=None, warmup=True, note=""):
        self.key = key
        self.label = label
        self.argv = argv          # function(corpus_dir, out_dir) -> list of str
        self.env = env or {}
        self.warmup = warmup
        self.note = note


def find_program(name):
    """`name` on PATH, or in ~/.cargo/bin (where `cargo install` puts it)."""
    found = shutil.which(name)
    if found:
        return found
    cargo_bin = os.path.join(os.path.expanduser("~"), ".cargo", "bin", name)
    return cargo_bin if os.access(cargo_bin, os.X_OK) else None


def run_checked(argv, what, cwd=REPO, capture=False):
    log(f"$ {' '.join(argv)}")
    done = subprocess.run(argv, cwd=cwd, text=True,
                          stdout=subprocess.PIPE if capture else None)
    if done.returncode != 0:
        sys.exit(f"error: {what} failed (exit {done.returncode}): {' '.join(argv)}")
    return done.stdout


def install_peers(want_mdbook):
    """`--install`: Debian's hugo with apt-get, mdBook with cargo install."""
    sudo = [] if os.geteuid() == 0 or not shutil.which("sudo") else ["sudo"]
    if not find_program("hugo"):
        run_checked(sudo + ["apt-get", "update", "-qq"], "apt-get update")
        run_checked(sudo + ["apt-get", "install", "-y", "hugo"], "installing hugo")
    if want_mdbook and not find_program("mdbook"):
        run_checked(["cargo", "install", "mdbook", "--locked"], "installing mdbook")


def build_attune(args):
    binary = os.path.join(corpus.target_dir(), "release", "attune")
    if not args.no_cargo:
        run_checked(["cargo", "build", "--release", "--bin", "attune"], "cargo build --release")
    if not os.access(binary, os.X_OK):
        sys.exit(f"error: {binary} not found; run `cargo build --release` first")
    return binary


def build_floor(args):
    """The floor is the `floor` bench target; its compiled binary is run directly."""
    if args.floor_bin_given:
        return os.path.abspath(args.floor_bin_given)
    if not args.no_cargo:
        log("$ cargo bench --no-run --bench floor --message-format=json-render-diagnostics")
        done = subprocess.run(
            ["cargo", "bench", "--no-run", "--bench", "floor",
             "--message-format=json-render-diagnostics"],
            cwd=REPO, text=True, stdout=subprocess.PIPE)
        if done.returncode != 0:
            sys.exit("error: `cargo bench --no-run --bench floor` failed (does Cargo.toml "
                     "declare the [[bench]] targets of benches/README.md?)")
        for line in done.stdout.splitlines():
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if (message.get("reason") == "compiler-artifact"
                    and message.get("target", {}).get("name") == "floor"
                    and message.get("executable")):
                return message["executable"]
        sys.exit("error: cargo did not report the floor bench executable")
    candidates = [p for p in glob.glob(os.path.join(corpus.target_dir(), "release", "deps", "floor-*"))
                  if os.access(p, os.X_OK) and "." not in os.path.basename(p)]
    if not candidates:
        sys.exit("error: no floor binary in target/release/deps; run "
                 "`cargo bench --no-run --bench floor` or drop --no-cargo")
    return max(candidates, key=os.path.getmtime)


def snapshot_binary(path, name):
    """Copies `path` to <target>/bench-out/bin/<name>; returns the copy and a short id."""
    folder = os.path.join(corpus.target_dir(), "bench-out", "bin")
    os.makedirs(folder, exist_ok=True)
    copy = os.path.join(folder, name)
    shutil.copy2(path, copy)
    built = datetime.datetime.fromtimestamp(os.path.getmtime(path)).isoformat(timespec="seconds")
    return copy, f"binary built {built}, sha256 {corpus.file_sha256(copy)[:12]}"


def make_tools(args, n):
    """The tools to time at N, in the order they run within a round."""
    tools = [Tool("attune", "attune",
                  lambda c, o: [args.attune_bin, "build", "--root", os.path.join(c, "attune"),
                                "--out", o],
                  env={"ATTUNE_TIMINGS": "1"})]
    if args.baseline_bin:
        # The same corpus built by another attune binary (the commit before a change),
        # interleaved with the new one in every round: the before/after comparison.
        tools.append(Tool("attune-base", "attune (baseline)",
                          lambda c, o: [args.baseline_bin, "build", "--root",
                                        os.path.join(c, "attune"), "--out", o],
                          env={"ATTUNE_TIMINGS": "1"}))
    if args.attune_only:
        return tools
    tools.append(Tool("floor", "floor (1 thread)", lambda c, o: [args.floor_bin, c, o]))
    tools.append(Tool("floor-par", "floor (rayon)", lambda c, o: [args.floor_bin, c, o, "--par"]))
    hugo = find_program("hugo")
    if hugo:
        tools.append(Tool("hugo", "Hugo", lambda c, o: [hugo, "-s", os.path.join(c, "hugo"),
                                                         "-d", o]))
        # The like-for-like peer: attune always highlights code at build time; Hugo's main
        # row (as in ANCHORS.md) does not. The generator writes this config beside hugo.toml.
        tools.append(Tool("hugo-hl", "Hugo + highlighting",
                          lambda c, o: [hugo, "-s", os.path.join(c, "hugo"), "--config",
                                        os.path.join(c, "hugo", "hugo-highlight.toml"), "-d", o]))
    else:
        args.skipped.append("Hugo: `hugo` is not installed (pass --install)")
    mdbook = find_program("mdbook")
    if not mdbook:
        args.skipped.append("mdBook: `mdbook` is not installed (pass --install)")
    elif n >= 10000 and not args.mdbook_10k:
        args.skipped.append(f"mdBook at N={n}: skipped (~8 min a run; pass --mdbook-10k)")
    else:
        tools.append(Tool("mdbook", "mdBook",
                          lambda c, o: [mdbook, "build", "-d", o, os.path.join(c, "mdbook")],
                          warmup=n < 10000,
                          note="no warm-up at N >= 10000, as in ANCHORS.md" if n >= 10000 else ""))
    zola = find_program("zola")
    if zola and not args.no_zola:
        tools.append(Tool("zola", "Zola (search on)",
                          lambda c, o: [zola, "-r", os.path.join(c, "zola"), "build", "-o", o]))
    if args.only:
        tools = [t for t in tools
                 if t.key in args.only or t.key in ("attune", "attune-base")]
    return tools


def version_of(argv):
    try:
        done = subprocess.run(argv, text=True, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=30)
        return done.stdout.strip().splitlines()[0] if done.stdout.strip() else "?"
    except (OSError, subprocess.SubprocessError):
        return "?"


# ---------------------------------------------------------------- measuring


def timed_run(argv, env, stdout_path, stderr_path):
    """Runs argv to completion; returns wall, user, sys seconds, peak RSS KiB, exit code."""
    full_env = dict(os.environ)
    full_env.update(env)
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                 env=full_env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    return {"wall": wall, "user": usage.ru_utime, "sys": usage.ru_stime,
            "rss_kib": usage.ru_maxrss, "exit": child.returncode}


TIMINGS_PAIR = re.compile(r"(\w+)=([0-9.]+)\s*(ms|s|us|µs|ns)?")


def parse_timings(stderr_text):
    """The last `timings: key=12.3ms ...` line of attune's stderr, in milliseconds."""
    lines = [l for l in stderr_text.splitlines() if l.strip().startswith("timings:")]
    if not lines:
        return {}
    scale = {"ms": 1.0, None: 1.0, "s": 1000.0, "us": 0.001, "µs": 0.001, "ns": 1e-6}
    return {k: float(v) * scale[u] for k, v, u in TIMINGS_PAIR.findall(lines[-1])}


def busy_cpu_seconds():
    """CPU seconds all cores have spent busy since boot (/proc/stat), or 0 if unknown."""
    try:
        with open("/proc/stat", encoding="ascii") as fh:
            fields = [int(v) for v in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    busy = sum(fields[:8]) - idle  # user nice system idle iowait irq softirq steal
    return busy / os.sysconf("SC_CLK_TCK")


def tree_size(folder):
    files = size = 0
    for root, _, names in os.walk(folder):
        for name in names:
            try:
                size += os.lstat(os.path.join(root, name)).st_size
                files += 1
            except OSError:
                pass
    return files, size


def gz_size(path):
    with open(path, "rb") as fh:
        return len(gzip.compress(fh.read(), 6))


def median_file(paths):
    """The file whose size is closest to the median size."""
    if not paths:
        return None
    middle = statistics.median(os.path.getsize(p) for p in paths)
    return min(paths, key=lambda p: (abs(os.path.getsize(p) - middle), p))


SHARD_FILE = re.compile(r"^([a-z]+)-?(\d+)\.js$")
# attune's sharded index (src/search): v<N>.js vocabulary shards, p<N>.js postings shards,
# d<N>.js doc chunks (what a result shows); f.js the audience/section filter (loaded only
# when filtering). `t-<N>.js` is accepted as a term-shard name too.
SHARD_KINDS = {"v": "vocabulary shards", "p": "postings shards", "t": "term shards",
               "d": "doc chunks"}


def attune_search_figures(site, results_shown=10):
    """Search index size, shard counts and the first-query download of an attune output.

    First query = search/index.js + theme/search.js + the largest shard of every kind a
    query needs (one vocabulary shard, one postings shard) + one doc chunk of median size.
    That is one word with one stem; prefix and typo matching can add shards. Showing a page
    of results fetches up to `results_shown` doc chunks: reported separately, as ANCHORS.md
    leaves Pagefind's per-result fragments out of its first-query figure. Raw bytes and the
    sum of each file's gzip -6 size.
    """
    search = os.path.join(site, "search")
    files, size = tree_size(search)
    groups = {}
    for name in sorted(os.listdir(search)) if os.path.isdir(search) else []:
        match = SHARD_FILE.match(name)
        if match:
            groups.setdefault(match.group(1), []).append(os.path.join(search, name))
    result = {"search_files": files, "search_bytes": size, "groups": {}}
    for kind, paths in groups.items():
        sizes = sorted(os.path.getsize(p) for p in paths)
        result["groups"][kind] = {"label": SHARD_KINDS.get(kind, f"{kind}*.js files"),
                                  "count": len(paths), "bytes": sum(sizes),
                                  "min_median_max": [sizes[0], statistics.median(sizes),
                                                     sizes[-1]]}
    result["shards"] = sum(g["count"] for k, g in result["groups"].items() if k != "d")
    index = os.path.join(search, "index.js")
    script = os.path.join(site, "theme", "search.js")
    if not os.path.isfile(index):
        result["first_query"] = None
        result["first_query_note"] = "no search/index.js"
        return result
    parts = [index]
    for kind, paths in groups.items():
        if kind != "d":
            parts.append(max(paths, key=os.path.getsize))
    chunk = median_file(groups.get("d", []))
    if chunk:
        parts.append(chunk)
    if os.path.isfile(script):
        parts.append(script)
    result["first_query_parts"] = {os.path.relpath(p, site): os.path.getsize(p) for p in parts}
    result["first_query"] = sum(os.path.getsize(p) for p in parts)
    result["first_query_gz"] = sum(gz_size(p) for p in parts)
    if chunk:
        extra = results_shown - 1
        result["results_page_extra"] = extra * os.path.getsize(chunk)
        result["results_page_extra_gz"] = extra * gz_size(chunk)
        result["results_shown"] = results_shown
    return result


def peer_search_figures(key, site):
    """The index and first-query bytes of Zola and mdBook, as benches/measure_output.py."""
    def pick(patterns):
        found = []
        for pattern in patterns:
            found += sorted(glob.glob(os.path.join(site, pattern)))
        return found
    if key == "zola":
        index = pick(["search_index.*.js", "search_index.*.json"])
        libs = pick(["elasticlunr.min.js"])
    elif key == "mdbook":
        index = [p for p in pick(["searchindex*.js"])] or pick(["searchindex*.json"])
        libs = pick(["elasticlunr*.js", "mark*.js", "searcher*.js"])
    else:
        return {}
    if not index:
        return {}
    first = index + libs
    return {"search_bytes": sum(os.path.getsize(p) for p in index),
            "first_query": sum(os.path.getsize(p) for p in first),
            "first_query_gz": sum(gz_size(p) for p in first)}


HREF = re.compile(r'<a [^>]*href="([^"]*)"')


def check_links(site, base="https://example.org"):
    """Resolves every internal `<a href>` of every HTML page to a file in `site`.

    The same rule as benches/measure_output.py (which ANCHORS.md used), except that
    the href is HTML-unescaped first (`&#x2F;` is `/`), as a browser reads it. Returns
    (checked, broken, up to 3 examples of broken links).
    """
    checked = broken = 0
    examples = []
    for root, _, files in os.walk(site):
        for name in files:
            if not name.endswith(".html") or name == "print.html":
                continue
            page = os.path.join(root, name)
            with open(page, encoding="utf-8", errors="replace") as fh:
                text = fh.read()
            for raw in HREF.findall(text):
                href = html.unescape(raw).split("#", 1)[0]
                if not href or href.startswith(("mailto:", "javascript:")):
                    continue
                if href.startswith(base):
                    href = href[len(base):] or "/"
                parsed = urllib.parse.urlparse(href)
                if parsed.scheme or parsed.netloc:
                    continue
                path = urllib.parse.unquote(parsed.path)
                if path.startswith("/"):
                    target = os.path.join(site, path.lstrip("/"))
                else:
                    target = os.path.normpath(os.path.join(root, path))
                if os.path.isdir(target):
                    target = os.path.join(target, "index.html")
                checked += 1
                if not os.path.isfile(target):
                    broken += 1
                    if len(examples) < 3:
                        examples.append(f"{os.path.relpath(page, site)} -> {raw}")
    return checked, broken, examples


# ---------------------------------------------------------------- a batch


def run_batch(args, n):
    corpus_dir = corpus.ensure_corpus(n, os.path.join(args.corpus_root, str(n)), args.gen)
    articles = os.path.join(corpus_dir, "neutral", "content", "articles")
    input_files, input_bytes = tree_size(articles)
    input_du = input_bytes + os.stat(articles).st_size  # what `du -sb` (and ANCHORS.md) counts
    tools = make_tools(args, n)
    runs = args.runs or (5 if n <= 1000 else 3)
    rounds = args.warmup + runs
    out_root = os.path.join(corpus.target_dir(), "bench-out")
    trash = os.path.join(out_root, "trash")
    logs = os.path.join(out_root, "logs")
    shutil.rmtree(trash, ignore_errors=True)
    os.makedirs(trash)
    os.makedirs(logs, exist_ok=True)

    results = {t.key: {"label": t.label, "runs": [], "timings": [], "failed": None,
                       "note": t.note} for t in tools}
    busy_before, started = busy_cpu_seconds(), time.monotonic()
    own_cpu = 0.0
    log(f"N={n}: {', '.join(t.label for t in tools)}; {args.warmup} warm-up + {runs} rounds")
    for round_no in range(rounds):
        warm = round_no < args.warmup
        for tool in tools:
            record = results[tool.key]
            if record["failed"] or (warm and not tool.warmup):
                continue
            out = os.path.join(out_root, f"{tool.key}-{n}")
            if os.path.exists(out):
                os.rename(out, os.path.join(trash, f"{tool.key}-{n}.{round_no}.{time.time_ns()}"))
            stdout_path = os.path.join(logs, f"{tool.key}-{n}.stdout")
            stderr_path = os.path.join(logs, f"{tool.key}-{n}.stderr")
            run = timed_run(tool.argv(corpus_dir, out), tool.env, stdout_path, stderr_path)
            own_cpu += run["user"] + run["sys"]
            with open(stderr_path, encoding="utf-8", errors="replace") as fh:
                stderr_text = fh.read()
            tag = "warm-up" if warm else f"run {round_no - args.warmup + 1}/{runs}"
            log(f"  N={n} {tag:9} {tool.label:18} {run['wall']:8.3f} s  "
                f"cpu {run['user'] + run['sys']:7.2f} s  rss {run['rss_kib'] / 1024:7.1f} MiB"
                + (f"  EXIT {run['exit']}" if run["exit"] else ""))
            if run["exit"] != 0:
                tail = "\n".join(stderr_text.strip().splitlines()[-15:])
                record["failed"] = f"exit {run['exit']}; stderr ends:\n{tail}"
                continue
            if not warm:
                record["runs"].append(run)
                if tool.key == "attune":
                    record["timings"].append(parse_timings(stderr_text))

    for tool in tools:
        record = results[tool.key]
        out = os.path.join(out_root, f"{tool.key}-{n}")
        if record["failed"] or not os.path.isdir(out):
            continue
        record["output_files"], record["output_bytes"] = tree_size(out)
        record["output_dir"] = out
        if tool.key.startswith("attune"):
            record["search"] = attune_search_figures(out)
        else:
            record["search"] = peer_search_figures(tool.key, out)
        if args.check_links and not tool.key.startswith("floor"):
            checked, broken, examples = check_links(out)
            record["links"] = {"checked": checked, "broken": broken, "examples": examples}
    elapsed = time.monotonic() - started
    other_cores = max(0.0, (busy_cpu_seconds() - busy_before - own_cpu) / elapsed)
    log(f"N={n}: deleting old outputs in {trash}")
    shutil.rmtree(trash, ignore_errors=True)
    return {"n": n, "corpus": corpus_dir, "input_files": input_files, "input_bytes": input_bytes,
            "input_du": input_du, "other_cores": other_cores,
            "runs": runs, "warmup": args.warmup, "tools": results}


# ---------------------------------------------------------------- report


def wall_median(record):
    walls = [r["wall"] for r in record["runs"]]
    return statistics.median(walls) if walls else None


def fmt_int(value):
    return f"{value:,}" if isinstance(value, int) else "n/a"


def fmt_wall(record):
    walls = [r["wall"] for r in record["runs"]]
    if not walls:
        return "n/a"
    return (f"{statistics.median(walls):.3f} ({min(walls):.3f}-{max(walls):.3f}), "
            f"n={len(walls)}")


def fmt_cpu(record):
    if not record["runs"]:
        return "n/a"
    user = statistics.median(r["user"] for r in record["runs"])
    system = statistics.median(r["sys"] for r in record["runs"])
    total = statistics.median(r["user"] + r["sys"] for r in record["runs"])
    return f"{total:.2f} ({user:.2f} / {system:.2f})"


def cpu_median(record):
    runs = record["runs"]
    return statistics.median(r["user"] + r["sys"] for r in runs) if runs else 0.0


def peak_rss_mib(record):
    return max(r["rss_kib"] for r in record["runs"]) / 1024 if record["runs"] else None


def met(value, limit):
    return "met" if value <= limit else "**not met**"


def report_batch(batch):
    n = batch["n"]
    tools = batch["tools"]
    lines = [f"## N = {n:,}", "",
             f"Corpus `{batch['corpus']}`: {batch['input_files']:,} articles, "
             f"{batch['input_bytes']:,} bytes of Markdown ({batch['input_du']:,} by `du -sb`, "
             "the figure ANCHORS.md gives for the neutral form). "
             f"{batch['warmup']} warm-up round + {batch['runs']} timed rounds, tools interleaved "
             "in each round; every run builds into a folder that does not exist yet. "
             f"Other work on the host during the batch: {batch['other_cores']:.2f} cores busy on "
             "average (CPU time not spent by the timed programs)"
             + (" (**the machine was not quiet**: wall times are inflated and noisy; CPU "
                "ratios hold up better)" if batch["other_cores"] > 0.25 else "")
             + ".", "",
             "| tool | wall s median (min-max) | CPU s (user / sys) | peak RSS MiB | output files "
             "| output MiB | search index bytes | first-query bytes (gzip -6) |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for record in tools.values():
        if record["failed"]:
            lines.append(f"| {record['label']} | failed | | | | | | |")
            continue
        search = record.get("search") or {}
        rss = peak_rss_mib(record)
        index = fmt_int(search["search_bytes"]) if "search_bytes" in search else "none"
        if record["label"] == "attune" and "search_files" in search:
            index += f" ({search['search_files']:,} files, {search['shards']:,} shards)"
        first = ("n/a" if not search.get("first_query")
                 else f"{search['first_query']:,} ({search['first_query_gz']:,})")
        if record["label"].startswith("floor"):
            index = first = "-"
        lines.append(
            f"| {record['label']} | {fmt_wall(record)} | {fmt_cpu(record)} | "
            f"{rss:.0f} | {fmt_int(record.get('output_files'))} | "
            f"{record.get('output_bytes', 0) / 2**20:.1f} | {index} | {first} |")
    lines.append("")
    for record in tools.values():
        if record["failed"]:
            lines += [f"{record['label']} failed: ", "", "```", record["failed"], "```", ""]
        elif record["note"]:
            lines += [f"{record['label']}: {record['note']}.", ""]

    attune = tools.get("attune")
    if attune and not attune["failed"]:
        lines += report_attune(n, attune)
        lines += report_ratios(n, tools)
    links = [(r["label"], r["links"]) for r in tools.values() if r.get("links")]
    if links:
        lines += ["Internal links (`--check-links`, hrefs HTML-unescaped): "
                  + "; ".join(f"{label} {l['checked']:,} checked, {l['broken']:,} broken"
                              + (f" (e.g. {l['examples'][0]})" if l["examples"] else "")
                              for label, l in links), ""]
    return lines


def report_attune(n, attune):
    lines = [f"### attune at N = {n:,}: stages", ""]
    timings = [t for t in attune["timings"] if t]
    if not timings:
        lines += ["Stage timings: n/a (no `timings:` line on stderr with ATTUNE_TIMINGS=1).", ""]
    else:
        seen = [k for t in timings for k in t]
        keys = [k for k in dict.fromkeys(seen) if k != "total"] + ["total"]
        med = {k: statistics.median(t[k] for t in timings if k in t)
               for k in keys if any(k in t for t in timings)}
        total = med.get("total") or sum(v for k, v in med.items() if k != "total")
        shown = [k for k in keys if k in med]
        lines += ["| " + " | ".join(shown) + " | wall (process) |",
                  "| " + " | ".join("---" for _ in shown) + " | --- |",
                  "| " + " | ".join(
                      f"{med[k]:.1f} ms" + (f" ({100 * med[k] / total:.0f} %)" if k != "total" and total else "")
                      for k in shown) + f" | {wall_median(attune) * 1000:.1f} ms |", ""]
        stages = {k: v for k, v in med.items() if k != "total"}
        if stages:
            top = max(stages, key=stages.get)
            lines += [f"Medians of {len(timings)} runs. Largest stage: **{top}** "
                      f"({stages[top]:.1f} ms, {100 * stages[top] / total:.0f} % of the "
                      "reported total).", ""]
    search = attune.get("search") or {}
    lines += [f"### attune at N = {n:,}: search index", ""]
    if not search:
        lines += ["No output to measure.", ""]
        return lines
    lines.append(f"- `search/`: {search['search_bytes']:,} bytes in {search['search_files']:,} "
                 "files (the search page included).")
    for kind, group in search["groups"].items():
        low, mid, high = group["min_median_max"]
        lines.append(f"- {group['count']:,} {group['label']} (`{kind}*.js`): {group['bytes']:,} "
                     f"bytes; {low:,} / {mid:,.0f} / {high:,} bytes min / median / max.")
    if search.get("first_query"):
        parts = ", ".join(f"`{k}` {v:,}" for k, v in search["first_query_parts"].items())
        lines += [f"- First query downloads {search['first_query']:,} bytes "
                  f"({search['first_query_gz']:,} gzip -6): {parts}. That is a one-word, "
                  "one-stem query (largest vocabulary and postings shard, one median doc chunk); "
                  "prefix and typo matches can load more shards."]
        if search.get("results_page_extra"):
            lines += [f"- Showing {search['results_shown']} results fetches up to "
                      f"{search['results_shown'] - 1} more doc chunks: +"
                      f"{search['results_page_extra']:,} bytes "
                      f"(+{search['results_page_extra_gz']:,} gzip -6), not in the figure above "
                      "(as ANCHORS.md leaves out Pagefind's per-result fragments)."]
    else:
        lines += [f"- First query: n/a ({search.get('first_query_note', 'no index')})."]
    lines.append("")
    return lines


def report_ratios(n, tools):
    attune = tools["attune"]
    a_wall = wall_median(attune)
    a_cpu = cpu_median(attune)
    lines = [f"### Ratios at N = {n:,} (wall-time medians, this session, interleaved)", "",
             "| comparison | wall ratio | CPU ratio | target (on wall) |",
             "| --- | --- | --- | --- |"]

    def peer(key, label, target=None):
        record = tools.get(key)
        if not record or record["failed"] or not record["runs"]:
            lines.append(f"| attune / {label} | n/a (not run) | | {target[1] if target else ''} |")
            return
        ratio = a_wall / wall_median(record)
        goal = f"<= {target[0]} ({met(ratio, target[0])})" if target else ""
        p_cpu = cpu_median(record)
        cpu = f"{a_cpu / p_cpu:.2f} ({a_cpu:.2f} s / {p_cpu:.2f} s)" if p_cpu > 0 else "n/a"
        lines.append(f"| attune / {label} | {ratio:.2f} ({a_wall:.3f} s / "
                     f"{wall_median(record):.3f} s) | {cpu} | {goal} |")

    peer("attune-base", "attune baseline (before/after, same corpus)")
    peer("hugo", "Hugo", (TARGET_HUGO_RATIO, f"<= {TARGET_HUGO_RATIO} at N=10,000")
         if n >= 10000 else None)
    peer("hugo-hl", "Hugo + build-time highlighting (like for like)")
    peer("mdbook", "mdBook")
    peer("floor", "floor, 1 thread", (TARGET_FLOOR_RATIO, f"<= {TARGET_FLOOR_RATIO}"))
    peer("floor-par", "floor, rayon", (TARGET_FLOOR_RATIO, f"<= {TARGET_FLOOR_RATIO}"))
    peer("zola", "Zola (search on), side by side")
    if n in ZOLA_RECORDED:
        ratio = a_wall / ZOLA_RECORDED[n]
        lines.append(f"| attune / Zola with search, **recorded** {ZOLA_RECORDED[n]} s "
                     "(ANCHORS.md, not side by side) | " f"{ratio:.2f} | "
                     f"{a_cpu / ZOLA_RECORDED_CPU[n]:.2f} (recorded CPU {ZOLA_RECORDED_CPU[n]} s) | |")
    rss = peak_rss_mib(attune)
    rss_goal = (f"< {TARGET_RSS_MIB} MiB ({'met' if rss < TARGET_RSS_MIB else '**not met**'})"
                if n >= 10000 else "")
    lines.append(f"| attune peak RSS | {rss:.0f} MiB | | {rss_goal} |")
    first = (attune.get("search") or {}).get("first_query")
    lines.append(f"| attune first-query download | "
                 + (f"{first:,} bytes" if first else "n/a")
                 + f" | | <= {TARGET_FIRST_QUERY:,} bytes"
                 + (f" ({met(first, TARGET_FIRST_QUERY)})" if first else "") + " |")
    hugo = tools.get("hugo")
    if hugo and hugo["runs"] and n in HUGO_RECORDED:
        drift = wall_median(hugo) / HUGO_RECORDED[n]
        lines += ["", f"Host speed check: Hugo took {wall_median(hugo):.3f} s here against "
                  f"{HUGO_RECORDED[n]} s recorded in ANCHORS.md ({drift:.2f}x). Read the recorded "
                  "Zola ratio in that light."]
    lines.append("")
    return lines


def report_scale(batches):
    rows = []
    for batch in batches:
        attune = batch["tools"].get("attune")
        if attune and attune["runs"]:
            rows.append((batch["n"], wall_median(attune), cpu_median(attune),
                         peak_rss_mib(attune), len(attune["runs"])))
    if len(rows) < 2:
        return []
    base = next((r for r in rows if r[0] == 10000), rows[0])
    wall_base, cpu_base = base[1] / base[0], base[2] / base[0]
    lines = ["## Scale: attune per-article time", "",
             f"| N | runs | wall s median | wall µs per article | vs N = {base[0]:,} "
             f"| CPU µs per article | vs N = {base[0]:,} | peak RSS MiB |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for n, wall, cpu, rss, runs in rows:
        ratio = (wall / n) / wall_base
        cpu_ratio = (cpu / n) / cpu_base
        goal = (f" (target <= {TARGET_SCALE_RATIO}: {met(ratio, TARGET_SCALE_RATIO)})"
                if n == 100000 and base[0] == 10000 else "")
        lines.append(f"| {n:,} | {runs} | {wall:.3f} | {wall / n * 1e6:.0f} | {ratio:.2f}{goal} "
                     f"| {cpu / n * 1e6:.0f} | {cpu_ratio:.2f} | {rss:.0f} |")
    lines += ["", "The CPU column is the steadier one when the host is busy or a size has few "
              "runs.", ""]
    return lines


def report_from_json(paths):
    """Re-renders saved results; batches of several files are merged, sorted by N."""
    batches, versions, skipped, rss = [], {}, [], 0.0
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            saved = json.load(fh)
        batches += saved["batches"]
        versions.update(saved["versions"])
        skipped += saved.get("skipped", [])
        rss = max(rss, saved.get("harness_rss_mib", 0.0))
    args = argparse.Namespace(skipped=skipped, harness_rss_mib=rss, argv=saved.get("argv", []))
    return report(args, sorted(batches, key=lambda b: b["n"]), versions)


def host_line():
    cpu = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next((l.split(":", 1)[1].strip() for l in fh if l.startswith("model name")), "?")
    except OSError:
        pass
    memory = "?"
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            kib = int(next(l for l in fh if l.startswith("MemTotal")).split()[1])
            memory = f"{kib / 2**20:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}), {memory}"


def report(args, batches, versions):
    lines = ["# attune benchmark results", "",
             f"{datetime.datetime.now().isoformat(timespec='seconds')}; host: {host_line()}.", "",
             "Versions: " + "; ".join(f"{k} {v}" for k, v in versions.items()) + ".", "",
             f"Command: `python3 benches/run.py {' '.join(getattr(args, 'argv', sys.argv[1:]))}`",
             "",
             "Wall: the whole process, median of the timed runs. CPU: user + system seconds. "
             "Peak RSS: the largest of the runs, from os.wait4; a `true` child reports "
             f"{args.harness_rss_mib:.0f} MiB here (Linux counts the Python process it was "
             "spawned from), so figures near that are the harness, not the program.", ""]
    for batch in batches:
        lines += report_batch(batch)
    lines += report_scale(batches)
    if args.skipped:
        lines += ["Not run: " + "; ".join(sorted(set(args.skipped))) + ".", ""]
    lines += ["Noise: this kind of VM drifts between batches (ANCHORS.md saw the same Zola build "
              "at 34.8 s and 49.2 s, and file creation costs up to 2x more kernel time in some "
              "batches). Only ratios from the same session, interleaved, are comparable; "
              "recorded figures are context, not a comparison.", ""]
    return "\n".join(lines)


# ---------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="See benches/README.md.")
    ap.add_argument("--n", type=int, nargs="+", default=[1000, 10000], help="corpus sizes")
    ap.add_argument("--runs", type=int, help="timed rounds (default 5 at N<=1000, 3 above)")
    ap.add_argument("--warmup", type=int, default=1, help="warm-up rounds (default 1)")
    ap.add_argument("--install", action="store_true",
                    help="install missing peers: apt-get install hugo, cargo install mdbook")
    ap.add_argument("--mdbook-10k", action="store_true",
                    help="also run mdBook at N >= 10000 (~8 min a run)")
    ap.add_argument("--attune-only", action="store_true",
                    help="time attune alone (scale runs); N=10000 is added for comparison")
    ap.add_argument("--only", help="comma-separated tool keys besides attune: "
                    "floor,floor-par,hugo,mdbook,zola")
    ap.add_argument("--no-zola", action="store_true", help="skip Zola even if installed")
    ap.add_argument("--no-cargo", action="store_true",
                    help="use the existing attune and floor binaries, do not run cargo")
    ap.add_argument("--floor-bin", help="a floor binary to use instead of building the bench")
    ap.add_argument("--baseline", metavar="BIN",
                    help="another attune binary (e.g. built from the commit before a change) "
                         "timed interleaved with this one: the before/after ratio")
    ap.add_argument("--check-links", action="store_true",
                    help="check every internal link of each final output (slow at 10k)")
    ap.add_argument("--gen", help="path of gen_corpus.py (see benches/corpus.py)")
    ap.add_argument("--corpus-root", default=os.path.join(corpus.target_dir(), "bench-corpus"),
                    help="where corpora are cached (default <target>/bench-corpus)")
    ap.add_argument("--results", default=os.path.join(corpus.target_dir(), "bench-results.md"),
                    help="Markdown results file (default <target>/bench-results.md)")
    ap.add_argument("--from-json", nargs="+", metavar="JSON",
                    help="only print the report of earlier results (several files: one report)")
    args = ap.parse_args()
    if args.from_json:
        print(report_from_json(args.from_json))
        return
    args.only = set(args.only.split(",")) if args.only else None
    args.floor_bin_given = args.floor_bin
    args.skipped = []
    sizes = sorted(set(args.n))
    if any(n < 2 for n in sizes):
        ap.error("every N must be at least 2")
    if (args.runs is not None and args.runs < 1) or args.warmup < 0:
        ap.error("--runs must be at least 1 and --warmup at least 0")
    if args.attune_only and 100000 in sizes and 10000 not in sizes:
        sizes = sorted(sizes + [10000])
        log("--attune-only with N=100000: adding N=10000 for the per-article comparison")

    try:
        corpus.find_generator(args.gen)
    except corpus.CorpusError as error:
        sys.exit(f"error: {error}")
    if args.install and not args.attune_only:
        install_peers(want_mdbook=True)
    # Run private copies: a rebuild of target/release during the batch must not change
    # what is being measured.
    args.attune_bin, attune_id = snapshot_binary(build_attune(args), "attune")
    args.floor_bin = None
    if not args.attune_only:
        args.floor_bin, _ = snapshot_binary(build_floor(args), "floor")

    versions = {"attune": f"{version_of([args.attune_bin, '--version'])} ({attune_id})"}
    args.baseline_bin = None
    if args.baseline:
        args.baseline_bin, base_id = snapshot_binary(args.baseline, "attune-base")
        versions["attune-base"] = f"{version_of([args.baseline_bin, '--version'])} ({base_id})"
    for name, argv in [("hugo", ["version"]), ("mdbook", ["--version"]), ("zola", ["--version"])]:
        program = find_program(name)
        if program and not args.attune_only:
            versions[name] = version_of([program] + argv)
    versions["python"] = platform.python_version()

    # Linux's maxrss of a child counts the Python process it was spawned from, so a tiny
    # program reports this much; figures near it say nothing about the program.
    null = os.devnull
    args.harness_rss_mib = timed_run(["true"], {}, null, null)["rss_kib"] / 1024

    batches = []
    try:
        for n in sizes:
            batches.append(run_batch(args, n))
    except corpus.CorpusError as error:
        sys.exit(f"error: {error}")
    except KeyboardInterrupt:
        log("interrupted; reporting the finished batches")

    text = report(args, batches, versions)
    print(text)
    os.makedirs(os.path.dirname(os.path.abspath(args.results)), exist_ok=True)
    with open(args.results, "w", encoding="utf-8") as fh:
        fh.write(text)
    raw = os.path.splitext(args.results)[0] + ".json"
    with open(raw, "w", encoding="utf-8") as fh:
        json.dump({"versions": versions, "batches": batches, "argv": sys.argv[1:],
                   "harness_rss_mib": args.harness_rss_mib, "skipped": args.skipped}, fh,
                  indent=1)
    log(f"wrote {args.results} and {raw}")


if __name__ == "__main__":
    main()
