"""The wire-copy credit evaluation against PolNeAR's `wire` column (fictional folder + the real one)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import shared_path

from provenance.evaluation.credits import evaluate_credits, gold_wire, read_metadata
from provenance.outlets import load_registry

HEADER = "compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\tauthor\ttitle\ttrump_count\tclinton_count\tcredit\twire\n"
# name, publisher, author, wire, text (fictional)
DOCUMENTS = [
    (
        "breitbart_a",
        "breitbart",
        "AP",
        "AP",
        "Port sold.\n\nHARBORTON (AP) — The port authority voted to sell the terminal.",
    ),
    (
        "breitbart_b",
        "breitbart",
        "UPI",
        "UPI",
        "Port sold.\n\nHARBORTON, Md., March 2 (UPI) — The port authority voted.",
    ),
    (
        "huff-post_c",
        "huff-post",
        "None",
        "reuters",
        "Port sold.\n\nThe port authority voted.\n\n(Reporting by Ana Ruiz; Editing by Tom Lee.)",
    ),
    ("breitbart_d", "breitbart", "AFP", "AFP", "Port sold.\n\nThe port authority voted, officials said."),  # missed
    ("politico_e", "politico", "Ana Ruiz", "None", "Port sold.\n\nThe port authority voted, according to the AP."),
    (
        "politico_f",
        "politico",
        "Ana Ruiz",
        "None",
        "Port sold.\n\nHARBORTON (Reuters) - The port authority voted.",
    ),  # false copy
    ("west-journal_g", "west-journal", "None", "NA", "HARBORTON (AP) — Not annotated."),
    ("parc_h", "parc", "", "", "HARBORTON (AP) — Not annotated either."),
]


@pytest.fixture
def polnear_split(tmp_path: Path) -> Path:
    split = tmp_path / "dev"
    (split / "text").mkdir(parents=True)
    lines = [HEADER]
    for name, publisher, author, wire, text in DOCUMENTS:
        (split / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        lines.append(f"dev\t{name}\tNone\tx\t{publisher}\t2016-01-01\t{author}\tTitle\t0\t0\tNone\t{wire}\n")
    (tmp_path / "metadata.tsv").write_text("".join(lines), encoding="utf-8")
    return split


def test_evaluation_figures(polnear_split):
    result = evaluate_credits(polnear_split)
    assert (result.articles, result.skipped, result.wire_articles) == (6, 2, 4)
    assert (result.detected, result.correct, result.recalled) == (4, 3, 3)
    assert (result.precision, result.recall) == (0.75, 0.75)
    assert result.other_credits == 1
    assert [(r.name, r.gold_wire, r.copy_credits) for r in result.errors()] == [
        ("breitbart_d", "afp", []),
        ("politico_f", None, ["reuters"]),
    ]


def test_evaluation_with_bylines(polnear_split):
    result = evaluate_credits(polnear_split, with_author=True)
    assert (result.detected, result.correct, result.recalled) == (5, 4, 4)


def test_evaluation_report_and_dict(polnear_split):
    result = evaluate_credits(polnear_split)
    text = result.format()
    assert "copy-credit precision: 0.750 (3/4)" in text
    assert "copy-credit recall:    0.750 (3/4)" in text
    assert "  politico_e: according_to:The Associated Press" in text
    assert "  breitbart_d: gold afp, found none" in text
    data = result.to_dict()
    assert (data["precision"], data["recall"], data["wire_articles"], data["skipped_unannotated"]) == (0.75, 0.75, 4, 2)
    assert data["per_article"][0] == {
        "name": "breitbart_a",
        "publisher": "breitbart",
        "gold_wire": "ap",
        "copy_credits": ["ap"],
        "credits": ["dateline:The Associated Press"],
    }


def test_metadata_in_the_split_folder_itself(polnear_split):
    (polnear_split.parent / "metadata.tsv").rename(polnear_split / "metadata.tsv")
    assert len(read_metadata(polnear_split)) == len(DOCUMENTS)


def test_missing_metadata_and_texts(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="no metadata.tsv"):
        evaluate_credits(tmp_path)
    (tmp_path / "metadata.tsv").write_text(HEADER, encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="no PolNeAR texts"):
        evaluate_credits(tmp_path)


def test_metadata_without_polnear_columns(tmp_path: Path):
    (tmp_path / "text").mkdir()
    (tmp_path / "metadata.tsv").write_text("name\tlabel\nx\ty\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lacks the PolNeAR columns filename and wire"):
        evaluate_credits(tmp_path)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("AP", "ap"),
        ("reuters", "reuters"),
        ("Reuters", "reuters"),
        ("AFP", "afp"),
        ("UPI", "upi"),
        ("None", None),
        ("NA", False),
        ("", False),
    ],
)
def test_gold_wire(value, expected):
    assert gold_wire(value, load_registry()) == expected


@pytest.mark.corpus
@pytest.mark.parametrize("split", ["dev", "train"])
def test_targets_on_polnear(split):
    folder = shared_path("corpora", "polnear", split)
    result = evaluate_credits(folder)
    assert result.precision >= 0.95
    assert result.recall >= 0.90


# An annotated article (fictional story, real outlet names): PolNeAR's Source spans against the credits read.
SOURCED_TEXT = (
    "Port sold.\n\n"
    "Reuters reported that the port authority voted to sell the terminal.\n\n"
    "The New York Times will brand you a liar if you doubt it, the mayor said.\n\n"
    "The Times reported the vote was close.\n\n"
    "Michael Bloomberg spoke at the pier. Bloomberg said he would not bid.\n\n"
    "The sale closes in May, according to the Associated Press.\n"
)


def source_line(number: int, surface: str, occurrence: int = 0) -> str:
    """A brat Source line and its attribution event for the nth occurrence of a surface in SOURCED_TEXT."""
    start = -1
    for _ in range(occurrence + 1):
        start = SOURCED_TEXT.index(surface, start + 1)
    return f"T{number}\tSource {start} {start + len(surface)}\t{surface}\nE{number}\tAttribution:T{number} Source:T{number}\n"


@pytest.fixture
def sourced_split(tmp_path: Path) -> Path:
    split = tmp_path / "train"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "politico_port.txt").write_text(SOURCED_TEXT, encoding="utf-8")
    ann = source_line(1, "Reuters") + source_line(2, "The New York Times") + source_line(3, "The Times")
    ann += source_line(4, "Bloomberg", occurrence=1)  # the person named before, not the outlet
    (split / "attributions" / "politico_port_4b22.ann").write_text(ann, encoding="utf-8")
    row = "train\tpolitico_port\tNone\tx\tpolitico\t2016-01-01\tAna Ruiz\tTitle\t0\t0\tNone\tNone\n"
    (tmp_path / "metadata.tsv").write_text(HEADER + row, encoding="utf-8")
    return split


def test_outlet_sources_are_read_in_the_whole_text(sourced_split):
    result = evaluate_credits(sourced_split)
    # "The Times" is the New York Times named before it; "Bloomberg" after "Michael Bloomberg" is the person.
    assert (result.source_spans, result.source_spans_credited) == (3, 2)
    assert (result.source_credits, result.source_credits_annotated) == (3, 2)


def test_missed_sources_and_unannotated_credits_are_listed(sourced_split):
    result = evaluate_credits(sourced_split)
    assert [(f.name, f.outlet, f.span, f.credits) for f in result.missed_sources] == [
        ("politico_port", "The New York Times", "The New York Times", []),
    ]
    assert [(f.name, f.outlet, f.span, f.credits) for f in result.unannotated_credits] == [
        ("politico_port", "The Associated Press", "the Associated Press", ["according_to:The Associated Press"]),
    ]
    assert result.missed_sources[0].context == (
        "[[The New York Times]] will brand you a liar if you doubt it, the mayor said."
    )
    listing = result.format_misses()
    assert listing.splitlines()[0] == "outlet sources not credited (1):"
    assert "  politico_port: The New York Times [The New York Times] credits here: none" in listing
    assert "source credits in no annotated Source (1):" in listing
    assert result.to_dict()["missed_sources"][0]["outlet"] == "The New York Times"


def test_eval_credits_misses_option(sourced_split):
    from click.testing import CliRunner

    from provenance.cli import cli

    plain = CliRunner().invoke(cli, ["eval", "credits", "--polnear", str(sourced_split)])
    listed = CliRunner().invoke(cli, ["eval", "credits", "--polnear", str(sourced_split), "--misses"])
    assert plain.exit_code == 0 and listed.exit_code == 0, listed.output
    assert "outlet sources credited: 0.667 (2/3)" in listed.output
    assert "not credited" not in plain.output
    assert "    The sale closes in May, according to [[the Associated Press]]." in listed.output
