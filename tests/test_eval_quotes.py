"""The PolNeAR reader and the quote evaluation, on a tiny fictional folder and (when present) on dev."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import shared_path
from provenance.evaluation.polnear import iter_documents, parse_annotations, quoted_spans
from provenance.evaluation.quotes import evaluate_quotes, gold_speaker_key

TEXT = (
    "Harbor sale stalls.\n"
    "\n"
    "“We will rebuild the pier,” Dana Whitfield said. “It is our future.”\n"
    "\n"
    "Raman called the plan “a betrayal of the docks.”\n"
    "\n"
    "The mayor said the vote would wait.\n"
)
# offsets into TEXT
PIER = TEXT.index("“We will")  # 21
FUTURE = TEXT.index("“It is")
BETRAYAL = TEXT.index("“a betrayal")
ANN = "\n".join(
    [
        f"T1\tContent {PIER} {PIER + 27};{FUTURE} {FUTURE + 18}\t“We will rebuild the pier,” “It is our future.”",
        f"T2\tSource {PIER + 28} {PIER + 42}\tDana Whitfield",
        f"T3\tCue {PIER + 43} {PIER + 47}\tsaid",
        f"T4\tAttribution {PIER + 43} {PIER + 47}\tsaid",
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
        f"T5\tSource {TEXT.index('Raman')} {TEXT.index('Raman') + 5}\tRaman",
        f"T6\tCue {TEXT.index('called')} {TEXT.index('called') + 6}\tcalled",
        f"T7\tContent {TEXT.index('the plan')} {BETRAYAL + 26}\tthe plan “a betrayal of the docks.”",
        "E2\tAttribution:T6 Content:T7 Cue:T6 Source:T5",
        f"T8\tContent {TEXT.index('the vote')} {TEXT.index(' would') + 11}\tthe vote would wait",
        "E3\tAttribution-no-source:T8 Content:T8",
        "a continuation line of a long span text",
        "T9\tContent 99999 100000\tout of range",
        "E4\tAttribution:T9 Content:T9",
    ]
)


@pytest.fixture
def polnear_folder(tmp_path: Path) -> Path:
    """A one-document PolNeAR-format folder (two annotators; the first in name order is read)."""
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "harbor_2026-03-02_sale.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "harbor_2026-03-02_sale_4b22.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "attributions" / "harbor_2026-03-02_sale_ef2d.ann").write_text("", encoding="utf-8")
    return tmp_path


def test_parse_annotations_reads_discontinuous_spans_and_skips_bad_lines() -> None:
    attributions = parse_annotations(ANN, len(TEXT))
    assert [a.id for a in attributions] == ["E1", "E2", "E3", "E4"]
    first = attributions[0]
    assert first.content == [(PIER, PIER + 27), (FUTURE, FUTURE + 18)]
    assert first.source.text(TEXT) == "Dana Whitfield"
    assert first.cue.text(TEXT) == "said"
    assert attributions[2].source is None
    assert attributions[3].content == []  # its span lies outside the text


def test_quotations_are_the_attributions_with_marks(polnear_folder: Path) -> None:
    (document,) = list(iter_documents(polnear_folder))
    assert document.annotator == "4b22"
    assert [a.id for a in document.quotations()] == ["E1", "E2"]
    betrayal = document.quotations()[1]
    assert [TEXT[s:e] for s, e in document.quoted_spans(betrayal)] == ["a betrayal of the docks."]


@pytest.mark.parametrize(
    "text,spans,expected",
    [
        ("He said “we will win,” adding more", [(0, 34)], ["we will win,"]),
        ("the US had \"contained\" it", [(0, 26)], ["contained"]),
        ("“ok,” he said. “Then more.”", [(0, 5), (14, 27)], ["ok,", "Then more."]),
        ("starts inside,” he said", [(0, 15)], ["starts inside,"]),
        ("no marks at all", [(0, 15)], []),
        ('ads calling it a "$40 million blunder." Then', [(12, 39)], ["$40 million blunder."]),
        ('"[Roe] never lies," Poe said', [(0, 28)], ["[Roe] never lies,"]),
        ("Saying so ”was a stunt for the cameras.” Then", [(0, 40)], ["was a stunt for the cameras."]),
        ("the “tax” and “fees,” ”like the toll on the bridge” hurt", [(0, 52)], ["tax", "fees,", "like the toll on the bridge"]),
        ('Roe (D-Ark.):"We voted no."', [(13, 27)], ["We voted no."]),
        ("“I’d rather live in what he calls “hell” than see him win.”", [(0, 59)],
         ["I’d rather live in what he calls", "hell", "than see him win."]),
        ("He wrote “the pier “has to do with the wards”.” Then", [(0, 48)], ["the pier", "has to do with the wards", "."]),
        ('He tweeted, "Roe shouted "Stop!" as he ran." Then', [(0, 45)], ["Roe shouted", "Stop!", "as he ran."]),
        ("''It is lost,'' Roe said. ''And it hurts.''", [(0, 43)], ["It is lost,", "And it hurts."]),
        ('"We won.\n\n"And we will win again." Then', [(0, 36)], ["We won.", "And we will win again."]),
    ],
    ids=[
        "inner quote", "straight marks", "split quote", "opening mark outside the span", "no marks",
        "a straight mark opening before a dollar sign", "a straight mark opening before a bracket",
        "a right mark typed for a left one", "a right mark opening the third of three", "opening mark first in the span",
        "a quote nested in curly marks", "a nested quote closing with the outer one", "a quote nested in straight marks",
        "a split quote in two apostrophes", "a multi-paragraph quote opening again",
    ],
)
def test_quoted_spans(text: str, spans: list[tuple[int, int]], expected: list[str]) -> None:
    assert [text[s:e] for s, e in quoted_spans(text, spans)] == expected


@pytest.mark.parametrize(
    "source,key",
    [
        ("Trump", "trump"),
        ("Mr. Trump", "trump"),
        ("he", None),
        ("She", None),
        ("who", None),
        ("said", None),
        ("she’s", None),
        ("Rick Tyler, a former senior aide to Mr. Cruz", "tyler"),
        ("Stu Rothenberg of the non-partisan Rothenberg-Gonzales Political Report", "rothenberg"),
        ("Trump's campaign manager Kellyanne Conway", "conway"),
        ("CBS This Morning co-anchor DeMarco Morgan", "morgan"),
        ("the assailant, John McGraw", "mcgraw"),
        ("Another delegate on the Cruz slate, Jim Poolman", "poolman"),
        ("Senator Mark S. Kirk, Republican of Illinois", "kirk"),
        ("The Florida senator", "senator"),
        ("a source involved in the talks", "source"),
        ("Jason Sims — a teacher from Mount Pleasant —", "sims"),
        ("the Washington Post", "post"),
        ("a national Gazette/Harbor poll released Monday", "poll"),
        ("Okafor’s", "okafor"),
        ("a familiar voice", "voice"),
        ("the rally", "rally"),
        ("a person close to the harbour master", "person"),
        ("A harbour textbook just published for schools", "textbook"),
        ("Mr. Whitfield's", "whitfield"),
        ("The harbour master’s", "master"),
        ("Ines Okafor’s campaign", "campaign"),
        ("Ines Jones’ words", "jones"),
        ("the Gazette's view", "gazette"),
        ("the head of the Port Authority’s rules committee", "head"),
        ("a September Harborton Gazette poll", "poll"),
    ],
)
def test_gold_speaker_key(source: str, key: str | None) -> None:
    assert gold_speaker_key(source) == key


def test_evaluate_quotes_on_a_tiny_folder(polnear_folder: Path) -> None:
    evaluation = evaluate_quotes(polnear_folder)
    data = evaluation.to_dict()
    assert (data["documents"], data["errors"], data["gold"]) == (1, 0, 2)
    # the split quote is one prediction; the fragment is another; the headline has no quote
    assert (data["predicted"], data["found"], data["correct"]) == (2, 2, 2)
    assert (data["precision"], data["recall"], data["f1"]) == (1.0, 1.0, 1.0)
    assert (data["speaker_scored"], data["speaker_right"]) == (2, 2)
    assert data["found_strict"] == 2
    report = evaluation.format()
    assert "precision 1.000  recall 1.000  F1 1.000" in report
    assert "rule: A gold quote is the text inside the marks" in report
    json.dumps(data)


def test_misses_list_a_wrong_speaker_a_missed_quote_and_a_spurious_one(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from provenance.cli import cli

    text = (
        "Pier vote.\n"
        "\n"
        "“We will rebuild the pier,” Dana Whitfield said.\n"
        "\n"
        "Omar Raman disagreed. “Not with my money,” he said.\n"
    )
    pier, money = text.index("“We will"), text.index("“Not with")
    ann = "\n".join(
        [
            f"T1\tContent {pier} {pier + 27}\t“We will rebuild the pier,”",
            f"T2\tSource {text.index('Omar')} {text.index('Omar') + 10}\tOmar Raman",  # the annotator's slip
            "E1\tAttribution:T2 Content:T1 Source:T2",
            f"T3\tContent {text.index('Pier')} {text.index('Pier') + 4}\tPier",  # no marks: no gold quote
            "E2\tAttribution:T3 Content:T3",
        ]
    )
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "harbor_2026-03-04_pier.txt").write_text(text, encoding="utf-8")
    (tmp_path / "attributions" / "harbor_2026-03-04_pier_4b22.ann").write_text(ann, encoding="utf-8")
    evaluation = evaluate_quotes(tmp_path)
    assert (evaluation.speaker_scored, evaluation.speaker_right) == (1, 0)
    assert evaluation.format_misses().splitlines() == [
        "wrong speakers (1): the gold Source [key], the speaker found -> its full name, the cue",
        f"  harbor_2026-03-04_pier @{pier + 1}: gold Omar Raman [raman]; found Dana Whitfield -> Dana Whitfield; cue said",
        "    Pier vote. ¶ “We will rebuild the pier,” Dana Whitfield said. ¶ [[Omar Raman]] disagreed. “Not with my money,” he said.",
        "gold quotes not found (0):",
        "predictions in no gold quote (1):",
        f"  harbor_2026-03-04_pier @{money + 1}: speech, speaker he; cue said",
        "    Pier vote. ¶ “We will rebuild the pier,” Dana Whitfield said. ¶ Omar Raman disagreed. “Not with my money,” he said.",
    ]
    result = CliRunner().invoke(cli, ["eval", "quotes", "--polnear", str(tmp_path), "--misses"])
    assert result.exit_code == 0
    assert result.output.endswith(evaluation.format_misses() + "\n")
    as_json = CliRunner().invoke(cli, ["eval", "quotes", "--polnear", str(tmp_path), "--misses", "--json"])
    assert "wrong speakers" not in as_json.output  # the JSON holds the figures only


def test_whole_content_gold_is_harder_for_a_fragment(polnear_folder: Path) -> None:
    # "the plan “a betrayal of the docks.”": the fragment is 24 of the Content's 35 characters
    evaluation = evaluate_quotes(polnear_folder, whole_content=True)
    assert (evaluation.gold, evaluation.found, evaluation.found_strict) == (2, 2, 1)


def test_evaluate_quotes_limit_and_missing_folder(polnear_folder: Path, tmp_path: Path) -> None:
    assert evaluate_quotes(polnear_folder, limit=0).documents == 0
    with pytest.raises(FileNotFoundError, match="not a PolNeAR folder"):
        evaluate_quotes(tmp_path / "nowhere")


def test_unreadable_document_is_counted_as_an_error(polnear_folder: Path) -> None:
    (polnear_folder / "text" / "harbor_2026-03-03_bad.txt").write_bytes(b"\xff\xfe\xfa broken")
    (polnear_folder / "attributions" / "harbor_2026-03-03_bad_4b22.ann").write_text("", encoding="utf-8")
    evaluation = evaluate_quotes(polnear_folder)
    assert (evaluation.documents, evaluation.errors) == (2, 1)


@pytest.mark.parametrize("bad", ["text", "ann-not-utf8", "ann-a-folder"])
def test_the_warning_names_the_file_that_cannot_be_read(polnear_folder: Path, bad: str, caplog) -> None:
    text = polnear_folder / "text" / "harbor_2026-03-03_bad.txt"
    ann = polnear_folder / "attributions" / "harbor_2026-03-03_bad_4b22.ann"
    text.write_bytes(b"\xff\xfe\xfa broken" if bad == "text" else b"Some text.")
    if bad == "ann-a-folder":
        ann.mkdir()
    else:
        ann.write_bytes(b"\xff\xfe" if bad == "ann-not-utf8" else b"")
    evaluation = evaluate_quotes(polnear_folder)
    assert (evaluation.documents, evaluation.errors) == (2, 1)
    (warning,) = [record.getMessage() for record in caplog.records if "span out of range" not in record.getMessage()]
    named = text if bad == "text" else ann
    assert warning.startswith((f"{named} is not UTF-8", f"cannot read {named}:"))


@pytest.mark.parametrize("content", ["empty", "texts-without-annotations"])
def test_a_folder_without_documents_is_a_one_line_error(tmp_path: Path, content: str) -> None:
    from click.testing import CliRunner

    from provenance.cli import cli

    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    if content != "empty":
        (tmp_path / "text" / "lonely.txt").write_text("No annotator read this.", encoding="utf-8")
    with pytest.raises(ValueError, match="no documents"):
        evaluate_quotes(tmp_path)
    result = CliRunner().invoke(cli, ["eval", "quotes", "--polnear", str(tmp_path)])
    assert (result.exit_code, result.output) == (
        1, f"Error: {tmp_path} is not in the expected format: no documents "
           "(text/NAME.txt with attributions/NAME_xxxx.ann)\n",
    )


@pytest.mark.corpus
def test_dev_figures_hold() -> None:
    """The targets of the quotes issue, so that a change that loses them fails here."""
    evaluation = evaluate_quotes(shared_path("corpora", "polnear", "dev"))
    assert evaluation.documents == 84
    assert evaluation.errors == 0
    assert evaluation.precision >= 0.97
    assert evaluation.recall >= 0.95
    assert evaluation.speaker_accuracy >= 0.92
