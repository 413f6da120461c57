"""Write the PolNeAR articles as one JSONL file for `provenance import`: the real-data database the README measures.

Usage: .venv/bin/python benchmarks/polnear_jsonl.py [POLNEAR_DIR] [--out FILE]
POLNEAR_DIR defaults to ../shared/corpora/polnear (its train and dev splits, in that order); FILE defaults to
/tmp/pt/polnear.jsonl. Each record is one article: its text, title, author, date, outlet and a URL on the
publisher's own domain (so the outlet is read as it would be from a crawl). The texts stay outside the project.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from provenance.evaluation.credits import PUBLISHER_NAMES, read_metadata  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "corpora" / "polnear"
DEFAULT_OUT = Path("/tmp/pt/polnear.jsonl")
SPLITS = ("train", "dev")
PUBLISHER_HOSTS = {
    "breitbart": "www.breitbart.com",
    "huff-post": "www.huffpost.com",
    "nyt": "www.nytimes.com",
    "politico": "www.politico.com",
    "usa-today": "www.usatoday.com",
    "wash-post": "www.washingtonpost.com",
    "west-journal": "www.westernjournal.com",
}
UNKNOWN_HOST = "polnear.invalid"  # rows with no publisher (the annotators' training texts)
NO_VALUE = ("", "None", "NA")


def polnear_records(folder: Path) -> list[dict]:
    """One import record per PolNeAR text of the train and dev splits, in file-name order."""
    metadata = read_metadata(folder)
    records = []
    for split in SPLITS:
        for path in sorted((folder / split / "text").glob("*.txt")):
            row = metadata.get(path.stem, {})
            publisher = row.get("publisher") or ""
            record = {
                "url": f"https://{PUBLISHER_HOSTS.get(publisher, UNKNOWN_HOST)}/polnear/{path.stem}",
                "title": row.get("title") or path.stem,
                "text": path.read_text(encoding="utf-8"),
            }
            if publisher in PUBLISHER_NAMES:
                record["outlet"] = PUBLISHER_NAMES[publisher]
            for field, column in (("published", "publication_date"), ("author", "author")):
                if row.get(column) not in (None, *NO_VALUE):
                    record[field] = row[column]
            records.append(record)
    return records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    if not (args.folder / "metadata.tsv").is_file():
        print(f"error: {args.folder} is not a PolNeAR folder (no metadata.tsv)", file=sys.stderr)
        return 1
    records = polnear_records(args.folder)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(records)} articles written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
