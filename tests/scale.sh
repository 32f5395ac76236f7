#!/usr/bin/env bash
# Scale check (not part of `cargo test`): generate an N-article site (default 100,000) from the
# shared benchmark corpus, build it with a release binary under `/usr/bin/time -v`, and print
# wall time, peak RSS and peak RSS per 1,000 articles.
#
#   tests/scale.sh [N]            # default N=100000
#
# Environment:
#   GEN_CORPUS   path of gen_corpus.py (default: ../shared/bench/gen_corpus.py beside the repo)
#   SCALE_DIR    where the site is generated (default: target/scale-N); reused when present
#   SCALE_LIMIT  seconds before the build is stopped and reported as too slow (default 600)
#
# The site is the corpus's "neutral" form turned into an attune site: site.yaml declaring the
# corpus audiences, every article under content/articles/general/ (its relative `slug.md`
# links keep working there), and each glossary.yaml entry as content/glossary/<slug>.md.
set -euo pipefail

N=${1:-100000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GEN_CORPUS=${GEN_CORPUS:-$ROOT/../shared/bench/gen_corpus.py}
SITE=${SCALE_DIR:-$ROOT/target/scale-$N}
LIMIT=${SCALE_LIMIT:-600}

if [ ! -f "$GEN_CORPUS" ]; then
  echo "scale.sh: no corpus generator at $GEN_CORPUS (set GEN_CORPUS)" >&2
  exit 2
fi
if [ ! -x /usr/bin/time ]; then
  echo "scale.sh: /usr/bin/time is missing (apt-get install time)" >&2
  exit 2
fi

count=$(find "$SITE/content/articles/general" -name '*.md' 2>/dev/null | wc -l || true)
if [ "$count" != "$N" ]; then
  echo "generating $N articles in $SITE ..."
  rm -rf "$SITE"
  started=$(date +%s)
  python3 - "$GEN_CORPUS" "$N" "$SITE" <<'PY'
import os, sys
gen_path, n, site = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sys.path.insert(0, os.path.dirname(os.path.abspath(gen_path)))
import gen_corpus as g

seed = 42
content = os.path.join(site, "content")
def write(rel, text):
    path = os.path.join(content, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)

write("site.yaml", "title: Scale test\nbase_url: https://scale.example/\naudiences:\n"
      + "".join(f"  - id: {a}\n    label: {a.title()}\n    max_grade: 12\n" for a in g.AUDIENCES)
      + "sections:\n  - id: general\n    title: General\n")
write("index.md", "---\ntitle: Home\nsummary: A generated site for the scale test.\n---\nA benchmark knowledge site.\n")
for term, definition in g.GLOSSARY:
    write(f"glossary/{g.slugify(term)}.md", f'---\nterm: "{term}"\nshort: "{definition}"\n---\n{definition.capitalize()}.\n')
metas = [g.article_meta(seed, i) for i in range(n)]
for a in metas:
    body = g.article_body(seed, a.idx, n, metas)
    write(f"articles/general/{a.slug}.md", g.yaml_front(a) + g.resolve_links(body, "neutral"))
PY
  echo "generated in $(( $(date +%s) - started )) s: $(du -sh "$SITE/content" | cut -f1) of content"
fi

(cd "$ROOT" && cargo build --release --quiet)
rm -rf "$SITE/public" "$SITE"/.public.attune-*

log=$(mktemp)
set +e
ATTUNE_TIMINGS=1 timeout "$LIMIT" /usr/bin/time -v "$ROOT/target/release/attune" build --root "$SITE" \
  > "$log.out" 2> "$log"
status=$?
set -e
grep -E '^(built|timings)' "$log.out" "$log" -h || true
if [ "$status" = 124 ]; then
  echo "scale.sh: the build took longer than $LIMIT s and was stopped" >&2
  exit 1
fi
if [ "$status" != 0 ]; then
  tail -20 "$log" >&2
  echo "scale.sh: the build failed (exit $status)" >&2
  exit 1
fi

wall=$(grep 'Elapsed (wall clock) time' "$log" | awk '{print $NF}')
rss_kb=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
cpu_user=$(grep 'User time (seconds)' "$log" | awk '{print $NF}')
cpu_sys=$(grep 'System time (seconds)' "$log" | awk '{print $NF}')
files=$(find "$SITE/public" -type f | wc -l)
out_size=$(du -sh "$SITE/public" | cut -f1)
awk -v n="$N" -v wall="$wall" -v rss="$rss_kb" -v user="$cpu_user" -v sys="$cpu_sys" \
    -v files="$files" -v size="$out_size" 'BEGIN {
  printf "articles:              %d\n", n
  printf "wall time:             %s\n", wall
  printf "cpu (user + sys):      %.1f s\n", user + sys
  printf "peak RSS:              %.0f MiB\n", rss / 1024
  printf "peak RSS / 1,000 art.: %.2f MiB\n", rss / 1024 / (n / 1000)
  printf "output:                %d files, %s\n", files, size
}'
rm -f "$log" "$log.out"
