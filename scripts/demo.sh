#!/usr/bin/env bash
# Install what the tracker needs into .venv, build the sample story database and serve it.
# Usage: scripts/demo.sh [provenance demo options, e.g. --port 8002 or --no-serve]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
exec .venv/bin/provenance demo "$@"
