#!/usr/bin/env bash
# Regenerates en.txt: common English words (SCOWL size levels 10 and 20, the most frequent
# ~12,000 words, with American and British spellings), lower case a-z only, four letters or
# more (shorter words are never typo-corrected). SCOWL is Debian's `scowl` package
# (apt-get install scowl); its licence is in LICENSE beside this script.
set -euo pipefail
cd "$(dirname "$0")"
dict=/usr/share/dict/scowl
cat "$dict"/english-words.{10,20} "$dict"/american-words.{10,20} "$dict"/british-words.{10,20} \
    | grep -x '[a-z]\{4,\}' | LC_ALL=C sort -u > en.txt
wc -l en.txt
