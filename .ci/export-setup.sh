#!/usr/bin/env bash
# Installs what the export checks in `.ci/run` need: Debian's epubcheck (which brings Java).
# Debian ships epubcheck as an executable jar; run it as `java -jar "$EPUBCHECK_JAR"` (the
# /usr/bin/epubcheck link needs binfmt_misc, which containers often lack).
#
# Idempotent: apt runs only when epubcheck is missing, so CI can call it on every run.
# Non-interactive (no stdin). Exits non-zero when anything fails.
set -euo pipefail

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
fi

jar=/usr/share/java/epubcheck.jar
if [ ! -f "$jar" ] || ! command -v java >/dev/null 2>&1; then
    echo "export-setup: installing epubcheck"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update
    "${sudo_cmd[@]}" apt-get install -y --no-install-recommends epubcheck </dev/null
fi

# Verify rather than trust: a partial install must fail here, not in the check.
if [ ! -f "$jar" ] || ! command -v java >/dev/null 2>&1; then
    echo "export-setup: epubcheck or java is still missing" >&2
    exit 1
fi
echo "export-setup: $(java -jar "$jar" --version 2>/dev/null | head -n 1 || true)"
