"""The METER lineage evaluation: records, mark styles, and the figures on a small fictional corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import shared_path
from provenance.cli import cli
from provenance.evaluation.meter import read_meter
from provenance.evaluation.meter_lineage import evaluate_lineage, mark_style, meter_records

# One fictional court case: PA's copy (PA marks quotes ``...''), and four papers' stories.
WIRE = (
    "LAMP THIEF JAILED<\n\x19By Ada Quill, PA News<\n"
    "A man who stole a brass lamp from the Harborton museum was jailed for eight months at Crown\n"
    "Court today after the judge heard he had sold it to a scrap dealer for forty pounds.<\n"
    "Arthur Penwick, 41, of Quay Street, admitted theft and handling stolen goods when he appeared\n"
    "before Judge Ellen Morrow.<\n"
    "The judge told him: ``That lamp belonged to the first harbour master of this town and it can\n"
    "never be replaced by anyone.''<\n"
    "Museum curator Ruth Adeyemi said outside court: ``We are simply relieved that the culprit has\n"
    "finally been brought to justice after all these months.''<\n"
    "The lamp was recovered from a scrapyard in Fennick Lane two weeks after the theft.<\n"
    "\x19end<\n"
)
PAPERS = {
    # wholly derived: PA's copy, single marks, "yesterday"
    "11_harborstar": ("wholly", (
        "A man who stole a brass lamp from the Harborton museum was jailed for eight months at Crown "
        "Court yesterday after the judge heard he had sold it to a scrap dealer for forty pounds.\n"
        "Arthur Penwick, 41, of Quay Street, admitted theft and handling stolen goods when he appeared "
        "before Judge Ellen Morrow.\n"
        "The judge told him: 'That lamp belonged to the first harbour master of this town and it can "
        "never be replaced by anyone.'\n"
        "The lamp was recovered from a scrapyard in Fennick Lane two weeks after the theft.\n"
    )),
    # partially derived: two of PA's sentences and the curator's words, then its own reporting
    "12_quaypost": ("partially", (
        "Arthur Penwick, 41, of Quay Street, admitted theft and handling stolen goods when he appeared "
        "before Judge Ellen Morrow.\n"
        "Museum curator Ruth Adeyemi said outside court: \"We are simply relieved that the culprit has "
        "finally been brought to justice after all these months.\"\n"
        "The lamp was recovered from a scrapyard in Fennick Lane two weeks after the theft.\n"
    )),
    # non-derived: its own reporter in court; the judge's words, and a volunteer's nobody else printed
    "13_saltmarshecho": ("none", (
        "Volunteers at the Harborton museum wept in the public gallery as the man who took their "
        "beloved brass lamp was led down to the cells.\n"
        "Judge Ellen Morrow told him: \"That lamp belonged to the first harbour master of this town "
        "and it can never be replaced by anyone.\"\n"
        "Volunteer Tomas Brill said: \"The gallery has felt empty every single day since the lamp "
        "vanished from its case.\"\n"
    )),
    # partially derived, in its own words: the curator's quote, and a neighbour's PA did not print
    "15_fennickgazette": ("partially", (
        "Shopkeepers in Fennick Lane say the scrapyard where the stolen lamp turned up has long worried "
        "them, and residents want the council to look again at its licence.\n"
        "Ruth Adeyemi, who runs the museum, said: \"We are simply relieved that the culprit has "
        "finally been brought to justice after all these months.\"\n"
        "Neighbour Petra Vance said: \"Lorries come and go from that yard at every hour of the night "
        "and nobody asks what they carry.\"\n"
    )),
    # wholly derived, but a brief with no quotation at all
    "14_harborstar": ("wholly", (
        "A museum thief who sold a brass lamp to a scrap dealer was jailed for eight months.\n"
    )),
}


def write_meter_folder(root: Path) -> Path:
    """A METER-format folder with the fictional case above."""
    pa = root / "PA" / "rawtexts" / "courts" / "03.04.05" / "lamp"
    pa.mkdir(parents=True)
    header = "  ----\n  09:00 03/04/05: Page 1 (HHH) COURTS lamp\n"
    (pa / "lamp1.txt").write_bytes((header + WIRE).encode("latin-1"))
    index = root / "file_index" / "courts"
    index.mkdir(parents=True)
    lists: dict[str, list[str]] = {"wholly": [], "partially": [], "none": []}
    folder = root / "newspapers" / "rawtexts" / "courts" / "03.04.05" / "lamp"
    folder.mkdir(parents=True)
    for name, (label, text) in PAPERS.items():
        (folder / f"lamp{name}.txt").write_bytes(text.encode("latin-1"))
        lists[label].append(f"meter_corpus/newspapers/rawtexts/courts/03.04.05/lamp/lamp{name}.txt")
    for label, file_name in (("wholly", "wholly"), ("partially", "partially"), ("none", "non")):
        (index / f"{file_name}_derived.txt").write_text("\n".join(lists[label]) + "\n")
    return root


@pytest.mark.parametrize(
    "text, style",
    [
        ('He said: "We won."', "double"),
        ("He said: \u201cWe won.\u201d", "double"),
        ("He said: 'We won.'", "single"),
        ("He said: \u2018We won.\u2019", "single"),
        ("'Tis the season.", "single"),
        ("The driver's car was not insured, the court heard.", "no marks"),  # an apostrophe only
        ("He stood 6' 2\" tall.", "no marks"),
        ("", "no marks"),
    ],
)
def test_mark_style(text: str, style: str) -> None:
    assert mark_style(text) == style


def test_meter_records_date_the_papers_on_their_day_or_the_next(tmp_path: Path) -> None:
    agency, newspapers = read_meter(write_meter_folder(tmp_path))
    records, kinds = meter_records(agency, newspapers, dating="next-day")
    assert [(r["id"], r["outlet"], r["published"]) for r in records] == [
        ("meter/PA/rawtexts/courts/03.04.05/lamp", "Press Association", "2005-04-03"),
        ("meter/newspapers/rawtexts/courts/03.04.05/lamp/lamp11_harborstar.txt", "harborstar", "2005-04-04"),
        ("meter/newspapers/rawtexts/courts/03.04.05/lamp/lamp12_quaypost.txt", "quaypost", "2005-04-04"),
        ("meter/newspapers/rawtexts/courts/03.04.05/lamp/lamp13_saltmarshecho.txt", "saltmarshecho", "2005-04-04"),
        ("meter/newspapers/rawtexts/courts/03.04.05/lamp/lamp14_harborstar.txt", "harborstar", "2005-04-04"),
        ("meter/newspapers/rawtexts/courts/03.04.05/lamp/lamp15_fennickgazette.txt", "fennickgazette", "2005-04-04"),
    ]
    assert kinds["meter/PA/rawtexts/courts/03.04.05/lamp"] == ("pa", "03.04.05/lamp")
    same_day, _ = meter_records(agency, newspapers, dating="same-day")
    assert {r["published"] for r in same_day} == {"2005-04-03"}
    with pytest.raises(ValueError, match="dating"):
        meter_records(agency, newspapers, dating="last-week")


def test_evaluate_lineage_on_a_fictional_meter_folder(tmp_path: Path) -> None:
    result = evaluate_lineage(write_meter_folder(tmp_path))
    assert (result.agency_articles, result.newspaper_texts) == (1, 5)
    assert result.texts == {"pa": 1, "wholly": 2, "partially": 2, "none": 1}
    assert result.printings == {"pa": 2, "wholly": 1, "partially": 3, "none": 2}
    assert result.texts_without == {"pa": 0, "wholly": 1, "partially": 0, "none": 0}  # the brief
    assert result.mark_styles == {
        "double": {"texts": 3, "printings": 5, "without": 0},
        "single": {"texts": 1, "printings": 1, "without": 0},
        "no marks": {"texts": 1, "printings": 0, "without": 1},
    }
    assert [dating.dating for dating in result.datings] == ["same-day", "next-day"]
    for dating in result.datings:
        wholly, partially, non_derived = (dating.printings[label] for label in ("wholly", "partially", "none"))
        # the copy's quote reaches PA through text reuse
        assert (wholly.printings, wholly.reach.hits, wholly.reach.total) == (1, 1, 1)
        assert wholly.evidence == {"reuse": 1}
        # of the partial copies' three printings, the neighbour's is PA's nowhere; the curator's words
        # reach PA from the Quay Post, which copied PA's sentences, not from the Fennick Gazette,
        # which wrote its own
        assert (partially.printings, partially.reach.hits, partially.reach.total) == (3, 1, 2)
        assert partially.misses == {
            "no wholly or partially reuse row against a PA article carrying it": 1,
            "out of scope: PA's copy prints none of its 4-word runs": 1,
        }
        # the judge's words, heard in court by the Saltmarsh Echo's own reporter: not scored
        assert (non_derived.printings, non_derived.reach.hits, non_derived.reach.total) == (2, 0, 1)
        # the curator's quote: PA and two derived papers, one of which heard it first-hand as far as
        # lineage can tell, so a public statement whose first printing is PA's
        clusters = dating.clusters
        assert clusters["pa_derived"].clusters == 1
        assert clusters["pa_derived"].kinds == {"public_statement (PA)": 1}
        assert (clusters["pa_derived"].origin_pa.hits, clusters["pa_derived"].origin_pa_wire.hits) == (1, 0)
        assert clusters["pa_non_derived"].clusters == clusters["papers_only"].clusters == 0
        assert dating.examples == [
            'lamp15_fennickgazette.txt "we are simply relieved that the culprit has ..." (partially):'
            " no wholly or partially reuse row against a PA article carrying it"
        ]
    report = result.format()
    assert "    wholly derived      1.000 (1 of 1); of 1 printings; first hop: reuse 1" in report
    assert "    partially derived   0.500 (1 of 2); of 3 printings; first hop: origin 1, reuse 1" in report
    data = result.to_dict()
    assert data["datings"][0]["printings"]["partially"]["reach"] == {"hits": 1, "total": 2, "value": 0.5}


def test_eval_lineage_command(tmp_path: Path) -> None:
    folder = write_meter_folder(tmp_path / "meter")
    result = CliRunner().invoke(cli, ["eval", "lineage", "--meter", str(folder), "--dating", "next-day"])
    assert result.exit_code == 0, result.output
    assert "papers dated next-day" in result.output
    assert "papers dated same-day" not in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(cli, ["eval", "lineage", "--meter", str(empty)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {empty} is not in the expected format: not a METER folder"
        f" (no file_index/courts/wholly_derived.txt): {empty}"
    ]


@pytest.mark.corpus
@pytest.mark.slow
def test_meter_courts_lineage() -> None:
    result = evaluate_lineage(shared_path("corpora", "meter-courts"))
    assert result.newspaper_texts == 770
    assert result.texts == {"pa": 205, "wholly": 262, "partially": 342, "none": 166}
    same_day, next_day = result.datings
    # floors a little under the measured 0.856 / 0.863 and 0.831 (README, "Measured")
    assert same_day.printings["wholly"].reach.value >= 0.84
    assert next_day.printings["wholly"].reach.value >= 0.84
    assert same_day.clusters["pa_wholly"].origin_pa_wire.value >= 0.80
