#!/usr/bin/env bash
# Install what the tests need (Python packages in .venv; Debian's chromium for the browser
# test when running as root) and run the whole test suite.
# Usage: scripts/test.sh [pytest options]
# The tests run on two worker processes (pytest-xdist), one per core; PYTEST_WORKERS=0 (or -n 0) runs them in one.
# A test may go to either worker in any order: groups that must share one (xdist_group) stay together.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test,dask]"
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing Debian's chromium for the browser test" >&2
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "chromium is not installed and this is not root: the browser test will be skipped" >&2
    fi
fi
exec .venv/bin/python -m pytest -n "${PYTEST_WORKERS:-2}" --dist loadgroup "$@"
