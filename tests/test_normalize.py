"""Normalisation, n-gram hashes, the MemeTracker rule and word-level drift."""

from __future__ import annotations

import pytest

from provenance.normalize import (
    compare_wordings,
    count_content_words,
    describe_drift,
    hash_gram,
    hash_grams,
    longest_run,
    meme_rule,
    normalize_quote,
    quote_words,
    split_elisions,
    word_weights,
)


@pytest.mark.parametrize(
    "printed, normalized",
    [
        ("We can’t keep pouring money", "we cannot keep pouring money"),  # curly apostrophe
        ("We can't keep pouring money", "we cannot keep pouring money"),
        ("“Quoted,” she said.", "quoted she said"),
        ("ＦＵＬＬ－ＷＩＤＴＨ text", "full width text"),  # NFKC
        ("Straße GROSS", "strasse gross"),  # casefold
        ("loses $2 million — every month…", "loses 2 million every month"),
        ("left ... and I will", "left and i will"),
        ("the workers' union", "the workers union"),
        ("I looked at [the diary story] in disbelief", "i looked at in disbelief"),  # reporter's insertion
        ("Their [sic] decision", "their decision"),
        ("  spaced\tout\n words ", "spaced out words"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_quote(printed, normalized):
    assert normalize_quote(printed) == normalized


@pytest.mark.parametrize(
    "printed, normalized",
    [
        # the same words written out or contracted normalise alike
        ("I don't know what he wanted", "i do not know what he wanted"),
        ("I DIDN’T see the harbour master", "i did not see the harbour master"),
        ("They couldn't, wouldn't and shouldn't", "they could not would not and should not"),
        ("We can't, we cannot, we can not", "we cannot we cannot we cannot"),
        ("It won't happen and we shan't let it", "it will not happen and we shall not let it"),
        ("I'm sure you're right and we've checked", "i am sure you are right and we have checked"),
        ("They'll pay", "they will pay"),
        # 'd: "had" before a past participle (not one that is also the plain verb), else "would"
        ("I'd seen him before and I'd go again", "i had seen him before and i would go again"),
        ("She'd come back", "she would come back"),
        ("You'd better leave", "you had better leave"),
        # 's after a pronoun: "has" before been/got/had, else "is"; after a name a possessive, left
        ("It's been hard but it's over", "it has been hard but it is over"),
        ("That's why he's got to go", "that is why he has got to go"),
        ("Marlow's boat and the workers' yard", "marlows boat and the workers yard"),
        ("Let's go", "let us go"),
        # 's before a past participle: "has" for a verb with no passive or adjective after "is", or one
        # taking an object; "is" for an adjective, a passive, a verb that names, "it's ... that"
        ("That's happened before", "that has happened before"),
        ("It's changed and he's decided to stay", "it has changed and he has decided to stay"),
        ("She's made a mistake and he's thrown them away", "she has made a mistake and he has thrown them away"),
        ("He's always denied it; it's never been tried", "he has always denied it it has never been tried"),
        ("He's tired and it's finished.", "he is tired and it is finished"),
        ("It's called a pier and he's locked up", "it is called a pier and he is locked up"),
        ("He's wanted by the harbour police", "he is wanted by the harbour police"),
        ("It's assumed that he's admitted that", "it is assumed that he has admitted that"),
        ("There's hatred and it's done.", "there is hatred and it is done"),
        ("When it's proved, you pay; it's not doctored? It", "when it is proved you pay it is not doctored it"),
        # 'd before a regular participle: "had", not a plain verb in -ed
        ("I'd decided but I'd need more", "i had decided but i would need more"),
        ("She'd never agreed", "she had never agreed"),
        # not contractions
        ("O'Hara played rock 'n' roll", "ohara played rock n roll"),
        ("He ain't here", "he aint here"),  # am, is, are or has not: left as printed
        ("its own dock", "its own dock"),
    ],
)
def test_normalize_quote_writes_contractions_out(printed, normalized):
    assert normalize_quote(printed) == normalized


@pytest.mark.parametrize(
    "a, b",
    [
        # a six-word quote with one contraction and one changed word: two substitutions before
        ("I do not trust the harbour board", "I don't trust the harbour trust"),
        ("I am not sure the ferry sailed", "I'm not sure the ferry sails"),
        ("She has ruined my life and she has got to pay", "She's ruined my life and she's got to pay"),
        # a fragment is an exact part only with "'s" read as "has" ("it is changed" is in no wording)
        ("It's changed the harbour", "I think it has changed the harbour for good"),
    ],
)
def test_contractions_do_not_keep_a_quote_apart(a, b):
    assert compare_wordings(quote_words(a), quote_words(b)).linked


SURVEYED = "I'm sure that has been surveyed, is being surveyed and will be surveyed again, but it was not part of this report."


@pytest.mark.parametrize(
    "a, b, linked, rule",
    [
        # "I'm" written out makes the wording no longer to the rule: S counts words as printed
        (SURVEYED, "I'm sure that has been surveyed but it was not part of this report.",
         True, "O/(S+3)>0.5 (S=14, O=9, one word skipped)"),
        # five words as printed, all of them in the longer wording: a fragment, not a six-word sentence
        ("He said: don't take liberties with me, and pushed me against the window.", "Don't take liberties with me",
         True, "fragment: all 5 words are part of the longer wording"),
    ],
)
def test_the_rule_counts_words_as_printed(a, b, linked, rule):
    match = compare_wordings(quote_words(a), quote_words(b), a_weights=word_weights(a), b_weights=word_weights(b))
    assert (match.linked, match.rule) == (linked, rule)


@pytest.mark.parametrize(
    "printed, normalized",
    [  # a prefix that is no word on its own joins its word; two words joined by a hyphen stay two
        ("a re-trial next month", "a retrial next month"),
        ("full co\u2011operation", "full cooperation"),  # a non-breaking hyphen
        ("send an e-mail", "send an email"),
        ("Re-trial", "retrial"),
        ("a rabid anti-Semite", "a rabid anti semite"),  # not before a capital: "anti English" prints too
        ("anti-English", "anti english"),
        ("non-violent and pre-trial", "nonviolent and pretrial"),
        ("a well-known face", "a well known face"),
        ("a UN-backed plan", "a un backed plan"),
        ("mid-April", "mid april"),
        ("ex-wife", "ex wife"),
        ("re-1990 levels", "re 1990 levels"),  # only a hyphen between letters
        ("peace - and war", "peace and war"),
        ("co--operate", "co operate"),
        ("Ireland's re-\u00adtrial", "irelands retrial"),  # a soft hyphen is no break
        ("care-free", "care free"),  # "care" is a word: not a prefix
    ],
)
def test_normalize_quote_joins_a_hyphenated_prefix(printed, normalized):
    assert normalize_quote(printed) == normalized


def test_a_joined_prefix_is_drift_as_printed_and_counts_two_words():
    assert describe_drift("an assurance of full cooperation", "an assurance of full co-operation") == (
        "[-cooperation-] {+co-operation+}"
    )
    assert word_weights("full co-operation") == (1, 2)
    match = compare_wordings(quote_words("full co-operation"), quote_words("an assurance of full cooperation in future"),
                             a_weights=word_weights("full co-operation"))
    assert (match.shorter, match.linked) == (3, True)


@pytest.mark.parametrize(
    "printed, weights",
    [
        ("I don't believe that's going to work,", (1, 1, 0, 1, 1, 0, 1, 1, 1)),
        ("We can not go", (1, 2, 1)),  # "cannot": two printed words in one
        ("I’m sure", (1, 0, 1)),
        ("Marlow's boat", None),  # a possessive is one word either way
        ("plain words", None),
    ],
)
def test_word_weights(printed, weights):
    assert word_weights(printed) == weights


def test_contractions_written_out_inflate_neither_s_nor_o():
    # the same contractions on both sides: S and O as printed (7 and 4), not 9 and 6
    a, b = "I don't believe that's going to work", "Let me say, I don't believe that's what the ferry crews want"
    match = compare_wordings(quote_words(a), quote_words(b), a_weights=word_weights(a), b_weights=word_weights(b))
    assert (match.shorter, match.overlap) == (7, 4)


def test_stopwords_hold_the_written_out_forms():
    assert count_content_words(quote_words("I don't think we can't or won't or couldn't or I'd")) == 0
    assert count_content_words(quote_words("they'll feel ill in hell")) == 3  # "ill" and "hell" are words


@pytest.mark.parametrize(
    "printed, segments",
    [
        ("option left ... and I will defend it", [["option", "left"], ["and", "i", "will", "defend", "it"]]),
        ("option left … and I will", [["option", "left"], ["and", "i", "will"]]),
        ("option left [...] and I will", [["option", "left"], ["and", "i", "will"]]),
        ("option left . . . and I will", [["option", "left"], ["and", "i", "will"]]),
        ("... and I will", [["and", "i", "will"]]),
        ("no ellipsis here.", [["no", "ellipsis", "here"]]),
    ],
)
def test_split_elisions(printed, segments):
    assert split_elisions(printed) == segments


def test_hashes_are_stable_signed_64_bit():
    assert hash_gram(["dead", "in", "the", "water"]) == hash_gram(("dead", "in", "the", "water"))
    assert hash_gram(["dead", "in", "the", "water"]) != hash_gram(["in", "the", "water", "dead"])
    assert -(2**63) <= hash_gram(["a", "b", "c", "d"]) < 2**63
    assert len(hash_grams("a b c d e f".split())) == 3
    assert hash_grams("a b c".split()) == set()


@pytest.mark.parametrize(
    "a, b, run",
    [
        ("a b c d e", "a b c d e", 5),
        ("a b c d e", "a b x d e", 4),  # one substituted word
        ("a b c d e", "a b d e", 4),  # one word dropped
        ("a b d e", "a b c d e", 4),  # one word added
        ("a b c d e", "a b x y d e", 2),  # two words changed: runs do not join
        ("x y z", "a b c", 0),
        ("", "a b", 0),
    ],
)
def test_longest_run_allows_one_skipped_word(a, b, run):
    assert longest_run(a.split(), b.split()) == run


@pytest.mark.parametrize(
    "shorter, overlap, clause",
    [
        (5, 5, "S<=5 and O=S"),
        (5, 4, None),
        (6, 5, "S=6 and O>=5"),
        (6, 4, None),
        (10, 7, "O/(S+3)>0.5"),
        (10, 6, None),  # 6/13 < 0.5
        (30, 11, "O>10"),
        (30, 10, None),
    ],
)
def test_meme_rule_clauses(shorter, overlap, clause):
    assert meme_rule(shorter, overlap) == clause


Q1 = "We cannot keep pouring public money into a terminal that loses two million dollars every month."
Q2 = "The sale is the only honest option left on the table, and I will defend it in front of anyone."


@pytest.mark.parametrize(
    "a, b, linked, rule",
    [
        (Q1, Q1.upper(), True, "identical"),
        (Q1, "We can’t keep pouring public money into a terminal that loses $2 million every month.",
         True, "O/(S+3)>0.5 (S=15, O=12, one word skipped)"),
        (Q2, "The sale is the only honest option left ... and I will defend it in front of anyone.",
         True, "O/(S+3)>0.5 (S=17, O=17, elided segments in order)"),
        (Q2, "The sale is the only honest option left on the table, and I will defend it before anyone.",
         True, "O/(S+3)>0.5 (S=18, O=16, one word skipped)"),
        ("The existing lease with the operator is dead in the water.", "dead in the water",
         True, "fragment: all 4 words are part of the longer wording"),
        ("He is a man of peace and always has been.", "man of peace",
         True, "fragment: all 3 words are part of the longer wording"),
        ("We will not be moved by threats.", "we will", False,
         "fragment too short to link (2 words, 0 content words)"),
        ("It is what it is and that is that.", "what it is and", False,
         "fragment too short to link (4 words, 0 content words)"),
        # a changed 5-word quote is below the 6-word guard
        ("Tax cuts help working families", "Tax cuts hurt working families", False,
         "guard: 5 words, 5 content words"),
        # nine words held whole, two of them content words: a fragment of the longer wording, as its
        # five-word part "about the harbour and the" would be; not held whole: below the 3-content-word guard
        ("It is all about the harbour and the ferry", "It is all about the harbour and the ferry now", True,
         "fragment: all 9 words are part of the longer wording"),
        ("It is all about the harbour and the ferry", "It is all about the harbour and the pier now", False,
         "guard: 9 words, 2 content words"),
        ("got to come a long way", "he has got to come a long way, because he is for the oil", True,
         "fragment: all 6 words are part of the longer wording"),
        # a bracketed insertion replacing a word: one skipped word
        ("I just looked at it in disbelief and then was shocked and dismayed by the story",
         "I just looked at [the diary story] in disbelief and then was shocked and dismayed by the story",
         True, "O/(S+3)>0.5 (S=15, O=15, one word skipped)"),
        # same opening, different quote
        ("I think that we have to look at the budget again next year",
         "I think that we have to hire more teachers in every school", False,
         "S=12, O=6: no clause"),
    ],
)
def test_compare_wordings(a, b, linked, rule):
    segments = split_elisions(b) if "..." in b else None
    match = compare_wordings(quote_words(a), quote_words(b), b_segments=segments)
    assert (match.linked, match.rule) == (linked, rule)


def test_content_words():
    assert count_content_words(quote_words("it is what it is and that is that")) == 0
    assert count_content_words(quote_words("dead in the water")) == 2


@pytest.mark.parametrize(
    "canonical, variant, drift",
    [
        (Q1, Q1, None),
        (Q1, Q1.replace("We", "we").replace(".", ""), None),  # case and punctuation are no drift
        (Q1, "We can’t keep pouring public money into a terminal that loses $2 million every month.",
         "[-cannot-] {+can’t+}; [-two-] {+$2+}; [-dollars-]"),
        (Q2, "The sale is the only honest option left ... and I will defend it in front of anyone.",
         "[-on the table,-] {+...+}"),
        (Q2, "The sale is the only honest option left on the table, and I will defend it before anyone.",
         "[-in front of-] {+before+}"),
        ("The existing lease with the operator is dead in the water.", "dead in the water",
         "excerpt: words 8-11 of 11"),
        ("I learned about this proposal from the newspaper, like everybody else in this city.",
         "I learned about this proposal from the newspaper, like everyone else in this city.",
         "[-everybody-] {+everyone+}"),
        ("We will fight.", "We will fight, and we will win.", "{+and we will win.+}"),
        # the same words written another way are still a drift a researcher sees
        ("I do not know where the ferry went.", "I don't know where the ferry went.", "[-do not-] {+don't+}"),
        ("I don't know where the ferry went.", "I don’t know where the ferry went", None),
    ],
)
def test_describe_drift(canonical, variant, drift):
    assert describe_drift(canonical, variant) == drift


@pytest.mark.parametrize(
    "canonical, variant, drift",
    [
        # canonical words before and after the printed ones are the excerpt's range, not words left out
        ("We will keep the ferry running all winter, whatever the council decides next month.",
         "keep the ferry running all year, whatever the council",
         "excerpt: words 3-11 of 14; [-winter,-] {+year,+}"),
        ("He is becoming the port authority's best recruiter. They show his speeches to every new trainee.",
         "the port authority best recruiter.",
         "excerpt: words 4-8 of 16; [-authority's-] {+authority+}"),
        # a printing ending in other words replaces as many canonical words; the rest are cut
        ("The harbour dues are unfair to the fishermen. But I am working for them now. Believe me.",
         "The harbour dues are unfair to the fisherman.",
         "excerpt: words 1-8 of 17; [-fishermen.-] {+fisherman.+}"),
        # fewer than MIN_LINK_WORDS canonical words past the ending's replacement: reworded, not cut
        ("We do not want the ferry sold to a mainland firm", "We don't want the ferry sold off,",
         "[-do not-] {+don't+}; [-to a mainland firm-] {+off,+}"),
        # words added before the canonical ones are added; the cut end is still the excerpt's
        ("The lease is dead in the water, and the council knows it.",
         "Make no mistake: the lease is dead in the water,",
         "excerpt: words 1-7 of 12; {+Make no mistake:+}"),
        # words replaced at the start are changed: the printing does not begin later
        ("Somebody ought to sink the ferry plan for good.", "I'll sink the ferry plan for good.",
         "[-Somebody ought to-] {+I'll+}"),
        ("I was a councillor then so nobody listened, but I was against the ferry sale from the start.",
         "totally against the ferry sale",
         "excerpt: words 1-15 of 18; [-I was a councillor then so nobody listened, but I was-] {+totally+}"),
    ],
)
def test_describe_drift_cuts_an_excerpt_at_its_ends(canonical, variant, drift):
    assert describe_drift(canonical, variant) == drift
