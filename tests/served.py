"""metadata.yml as `provenance serve` hands it to Datasette, read once per test process."""

from __future__ import annotations

import copy
from functools import cache

import yaml

from provenance.serve import METADATA_PATH


@cache
def _read_metadata() -> dict:
    return yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))


def served_metadata() -> dict:
    """A fresh copy of metadata.yml's contents (a test may change its copy): parsing the file in pure-Python YAML
    cost a Datasette fetch of the test suite most of its time."""
    return copy.deepcopy(_read_metadata())
