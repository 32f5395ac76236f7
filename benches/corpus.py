#!/usr/bin/env python3
"""Benchmark corpus for attune: the generated articles as an attune site.

Usage:
    python3 benches/corpus.py N [--out DIR] [--gen PATH] [--seed S] [--force]

Runs the corpus generator (`benches/gen_corpus.py N OUT`), which writes the same N
articles for Zola, Hugo, mdBook and a neutral form, then turns `OUT/neutral/` into
an attune site at `OUT/attune/`:

    OUT/attune/content/site.yaml                  title, every audience the corpus uses
    OUT/attune/content/index.md                   home page (title, summary)
    OUT/attune/content/articles/general/*.md      the neutral articles, byte for byte
    OUT/attune/content/glossary/<slug>.md         one entry per glossary.yaml item

The neutral articles link to each other as `<slug>.md` in the same folder, which
attune resolves, so no article is rewritten.

The generator is `benches/gen_corpus.py` in this repository (a copy of the one the
anchors' figures in `benches/ANCHORS.md` were measured with); `--gen PATH` uses another.
OUT defaults to
`<target>/bench-corpus/N`, where `<target>` is `$CARGO_TARGET_DIR` or `<repo>/target`,
so the corpus stays out of the repository. A finished corpus is reused when N, the
seed and the generator are unchanged (a stamp file records them); `--force` rebuilds it.

The last line printed on stdout is OUT. Only the Python standard library is used.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STAMP = ".attune-bench-corpus.json"
# Bump when the conversion below changes, so cached corpora are rebuilt.
CONVERSION_VERSION = 1
# Display order for the generator's audiences; any other value is appended sorted.
KNOWN_AUDIENCES = ["beginner", "intermediate", "advanced"]


class CorpusError(Exception):
    """A problem the user has to fix (missing generator, failed generation)."""


def target_dir():
    """`$CARGO_TARGET_DIR` or `<repo>/target`, as an absolute path."""
    return os.path.abspath(os.environ.get("CARGO_TARGET_DIR") or os.path.join(REPO, "target"))


def default_out(n):
    """Where the corpus of N articles lives unless `--out` says otherwise."""
    return os.path.join(target_dir(), "bench-corpus", str(n))


def find_generator(explicit=None):
    """The path of gen_corpus.py: `--gen PATH`, else the copy in `benches/`."""
    if explicit:
        if os.path.isfile(explicit):
            return os.path.abspath(explicit)
        raise CorpusError(f"--gen {explicit}: no such file")
    path = os.path.join(REPO, "benches", "gen_corpus.py")
    if os.path.isfile(path):
        return path
    raise CorpusError(f"cannot find the corpus generator at {path}; pass --gen PATH")


def file_sha256(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def expected_stamp(n, seed, generator):
    return {
        "n": n,
        "seed": str(seed),
        "generator_sha256": file_sha256(generator),
        "conversion_version": CONVERSION_VERSION,
    }


def read_stamp(out):
    try:
        with open(os.path.join(out, STAMP), encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return None


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def yaml_quote(text):
    """A double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def slugify(text):
    """`activation energy` -> `activation-energy` (the generator's own slug rule)."""
    return "-".join(re.sub(r"[^a-z0-9\s-]", "", text.lower()).split())


FRONT_AUDIENCE = re.compile(r"^audience:\s*(.*?)\s*$", re.M)


def audiences_in(front_matter):
    """Audience values of one front matter block: `audience: x` or `audience: [x, y]`."""
    match = FRONT_AUDIENCE.search(front_matter)
    if not match:
        return []
    value = match.group(1)
    if value.startswith("[") and value.endswith("]"):
        value = value[1:-1]
    return [v.strip().strip("\"'") for v in value.split(",") if v.strip()]


def front_matter_of(text):
    """The YAML between the opening `---` line and the next `---` line, or ''."""
    if not text.startswith("---\n"):
        return ""
    end = text.find("\n---", 3)
    return text[4:end] if end >= 0 else ""


def parse_glossary(path):
    """The generator's glossary.yaml: a list of `- term: "..."` / `  definition: "..."`."""
    entries = []
    term = None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            key, _, value = line.strip().lstrip("- ").partition(":")
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
            if key == "term":
                term = value
            elif key == "definition" and term is not None:
                entries.append((term, value))
                term = None
    return entries


def audience_label(audience):
    return audience[:1].upper() + audience[1:]


def convert(neutral, site, n):
    """Writes the attune site at `site` from the generator's `neutral` folder."""
    shutil.rmtree(site, ignore_errors=True)
    content = os.path.join(site, "content")
    src_articles = os.path.join(neutral, "content", "articles")
    dst_articles = os.path.join(content, "articles", "general")
    os.makedirs(dst_articles)

    audiences = set()
    names = sorted(f for f in os.listdir(src_articles) if f.endswith(".md"))
    for name in names:
        with open(os.path.join(src_articles, name), "rb") as fh:
            data = fh.read()
        audiences.update(audiences_in(front_matter_of(data.decode("utf-8"))))
        with open(os.path.join(dst_articles, name), "wb") as fh:
            fh.write(data)
    if len(names) != n:
        raise CorpusError(f"the generator wrote {len(names)} articles, expected {n}")

    ordered = [a for a in KNOWN_AUDIENCES if a in audiences]
    ordered += sorted(audiences - set(KNOWN_AUDIENCES))
    # max_grade is set high: the pseudo-prose has no meaningful reading grade, and the
    # benchmark should not spend its time printing 10,000 readability warnings.
    audience_yaml = "".join(
        f"  - id: {yaml_quote(a)}\n    label: {yaml_quote(audience_label(a))}\n"
        "    max_grade: 100\n" for a in ordered)
    write_text(os.path.join(content, "site.yaml"),
               f"title: {yaml_quote(f'attune benchmark corpus ({n} articles)')}\n"
               f"description: {yaml_quote('Generated articles for timing attune builds.')}\n"
               "audiences:\n" + audience_yaml)

    write_text(os.path.join(content, "index.md"),
               "---\n"
               f"title: {yaml_quote('Benchmark knowledge site')}\n"
               f"summary: {yaml_quote(f'{n} generated articles for timing attune builds.')}\n"
               "---\n\nA benchmark knowledge site.\n")

    glossary = parse_glossary(os.path.join(neutral, "glossary.yaml"))
    if not glossary:
        raise CorpusError(f"no entries found in {os.path.join(neutral, 'glossary.yaml')}")
    for term, definition in glossary:
        sentence = definition[:1].upper() + definition[1:].rstrip(".") + "."
        write_text(os.path.join(content, "glossary", f"{slugify(term)}.md"),
                   "---\n"
                   f"term: {yaml_quote(term)}\n"
                   f"short: {yaml_quote(definition)}\n"
                   "---\n\n"
                   f"{sentence}\n")
    return {"articles": len(names), "audiences": ordered, "terms": len(glossary)}


def ensure_corpus(n, out=None, generator=None, seed="42", force=False, log=sys.stderr):
    """Generates (or reuses) the corpus of N articles; returns its folder.

    The folder holds `zola/`, `hugo/`, `mdbook/` and `neutral/` from the generator
    and `attune/` from this script.
    """
    out = os.path.abspath(out or default_out(n))
    generator = find_generator(generator)
    stamp = expected_stamp(n, seed, generator)
    if not force and read_stamp(out) == stamp and os.path.isdir(os.path.join(out, "attune")):
        print(f"corpus N={n}: reusing {out}", file=log)
        return out

    os.makedirs(out, exist_ok=True)
    stamp_path = os.path.join(out, STAMP)
    if os.path.exists(stamp_path):
        os.remove(stamp_path)
    print(f"corpus N={n}: generating in {out} (gen_corpus.py, then the attune form)", file=log)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, generator, str(n), out, "--seed", str(seed)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        raise CorpusError(f"{generator} failed (exit {done.returncode}):\n{done.stdout}")
    info = convert(os.path.join(out, "neutral"), os.path.join(out, "attune"), n)
    with open(stamp_path, "w", encoding="utf-8") as fh:
        json.dump(stamp, fh, indent=1)
    print(f"corpus N={n}: {info['articles']} articles, {info['terms']} glossary terms, "
          f"audiences {', '.join(info['audiences'])}; "
          f"{time.perf_counter() - started:.1f} s", file=log)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of articles (at least 2)")
    ap.add_argument("--out", help="corpus folder (default <target>/bench-corpus/N)")
    ap.add_argument("--gen", help="path of gen_corpus.py")
    ap.add_argument("--seed", default="42", help="generator seed (default 42, as ANCHORS.md)")
    ap.add_argument("--force", action="store_true", help="regenerate even if cached")
    args = ap.parse_args()
    if args.n < 2:
        ap.error("N must be at least 2")
    try:
        out = ensure_corpus(args.n, args.out, args.gen, args.seed, args.force)
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
