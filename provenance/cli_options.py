"""Options that several commands share, written once."""

from __future__ import annotations

from pathlib import Path

import click

registry_option = click.option(
    "--registry",
    "registries",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Extra outlet registry file (CSV or YAML); may repeat. The database keeps the files given: a run given none reads those.",
)
