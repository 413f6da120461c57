"""The METER reuse evaluation: cleaning METER texts, scoring, and a small fictional corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.evaluation.meter import (
    VerdictRule,
    apply_rule,
    clean_meter_text,
    cross_validate,
    current_rule,
    evaluate_reuse,
    read_gold,
    score_verdicts,
    tune_rule,
)
from provenance.reuse import decide_verdict
from conftest import shared_path


@pytest.mark.parametrize(
    "raw, agency, expected",
    [
        # PA wire: header rules and time line, headline in capitals, byline, `<` line ends,
        # hard-wrapped lines, control characters, PA quote marks, `#` for pounds, sign-off.
        (
            "  ----------\n\n  ------------------\n"
            "       09:12 03/04/05: Page 1 (HHH) COURTS Lamp\n  ------------------\n"
            "LAMP THIEF JAILED<\n\x19By Ada Quill, PA News<\n"
            "\x19A man who stole a lamp was\njailed for #4,000 theft.<\n"
            "\x19He said: ``Sorry.''<\n\x19end<\n",
            True,
            "A man who stole a lamp was jailed for £4,000 theft.\nHe said: “Sorry.”",
        ),
        # PA's nested quote opens with one backtick and closes with an apostrophe.
        (
            "LAMP<\n\x19He said: ``I heard him shout `Stop thief' twice.''<\n",
            True,
            "He said: \u201cI heard him shout \u2018Stop thief' twice.\u201d",
        ),
        # Two apostrophes opening a paragraph or a word are PA's `` mistyped: they open the quote.
        (
            "LAMP<\n\x19''I am sorry,'' he said.<\n\x19He called it a ''great mistake''.<\n",
            True,
            "\u201cI am sorry,\u201d he said.\nHe called it a \u201cgreat mistake\u201d.",
        ),
        # An HTML-wrapped PA page: tags, title and entities go.
        (
            "<HTML><HEAD><TITLE>Search</TITLE></HEAD><BODY><PRE>"
            "<H1>10:01 03/04/05: Page 2 (HHH) COURTS Lamp</H1>TITLE LINE<\n"
            "\x19Court &amp; costs were\r\nawarded.<\r\n\x19mf<\n</PRE></HTML>",
            True,
            "Court & costs were awarded.",
        ),
        # Newspapers: one paragraph a line, `M-#` for pounds, Latin-1 pound kept.
        (
            "A FAMILY firm was fined M-#30,000 yesterday.\n\nIt paid £100 costs.\n",
            False,
            "A FAMILY firm was fined £30,000 yesterday.\nIt paid £100 costs.",
        ),
        ("", False, ""),
        ("   \n\n", True, ""),
    ],
)
def test_clean_meter_text(raw: str, agency: bool, expected: str) -> None:
    assert clean_meter_text(raw, agency=agency) == expected


@pytest.mark.parametrize(
    "gold, predicted, binary, three",
    [
        (["wholly", "partially", "none"], ["wholly", "partially", "none"], 1.0, 1.0),
        (["wholly", "partially", "none"], ["partially", "wholly", "none"], 1.0, 1 / 3),
        (["wholly", "none"], ["none", "wholly"], 0.0, 0.0),
        (["wholly", "wholly", "none"], ["wholly", "none", "none"], 2 / 3, (2 / 3 + 0 + 2 / 3) / 3),
    ],
)
def test_score_verdicts(gold: list[str], predicted: list[str], binary: float, three: float) -> None:
    assert score_verdicts(gold, predicted) == pytest.approx((binary, three))


@pytest.mark.parametrize(
    "score, words, verdict",
    [
        (0.64, 40, "none"),
        (0.66, 40, "partially"),  # the bar at 40 words: 0.50 + 0.05 x ln 40 = 0.684
        (0.70, 40, "wholly"),
        (0.80, 2000, "partially"),  # the bar at 2,000 words: 0.880
        (0.89, 2000, "wholly"),
        (0.89, 50000, "partially"),  # 0.50 + 0.05 x ln 50,000 = 1.041, capped at 0.90
        (0.90, 50000, "wholly"),
        (0.66, 0, "wholly"),  # no words: ln 1, the bar is the base
    ],
)
def test_verdict_rule(score: float, words: int, verdict: str) -> None:
    assert VerdictRule(0.65, 0.5, 0.05, 0.9).decide(score, words) == verdict


@pytest.mark.parametrize("score, words, new_numbers, calls, verdict", [
    (0.60, 40, 0, [("derived", 0, 0.65, 0.04)], "none"),
    (0.66, 40, 1, [("derived", 1, 0.65, 0.04)], "none"),  # 0.65 + 0.04 x ln 2 = 0.678
    (0.70, 40, 1, [("derived", 1, 0.65, 0.04), ("wholly", 40, 0.5, 0.05, 0.9)], "wholly"),  # bar 0.684
    (0.80, 2000, 0, [("derived", 0, 0.65, 0.04), ("wholly", 2000, 0.5, 0.05, 0.9)], "partially"),  # bar 0.880
])
def test_verdict_rule_reads_the_bars_of_reuse(monkeypatch: pytest.MonkeyPatch, score: float, words: int,
                                             new_numbers: int, calls: list, verdict: str) -> None:
    # the rule wrote the derived and wholly bars again beside reuse's, so the two could drift apart
    from provenance import reuse

    seen = []
    derived, wholly = reuse.derived_threshold, reuse.wholly_threshold

    def derived_seen(new, *, partially, numbers):
        seen.append(("derived", new, partially, numbers))
        return derived(new, partially=partially, numbers=numbers)

    def wholly_seen(count, *, base, slope, cap):
        seen.append(("wholly", count, base, slope, cap))
        return wholly(count, base=base, slope=slope, cap=cap)

    monkeypatch.setattr(reuse, "derived_threshold", derived_seen)
    monkeypatch.setattr(reuse, "wholly_threshold", wholly_seen)
    assert VerdictRule(0.65, 0.5, 0.05, 0.9, 0.04).decide(score, words, new_numbers) == verdict
    assert seen == calls


def test_current_rule_is_the_rule_of_reuse() -> None:
    rule = current_rule()
    for score in (0.5, 0.63, 0.66, 0.7, 0.8, 0.9, 0.96):
        for words in (20, 100, 400, 1500):
            for new_numbers in (0, 1, 4, 20):
                assert rule.decide(score, words, new_numbers) == decide_verdict(score, words, new_numbers)


@pytest.mark.parametrize(
    "score, new_numbers, verdict",
    [
        (0.65, 0, "partially"),
        (0.65, 1, "partially"),  # 0.60 + 0.05 x ln 2 = 0.635
        (0.65, 3, "none"),  # 0.669: a paper printing three numbers its source lacks
        (0.70, 3, "partially"),
    ],
)
def test_verdict_rule_with_new_numbers(score: float, new_numbers: int, verdict: str) -> None:
    assert VerdictRule(0.60, 0.5, 0.05, 0.9, numbers=0.05).decide(score, 400, new_numbers) == verdict


def test_tune_rule_finds_the_numbers_term() -> None:
    """Two papers at 0.68 and 0.70 are independent, reporting their own sums and ages; two at 0.66 and 0.67
    copy PA and add nothing: no flat 'derived' bar separates them, one rising with the new numbers does."""
    scores = [0.70, 0.68, 0.66, 0.67, 0.90, 0.40]
    words = [400] * len(scores)
    new = [8, 6, 0, 1, 0, 5]
    gold = ["none", "none", "partially", "partially", "wholly", "none"]
    rule = tune_rule(scores, words, gold, new)
    assert rule.numbers > 0
    assert apply_rule(scores, words, rule, new) == gold
    flat = tune_rule(scores, words, gold)  # the numbers hidden: the term stays 0
    assert flat.numbers == 0.0
    assert apply_rule(scores, words, flat) != gold
    with_numbers = cross_validate(scores * 4, words * 4, gold * 4, folds=2, new_numbers=new * 4)
    without = cross_validate(scores * 4, words * 4, gold * 4, folds=2)
    assert [rule.numbers > 0 for rule in with_numbers[2]] == [True, True]
    assert with_numbers[:2] == (1.0, 1.0)
    assert without[0] < 1.0


def test_tune_rule_finds_a_bar_that_rises_with_length() -> None:
    """A short brief at 0.80 is wholly derived, a long feature at 0.85 only partially: no fixed
    'wholly' threshold separates them, a bar rising with length does."""
    scores = [0.80, 0.90, 0.85, 0.80, 0.97, 0.55, 0.40]
    words = [30, 60, 800, 400, 900, 300, 50]
    gold = ["wholly", "wholly", "partially", "partially", "wholly", "none", "none"]
    rule = tune_rule(scores, words, gold)
    assert rule == VerdictRule(partially=0.56, base=0.59, slope=0.04, cap=0.9)
    assert apply_rule(scores, words, rule) == gold
    flat = tune_rule(scores, [100] * len(scores), gold)  # lengths hidden: one flat bar
    assert apply_rule(scores, words, flat) != gold
    binary, three, chosen = cross_validate(scores * 3, words * 3, gold * 3, folds=3)
    assert (binary, three) == (1.0, 1.0)
    assert chosen == [rule] * 3


WIRE_TEXTS = {
    "lamp": (
        "A man who stole a brass lamp from the Harborton museum was jailed for eight months at "
        "Crown Court yesterday after the judge heard he had sold it to a scrap dealer.<\n"
        "Arthur Penwick, 41, of Quay Street, admitted theft and handling stolen goods.<\n"
        "Judge Ellen Morrow told him the lamp had belonged to the first harbour master and could "
        "never be replaced.<\n"
    ),
    "bridge": (
        "Engineers inspecting the Saltmarsh toll bridge found cracks in three of its steel "
        "cables, an inquest into the death of a cyclist was told today.<\n"
        "The coroner, Dr Hamish Reyes, said the council had delayed repairs for two years "
        "because of a dispute with its insurers.<\n"
    ),
}
NEWSPAPERS = {
    # Wholly derived: the PA copy with one word changed.
    ("lamp", "11_herald"): (
        "wholly",
        "A man who stole a brass lamp from the Harborton museum was jailed for eight months at "
        "Crown Court yesterday after the judge heard he had sold it to a scrap dealer. "
        "Arthur Penwick, 41, of Quay Street, admitted theft and handling stolen goods. "
        "Judge Ellen Morrow told him the lamp had belonged to the first harbour master and could "
        "never ever be replaced.",
    ),
    # Partially derived: two PA sentences and the paper's own reporting.
    ("lamp", "12_courier"): (
        "partially",
        "Arthur Penwick, 41, of Quay Street, admitted theft and handling stolen goods. "
        "Judge Ellen Morrow told him the lamp had belonged to the first harbour master. "
        "Museum volunteers said the gallery had felt empty since the brass lamp vanished, and "
        "several of them wept in the public gallery as the sentence was read out.",
    ),
    # Written independently: same event, own words.
    ("bridge", "13_gazette"): (
        "none",
        "Cyclists have campaigned for years over the state of the Saltmarsh crossing. Our "
        "reporter walked its length last night and counted rusted bolts on almost every span.",
    ),
}


def make_meter_folder(root: Path) -> Path:
    """A tiny METER-format folder with fictional texts."""
    for catchline, text in WIRE_TEXTS.items():
        folder = root / "PA" / "rawtexts" / "courts" / "03.04.05" / catchline
        folder.mkdir(parents=True)
        (folder / f"{catchline}1.txt").write_bytes(
            (f"  ----\n  09:00 03/04/05: Page 1 (HHH) COURTS {catchline}\n"
             f"{catchline.upper()} STORY<\n\x19By Ada Quill, PA News<\n{text}\x19end<\n").encode("latin-1")
        )
    index = root / "file_index" / "courts"
    index.mkdir(parents=True)
    lists: dict[str, list[str]] = {"wholly": [], "partially": [], "none": []}
    for (catchline, name), (label, text) in NEWSPAPERS.items():
        folder = root / "newspapers" / "rawtexts" / "courts" / "03.04.05" / catchline
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{catchline}{name}.txt").write_bytes(text.encode("latin-1"))
        lists[label].append(f"meter_corpus/newspapers/rawtexts/courts/03.04.05/{catchline}/{catchline}{name}.txt")
    for label, name in (("wholly", "wholly"), ("partially", "partially"), ("none", "non")):
        (index / f"{name}_derived.txt").write_text("\n".join(lists[label]) + "\n")
    return root


def test_evaluate_reuse_on_a_fictional_meter_folder(tmp_path: Path) -> None:
    folder = make_meter_folder(tmp_path)
    assert len(read_gold(folder)) == 3
    result = evaluate_reuse(folder)
    assert result.newspaper_texts == 3
    assert result.agency_articles == 2
    assert result.confusion == {
        "wholly": {"wholly": 1, "partially": 0, "none": 0},
        "partially": {"wholly": 0, "partially": 1, "none": 0},
        "none": {"wholly": 0, "partially": 0, "none": 1},
    }
    assert (result.binary_f1, result.three_way_f1) == (1.0, 1.0)
    assert result.no_candidate == 1  # the independent story shares too little to get a row
    report = result.format()
    assert "binary (derived vs not) macro-F1: 1.000" in report
    assert result.to_dict()["gold_counts"] == {"wholly": 1, "partially": 1, "none": 1}


def test_evaluate_reuse_rejects_a_folder_without_gold(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="not a METER folder"):
        evaluate_reuse(tmp_path)


@pytest.mark.corpus
@pytest.mark.slow
def test_meter_courts_scores() -> None:
    result = evaluate_reuse(shared_path("corpora", "meter-courts"))
    assert result.newspaper_texts == 770
    assert result.gold_counts == {"wholly": 262, "partially": 342, "none": 166}
    # Floors under the measured 0.790 / 0.727 (cross-validated 0.785 / 0.717).
    assert result.binary_f1 >= 0.76
    assert result.three_way_f1 >= 0.70
    assert result.cv_three_way_f1 >= 0.69


def test_unreadable_and_missing_files_are_skipped_and_reported(tmp_path: Path) -> None:
    folder = make_meter_folder(tmp_path)
    (folder / "newspapers/rawtexts/courts/03.04.05/bridge/bridge13_gazette.txt").unlink()
    odd = folder / "PA/rawtexts/courts/not-a-date/lamp"
    odd.mkdir(parents=True)
    (odd / "lamp1.txt").write_text("A stray file.\n")
    result = evaluate_reuse(folder)
    assert result.newspaper_texts == 2
    assert result.agency_articles == 2
    assert len(result.errors) == 2
    assert result.errors[0].startswith("PA/rawtexts/courts/not-a-date/lamp/lamp1.txt: ")
    assert result.errors[1].startswith("newspapers/rawtexts/courts/03.04.05/bridge/bridge13_gazette.txt: ")
    assert "error: PA/rawtexts/courts/not-a-date" in result.format()
