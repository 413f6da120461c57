"""Direct quotations in article text: the marks, the kind of quote, the cue and the speaker.

Rules, in order (no model, one linear pass per step):
1. Marks are paired paragraph by paragraph (curly, straight, guillemets, low-high, ``...'' and
   ''...''); apostrophes and primes are skipped; an unclosed mark is dropped at the end of its
   paragraph unless the next paragraph opens with a mark (a multi-paragraph quote). A paragraph
   with no double marks, or whose double marks sit inside a single-marked quote, is read in single
   marks, as British papers print quotes: a plural possessive ('the victims' families') does not
   close a quote, a quote nested in the same marks stays inside the outer one, an opening mark
   after a full stop inside a quote is a paragraph break lost in print, and a quote after a cue
   ('said: '') whose closing mark was lost ends with its paragraph. A quote carried over a line break
   to a line that is only a name before the closing mark is a pull quote signed inside its marks
   ('"We will win.\nJane Roe, Harborton."'): it ends with its paragraph, and the name line names its speaker.
   In double marks, an opening mark inside an open quote whose next two marks both close opens a quote nested in
   it ('tweeted, "He shouted "Stop!" as he ran."'), not a new quote after a stray mark; and a quote after a cue
   ('More from Roe: "', or a split quote's '...," said Roe. "') whose closing mark was lost ends with its paragraph
   (before a bracketed source: '... it. [Courant.]').
   An archive's ''...'' quote closing in parentheses may print its closing marks as '.' ('... Syria.'.')').
2. '"A," he said, "B."' and '"A," Smith said. "B."' join into one quotation with two spans (never across
   a second speaker's clause: '"A," Cruz said as a heckler yelled: "B!"', nor a reply: 'Roe asked:
   "A?" Poe replied: "B."').
3. The cue is read after the closing mark ('," said X' / '," X said' / '," said master of
   ceremonies X', or a sentence that only names a person: '." spokesman X told the Courant.'), else before the opening mark ('X said: "', 'Said X, "', 'According to X, "', a
   label 'X: "', a heading 'Rosa Delgado, 34, Harborton' or a signature '- X' on the next line,
   '"Headline," by X's Author: "excerpt"'), else in the reporter's sentence for a fragment (a poll
   for its respondents, the outermost reporting clause, a cue closing the sentence ', the union
   says.', then the sentence's subject); a passive 'was asked by X' gives X. A quote with no cue
   continues the speaker named in the previous sentence or the previous quote's speaker, and a
   fragment with no cue right after a speaker's quote in the same paragraph continues it.
4. Kinds: headline lines and single-marked subheads, titles of works, one- or two-word terms
   nobody is said to have said (an active naming verb with its object says it: 'called him a "moderate"') and
   terms named as terms ('the so-called "X"', 'known as "X"', 'the slogan "X"' where no one is said to say them;
   'it has been dubbed "X"' with no agent) (scare) are kept apart from speech, fragment and document. A title is
   a title-case quote after its work's kind ('the play called "X"', 'hits including "X"', 'his reality TV show, "X"'),
   before it ('the "X" syllabus') or with what is said of a work ('"X" was nominated', '"X," on Showtime, is a drama', '"X" (1985)', 'by T.R.
   Author'); foreign titles keep their small words ("Los Hijos de Trump"), and a title quoted again bare is
   the title unless its speaker is said to say it. The
   first line is a title only when it is the article's title (when one is given) or does not read
   as a paper's lead; where quotes are in single marks, a quoted paragraph standing alone is speech.
5. Speakers are resolved by provenance.speakers (names, surnames, roles, pronouns). A quoted nickname inside a
   name ('Marcia "Cia" Price') is blanked first (`mask_nicknames`): no quotation, and the person is Marcia Price. A
   fragment in the complement of an owned noun for speech is the owner's ('Trump's claim that Obama "founded ISIS"',
   'his comment Monday that "..."'), unless a verb between names another speaker or the words are said of the noun.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from provenance.counts import counted
from provenance.models import QUOTE_KINDS, TRACKED_QUOTE_KINDS, Quotation
from provenance.speakers import (
    DOCUMENT_NOUNS,
    PERSON_NOUNS,
    PERSON_PLURALS,
    SHOWN_NOUNS,
    TIME_WORDS,
    TITLE_ROLES,
    SpeakerIndex,
    described_person,
    find_subject,
    is_organisation_name,
    is_person_name,
    mask_nicknames,
    unnamed_person_head,
)

LOGGER = logging.getLogger(__name__)

__all__ = ["extract_quotes", "scan_quotes", "QUOTE_KINDS", "TRACKED_QUOTE_KINDS"]

MAX_QUOTE_LENGTH = 4000  # a quote longer than this (within one paragraph) is an unclosed mark
MAX_PARAGRAPHS = 12  # a quote carried open over more paragraphs (its closing one besides) is an unclosed mark
MAX_SPLIT_PARTS = 4  # '"A," she said, "B"' joins; a longer chain is separate quotations

# (an archive's ''...'' quote closing in parentheses prints its closing marks as '.': '... Syria.'.')')
DOUBLE_MARK_RE = re.compile(r"(?<=[.!?])'\.'(?=\))|'''|``|''|[\"“”„‟«»]")
SINGLE_MARK_RE = re.compile(r"[‘’']")
# Characters after which a straight mark opens, and before which it closes.
# What may come before a '”' that opens a paragraph (spaces, invisible format marks) and what must follow it (a word
# or an ellipsis)
LINE_PREFIX_RE = re.compile(r"[ \t\u00a0\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]*")
OPENED_WORDS_RE = re.compile(r"\w| ?(?:…|\.\.\.)")
OPEN_CONTEXT = set(" \t([{—–―-/:;,\u00a0")
CLOSE_CONTEXT = set(" \t)]}.,;:!?—–―-/\u00a0…")

REPORTING_VERBS = (
    "said|says|say|saying|told|tells|tell|telling|added|adds|adding|asked|asks|asking|answered|answers|"
    "replied|replies|responded|responds|explained|explains|noted|notes|wrote|writes|writing|tweeted|"
    "tweets|posted|posts|stated|states|declared|declares|announced|announces|insisted|insists|argued|"
    "argues|claimed|claims|continued|continues|recalled|recalls|warned|warns|acknowledged|acknowledges|"
    "admitted|admits|concluded|concludes|complained|complains|joked|jokes|quipped|quips|shouted|shouts|"
    "yelled|yells|cried|cries|exclaimed|exclaims|observed|observes|remarked|remarks|suggested|suggests|"
    "predicted|predicts|promised|promises|vowed|vows|urged|urges|conceded|concedes|confirmed|confirms|"
    "denied|denies|boasted|boasts|charged|charges|contended|contends|countered|counters|mentioned|"
    "mentions|emphasized|emphasised|stressed|stresses|reported|reports|testified|recounted|recounts|"
    "wondered|wonders|mused|muses|asserted|asserts|reiterated|reiterates|retorted|snapped|scoffed|"
    "lamented|laments|griped|blasted|slammed|mocked|read|reads|pointed out|points out|"
    "chimed in|shot back|fired back|proclaimed|proclaims|whispered|pleaded|begged|demanded|demands|"
    "agreed|agrees|cautioned|cautions|advised|informed|assured|reminded|opined|opines|thundered|bragged|"
    "interjected|summed up|put it|puts it|written|beamed|gushed|fumed|sighed|laughed|marveled|marvelled|"
    "boomed|roared|grumbled|muttered|murmured|chided|scolded|teased|cracked|reflected|raged|barked|"
    "growled|cheered|screamed|elaborated|concurred|sang|sings|singing|chanted|chants|texted|emailed|e-mailed|messaged|"
    "blogged|blogs|yelling|shouting|screaming|chanting|argue|claim|insist|warn|contend|allege|alleged|alleges|"
    "maintain|maintains|maintained|questioned|questions|questioning|"
    "tweeting|posting|remarking|explaining|declaring|announcing|answering|responding|replying|joking|quipping|"
    "stating|commenting|noting|arguing|insisting|warning|commented|repeated|cut in|broke in"
)
EXTRA_VERBS = (
    "interjected cited citing quoted quoting indicated indicates issued released suggesting arguing insisting "
    "noting warning promising vowing calling echoed echoing found finds concluded concludes"
).split()


def word_alternation(words: Iterable[str]) -> str:
    """A regex alternation of words built as a trie, so matching does not try every word in turn."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = []
        optional = "" in node
        for char, child in sorted(node.items()):
            if char:
                branches.append(re.escape(char) + build(child))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if optional else body

    return build(trie)


# 'repeated' passive, or with an object it names rather than quotes, is no cue: "Barrett's dictum (repeated to me over
# the years) was", 'Renn then repeated the idea of the "Harbor Effect."' (not 'repeated that', 'Marsh repeated.')
NOT_PASSIVE = r"(?!(?<=repeated)[^\S\n]+(?:to|by|the|a|an|his|her|their|its|this|these|those)\b)"
VERB_RE = re.compile(rf"(?=[a-z])(?<![\w-])(?:{word_alternation(REPORTING_VERBS.split('|'))})\b{NOT_PASSIVE}")
# A reporting verb's bare form after a modal, maybe with an adverb between ('could only quip:', 'would later
# reply:'); not negated ('did not respond'). 'say' and 'tell' are reporting verbs alone (`REPORTING_VERBS`).
MODAL_VERBS = "quip|joke|reply|respond|answer|add|explain|recall|admit|declare|write|tweet|exclaim|remark|observe|concede|note"
MODAL_BEFORE = [
    f"{modal} {adverb}".rstrip() + " "
    for modal in "could would will can might may should must".split()
    for adverb in ("", "only", "later", "simply", "just", "then", "also", "now", "merely", "soon")
]
MODAL_VERB_RE = re.compile(
    rf"(?<![\w-])(?=(?:{MODAL_VERBS})\b)(?:{'|'.join(f'(?<={before})' for before in MODAL_BEFORE)})(?:{MODAL_VERBS})\b"
)
# Verbs that introduce a fragment inside the reporter's sentence: called the lease "dead in the water".
FRAGMENT_VERBS = (
    "called|calls|calling|described|describes|describing|describe|dubbed|dubs|labeled|labelled|labels|termed|"
    "referred to|refers to|characterized|characterizes|characterizing|portrayed|portrays|portraying|portray|"
    "branded|brands|deemed|named|praised|criticized|accused|vowed|"
    "promised|pledged|urged|warned|insisted|argued|said|says|told|wrote|added|declared|claimed|"
    # verbs that pass a verdict in the speaker's word: dismissed the story as "absurd."
    "dismissed|dismisses|dismissing|hailed|hails|hailing|heralded|heralds|derided|derides|decried|decries|"
    "denounced|denounces|ridiculed|ridicules|defended|defends|lauded|lauds|panned|pans"
)
ANY_VERB_RE = re.compile(
    rf"(?=[a-z])(?<![\w-])(?:{word_alternation(set(FRAGMENT_VERBS.split('|') + REPORTING_VERBS.split('|') + EXTRA_VERBS))})\b"
    + NOT_PASSIVE
)
DOCUMENT_CUE_RE = re.compile(
    r"\b(?:wrote|writes|writing|tweet\w*|post\w*|statement|release|letter|memo|e-?mail\w*|text\w*|"
    r"filing|report|court papers|documents?|complaint|ruling|op-ed|column|blog|read|reads|Facebook|"
    r"Twitter|Instagram|Truth Social|on X)\b",
    re.IGNORECASE,
)
# Words between the verb and the quote or the speaker: "said in a statement", "told reporters".
CUE_TAIL_RE = re.compile(
    r"\s*(?:(?:in|on|at|during|via|to|from|through|after|before|with|late|early|last|this|that|a|an|the|his|her|their|its|"
    r"statement|interview|tweet|post|letter|email|e-mail|speech|rally|conference|news|press|briefing|reporters?|"
    r"journalists|Twitter|X|Facebook|Instagram|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"yesterday|today|tonight|morning|afternoon|evening|night|week|later|again|also|then|earlier|recently|"
    r"repeatedly|once|simply|flatly|bluntly|previously|written|televised|radio|TV|television|phone|telephone|"
    r"call|hearing|debate|town|hall|event|release|\w+ly)\b\s*){0,7}"
)
TOLD_RE = re.compile(r"\b(?:told|tells|tell|telling|informed|assured|reminded|asked)\b")
ACCORDING_TO_RE = re.compile(r"\baccording to\s+", re.IGNORECASE)
# No sentence or clause ends after an initial or a title: "J. Smith", "Sen. Roe", "Del. Okafor".
NOT_AFTER_ABBREVIATION = (
    r"(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\bMrs)(?<!\bAtty|\bSupt)"
    r"(?<!\bSen|\bRep|\bGov|\bGen|\bSgt|\bCol|\bDel|\bDet|\bCpl|\bPvt|\bAmb)(?<!\bSt)"
)
# Tried at the first mark of a run, or at its second where an abbreviation holds the first ('Mr.. Roe'): from every mark
# of a run of 350,000 full stops, it read the rest of the run each time (a mutated METER report: past 120 s, fuzz25)
# (a curly closing mark with no space before the next sentence ends one too: 'I love Hispanics!”Former candidate Jeb
# Bush broke down ...: "..."', as a page printed it)
SENTENCE_END_RE = re.compile(
    rf"(?=[.!?])(?:(?<![.!?]){NOT_AFTER_ABBREVIATION}|(?<=[.!?])(?<![.!?]{{2}}))[.!?]+"
    r"(?:[\"”’']?\s+(?=\(?[\"“‘A-Z0-9])|”(?=[A-Z][a-z]))"
)
CLAUSE_STOP_RE = re.compile(
    rf"(?=[.!?;]){NOT_AFTER_ABBREVIATION}[.!?;](?:\s|$)|[\"“”]|''"
)
# a few words quoted inside a phrase that goes on in lower case: '"Ted Cruz" campaign pins'
QUOTED_TERM_RE = re.compile(r"[\"“][^\"“”.!?;\n]{1,40}[\"”](?=[^\S\n]+[a-z])")
PAST_TENSE_RE = re.compile(r"(?<=[a-z] )[a-z]{3,}ed\b")
# a verb opening the words after a quotation, before a name: '," remembered Roy Verley', '," comments Ines Kowal' (a
# present tense that is a noun too, so a cue only here)
LEADING_PAST_TENSE_RE = re.compile(r"\s*,?\s*([a-z]{3,}ed|comments)(?=\s+[A-Z])")
CUE_SENTENCE_START_RE = re.compile(r"[ \t\u00a0]+(?:[a-z][\w'’-]*[ \t\u00a0]+){0,4}")
CUE_SENTENCE_END_RE = re.compile(r"\s*[.](?:\s|$)")
SPLIT_CUE_BEFORE_RE = re.compile(  # '"A," said Roe. "' / '"A," Jane Roe said. "': a split quote's second part opens
    r"[”\"],?\s+(?:(?:said|says|added|wrote)\s+(?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w'’-]*|(?:(?:[A-Z][\w.'’-]*\s+){1,3}|[Hh]e\s+|[Ss]he\s+)"
    r"(?:said|says|added|wrote))\s*\.\s*\Z"
)
# A right double mark typed for a left one after a reporting verb's comma: 'He says,” there are a lot of people ...”'
RIGHT_MARK_OPENING_RE = re.compile(r".*?(?<![\w'’-])(?:says|said|adds|added|asks|asked|wrote|writes|tweeted),”[^\S\n][a-z]")
# An inverted cue right after a comma, as a quote's closing mark would stand before it: ', said Kessel,' ', Kessel said.'
LOST_MARK_CUE_RE = re.compile(
    r"(?<=[a-z0-9]),(?=[^\S\n]+(?:(?:said|says|added|explained|recalled|noted)[^\S\n]+(?:[A-Z][\w.'’-]*[^\S\n]+){0,3}"
    r"[A-Z][\w'’-]*[a-z]|(?:[A-Z][\w.'’-]*[^\S\n]+){0,2}[A-Z][\w'’-]*[a-z][^\S\n]+(?:said|says)|[Hh]e[^\S\n]+said|[Ss]he[^\S\n]+said)"
    r"[^\S\n]*[,.])"
)
BRACKETED_SOURCE_RE = re.compile(r"(?<=[.!?…])\s+\[[^\[\]\n]{1,60}\]\.?\s*\Z")  # '... a lead. [Courant.]'
PERIOD_CUE_RE = re.compile(r"\s+(?:(?:[A-Z][\w.'’-]*\s+){1,3}|[Hh]e\s+|[Ss]he\s+)(?:said|says|added|wrote)\s*[.,]")
TITLE_SMALL_WORDS = frozenset("of the a an and in on to for with at by from is or vs. v.".split())
# articles and prepositions of foreign titles: "Los Hijos de Trump", "Ritorno al Futuro"
FOREIGN_TITLE_WORDS = frozenset("de del della di da du des la le les el los las al au y et von van".split())
TITLE_CONTEXT_RE = re.compile(
    r"(?:\b(?:on|of|in|book|books|show|shows|film|films|movie|program|programme|series|song|songs|album|novel|"
    r"memoir|titled|entitled|magazine|newspaper|column|episode|play|musical|sitcom|documentary|drama|comedy|"
    r"headlined|biography|report|article|essay|op-ed|anthem|hit|theme|track)|['’]s"
    r"|\b(?!(?:him|her|them|it|himself|herself|themselves|us|me|you)\b)[a-z]{3,}\s+(?:called|named|titled|dubbed)"
    r"|\baccording to|[”\"]\s*(?:,|and|or|&)\s*)"
    r"\s*,?\s*[\"“‘'`]*$"
)
BYLINE_AFTER_RE = re.compile(r"\s*,?\s*by\s+(?:the\s+)?[A-Z][^.:\n]{0,80}[:.]")
SUBORDINATE_RE = re.compile(
    r"\s*(?:(?:While|Although|Though|When|If|Because|Since|After|Before|As|Whether|Unless|Even though|Even as)\b[^,\"“”]{3,120}"
    r"|(?:In|On|At|During|Through|Via|Under|Amid|Following)\s+(?:a|an|the|his|her|their|its)\s[^,\"“”]{3,80}),\s*"
)  # 'While ..., X said', 'In a Facebook message posted Friday, X said': the main clause speaks
INTRODUCES_NEXT_RE = re.compile(r"[^.!?;:\"“”\n]{0,40}:\s*[\"“‘']")  # 'said: "', 'told reporters: "'
SUBORDINATE_OPEN_RE = re.compile(r"\s*(?i:after|when|as|while|although|though|before|since|because|once|until)\s")
FINITE_VERB_RE = re.compile(r"(?<=[\w)] )[a-z]{3,}(?:ed|es|s)\b(?!['’])")
NOT_VERBS = frozenset(
    "its his this was has is does goes news always perhaps whereas towards afterwards besides sometimes "
    "ourselves themselves yourselves us plus thus less unless process access business address success "
    "series species various famous serious previous numerous obvious nervous dangerous anxious "
    "united limited based needed interested concerned supposed used required related involved".split()
)
NOUN_LIKE_VERBS = frozenset(
    "states reports notes claims charges posts remarks tweets answers reads read post tweet report note claim "
    "charge remark answer counters promises vows calls texts".split()
)
QUOTE_MARK_RE = re.compile(r"[\"“”„«»]|''|``")
STATEMENT_RE = re.compile(
    r"\b(?:statement|said|says|wrote|writes|issued|released|tweeted|posted|told|added|explained|argued|"
    r"put it|remarks|speech|interview|letter|memo|email|e-mail)\b"
)
LATER_CUE_RE = re.compile(r"[^.!?\"“”\n]{1,80},\s+(said|says|added|recalled|noted)\s+")
SIGNATURE_RE = re.compile(
    r"\n+[ \t\u00a0]*[-—–―]{1,2}[ \t\u00a0]*((?:[A-Z][\w.'’-]*[ \t\u00a0]+){0,4}[A-Z][\w'’-]*[a-z])(?=[ ,.;:\n]|$)"
)
NAME_LINE_BELOW_RE = re.compile(
    r"\n[ \t\u00a0]*((?:[A-Z][\w.'’-]*[ \t\u00a0]+){1,3}[A-Z][\w'’-]*[a-z])[ \t\u00a0]*(?:,[^\n\"“”]{0,60})?\.?[\"”]?[ \t\u00a0]*(?=\n|$)"
)
# A pull quote signed inside its marks: the line before its closing mark is a name ('"We will win.\nJane Roe, Harborton."')
SIGNED_INSIDE_RE = re.compile(
    r"[ \t\u00a0]*((?:[A-Z][\w.'’-]*[ \t\u00a0]+){1,3}[A-Z][\w'’-]*[a-z])[ \t\u00a0]*(?:,[^\n\"“”]{0,60})?\.?[ \t\u00a0]*"
)
NAME_LINE_ABOVE_RE = re.compile(r"[ \t\u00a0]*((?:[A-Z][\w.'’-]*[ \t\u00a0]+){1,3}[A-Z][\w'’-]*[a-z])[ \t\u00a0]*:[ \t\u00a0]*")
# A heading line naming who speaks in the paragraphs below: 'Rosa Delgado, 34, Harborton'
NAME_HEADING_RE = re.compile(
    r"[ \t\u00a0*#]*((?:[A-Z][\w.'’-]*[ \t\u00a0]+){1,3}[A-Z][\w'’-]*[a-z])[ \t\u00a0]*"
    r"(?:,[ \t\u00a0]*[^\n\"“”:!?]{1,80}?)?[ \t\u00a0*]*[:.]?[ \t\u00a0*]*"
)
LEADING_NAME_RE = re.compile(
    r"\s*,?\s*((?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]*[a-z]),\s+(?:the|a|an|who|whose)\s"
)
POLL_INTRO_RE = re.compile(
    r"\s*(?:In|According to)\s+(?P<poll>(?:a|an|the|this|that)\s+[^,\"“”]{0,60}?\b(?:poll|survey|study))\b[^,\"“”]{0,40},\s+"
)
# '31% of Republicans said', 'most voters say', 'six in 10 Democrats said'
POLL_RESPONDENTS_RE = re.compile(
    r"(?:[\w%.]+\s+(?:in\s+\d+\s+|percent\s+)?(?:of\s+)?)?(?:[A-Za-z-]+\s+){0,3}?"
    r"(?:[a-z]+s|Republicans|Democrats|Americans|Independents)\s+(?:[a-z]+\s+)?(?P<verb>said|say|says|told|called)\b"
)
# a lower-case description or a run of titles ending in a name, closing the clause
DESCRIBED_NAME_RE = re.compile(
    r"\s+((?:(?:[a-z][\w-]*|[A-Z][a-z]*\.|[A-Z][\w'’-]*|\d[\w/-]*)\s+){1,9}?(?:[A-Z][\w'’-]*\s+){1,3}[A-Z][\w'’-]*[a-z])(?=\s*(?:[,;]|\.(?:\s+[A-Z\"“‘]|\s*$)|$))"
)
# 'told the Post', 'told The Washington Post': the listener is an outlet, not a document
TOLD_OUTLET_RE = re.compile(r"^(?:told|tells)\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s*)+")
GAP_CLAUSE_RE = re.compile(r"\b(?:as|while|when|before|after|and|but|until)\s+(?:the\s+|a\s+|an\s+)?\w+")
# A newsletter's section label before a linked headline: 'FAREWELL—"...," by The Times' Jane Roe:'
CAPS_LABEL_RE = re.compile(r"[A-Z0-9][A-Z0-9 '’&/.-]{1,40}[:—–―-]?")
BY_AUTHOR_RE = re.compile(r"[\"”’'],?\s+by\s+(?:the\s+)?((?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w'’-]*[a-z])\s*:\s*$")
# verbs of communicating that introduce a quote after a comma ('shared her worry with an audience, "')
SHARED_RE = re.compile(r"\b(?:shared|spoke|offered|gave|joked|mused|vented|confided|reflected|weighed in|chimed in|cut in|broke in)\b")
# a person's name closing the words before a colon, not the object of a preposition ('a letter to Jane Roe:')
TRAILING_NAME_RE = re.compile(
    r"(?<!\bto )(?<!\bwith )(?<!\bfrom )(?<!\bfor )(?<!\babout )(?<!\bat )(?<!\bof )(?<!\bon )(?<!\bin )"
    r"\b((?:[A-Z][\w'’-]*\s+|[A-Z]\.\s+){1,3}[A-Z][\w'’-]*[a-z])\s*:\s*$"
)
# 'As Ines Okafor, professor of law at Harborton and author of "The Pier," put it, "': the name before the apposition,
# whose quoted title or long words keep the verb from finding its subject
AS_PUT_IT_RE = re.compile(
    r"(?<![\w'’-])[Aa]s\s+(?P<name>(?:(?:Mr|Mrs|Ms|Dr|Prof)\.\s+)?(?:[A-Z][\w'’-]*\s+|[A-Z]\.\s+){0,3}[A-Z][\w'’-]*[a-z]),\s+"
    r"[^.!?\n]{1,200}?,(?:''|[\"”’])?\s+(?P<cue>(?:put|puts|phrased|phrases)\s+it)\s*[,:]?\s*\Z"
)
# the object of a preposition, or the listener ("told Mr Justice Owen:", ", telling Mr Hale:")
OBJECT_BEFORE_RE = re.compile(r"\b(?:to|with|from|for|about|at|of|on|in|by|told|telling|asked|asking)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}$")
CAPITALISED_VERB_RE = re.compile(r"(?<=[\w,] )(?:Tweeted|Wrote|Posted|Said|Added)\b(?=\s+(?:on|in|to|at|that|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\s*[.,]|$)")
# "in Forbes' words, "...", "The Florida senator's answer was that "..."
OWNED_WORDS_RE = re.compile(
    r"(?:\b[Ii]n\s+(?P<owner>(?:the\s+)?(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w-]*)(?:['’]s|(?<=s)['’])\s+(?:own\s+)?words,?\s*$)"
    r"|(?:^|(?<=\n)|(?<=[.!?,]\s))(?:(?P<owner2>(?:The|the)\s+(?:[\w-]+\s+){0,2}[\w-]+|(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w-]*)"
    r"(?:['’]s|(?<=s)['’])|(?P<owner3>His|Her))\s+(?:answer|response|reply|message|argument|view|slogan|catchphrase|catch phrase|verdict|retort|"
    r"explanation)\s+(?:was|is)\s+(?:that\s+)?$"
)
# Nouns for what someone said: their owner said the words quoted with them ("Trump's call for "..."", "Romney's
# "47 percent" comment", "Obama's remarks that "..."", "Trump's description of Mexicans as "rapists""); not a
# quotation right after the noun, which is said of the words ('Trump's comments "are based on his opinion"')
SPEECH_NOUNS = (
    r"(?:call|comment|remark|word|statement|claim|promise|pledge|vow|description|characterization|"
    r"characterisation|assertion|boast|quip)s?"
)
# The owner: a name in capitals (a description, 'the mayor's pledge', is left to the sentence's cue)
SPEECH_OWNER = r"(?P<owner>(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w-]*)(?:['’]s|(?<=s)['’])"
SPEECH_OWNER_BEFORE_RE = re.compile(
    rf"(?<![\w.-]){SPEECH_OWNER}\s+(?:(?:much-|often-|widely\s+|oft-)?[\w-]+\s+)?{SPEECH_NOUNS}"
    r"(?:\s+(?:for|that|about|on|of|to)|\s+of\s+[^\"“”.;:!?]{1,60}?\s+as)\s*$"
)
# A noun for speech, owned, whose complement holds the quotation further on: "Trump's claim that Obama "founded ISIS,""
# "his comment Monday that "...", "Comey's conclusion that her actions were "...", "Clinton's campaign slogan is "..."",
# "Roe's patronizing suggestion at a debate that she was "..."", "Okafor's assertion of a "claim of right"" (a name's
# or 'his'/'her': the words are the owner's unless a verb between names another speaker)
OWNED_SPEECH_NOUNS = (
    r"(?:call|comment|remark|statement|claim|promise|pledge|vow|description|characterization|characterisation|"
    r"assertion|boast|quip|suggestion|conclusion|contention|insistence|argument|warning|complaint|admission|"
    r"prediction|declaration|accusation|slogan|catchphrase|catch phrase|aside|refrain|mantra)s?"
)
OWNED_SPEECH_NOUN_RE = re.compile(
    rf"(?:(?<![\w.-]){SPEECH_OWNER}|(?<![\w'’-])(?P<pronoun>[Hh]is|[Hh]er))[^\S\n]+(?P<described>(?:[a-z][\w-]*[^\S\n]+){{1,2}})?"
    rf"(?P<noun>{OWNED_SPEECH_NOUNS})(?![\w-])"
)
OWNED_SPEECH_GAP_RE = re.compile(
    r"(?:[^\S\n]+(?:(?:on|at|in|during|from)[^\S\n]+[^\"“”;:!?\n]{1,50}?|(?:last[^\S\n]+)?(?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|week|month|year)|yesterday))?,?"
    r"[^\S\n]+(?:that[^\S\n]+[^\"“”;:!?\n]{0,100}?|(?P<copula>is|was)(?![^\S\n]+that)|(?:is|was)[^\S\n]+that|(?:for|about|on|of|to)(?:[^\S\n]+(?:a|an|the))?)"
    r"[^\S\n]*"
)
OWNED_GAP_AS_RE = re.compile(r"\bas\s*\Z")
COPULA_END_RE = re.compile(r"\b(?:is|was|are|were)\s*\Z")
OWNED_IN_RE = re.compile(r"\bin\s+\S*\Z")
MOTTO_NOUNS = frozenset("slogan slogans catchphrase catchphrases catch phrase refrain mantra".split())
NAME_RUN_RE = re.compile(r"(?<![\w'’.-])(?:[A-Z][\w'’.-]*[^\S\n]+){0,3}[A-Z][\w'’-]*")
DETERMINER_BEFORE_RE = re.compile(r"\b(?:a|an|the)\s+\Z")
OWNER_PRONOUNS_RE = {
    "m": re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE),
    "f": re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE),
}
# A list after a colon whose first item a name owns, 'his' or 'her' opening its last: "the arguments ...: Trump's
# seizures of property, the admission that he was "...," and his argument for "single-payer""
LISTED_OWNER_RE = re.compile(
    r":[^\S\n]+(?P<owner>(?:[A-Z][\w.-]*[^\S\n]+){0,3}[A-Z][\w-]*)(?:['’]s|(?<=s)['’])[^\S\n][^:;\n]*?,[\"”’']?[^\S\n]+"
    r"(?:and|or)[^\S\n]+\Z"
)
PRONOUN_BETWEEN_RE = re.compile(r"\b(?:he|she|him)\b", re.IGNORECASE)
POSSESSIVE_END_RE = re.compile(r"(?:['’]s|(?<=s)['’])\Z")
SPEECH_OWNER_AROUND_RE = re.compile(rf"(?<![\w.-]){SPEECH_OWNER}\s*$")
SPEECH_NOUN_AFTER_RE = re.compile(rf"\s*{SPEECH_NOUNS}\b")
# Capitalised words opening a sentence before an owner's name ('In Marsh's call for'), no owner themselves
NOT_OWNER_WORDS = frozenset("in on at for and but or if as when while after before with by from to of yet so".split())
RELATIVE_RE = re.compile(r"\b(?:who|whose|that|which)\b")
FIRST_NAME_AGE_RE = re.compile(
    r"[ \t\u00a0*#—–―-]*([A-Z][a-z][\w'’-]*)[ \t\u00a0]*,[ \t\u00a0]*\d{1,3}\b[^\n\"“”:.!?]{0,60}[:.]?[ \t\u00a0*]*"
)
NOT_NAME_WORDS = frozenset(
    "the a an and of in on at for to getty images photo reuters ap afp news read more related watch video "
    "advertisement share comments follow subscribe".split()
)
# ', the rights group says.' / ', Smith said Tuesday.' closing a sentence
SENTENCE_TAIL_RE = re.compile(
    r",\s+(?:[^,;:.!?\"“”()]{1,60}?)\s(?P<verb>said|says|writes|wrote|reports|reported|added|adds|argues|argued|"
    r"notes|noted|contends|contended|concluded|concludes|"
    # a plural subject's: '..., the groups say.', '..., critics argue.', '..., the Saudis state in the white paper.'
    r"say|write|argue|note|contend|conclude|add|state|insist|claim|warn|maintain)"
    r"(?:\s+(?:on\s+)?[A-Za-z]+){0,2}\s*[.!?]?[\"”’']?$"
)
OPENING_VERB_RE = re.compile(
    r"\s*(Said|Says|Added|Adds|Wrote|Writes|Stated|States|Explained|Continued|Noted|Replied|Tweeted|"
    r"Recalled|Warned|Concluded|Declared|Insisted)\s+(?=[A-Z]|the\s|a\s|an\s|his\s|her\s)"
)
PASSIVE_BEFORE_RE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+(?:[a-z]+ly\s+)?$")
PASSIVE_BY_RE = re.compile(r"\s+by\s+")
HEADING_WORDS = frozenset(
    "what why how who when where is are was were will can do does not no new more most top our your my this "
    "that these those here there update updates latest breaking live says said".split()
)
# the listener of 'told': up to four words, none after a full stop that ends a sentence
# ('told the Eta Herald. Lind ...'; initials such as 'U.S.' go on)
TOLD_OBJECT_RE = re.compile(
    r"\s+((?:(?:the|a|an|his|her|their|its)\s+)?[\w.'’-]+(?:\s+(?<![a-z]\.\s)[A-Z][\w.'’-]*){0,3})"
)
ING_AS_NOUN_RE = re.compile(r"\b(?:a|an|the|his|her|their|its|our|my)\s+(?:(?P<noun>[a-z]+)\s+)?$")
# Nouns of what carries words, whose -ing after them is a participle ('issued a statement saying', 'held up a sign
# reading'), not a noun ('a creative writing professor', 'his stern warning')
MESSAGE_NOUNS = DOCUMENT_NOUNS | frozenset(
    "sign banner placard poster cover headline caption notice petition editorial response story article item "
    "resolution book text".split()
)
# 'named' after a noun that a/an opens, before a name, says who the noun is: 'a 70-year-old academic named Ines Kowal';
# no one names anything there ('Trump named Pence'). Not 'called': 'a lawmaker called Kowal "a liar"' is a verb.
NAMING_PARTICIPLE_BEFORE_RE = re.compile(r"(?<![\w'’-])(?i:an?)[^\S\n]+(?:[a-z0-9][\w-]*[^\S\n]+){1,4}\Z")
NAME_AFTER_RE = re.compile(r"[^\S\n]+[A-Z]")
IRREGULAR_PAST = (
    "went took gave made came sent put hit ran spoke stood led set held brought thought felt kept left met "
    "paid sought won lost got drew threw struck sat saw heard began fought caught taught spent"
).split()
# (an '-eed' is past only after 'r' or 't', 'agreed', 'guaranteed'; 'succeed', 'need', 'proceed', 'indeed' are not)
# Ending or opening an occasion, whose participle after says how: 'ended a debate with a reference to ..., remarking'
OCCASION_VERBS = frozenset("ended opened began started closed concluded finished".split())
OCCASION_OBJECT_RE = re.compile(
    r"[^\S\n]+(?:out[^\S\n]+)?(?:a|an|the|his|her|their|its)[^\S\n]+(?:[\w'’-]+[^\S\n]+){0,3}?"
    r"(?:debate|speech|remarks|rally|address|interview|appearance|event|meeting|hearing|session|show|forum|"
    r"town[^\S\n]+hall|news[^\S\n]+conference|press[^\S\n]+conference)\b"
)
PAST_VERB_RE = re.compile(rf"(?<=[\w)] )(?:[a-z]{{3,}}(?<![a-qsu-z]e)ed|{'|'.join(IRREGULAR_PAST)})\b")
ADJECTIVE_CONTEXT_RE = re.compile(r"(?:\b(?:a|an|the|his|her|their|its|our|my)|['’]s?)\s+(?:[a-z]+\s+)?$")
INVERTED_COMMA_RE = re.compile(r"(?<![\"”’'])[^\W\d_)][)]?,[^\S\n]+$")  # 'impacts, too, said X': no quotation closes before
INVERTED_BEFORE_RE = re.compile(r"[\"”’']\s*[,—–―-]?\s*$")
INVERTED_END_RE = re.compile(
    r"\s*(?:[,.;:!?)(—–―\"”’'\n]|$|(?:in|on|at|during|after|before|last|this|to|of|who|whose|which|that|when|as|while|"
    r"from|with|for|about|earlier|later|today|yesterday|recently|afterward|afterwards|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)
COORDINATED_RE = re.compile(r"\b(?:and|but)\s+$")
LABEL_TITLE_RE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Rev|Prof|St)\.\s*$")
PRONOUN_WORDS = frozenset("he she they we i it you who".split())
THAT_BEFORE_RE = re.compile(r"\bthat\s+\Z")
# A sentence that only introduces the quote's source: 'From the report: "', 'Here's Clinton in 1992: "'.
SOURCE_INTRO_RE = re.compile(
    r"\s*(?:From|Here['’]s|Here is)\s+((?:the\s+|an?\s+|[A-Z][\w.'’-]*\s+){0,5}?(?:[A-Z][\w.'’-]*|[a-z][\w-]*))"
    r"(?:\s+(?:in|on|at|during)\s+[^:\"“”]{1,40})?\s*:\s*"
)
# A newsletter's item closing its lead with the source of the excerpt after it: 'Signs of momentum were there all
# along - More from Blumenthal and Cohen: "..."', '... - More from the report: "..."'
MORE_FROM_RE = re.compile(
    r"(?:\A|[-—–―])\s*More\s+from\s+((?:the\s+|an?\s+)?(?:[A-Z][\w.'’-]*\s+(?:and\s+)?){0,4}(?:[A-Z][\w.'’-]*|[a-z][\w-]*))"
    r"\s*:\s*\Z"
)
# 'called' (or a shout) and where the words went, then a comma before a quotation: the subject's words
CALLED_OUT_RE = re.compile(
    r"(?<![\w'’-])(?P<verb>called|shouted|yelled|hollered)[^\S\n]+(?:out|back|over[^\S\n]+(?:his|her|their)[^\S\n]+shoulders?)"
    r"[^\S\n]*,[^\S\n]*\Z"
)
# A work named right after its kind or its medium: 'in his book, "A Time for Truth,"', 'told "Fox and Friends"'.
WORK_BEFORE_RE = re.compile(
    r"\b(?:book|autobiography|memoir|novel|podcast|program|programme|episode|film|movie|play|musical|song|album|"
    r"sitcom|documentary|series|exhibition|exhibit|opera|poem|pageant|(?:TV|television|reality|talk|radio|game)\s+show|"
    r"(?:co-)?author of|perform|performed|signed on for|missing from"
    r"|(?P<medium>told|interview with|appearance on|appeared on))\s*,?\s*[\"“‘'`]*$"
)
# A work named by its kind, then 'called': 'a popular play called "Los Hijos de Trump,"', 'a collection from the
# cartoonist Garry Trudeau called "Yuge!"', 'a blog, called the "Feed,"'; or works listed: 'Latin hits including "La Gozadera"'.
WORK_NOUNS = (
    r"book|novel|memoir|biography|film|movie|documentary|play|musical|opera|song|single|album|series|show|sitcom|drama|"
    r"comedy|exhibition|exhibit|collection|podcast|episode|poem|painting|blog|newsletter|column|pageant"
)
WORK_CALLED_RE = re.compile(
    rf"\b(?:(?:{WORK_NOUNS})(?:\s+(?:from|by)\s+[^.;:!?,\"“”()]{{1,40}}?)?\s*,?\s+(?:called|titled|entitled|named|dubbed)"
    rf"\s+(?:the\s+)?|(?:books|novels|films|movies|plays|songs|hits|albums|shows|series)\s+(?:including|such\s+as|like)\s+)"
    r"[\"“‘'`]*$"
)
# Quoted words naming the work they modify: 'the "Perception" syllabus', 'his "Miss Universe" pageant'.
WORK_AFTER_RE = re.compile(
    r"[ \t\u00a0]+(?:syllabus|pageant|exhibition|franchise|sitcom|podcast|documentary|musical|soundtrack)\b"
)
# Quoted words naming the object they are printed on: 'the "Make America Great Again" hat', '"Medicare for all" document'.
OBJECT_AFTER_RE = re.compile(
    r"[ \t\u00a0]+(?:hats?|caps?|signs?|shirts?|t-shirts?|pins?|buttons?|stickers?|banners?|placards?|posters?|"
    r"mugs?|documents?)\b"
)
# Words naming the quoted words as a term rather than saying them, where no one is said to say them: 'the
# so-called "efficiency" plan', 'known as the "Midnight Crew"', 'the nickname of "harbor lung"', 'uses the slogan "..."'.
NAMED_TERM_BEFORE_RE = re.compile(
    r"(?:\bso[- ]\s?called|\bknown\s+as|\b(?:the|a|its|his|her|their)\s+"
    r"(?:nickname|term|phrase|word|label|hashtag|slogan|motto)(?:\s+(?:of|is|was|often\s+used\s+is))?"
    r"|\b(?:terms|words|phrases)\s+(?:such\s+as|like))\s*,?\s*(?:(?:the|a|an)\s+)?[\"“‘'`]*$",
    re.IGNORECASE,
)
# A passive naming verb: its subject is the thing named, not one who names it ('it has been dubbed "salt fever"')
PASSIVE_NAMING_RE = re.compile(
    r"(?:\b(?:is|was|are|were|been|being)|\bwhat['’]s|\bwhat\s+(?:is|was)(?:\s+now|\s+today)?)\s+"
    r"(?:(?:[a-z]+ly|also|instead|often|today|now)\s+){0,2}"
    r"(?:dubbed|nicknamed|called|named|termed|labell?ed|branded|(?:portrayed|characterized)\s+(?:[a-z]+ly\s+)?as"
    r"(?:\s+(?:an?\s+)?(?:[a-z]+\s+(?:or|and)\s+)?)?)\s*,?\s*(?:(?:the|a|an)\s+)?[\"“‘'`]*$"
    # the same after a thing named with 'a' inside a sentence (not its subject, 'A spokesman called "..."'): 'both
    # oppose an inflation formula called the "chained CPI"'
    r"|(?<=[a-z,] )(?:a|an)\s+(?:[a-z][\w-]*\s+){0,3}(?:dubbed|nicknamed|called|named)\s+(?:the\s+)?[\"“‘'`]*$"
)
# An active naming verb with its object before a term: the subject says it ('called him a "moderate,"', 'calling it a
# "no-brainer"', 'having referred to him as a "reformer."'); not a thing named ('a group called the "X"')
CALLED_OBJECT_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:call(?:s|ed|ing)?|dub(?:s|bed|bing)|label(?:s|l?ed|l?ing)|brand(?:s|ed|ing)|refer(?:s|red|ring)\s+to|"
    r"describ(?:es|ed|ing)|dismiss(?:es|ed|ing)|portray(?:s|ed|ing)?|characteriz(?:es|ed|ing))\s+"
    r"(?:him|her|it|them|us|me|you|himself|herself|itself|themselves|this|these|those"
    r"|(?:the|his|her|their|its)\s+(?:[\w'’-]+\s+){0,2}[\w'’-]+)\s+"
    r"(?:[a-z]+ly\s+)?(?:as\s+)?(?:(?:a|an|the)\s+)?(?:part\s+of\s+the\s+)?[\"“‘'`]*$"
)
# the agent named after the quote: 'was branded "the worst landlord" yesterday by a judge'
BY_AGENT_AFTER_RE = re.compile(r"[^.;:!?\"“”\n]{0,30}?\bby\s+(?!the\s+(?:time|end|way)\b)\w")
# A passive naming or verdict verb right before a quote ('was branded a "', ', often labeled as a "'): its subject is
# the thing named, and the agent after the quote speaks ('... "witch hunt" by Democrats')
PASSIVE_NAMED_BEFORE_RE = re.compile(
    r"(?:(?<![\w'’-])(?:is|was|are|were|been|being|be)|[,;—–(])[^\S\n]+(?:(?:[a-z]+ly|also|often|now|once|even)[^\S\n]+){0,2}"
    r"(?P<verb>dubbed|nicknamed|called|named|termed|labell?ed|branded|described|dismissed|derided|denounced|decried|"
    r"ridiculed|hailed|lauded|praised|criticized|criticised)"
    r"(?:[^\S\n]+as)?[^\S\n]*,?[^\S\n]*(?:(?:the|a|an)[^\S\n]+)?[\"“‘'`]*\Z"
)
AGENT_PEOPLE_RE = re.compile(r"[^\S\n]+(?:[a-z]+men|[a-z]+women|people|troops|soldiers|officials|critics|fans|residents|locals)\b")
AGENT_OF_RE = re.compile(r"[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?([a-z][\w-]*)(?![\w'’-])")
BY_AGENT_RE = re.compile(r"[^\S\n]*,?[^\S\n]*(?:(?:[a-z]+ly|also|often|even|mostly|mainly)[^\S\n]+)?by[^\S\n]+(?!the\s+(?:time|end|way)\b)")
TITLE_AFTER_RE = re.compile(
    r"\s*(?:star|stars|host|co-host|actor|actress|author|creator|producer|writer|director|showrunner|singer)\b"
    r"|\s*,?\s*(?:on\s+[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,2}\s*,\s*)?(?:(?:is|was|as)\s+)?"
    r"(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){0,3}(?:book|biography|memoir|novel|movie|film|series|show|program|"
    r"programme|play|song|album|documentary|sitcom|drama|comedy|musical|column|podcast|newsletter|adaptation|remake|"
    r"sequel)\b"
    r"|\s*,?\s*on\s+[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,2}\s*,\s*(?:a|an)\s+(?:[\w-]+\s+){0,3}(?:channel|network)\b"
    r"|\s*,?\s*by\s+(?:(?:[A-Z][a-z]+|[A-Z]\.(?:\s?[A-Z]\.)*)\s+){1,2}[A-Z][a-z]+\b(?!\s+(?:said|says|told|wrote|writes))"
    # what is said of a work: '"The Big Short" was nominated for a best picture Oscar', '"Back to the Future" (1985)'
    r"|\s*,?\s*(?:(?:was|were|is|has\s+been|had\s+been)\s+(?:nominated|released|published|broadcast|canceled|cancelled|"
    r"renewed|adapted|staged|screened)|premiered|premieres|debuted|debuts|airs|aired)\b"
    r"|\s*\(\d{4}\)"
)
LABEL_RE = re.compile(
    r"(?:^|[-—–―]\s|\.\s|[\"”]\s)\s*((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]*[A-Za-z])\s*:\s*$"
    r"|^\s*((?:[A-Z][a-z]+\s+)(?:[a-z]+\s+){0,4}(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]*[a-z])\s*:\s*$"
)
WORD_RE = re.compile(r"[^\W_][\w'’.-]*")
# ', and Ms. Acosta said', ', while Okafor said': a new clause with its own subject
COORDINATION_RE = re.compile(r"(?:,\s+(?:and|but|while|whereas)|;)\s+(?=[A-Z])")
# A clause joined after a reported fragment, with its own subject: '"glow in the dark," for instance, and Trump vowed'
JOINED_SUBJECT_RE = re.compile(r",[^\S\n]*(?:and|but|while|whereas)[^\S\n]+(?=[A-Z])")  # (not 'Mr and Mrs Roe claimed')
CONTRAST_RE = re.compile(r",\s+(?:while|whereas)\b")
OF_BEFORE_RE = re.compile(r"\b(?:of|\d+%|percent)\s+$")  # '22% of Democratic claims': a noun after 'of'
SUBORDINATE_AFTER_RE = re.compile(
    r"[\s,\u00a0]*(?:when|whenever|while|after|before|because|since|if|although|though|until|unless|whereas)\s"
)
# a clause joined after the quotation: '“Hello”, and a few seconds later his phone rang and he disappeared'
COORDINATED_AFTER_RE = re.compile(r"[\s,\u00a0]*(?:and|but|or|so|yet|then)\s")
# words right before a quote nested in another: 'I said to Carl 'Stop'', 'saying: 'Pay me''
NESTED_CUE_RE = re.compile(
    rf"(?:(?<![\w-])(?:{word_alternation(REPORTING_VERBS.split('|') + ['thought', 'think', 'thinking'])})\b"
    r"[^.!?;'‘’\"“”]{0,16}|:)\s*$"
)
REPLY_CUE_RE = re.compile(r"[ \t\u00a0]*[^.!?:;,\"“”‘'\n]{1,80}:[ \t\u00a0]*[‘'\"“]")  # ' Dr Poe replied: ''
NAME_WORD_RE = re.compile(r"\b[A-Z][\w'’-]+")
# capitalised words that name no one: titles, and words opening a sentence ('Then he said:')
NOT_NAMING_WORDS = frozenset(
    "Mr Mrs Ms Miss Dr Sir Lord Lady Judge Justice QC Prof Professor Then But And So Later Earlier Asked When "
    "He She It They I We You His Her Their Its The A An This That Yesterday Today".split()
)
# a print lead opening in capitals: 'A FERRY captain was ...', 'MOORS murderer Myra Hindley is ...'
PRINT_LEAD_RE = re.compile(
    r"\s*(?:(?:A|AN|THE)\s+)?[A-Z][A-Z0-9'’-]*[A-Z]\b(?:[\s,]+[A-Z][A-Z0-9'’-]*[A-Z]\b)*,?\s+(?:[A-Z][a-z][\w'’-]*,?\s+)*[a-z0-9£]"
)
LEAD_TIME_RE = re.compile(r"\b(?:yesterday|last night)\b", re.IGNORECASE)
INTRODUCED_QUOTE_RE = re.compile(rf"(?<![\w-])(?:{word_alternation(REPORTING_VERBS.split('|'))})\b[^.!?\"“”‘']{{0,30}}[:,]\s*[‘'\"“]")
MASKED_GAP_RE = re.compile(r" {3,}")  # where a nickname was blanked (`mask_nicknames`): at least its marks and a letter
# a verb right after an -s word, which makes it a plural noun ('news reports said', 'organizations have campaigned')
REPORTING_AFTER_RE = re.compile(rf"[^\S\n]+(?=[a-z])(?:{word_alternation(REPORTING_VERBS.split('|'))})\b(?!-)")
AUXILIARY_AFTER_RE = re.compile(r"[^\S\n]+(?:have|has|had|are|were|will|would|can|could|should|may|might|must|do|did)\b")
WORD_BEFORE_VERB_RE = re.compile(r"([\w'’-]+)[^\S\n]+\Z")
SUBJECT_WORDS = frozenset("he she it they we i you who that which what this there here".split())
DASH_SPEAKER_RE = re.compile(r"^\s*[—–―-]{1,2}\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}|@\w{2,30}\b)")


@dataclass
class RawQuote:
    """A pair of marks found by the scanner, before attribution."""

    spans: list[tuple[int, int]]
    open_mark: tuple[int, int]  # offsets of the first opening mark
    close_mark: tuple[int, int]  # offsets of the last closing mark
    paragraph: int
    paragraph_start: int
    paragraph_end: int
    double: bool = True
    split_close: tuple[int, int] | None = None  # closing mark of the first part of a split quote
    term: bool = False  # a title or term the reporter names, not words said: see `merge_split_quotes`


@dataclass
class Attribution:
    """What the context says about a quote: speaker as named, cue, where the speaker was found."""

    speaker: str | None = None
    cue: str | None = None
    position: int = -1  # offset of the speaker mention
    explicit: bool = False  # found through a reporting verb, 'according to' or a label


@dataclass(frozen=True)
class Layout:
    """What the whole text says about its quotes: which line is its title, how it quotes."""

    title_line: tuple[int, int] | None = (0, 0)  # offsets of the title's line; None: the text opens with its lead
    single_style: bool = False  # the text quotes in single marks (no pair of double marks): British print


def read_layout(text: str, title: str | None = None) -> Layout:
    """The layout of an article text; `title` is its title when known (an import's or a page's)."""
    lines = [(start, end) for start, end in split_paragraphs(text[:2000]) if text[start:end].strip()][:3]
    title_line = lines[0] if lines else None
    if title and title.strip():
        # the title printed above the text (a breadcrumb such as 'News>' may come first), else none
        wanted = title_words(title)
        title_line = next((line for line in lines if reads_as_title(text, line[0], line[1], wanted)), None)
    elif title_line is not None:
        # A paper in print has no title line: its first line is the lead, a sentence of 12 words or
        # more opening in capitals ('A FERRY captain was ...') or telling when ('..., a court heard
        # yesterday.'), or one that introduces a quote with a reporting verb ('Ada Pell said: '...'').
        # No title line of PolNeAR's 924 reads so; of METER's 151 first lines of 20 words or fewer
        # (longer ones are never taken for titles) 132 open in capitals and 118 tell when, 142 in all.
        line = text[title_line[0] : title_line[1]]
        count = len(WORD_RE.findall(line))
        if (
            count >= 12 and (PRINT_LEAD_RE.match(line) and not line.isupper() or LEAD_TIME_RE.search(line))
            or count >= 8 and INTRODUCED_QUOTE_RE.search(line)
        ):
            title_line = None
    double_marks = 0
    for _ in DOUBLE_MARK_RE.finditer(text):
        double_marks += 1
        if double_marks >= 2:
            break
    return Layout(title_line=title_line, single_style=double_marks < 2)


def title_words(line: str) -> list[str]:
    """The words of a title, for comparing a line with it (marks and case aside)."""
    return [word.strip("'’.-").casefold() for word in WORD_RE.findall(line)]


def reads_as_title(text: str, start: int, end: int, wanted: list[str]) -> bool:
    """Whether `title_words(text[start:end]) == wanted`, reading the line no further than it must.

    A lead paragraph differs from the title within its first words: its other words need no reading.
    """
    count = 0
    for match in WORD_RE.finditer(text, start, end):
        if count == len(wanted) or match.group().strip("'’.-").casefold() != wanted[count]:
            return False
        count += 1
    return count == len(wanted)


def classify_mark(text: str, start: int, end: int) -> str:
    """'open', 'close' or 'both' for the double mark at text[start:end]."""
    mark = text[start:end]
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if mark in ("``", "“", "„", "‟", "«"):
        return "open" if mark != "“" else "both"
    if mark == "»":
        return "close"
    if mark == "”":
        if (before.isspace() or before in "([") and after.isalnum():
            return "both"
        if LINE_PREFIX_RE.fullmatch(text, text.rfind("\n", 0, start) + 1, start) and OPENED_WORDS_RE.match(text, end):
            # a closing mark typed for an opening one at a paragraph's start: '”Sorry Tobin, ...!!” posted Ines
            # Kowal', '” … in the case of the pier, ...,” wrote the Herald' (after a hidden direction mark, too)
            return "both"
        return "close"
    # straight mark, or two apostrophes (used for both ends by some archives)
    if before in ",.!?" and after.isupper():
        # no space on either side: 'audiences,"Katie Packer ... said' closes, 'He said,"It will' opens
        return "both"
    if before in OPEN_CONTEXT or before.isspace():
        if after.isspace():
            return "close"  # a stray mark between spaces never opens a quote
        return "open"
    if after in CLOSE_CONTEXT or after.isspace() or after in "\"'’”":
        return "close"
    if before in "\"'‘“(":
        return "open"
    return "both"


def find_marks(text: str, start: int, end: int, single: bool) -> list[tuple[int, int, str]]:
    """The quote marks of one paragraph with their roles; apostrophes and primes left out."""
    marks: list[tuple[int, int, str]] = []
    pattern = SINGLE_MARK_RE if single else DOUBLE_MARK_RE
    for match in pattern.finditer(text, start, end):
        mark_start, mark_end = match.span()
        before = text[mark_start - 1] if mark_start > start else " "
        after = text[mark_end] if mark_end < end else " "
        if single:
            if before.isalnum() and after.isalnum():
                continue  # don't, O'Brien, rock'n'roll
            if match.group() == "‘" or (match.group() == "'" and (before.isspace() or before in OPEN_CONTEXT) and after.isalpha()):
                marks.append((mark_start, mark_end, "open"))
            elif after.isspace() or after in CLOSE_CONTEXT or mark_end == end:
                if before.isspace():
                    continue
                marks.append((mark_start, mark_end, "close"))
            continue
        if match.group() == "'.'":
            marks.append((mark_start, mark_end, "close"))
            continue
        if match.group() == "'''":
            # a nested single mark next to two apostrophes: ''...word''' closes, '''word opens
            if after.isalnum():
                mark_end = mark_start + 2
            else:
                mark_start += 1
        if match.group() in ('"', "“") and after == "“" and (before.isspace() or before in OPEN_CONTEXT):
            continue  # '"“You don’t win ...”', '““Radical ...”': one opening mark typed twice
        if match.group() == '"' and before.isdigit() and (after.isspace() or after in ",.;)"):
            if mark_start >= 2 and text[mark_start - 2 : mark_start].count("'") + text[max(start, mark_start - 6) : mark_start].count("'"):
                continue  # 6'2" : a prime
        marks.append((mark_start, mark_end, classify_mark(text, mark_start, mark_end)))
    return marks


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: lines separated by newlines."""
    paragraphs = []
    position = 0
    for line in text.split("\n"):
        paragraphs.append((position, position + len(line)))
        position += len(line) + 1
    return paragraphs


def closes_first(text: str, start: int, end: int, single: bool) -> bool:
    """Whether the first mark of a short paragraph closes a quote (a quote broken over two lines)."""
    marks = find_marks(text, start, min(end, start + 600), single)
    return bool(marks) and marks[0][2] == "close"


def is_signed_inside(text: str, start: int, end: int, single: bool) -> bool:
    """Whether a line closing a quote carried over a line break is only its speaker's name, with the closing mark
    after it: a pull quote signed inside its marks ('"We will win.\nJane Roe, Harborton."')."""
    marks = find_marks(text, start, end, single)
    if not marks:
        return False
    match = SIGNED_INSIDE_RE.fullmatch(text, start, marks[0][0])
    return (
        match is not None and is_person_line(match.group(1)) and is_person_name_words(match.group(1))
        and not text[marks[0][1] : end].strip()
    )


def starts_with_opening(text: str, start: int, end: int, single: bool) -> tuple[int, int] | None:
    """The opening mark that starts a paragraph (a multi-paragraph quote continues), if any."""
    position = start
    while position < end and text[position].isspace():
        position += 1
    if position >= end:
        return None
    if text.startswith("``", position):
        return (position, position + 2)
    char = text[position]
    if single:
        if char in "‘'":
            return (position, position + 1)
        return None
    if char in "“„‟«\"":
        return (position, position + 1)
    return None


def scan_quotes(text: str) -> list[RawQuote]:
    """Pair quote marks paragraph by paragraph; an unclosed mark never swallows the rest of the text."""
    paragraphs = split_paragraphs(text)
    quotes: list[RawQuote] = []
    index = 0
    pending: RawQuote | None = None  # a multi-paragraph quote still open
    broken_line = False  # the pending quote goes on over a line break without an opening mark
    has_double = [False] * len(paragraphs)
    single_mode = [False] * len(paragraphs)
    for number, (start, end) in enumerate(paragraphs):
        segment = text[start:end]
        has_double[number] = DOUBLE_MARK_RE.search(segment) is not None
        if ("‘" in segment or " '" in segment or segment.startswith("'")) and (
            not has_double[number] or doubles_within_single(text, start, end)
        ):
            single_mode[number] = True
    while index < len(paragraphs):
        start, end = paragraphs[index]
        carried = pending
        pending = None
        # a paragraph with no double marks goes on with the single marks of the quote it continues
        single = single_mode[index] or (carried is not None and not carried.double and not has_double[index])
        marks = find_marks(text, start, end, single)
        open_at: tuple[int, int, str] | None = None
        if carried is not None:
            opening = starts_with_opening(text, start, end, single)
            if broken_line:
                open_at = (start, start, "open")  # the quote goes on over a line break, with no mark
            elif opening is None:
                carried = None
            else:
                marks = [mark for mark in marks if mark[0] != opening[0]]
                open_at = (opening[0], opening[1], "open")
        was_broken, broken_line = broken_line, False
        following: tuple[int, bool, bool] | None = None  # the next paragraph, read only when needed
        if single and marks:
            following = next_paragraph(text, paragraphs, index, single, single_mode, has_double, was_broken)
            marks = resolve_single_marks(text, marks, start, end, open_at is not None, following[1] or following[2])
        nested_until = -1  # the closing mark of a quote nested in the open one, in the same marks
        for number, (mark_start, mark_end, role) in enumerate(marks):
            if number <= nested_until:
                continue  # the nested quote's marks are words of the quote around it
            if open_at is None:
                if role in ("open", "both", "reopen"):
                    open_at = (mark_start, mark_end, role)
                elif not single and RIGHT_MARK_OPENING_RE.match(text, mark_start - 12 if mark_start - 12 > start else start, mark_end + 2):
                    open_at = (mark_start, mark_end, "open")  # 'He says,” there are ...”': a right mark typed to open
                continue
            if role == "reopen":
                # 'A. 'B.': a paragraph break lost in print; the quotation goes on with a new part
                part = (open_at[1], mark_start)
                if carried is None:
                    carried = RawQuote([], (open_at[0], open_at[1]), (mark_start, mark_start), index, start, end, not single)
                carried.spans.append(part)
                open_at = (mark_start, mark_end, "open")
                continue
            opener = text[open_at[0] : open_at[1]]
            closes = role in ("close", "both") or (opener == "„" and text[mark_start:mark_end] == "“")
            if not single and nests_quote(text, marks, number):
                nested_until = number + 1  # 'tweeted, "Police say he shouted "Stop!" as he ran."'
                continue
            if not closes:
                carried = None  # an opening mark while open: the earlier mark was stray
                open_at = (mark_start, mark_end, role)
                continue
            if mark_start == open_at[1]:
                open_at = None
                carried = None
                continue
            span = (open_at[1], mark_start)
            if carried is not None:
                carried.spans.append(span)
                carried.close_mark = (mark_start, mark_end)
                quotes.append(carried)
                carried = None
            elif mark_start - open_at[1] <= MAX_QUOTE_LENGTH:
                quotes.append(
                    RawQuote([span], (open_at[0], open_at[1]), (mark_start, mark_end), index, start, end, not single)
                )
            open_at = None
        if open_at is not None:
            part = (open_at[1], end)
            if following is None:
                following = next_paragraph(text, paragraphs, index, single, single_mode, has_double, was_broken)
            next_index, next_opens, next_closes = following
            if next_closes and is_signed_inside(text, *paragraphs[next_index], single):
                # the line closing it is the name of its speaker, not words of the quote: it ends here
                if carried is None:
                    carried = RawQuote([], (open_at[0], open_at[1]), (end, end), index, start, end, not single)
                carried.spans.append(part)
                carried.close_mark = (end, end)
                quotes.append(carried)
            elif (
                index + 1 < len(paragraphs)
                and text[part[0] : part[1]].strip()
                and next_index < len(paragraphs)
                and (next_opens or next_closes)
            ):
                if carried is None:
                    carried = RawQuote([], (open_at[0], open_at[1]), (end, end), index, start, end, not single)
                if len(carried.spans) < MAX_PARAGRAPHS:
                    carried.spans.append(part)
                    pending = carried
                    broken_line = next_closes
                    index = next_index
                    continue
            elif (lost_end := loses_closing_mark(text, open_at, start, end, carried is not None, single)) is not None:
                # 'A spokesman said: 'He has a lot to answer for.' with its closing mark lost in print
                if carried is None:
                    carried = RawQuote([], (open_at[0], open_at[1]), (lost_end, lost_end), index, start, end, not single)
                carried.spans.append((open_at[1], lost_end))
                carried.close_mark = (lost_end, lost_end)
                quotes.append(carried)
        index += 1
    quotes = [quote for quote in quotes if not (quote.open_mark[0] > 0 and text[quote.open_mark[0] - 1] == "=")]
    for quote in quotes:
        quote.spans = [trim_span(text, span) for span in quote.spans]
        quote.spans = [span for span in quote.spans if span[1] > span[0]]
    return [quote for quote in quotes if quote.spans]


def nests_quote(text: str, marks: list[tuple[int, int, str]], number: int) -> bool:
    """Whether the double mark at marks[number], while a quote is open, opens a quote nested in it: it opens (a
    left curly mark before a word, too), and the next two marks both close, the nested quote's and the outer one's."""
    mark_start, mark_end, role = marks[number]
    opens = role == "open" or (role == "both" and text[mark_start:mark_end] == "“" and text[mark_end : mark_end + 1].isalnum())
    following = [following_role for _, _, following_role in marks[number + 1 : number + 3]]
    return opens and following == ["close", "close"]


def next_paragraph(
    text: str,
    paragraphs: list[tuple[int, int]],
    index: int,
    single: bool,
    single_mode: list[bool],
    has_double: list[bool],
    was_broken: bool,
) -> tuple[int, bool, bool]:
    """The next non-empty paragraph's index, whether it opens with a mark, and whether its first mark closes.

    A quote still open at the end of a paragraph goes on when the next non-empty paragraph opens with
    a mark (a multi-paragraph quote), or over a line break when the next line closes it without
    opening one; otherwise the mark was stray.
    """
    next_index = index + 1
    while next_index < len(paragraphs) and not text[slice(*paragraphs[next_index])].strip():
        next_index += 1
    if next_index >= len(paragraphs):
        return next_index, False, False
    next_single = single_mode[next_index] or (single and not has_double[next_index])
    if starts_with_opening(text, *paragraphs[next_index], next_single) is not None:
        return next_index, True, False
    closes = not was_broken and next_index == index + 1 and closes_first(text, *paragraphs[next_index], next_single)
    return next_index, False, closes


def doubles_within_single(text: str, start: int, end: int) -> bool:
    """Whether a paragraph's double marks quote inside a single-marked quote: 'She said: 'I thought "Oh God".''."""
    doubles = [match.span() for match in DOUBLE_MARK_RE.finditer(text, start, end)]
    if len(doubles) % 2:
        return False
    singles = find_marks(text, start, end, True)
    before = [role for mark_start, _, role in singles if mark_start < doubles[0][0]]
    after = [role for mark_start, _, role in singles if mark_start >= doubles[-1][1]]
    return bool(before) and before[-1] == "open" and bool(after) and after[0] == "close"


def loses_closing_mark(
    text: str, open_at: tuple[int, int, str], start: int, end: int, carried: bool, single: bool = True
) -> int | None:
    """Where a quote left open at the end of its paragraph ends, its closing mark lost in print, if it does: in single
    marks it goes on from the paragraph before or a cue introduces it ('said: ''), in double marks a newsletter's
    'More from Roe: "' or a split quote's cue ('," said Roe. "') does; and its last sentence ends (before a bracketed
    source: '... it. [Courant.]')."""
    source = BRACKETED_SOURCE_RE.search(text, open_at[1], end) if not single else None
    quote_end = source.start() if source else end
    if not single and not carried and not text[start : open_at[0]].strip():
        # a paragraph opening with the mark, its closing one lost before an inverted cue: '"There wasn't a lot of
        # education, said Kessel, whose group ...' (the quote ends at the cue's comma)
        cue = LOST_MARK_CUE_RE.search(text, open_at[1], quote_end)
        if cue is not None and len(WORD_RE.findall(text, open_at[1], cue.start())) >= 4:
            return cue.start()
    words = text[open_at[1] : quote_end].rstrip()
    if len(WORD_RE.findall(words)) < 4 or not words.endswith((".", "!", "?", "…")):
        return None
    before_start = max(start, open_at[0] - 80)
    if single and (carried or NESTED_CUE_RE.search(text, max(start, open_at[0] - 40), open_at[0]) is not None):
        return open_at[1] + len(words)
    if not single and (
        SPLIT_CUE_BEFORE_RE.search(text, before_start, open_at[0]) is not None
        or open_at[0] - start <= 200 and MORE_FROM_RE.search(text[start : open_at[0]]) is not None
    ):
        return open_at[1] + len(words)  # (in double marks, a quote going on with no mark is the commoner slip)
    return None


def resolve_single_marks(
    text: str, marks: list[tuple[int, int, str]], start: int, end: int, open_at_start: bool, goes_on: bool
) -> list[tuple[int, int, str]]:
    """One paragraph's single marks read as one level of quotation, for the pairing of `scan_quotes`.

    Single marks are apostrophes too, and a quote in single marks nests its quotes in the same marks:
    - a closing mark after a letter and before a word ('the victims' families') is a possessive when
      the closing marks after it, up to the next opening, are enough for the quotes still open;
    - an opening mark while a quote is open nests ('I said 'oy', and left.') when closing marks
      remain for both; its marks become words of the outer quote;
    - else, right after a sentence ('... misfortune. 'I have been ...'), it starts a new part of the
      same quotation ('reopen'): a paragraph break lost in print;
    - else, after a nested quote closed ('saying 'pay me?' Dr Roe replied: 'No.''), that nested
      quote's mark closed the outer one too; so does the last mark of a paragraph whose quote
      does not go on (`goes_on`) when a nested quote closed there ('... said 'Can we?'').
    """
    count = len(marks)
    weak = [False] * count  # a closing mark between a letter and a word
    for number, (mark_start, mark_end, role) in enumerate(marks):
        if role == "close" and mark_start > start and text[mark_start - 1].isalnum():
            weak[number] = mark_end + 1 < end and text[mark_end] in " \u00a0" and text[mark_end + 1].isalnum()
    # from the end: closing marks before the next opening mark (strong ones), and the balance of
    # closing over opening marks (a possessive-like 's' word' not counted)
    strong_until_open = [0] * count
    balance_after = [0] * count
    strong, balance = 0, 0
    for number in range(count - 1, -1, -1):
        strong_until_open[number], balance_after[number] = strong, balance
        mark_start, mark_end, role = marks[number]
        if role == "open":
            strong, balance = 0, balance - 1
        else:
            strong += not weak[number]
            balance += not (weak[number] and text[mark_start - 1] in "sS" and text[mark_end + 1].islower())
    resolved: list[list] = []  # [start, end, role, kept]
    stack: list[int] = [-1] if open_at_start else []  # indices in `resolved` of the open quotes' marks
    nested_close: int | None = None  # the last mark, when it closed a nested quote
    for number, (mark_start, mark_end, role) in enumerate(marks):
        if role == "close":
            if not stack:
                resolved.append([mark_start, mark_end, "close", True])
            elif weak[number] and text[mark_start - 1] in "sS" and strong_until_open[number] >= len(stack):
                continue  # 'the victims' families': a possessive inside the quote
            else:
                opener = stack.pop()
                resolved.append([mark_start, mark_end, "close", not stack])
                if stack:
                    resolved[opener][3] = False  # a nested quote: its marks are words of the outer one
                    nested_close = len(resolved) - 1
                    continue
            nested_close = None
            continue
        if not stack:
            resolved.append([mark_start, mark_end, "open", True])
            stack.append(len(resolved) - 1)
            nested_close = None
            continue
        balance = balance_after[number]
        after_sentence = re.search(r"[.!?…][’'\"”)]?$", text[max(start, mark_start - 6) : mark_start].rstrip()) is not None
        if nested_close is not None and not after_sentence and balance <= 1:
            # 'saying 'pay me?' Dr Roe replied: 'No.'': the nested quote closed the outer one
            resolved[nested_close][3] = True
            stack = []
        elif after_sentence and balance <= 1:
            for opener in stack[1:]:
                resolved[opener][3] = False
            resolved.append([mark_start, mark_end, "reopen", True])
            stack = stack[:1]
            nested_close = None
            continue
        elif balance >= 2 or (
            balance == 1
            and (goes_on or (opens_quote(text, start, resolved, stack[0]) and NESTED_CUE_RE.search(text, max(start, mark_start - 40), mark_start)))
        ):
            # one closing mark left for two quotes: the outer one goes on in the next paragraph, or
            # a nested quote ends it ('She said: 'He asked 'Can we?''), not a stray mark ('under 'the NHS ...
            # not 'always be', 'hit in the shoulder 'wrestled him ... He told the court: 'She had been drinking.'')
            resolved.append([mark_start, mark_end, "open", True])
            stack.append(len(resolved) - 1)
            nested_close = None
            continue
        else:
            stack = []  # no mark after it closes anything: the earlier mark was stray
        resolved.append([mark_start, mark_end, "open", True])
        stack.append(len(resolved) - 1)
        nested_close = None
    if stack and not goes_on:
        if nested_close is not None and not text[resolved[nested_close][1] : end].strip(" .,;:!?…\u00a0"):
            resolved[nested_close][3] = True  # '... and said 'Can we have it?'': one mark closed both
        else:
            for mark in resolved[stack[0] + 1 :]:
                mark[3] = True  # the outer quote is dropped unclosed: the quotes inside it stand
    return [(mark_start, mark_end, role) for mark_start, mark_end, role, kept in resolved if kept]


def opens_quote(text: str, start: int, resolved: list[list], opener: int) -> bool:
    """Whether an opening single mark stands where quotes open: a paragraph's start, a sentence's, after a cue."""
    if opener < 0:
        return True  # the quote goes on from the paragraph before
    mark_start = resolved[opener][0]
    before = text[max(start, mark_start - 40) : mark_start].rstrip()
    return not before or before[-1] in ".!?:" or NESTED_CUE_RE.search(before) is not None


def trim_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Drop surrounding whitespace from a span."""
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end)


@functools.lru_cache(maxsize=8)
def sentence_bounds(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the sentence-ending punctuation runs of a text, in order."""
    starts, ends = [], []
    for match in SENTENCE_END_RE.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
    return starts, ends


def sentence_start(text: str, floor: int, position: int) -> int:
    """Offset where the sentence holding `position` starts (not before `floor`, nor 400 characters back)."""
    ends = sentence_bounds(text)[1]
    index = bisect.bisect_right(ends, position) - 1
    last = ends[index] if index >= 0 else 0
    return max(floor, position - 400, last)


def sentence_end(text: str, position: int, ceiling: int) -> int:
    """Offset where the sentence holding `position` ends (not after `ceiling`, nor 400 characters on)."""
    starts, ends = sentence_bounds(text)
    limit = min(ceiling, position + 400)
    index = bisect.bisect_left(starts, position)
    if index < len(starts) and ends[index] <= limit:
        return starts[index] + 1
    return limit


def quote_text(text: str, spans: list[tuple[int, int]]) -> str:
    """The printed words of a quote: parts joined by one space."""
    return " ".join(text[start:end] for start, end in spans)


def end_without_space(text: str, start: int, end: int) -> int:
    """Where text[start:end] ends once trailing whitespace is left out (`start` if it is all space), read in place.

    Rules asked this of the paragraph before or holding every quote; a copy of it each time made a
    paragraph of thousands of quotations cost the square of its length.
    """
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def last_char_before(text: str, start: int, end: int) -> str:
    """The last character of text[start:end] that is not whitespace ('' if none)."""
    position = end_without_space(text, start, end)
    return text[position - 1] if position > start else ""


# What may stand beside a quote alone in its paragraph (matched in place, not on a copy of the paragraph)
BLANK_OR_DOTS_RE = re.compile(r"[ .]*")
BLANK_OR_DOTS_NBSP_RE = re.compile(r"[ .\u00a0]*")


def only_beside(pattern: re.Pattern[str], text: str, quote: RawQuote) -> bool:
    """Whether the quote's paragraph holds nothing but what `pattern` matches before and after its marks."""
    return (
        pattern.fullmatch(text, quote.paragraph_start, quote.open_mark[0]) is not None
        and pattern.fullmatch(text, quote.close_mark[1], quote.paragraph_end) is not None
    )


def within_sentence(text: str, quote: RawQuote) -> bool:
    """Whether words of the reporter's sentence come right before the quote ('... because "I do not see'."""
    return last_char_before(text, quote.paragraph_start, quote.open_mark[0]).isalnum()


def invites_cue_after(text: str, quote: RawQuote, words: str) -> bool:
    """Whether a cue may follow the closing mark: '"...," he said' but not 'he "cannot walk" without'; a quotation
    closing inside it ends it too ('"... was 'helping my husband,'" Anthony says')."""
    stripped = words.rstrip().rstrip("'’").rstrip()
    if stripped.endswith((",", "?", "!", "—", "–", "―", "-", "…", "...")):
        return True
    after = text[quote.close_mark[1] : quote.close_mark[1] + 3].lstrip(" \u00a0")
    if after.startswith((",", "—", "–", "―")):
        return True
    if stripped.endswith(".") and PERIOD_CUE_RE.match(text, quote.close_mark[1], quote.close_mark[1] + 60):
        return True  # '"... are missing." Trump said.'  (a comma printed as a period)
    return not stripped.endswith(".") and len(WORD_RE.findall(stripped)) >= 4 and is_standalone(text, quote, words)


DASH_BEFORE_RE = re.compile(r"\s[—–―-]{1,2}[^\S\n]*\Z")
DASH_AFTER_RE = re.compile(r"[^\S\n]*[—–―-]{1,2}\s")


def is_dashed_aside(text: str, quote: RawQuote) -> bool:
    """Whether a quotation stands between dashes inside its sentence ('When Marsh wrapped up — "..." — the balloons
    cascaded'): an aside of the clause before it, whose speaker is no subject of the verb after it."""
    open_start = quote.open_mark[0]
    return bool(
        DASH_BEFORE_RE.search(text, max(quote.paragraph_start, open_start - 4), open_start)
        and DASH_AFTER_RE.match(text, quote.close_mark[1], quote.paragraph_end)
    )


def attribute_dashed_aside(text: str, quote: RawQuote, index: SpeakerIndex) -> Attribution | None:
    """The person whose clause a quotation between dashes interrupts: 'When Marsh finally wrapped up — "..." —'."""
    open_start = quote.open_mark[0]
    start = sentence_start(text, quote.paragraph_start, open_start)
    opening = ASIDE_OPENING_RE.match(text, start, open_start)
    found = index.read_name(text, opening.end() if opening else start, open_start)
    words = found[0].split() if found else []
    if not words or found[0].casefold() in PRONOUN_WORDS or not all(word[:1].isupper() for word in words):
        return None  # (not "Bill Clinton's stock answer then — "..." —": an owner's words, no one speaking)
    if words[-1].endswith(("'s", "’s")) or (not is_person_name(words) and index.resolve(found[0], found[1]) is None):
        return None
    return Attribution(found[0], None, found[1], False)


ASIDE_OPENING_RE = re.compile(r"\s*(?:(?:When|While|As|After|Before|Although|Though|Once|Until|And|But|Then|Finally)\s+)+")


CUE_BEFORE_RE = re.compile(rf"(?<![\w-])(?:{word_alternation(REPORTING_VERBS.split('|'))})\b[^.!?\"“”‘'\n]{{0,80}}[:,][ \t\u00a0]*\Z")
QUESTION_END_RE = re.compile(r"[?!][’'\"”]*\s*\Z")
NEXT_SENTENCE_RE = re.compile(r"[ \t\u00a0]+[\"“]?[A-Z]")


def ends_introduced_question(text: str, quote: RawQuote) -> bool:
    """Whether a question or an exclamation a cue introduces ('Vale was asked, "Is it late?"', 'telling her, "You are
    a star!"') is followed by the next sentence ('She answered, ...'): the cue after it is not its own."""
    last = text[quote.spans[-1][0] : quote.spans[-1][1]]
    if not QUESTION_END_RE.search(last) or not NEXT_SENTENCE_RE.match(text, quote.close_mark[1], quote.paragraph_end):
        return False
    start = sentence_start(text, quote.paragraph_start, quote.spans[0][0] - 1)
    return CUE_BEFORE_RE.search(text, max(start, quote.open_mark[0] - 120), quote.open_mark[0]) is not None


def reports_before(text: str, quote: RawQuote) -> bool:
    """Whether a reporting or naming verb of the quote's sentence comes before it, with no other quote between."""
    open_start = quote.open_mark[0]
    sentence = sentence_start(text, quote.paragraph_start, open_start)
    return any(
        not QUOTE_MARK_RE.search(text, verb.end(), open_start) for verb in find_verbs(ANY_VERB_RE, text, sentence, open_start)
    )


def attribute_cue_sentence(text: str, quote: RawQuote, index: SpeakerIndex) -> Attribution | None:
    """'"... regulators." company spokesman Tobias Renn said on Monday.': a sentence that only names the speaker."""
    attribution = person_opening_next_sentence(text, quote, index)
    if attribution is None:
        return None
    verb = VERB_RE.search(text, attribution.position + len(attribution.speaker), quote.paragraph_end)
    if verb is None:
        return None
    # nothing after the cue but its tail ('on Monday', 'told the Courant'): the sentence ends there
    rest = verb.end()
    if TOLD_RE.fullmatch(verb.group()):
        listener = TOLD_OBJECT_RE.match(text, rest, quote.paragraph_end)
        rest = len(listener.group().rstrip(".")) + rest if listener else rest  # 'told the Courant.'
    tail = CUE_TAIL_RE.match(text, rest, quote.paragraph_end)
    rest = tail.end() if tail else rest
    if not CUE_SENTENCE_END_RE.match(text, rest, quote.paragraph_end):
        return None
    return attribution


def person_opening_next_sentence(text: str, quote: RawQuote, index: SpeakerIndex) -> Attribution | None:
    """A person named at the start of the sentence after the closing mark, as the subject of a reporting verb."""
    close_end = quote.close_mark[1]
    attribution = attribute_after(text, close_end, quote.paragraph_end, index)
    if attribution is None or attribution.speaker is None or attribution.cue is None:
        return None
    if not CUE_SENTENCE_START_RE.fullmatch(text, close_end, attribution.position):
        return None  # the speaker opens the sentence, after at most a few lower-case words ('company spokesman')
    if not VERB_RE.fullmatch(attribution.cue.split()[0]):
        return None
    person = index.resolve_person(attribution.speaker, attribution.position)
    if person is None or not is_person_name(person.name.split()) or (
        " " not in person.name and person.name.casefold() not in index.by_token
    ):
        return None  # a person: a full name, or a surname the article gives in full somewhere
    return attribution


def ends_open(words: str) -> bool:
    """Whether quoted words end mid-sentence (", he said, ..." may follow)."""
    stripped = words.rstrip()
    return not stripped.endswith((".", "…")) or stripped.endswith("...")


def attribute_after(
    text: str, close_end: int, paragraph_end: int, index: SpeakerIndex, *, reported: bool = False
) -> Attribution | None:
    """A cue right after a closing mark: '," Smith said', '," said Smith, a Democrat', '," according to X'.

    reported=True: a verb of the quote's own sentence reports it already. Then a verb outside the
    lexicon goes on with the sentence ('called it "racist," an indictment that generated ...') and a
    verb before a colon and a quotation introduces that one ('After Scalia said ... "less advanced
    schools," Trump said: "..."'); neither is the cue.
    """
    limit = min(paragraph_end, close_end + 320)
    window = text[close_end:limit]
    stop = CLAUSE_STOP_RE.search(window)
    while stop is not None and "," in window[: stop.start()] and (term := QUOTED_TERM_RE.match(window, stop.start())):
        # '," Texas delegate X, wearing a hat and "Ted Cruz" campaign pins, said': a term quoted inside an apposition
        stop = CLAUSE_STOP_RE.search(window, term.end())
    clause = window[: stop.start()] if stop else window
    if not clause.strip() or not re.match(r"^\s*[,—–―-]?\s*\S", clause):
        return None
    if SUBORDINATE_AFTER_RE.match(clause):
        return None  # '"That makes me smart," when Clinton blasted him': a clause of the sentence, not a cue
    if reported and COORDINATED_AFTER_RE.match(clause):
        # 'Trump, who has called the pact "insanity," and Sanders, who says': a verb before the quote reports it,
        # the clause joined after it is the sentence's next
        return None
    match = ACCORDING_TO_RE.match(clause.lstrip(" ,"))
    if match:
        offset = close_end + clause.find(match.group()) + match.end()
        speaker = index.read_name(text, offset, limit)
        if speaker:
            return Attribution(speaker[0], "according to", speaker[1], True)
    dash = DASH_SPEAKER_RE.match(clause)
    if dash and not VERB_RE.search(clause):
        return Attribution(dash.group(1).strip(), "—", close_end + dash.start(1), True)
    verb = VERB_RE.search(clause) or CAPITALISED_VERB_RE.search(clause)  # '," Murphy Tweeted on Friday'
    if verb is None:
        if reported or COORDINATED_AFTER_RE.match(clause):
            return None  # (an unlisted verb of a clause joined by 'and' goes on with the story, not a cue)
        # '," the Republican nominee riffed' / '," remembered Roy Verley': an unlisted verb in the past tense
        verb = PAST_TENSE_RE.search(clause, 0, 70)
        if verb is None or not clause[: verb.start()].strip(" ,"):
            verb = LEADING_PAST_TENSE_RE.match(clause)
            if verb is None or index.read_name(text, close_end + verb.end(), limit) is None:
                return None
    group = verb.lastindex or 0
    if is_plural_noun_of(clause, verb.start(group), verb.end(group)):
        return None  # '," Clinton had a good night, winning the key states of Florida': no one's cue
    before_verb = clause[: verb.start(group)]
    aside = "," in before_verb.strip(" ,")
    institution = INSTITUTION_TAIL_RE.search(before_verb) if len(before_verb) > 90 and not aside else None
    if len(before_verb) > (240 if aside else 160 if institution else 90):
        return None  # (longer when an institution's name ends them: '," nuclear experts A and B of Washington's
        # Institute for Science and International Security wrote', whose subject comes before it)
    verb_start = close_end + verb.start(group)
    verb_end = close_end + verb.end(group)
    if reported and INTRODUCES_NEXT_RE.match(text, verb_end, paragraph_end):
        return None
    if reported and JOINED_SUBJECT_RE.search(before_verb):
        return None  # '"glow in the dark," for instance, and Trump vowed': the next clause's subject and verb
    if before_verb.strip(" ,\u00a0"):
        listened = VERB_RE.match(text, verb_start)
        if listened is not None and hears_words(text, close_end, listened):
            # '"Is it late?" Vale was asked.': the asker's words, the one 'by' names, if any
            return passive_agent(text, listened, limit, index) or Attribution(None, listened.group(), -1, True)
        # '," Smith, a Democrat, said' / '," he said'
        subject = find_subject(text, close_end, verb_start, index)
        if subject and text[verb_start:verb_end] in NOUN_LIKE_VERBS and follows_of(text, close_end, subject[1]):
            return None  # '," compared to 11% of Democratic claims': a noun, not a cue
        leading = LEADING_NAME_RE.match(clause)
        if leading is not None and leading.end() <= verb.start(group) and (
            subject is None or (RELATIVE_RE.search(clause, leading.end(), verb.start(group)) and "," not in clause[leading.end() : verb.start(group)])
        ):
            # '," Nate Silver, the polling guru who founded the site tweeted': the name opening the clause
            return Attribution(leading.group(1), read_cue(text, verb_start, verb_end, limit), close_end + leading.start(1), True)
        if subject is None and before_verb.rstrip(" \u00a0").endswith(",") and not TOLD_RE.fullmatch(text[verb_start:verb_end]):
            # '" in the 2008 primary, said Professor Paul Beck.': an inverted cue closing the sentence
            speaker = index.read_name(text, verb_end, limit)
            if speaker is not None and INVERTED_END_RE.match(text, speaker[1] + len(speaker[0]), limit):
                return Attribution(speaker[0], text[verb_start:verb_end], speaker[1], True)
        if subject is None or (institution is not None and subject[1] >= close_end + institution.start()):
            return None
        cue = read_cue(text, verb_start, verb_end, limit)
        return Attribution(subject[0], cue, subject[1], True)
    # '," said Smith' / '," said the mayor, who ...' / '," added Smith in a statement'
    speaker = index.read_name(text, verb_end, limit)
    if speaker is not None:
        after_speaker = speaker[1] + len(speaker[0])
        if not INVERTED_END_RE.match(text, after_speaker, limit) and after_speaker < limit:
            speaker = None  # '," said the candidate could win': the subject of the reported clause, not the speaker
    if speaker is None:
        # '," said master of ceremonies Asab Al-Tabchi,', '," said former Gov. and party chairman Ed Rendell.'
        described = DESCRIBED_NAME_RE.match(text, verb_end, limit)
        if described is None:
            return None
        return Attribution(described.group(1), text[verb_start:verb_end], described.start(1), True)
    after_speaker = speaker[1] + len(speaker[0])
    tail = CUE_TAIL_RE.match(text, after_speaker, limit)
    cue = text[verb_start:verb_end]
    if tail and tail.group().strip() and re.match(r"\s*(?:in|on|via|during|to)\b", tail.group()):
        cue = f"{cue} {tail.group().strip()}"
    return Attribution(speaker[0], cue, speaker[1], True)


def follows_of(text: str, floor: int, position: int) -> bool:
    """Whether the words at `position` follow 'of' or a share ('22% of Democratic claims'): no speaker."""
    return OF_BEFORE_RE.search(text, max(floor, position - 24), position) is not None


def read_cue(text: str, verb_start: int, verb_end: int, limit: int) -> str:
    """The cue as printed: the verb plus 'in a statement', 'on Twitter' or the object of 'told'."""
    verb = text[verb_start:verb_end]
    rest = text[verb_end:limit]
    if TOLD_RE.fullmatch(verb):
        obj = TOLD_OBJECT_RE.match(rest)
        if obj and obj.group(1).lower() not in ("that", "him", "her", "them", "me", "us", "you"):
            return f"{verb} {obj.group(1).rstrip('.,;:')}"
    match = re.match(
        r"\s+((?:in|on|during)\s+(?:a|an|the|his|her|their|its)?\s*(?:[\w-]+\s+){0,2}?"
        r"(?:statement|interview|tweet|post|letter|email|e-mail|speech|release|X|Twitter|Facebook|Instagram|"
        r"Truth Social|op-ed|memo|blog post|video|radio|television|conference))\b",
        rest,
    )
    if match:
        return f"{verb} {match.group(1)}"
    return verb


def attribute_before(text: str, quote: RawQuote, index: SpeakerIndex) -> Attribution | None:
    """A cue before the opening mark: 'Smith said: "', 'According to X, "', 'He told reporters, "'."""
    open_start = quote.open_mark[0]
    start = sentence_start(text, quote.paragraph_start, open_start)
    prefix = text[start:open_start]
    if not prefix.strip():
        return attribute_from_colon(text, quote, index)
    author = BY_AUTHOR_RE.search(prefix)
    if author is not None:
        # '"Headline," by the Gazette's Ines Okafor: "excerpt"': the article's author
        return Attribution(author.group(1), "wrote", start + author.start(1), True)
    source = SOURCE_INTRO_RE.fullmatch(prefix)
    if source is not None:
        # 'From the report: "..."', 'Here's Clinton in December 1992: "..."': the source introduced
        return Attribution(source.group(1), None, start + source.start(1), True)
    more = MORE_FROM_RE.search(prefix)
    if more is not None:
        return Attribution(more.group(1), None, start + more.start(1), True)
    opening = OPENING_VERB_RE.match(prefix)
    if opening is not None and not VERB_RE.search(prefix, opening.end()):
        # 'Said Dorothy Poynter, who grew up nearby, "..."', 'Stated Stone: "..."': a verb opening the sentence
        speaker = index.read_name(text, start + opening.end(), open_start)
        if speaker:
            return Attribution(speaker[0], opening.group(1).lower(), speaker[1], True)
    label = LABEL_RE.search(prefix)
    if label and not VERB_RE.search(prefix) and not LABEL_TITLE_RE.search(prefix, 0, label.start(label.lastindex or 1)):
        # 'Jeffrey M. Jones: "..."', 'RAMOS: "..."', '... - Philip Bump: "..."': a speaker label
        group = label.lastindex or 1
        return Attribution(label.group(group), None, start + label.start(group), True)
    trailing = TRAILING_NAME_RE.search(prefix)
    if (
        trailing is not None
        and is_person_name(trailing.group(1).split())
        and len(trailing.group(1).split()) >= 2
        and not OBJECT_BEFORE_RE.search(prefix, 0, trailing.start(1))
    ):
        # 'The timing does not surprise Republican pollster Daron Shaw: "..."': the name before the colon
        return Attribution(trailing.group(1), None, start + trailing.start(1), True)
    if prefix.rstrip().endswith(":") and not VERB_RE.search(prefix) and not MODAL_VERB_RE.search(prefix):
        # 'Perez lobbies for a higher minimum wage: "..."': the sentence's subject introduces it
        subject = index.sentence_subject(text, start, open_start, descriptions=True)
        if subject is not None:
            return Attribution(subject[0], None, start, True)
    if prefix.rstrip().endswith(",") and not ANY_VERB_RE.search(prefix) and (SHARED_RE.search(prefix) or PAST_VERB_RE.search(prefix)):
        # 'Clinton shared her anxiety with an audience at a fundraiser, "I do not know ..."'
        subject = index.sentence_subject(text, start, open_start, descriptions=False)
        if subject is not None and subject[1] is not None:
            return Attribution(subject[0], None, start, True)
    called = CALLED_OUT_RE.search(prefix)
    if called is not None:
        # 'Senator Shelley Moore Capito, Republican of West Virginia, called over her shoulder, "..."': 'called' with where
        # the words went, not naming anything
        subject = find_subject(text, start, start + called.start(), index)
        if subject is not None:
            return Attribution(subject[0], called.group("verb"), subject[1], True)
    if not re.search(r"[:,]\s*$|\b(?:that|as|saying|says|said|wrote|tweeted|added|told \w+)\s*$", prefix, re.IGNORECASE) and not re.search(r"[\w)]\s*$", prefix):
        return None
    found = attribute_poll(text, start, open_start) or attribute_owner(text, start, open_start, index)
    if found is not None:
        return found
    put = AS_PUT_IT_RE.search(prefix)
    if put is not None and is_person_name(put.group("name").split()[-2:]):
        return Attribution(put.group("name"), put.group("cue"), start + put.start("name"), True)
    verbs = find_verbs(VERB_RE, text, start, open_start)
    modal = list(MODAL_VERB_RE.finditer(text, start, open_start))  # 'a spokesman for Bernie Sanders could only quip: "'
    if modal:
        verbs = sorted(verbs + modal, key=lambda verb: verb.start())
    according = list(ACCORDING_TO_RE.finditer(text, start, open_start))
    if according:
        last = according[-1]
        speaker = index.read_name(text, last.end(), open_start)
        if speaker and (not verbs or verbs[-1].start() < last.start()):
            return Attribution(speaker[0], "according to", speaker[1], True)
    for verb in reversed(verbs):
        between = text[verb.end() : open_start]
        if re.search(r"[\"“”]", between) or (
            len(between) > 80 and (len(between) > 180 or not between.rstrip().endswith((",", ":")) or ANY_VERB_RE.search(between))
        ):
            continue  # a long insertion ('said on Twitter, in reference to her first child, a girl born in 2014, "') is fine
        if is_participle_clause(text, verb.start(), verb.group()):
            found = relative_participle_subject(text, start, open_start, index)
            if found is not None:
                return found
            subject = occasion_subject(text, start, verb.start(), index)
            if subject is not None:
                return Attribution(subject[0], read_cue(text, verb.start(), verb.end(), open_start), subject[1], True)
            earlier = [other for other in verbs if other.start() < verb.start() and not other.group().endswith("ing")]
            for other in reversed(earlier):
                subject = find_subject(text, start, other.start(), index)
                if subject is None and not text[start : other.start()].strip(" ,\u00a0\"“”'’"):
                    subject = index.read_name(text, other.end(), verb.start())  # '," said Rep. X, adding that'
                if subject:
                    return Attribution(subject[0], read_cue(text, verb.start(), verb.end(), open_start), subject[1], True)
            subject = chained_participle_subject(text, start, verb.start(), index)
            if subject is not None:
                return Attribution(subject[0], read_cue(text, verb.start(), verb.end(), open_start), subject[1], True)
            # "Clinton's right-hand woman rallied supporters, saying: "...""
            subject = participle_subject(text, start, verb.start(), index)
            if subject is not None:
                return Attribution(subject[0], read_cue(text, verb.start(), verb.end(), open_start), subject[1], True)
            subject = index.sentence_subject(text, start, verb.start(), descriptions=True)
            if subject is not None:
                return Attribution(subject[0], read_cue(text, verb.start(), verb.end(), open_start), start, True)
            continue
        agent = passive_agent(text, verb, open_start, index)
        if agent is not None:
            return agent
        if hears_words(text, start, verb):
            # 'Vale was asked, "..."': the words of whoever asked him, not his, and no one named asked them
            return Attribution(None, verb.group(), -1, True)
        subject = find_subject(text, start, verb.start(), index)
        if subject is None:
            # 'said Smith: "' / 'says the mayor, "' (never 'told Fox News: "', whose object is the listener)
            # (never 'explaining the deal, "': what follows an -ing form is its object)
            inverted = not TOLD_RE.fullmatch(verb.group()) and not verb.group().endswith("ing")
            speaker = index.read_name(text, verb.end(), open_start) if inverted else None
            if speaker:
                return Attribution(speaker[0], read_cue(text, verb.start(), verb.end(), open_start), speaker[1], True)
            if COORDINATED_RE.search(text, max(start, verb.start() - 8), verb.start()):
                # 'Trump called on her to resign and said, "..."': the sentence's subject
                subject = index.sentence_subject(text, start, verb.start(), descriptions=False)
                if subject is not None:
                    return Attribution(subject[0], read_cue(text, verb.start(), verb.end(), open_start), start, True)
                described = index.sentence_subject(text, start, verb.start(), descriptions=True)
                person = described_person(described[0]) if described is not None else None
                if person is None and described is not None and " " not in described[0] and index.is_lone_surname(described[0]):
                    person = described[0]  # 'Trump gestured ..., then leaned in and boomed:' with Trump named by no full name
                if person is not None:
                    # 'one of the men ran down and shouted: "..."', 'a witness ran over and said: "..."'
                    return Attribution(person, read_cue(text, verb.start(), verb.end(), open_start), start, True)
            elif verb is verbs[0]:
                # 'Yesterday another girl ordered to have treatment by the High Court two years ago told Child M: "..."':
                # a description of one person opening the sentence is the speaker, not the quote before's
                described = index.sentence_subject(text, start, verb.start(), descriptions=True)
                person = described_person(described[0]) if described is not None else None
                if person is not None:
                    return Attribution(person, read_cue(text, verb.start(), verb.end(), open_start), start, True)
            continue
        return Attribution(subject[0], read_cue(text, verb.start(), verb.end(), open_start), subject[1], True)
    return None


LISTENER_VERBS = frozenset("asked told questioned".split())  # in the passive their subject hears the words
BEING_BEFORE_RE = re.compile(r"\bbeing\s+\Z")


def hears_words(text: str, start: int, verb: re.Match) -> bool:
    """Whether a verb's subject hears the words rather than speaks them: 'Vale was asked', 'the court was told' (not
    'after being told to leave, Roe said': the one told still speaks the main clause)."""
    before = max(start, verb.start() - 12)
    return (
        verb.group() in LISTENER_VERBS
        and PASSIVE_BEFORE_RE.search(text, before, verb.start()) is not None
        and BEING_BEFORE_RE.search(text, before, verb.start()) is None
    )


def passive_agent(text: str, verb: re.Match, limit: int, index: SpeakerIndex) -> Attribution | None:
    """The asker in 'Rubio was asked by moderator Gerard Baker whether ...': the agent after 'by'."""
    if not PASSIVE_BEFORE_RE.search(text, max(0, verb.start() - 12), verb.start()):
        return None
    by = PASSIVE_BY_RE.match(text, verb.end(), limit)
    if by is None:
        return None
    speaker = index.read_name(text, by.end(), limit)
    if speaker is None or speaker[0].casefold() in PRONOUN_WORDS:
        return None
    return Attribution(speaker[0], text[verb.start() : verb.end()], speaker[1], True)


# A participle right after a relative clause: 'for Ines Kowal, who worked the crowd, praising "..."'
RELATIVE_PARTICIPLE_RE = re.compile(
    r",[^\S\n]+who[^\S\n]+[^,;:.!?\"“”()\n]{3,120},[^\S\n]+(?P<participle>[a-z]{3,}ing)\b[^,;:.!?\"“”\n]{0,60}\Z"
)
# What governs a name the main clause's subject does not act on: 'rallying for', 'chatter about', 'an academic named'
GOVERNED_NAME_BEFORE_RE = re.compile(r"(?<![\w'’-])(?:for|about|named|called)[^\S\n]+\Z")


def relative_participle_subject(text: str, start: int, open_start: int, index: SpeakerIndex) -> Attribution | None:
    """The person a relative clause is about speaks in the participle after it ('The senator rallied for an academic
    named Ines Kowal, who worked the crowd, praising "..."'), when the main clause's subject does not act on that
    person ('Okafor attacked Ines Kowal, who led the inquiry, saying' is Okafor's). The participle is no cue."""
    match = RELATIVE_PARTICIPLE_RE.search(text, max(start, open_start - 200), open_start)
    if match is None or match.start() < start:
        return None
    name = index.read_name_before(text, start, match.start())
    if name is None or not GOVERNED_NAME_BEFORE_RE.search(text, max(start, name[1] - 12), name[1]):
        return None
    participle = match.group("participle")
    cue = read_cue(text, match.start("participle"), match.end("participle"), open_start) if VERB_RE.fullmatch(participle) else None
    return Attribution(name[0], cue, name[1], True)


# A name and the participle it is the subject of ('remember President Jimmy Carter going on TV'), earlier in the sentence
NAMED_PARTICIPLE_RE = re.compile(r"(?<![\w'’.-])(?P<name>(?:[A-Z][\w'’.-]*[^\S\n]+){0,3}[A-Z][\w'’-]*)[^\S\n]+(?P<participle>[a-z]{2,}ing)\b")


def chained_participle_subject(text: str, start: int, verb_start: int, index: SpeakerIndex) -> tuple[str, int] | None:
    """Who speaks in a participle clause that goes on from a named person's participle: 'I'm old enough to remember
    President Jimmy Carter going on TV on April 18, 1977, declaring "..."' is Carter's (no verb between but
    participles of the chain)."""
    found = None
    for match in NAMED_PARTICIPLE_RE.finditer(text, start, verb_start):
        found = match
    if found is None or main_verbs(text, found.end(), verb_start):
        return None
    for other in ANY_VERB_RE.finditer(text, found.end(), verb_start):
        if not is_participle_clause(text, other.start(), other.group()):
            return None  # (a chain of participles, ', declaring "...", and telling Americans that', goes on)
    name = found.group("name")
    person = index.resolve_person(name, found.start("name"))
    if person is None or not index.is_personal(person):
        return None
    return name, found.start("name")


OBJECT_OF_BEFORE_RE = re.compile(r"(?<![\w'’-])(?:of|for|to|with|from|by|on|in|at|among)(?:[^\S\n]+[\w'’-]+)?[^\S\n]+\Z")


def occasion_subject(text: str, start: int, verb_start: int, index: SpeakerIndex) -> tuple[str, int] | None:
    """Who speaks in a participle clause right after a clause ending or opening an occasion: the one who ended or
    opened it ('He tweeted when Clinton ended a debate with a reference to the sequel, remarking, "..."' is Clinton's).
    """
    verbs = main_verbs(text, start, verb_start)
    if not verbs or verbs[-1].group() not in OCCASION_VERBS or not OCCASION_OBJECT_RE.match(text, verbs[-1].end()):
        return None
    if find_verbs(VERB_RE, text, verbs[-1].end(), verb_start):
        return None  # a reporting verb between: its subject ('ended the debate and said it was over, adding')
    subject = find_subject(text, start, verbs[-1].start(), index)
    if subject is None or not subject[0][:1].isupper() or subject[0].casefold() in PRONOUN_WORDS:
        return None
    return subject


def participle_subject(text: str, start: int, verb_start: int, index: SpeakerIndex) -> tuple[str, int] | None:
    """Who speaks in a participle clause (', saying ...'): the named subject of one of the two main verbs before it,
    or people described as the nearest one's ('where about 50 protesters had gathered, chanting "..."')."""
    for count, other in enumerate(reversed(main_verbs(text, start, verb_start)[-2:])):
        subject = find_subject(text, start, other.start(), index)
        if subject is None:
            continue
        if subject[0][:1].isupper() and subject[0].casefold() not in PRONOUN_WORDS:
            return subject
        if count == 0 and names_people(subject[0]) and not OBJECT_OF_BEFORE_RE.search(text, max(start, subject[1] - 30), subject[1]):
            # (before the named subject of an earlier clause: 'Okafor spoke near the pier, where ...'; not the object
            # of a preposition before a participle: 'the list of presidential candidates interviewed, citing')
            return subject
    return None


def names_people(phrase: str) -> bool:
    """Whether a phrase in lower case describes people: 'protesters', 'the two officers', 'a witness'."""
    if unnamed_person_head(phrase) is not None:
        return True
    if not phrase[:1].islower():
        return False
    head = phrase.split()[-1].casefold()
    return (PERSON_PLURALS.get(head) or (head[:-1] if head.endswith("s") else None)) in PERSON_NOUNS


def main_verbs(text: str, start: int, end: int) -> list[re.Match]:
    """Past-tense verbs between two offsets ('rallied', 'went'), not adjectives ("Trump's repeated calls")."""
    return [
        verb
        for verb in PAST_VERB_RE.finditer(text, start, end)
        if not ADJECTIVE_CONTEXT_RE.search(text, max(0, verb.start() - 30), verb.start())
    ]


# 'of' after an -s word that a determiner and at most one lower-case word lead: a plural noun ('the key states of
# Florida', 'the three reports of abuse'), not a verb ('the letter states of the plan that ...' leads no 'of' so)
PLURAL_OF_RE = re.compile(r"[^\S\n]+of[^\S\n]+")
DETERMINER_RUN_BEFORE_RE = re.compile(
    r"(?<![\w'’-])(?:the|these|those|its|their|our|his|her|two|three|four|five|several|many|some|all)"
    r"[^\S\n]+(?:[a-z][\w'’-]*[^\S\n]+)?\Z"
)



def is_plural_noun_of(text: str, start: int, end: int) -> bool:
    """Whether the -s word between two offsets is a plural noun that 'of' follows and a determiner leads ('the key
    states of Florida'): no reporting verb."""
    return (
        text[start:end].endswith("s")
        and PLURAL_OF_RE.match(text, end) is not None
        and DETERMINER_RUN_BEFORE_RE.search(text, max(0, start - 30), start) is not None
    )


def find_verbs(pattern: re.Pattern, text: str, start: int, end: int) -> list[re.Match]:
    """Reporting verbs between two offsets; an -ing form only where it reports ('a writing professor' is none)."""
    verbs = []
    for verb in pattern.finditer(text, start, end):
        word = verb.group()
        if word.endswith("ing"):
            noun = ING_AS_NOUN_RE.search(text, max(0, verb.start() - 30), verb.start())
            head = (noun.group("noun") or "") if noun is not None else ""
            if noun is not None and not {head, head.removesuffix("s")} & (MESSAGE_NOUNS | PERSON_NOUNS):
                continue  # (not 'opens with a narrator saying:', whose narrator speaks)
        if is_plural_noun_before_verb(text, verb):
            continue  # 'Multiple news reports said': a noun, the verb after it
        if is_plural_noun_of(text, verb.start(), verb.end()):
            continue  # 'winning the key states of Florida and Ohio': a plural noun, no verb
        if (
            word == "named"
            and NAME_AFTER_RE.match(text, verb.end())
            and NAMING_PARTICIPLE_BEFORE_RE.search(text, max(0, verb.start() - 60), verb.start())
        ):
            continue  # 'a 70-year-old academic named Ines Kowal': who the noun is, no verb
        verbs.append(verb)
    return verbs


def is_plural_noun_before_verb(text: str, verb: re.Match, *, auxiliaries: bool = False) -> bool:
    """Whether an -s word is a plural noun, a reporting verb right after it ('news reports said'), or (`auxiliaries`)
    an auxiliary ('labor organizations have long campaigned'; a reporting verb before one may govern a clause, 'a
    trend the foundation predicts will continue'); not after a pronoun ('what he claims are "lies"')."""
    word = verb.group()
    after = (AUXILIARY_AFTER_RE if auxiliaries else REPORTING_AFTER_RE).match(text, verb.end())
    if not word.endswith("s") or word.endswith("ss") or after is None:
        return False
    before = WORD_BEFORE_VERB_RE.search(text, max(0, verb.start() - 30), verb.start())
    return before is not None and before.group(1).casefold() not in SUBJECT_WORDS


def is_participle_clause(text: str, verb_start: int, verb: str) -> bool:
    """Whether a verb opens a participle clause (', adding that'), whose subject is the sentence's."""
    if not verb.endswith("ing"):
        return False
    before = text[max(0, verb_start - 20) : verb_start].rstrip(" \u00a0\"”’'")
    before = re.sub(r"\s+(?:[a-z]+ly|also|then|again|later)$", "", before)  # ', recently telling'
    before = before.rstrip(" \u00a0\"”’'")
    # ', and telling Americans that': the second of two participle clauses
    return before.endswith((",", ", and")) or bool(re.search(r"\bby$", before))  # 'defended it by saying, "'


def attribute_next_line(text: str, quote: RawQuote) -> Attribution | None:
    """A quote standing alone in its paragraph, signed on the next line: '"..."' then '- Bernie Sanders.'."""
    if not only_beside(BLANK_OR_DOTS_NBSP_RE, text, quote):
        return None
    match = SIGNATURE_RE.match(text, quote.paragraph_end)
    if match is not None:
        return Attribution(match.group(1), "—", match.start(1), True)
    # a name alone on the line below ('Jane Roe, Harborton') or above ('Jane Roe:')
    match = NAME_LINE_BELOW_RE.match(text, quote.paragraph_end)
    if match is not None and is_person_line(match.group(1)):
        return Attribution(match.group(1), None, match.start(1), True)
    line_start = text.rfind("\n", 0, max(0, quote.paragraph_start - 1)) + 1
    match = NAME_LINE_ABOVE_RE.fullmatch(text, line_start, max(line_start, quote.paragraph_start - 1))
    if match is not None and is_person_line(match.group(1)):
        return Attribution(match.group(1), None, match.start(1), True)
    # a heading with the name (and age, place) over the quote: 'Rosa Delgado, 34, Harborton'
    line_end = quote.paragraph_start - 1
    while line_end > 0 and text[line_end - 1] in " \t\u00a0\n":
        line_end -= 1
    line_start = text.rfind("\n", 0, line_end) + 1
    match = NAME_HEADING_RE.fullmatch(text, line_start, max(line_start, line_end))
    if match is not None and is_person_line(match.group(1)) and is_person_name_words(match.group(1)):
        return Attribution(match.group(1), None, match.start(1), True)
    # a first name with an age, above or below: 'Rosa, 34, Harborton' / 'Rosa, 34:'
    match = FIRST_NAME_AGE_RE.fullmatch(text, line_start, max(line_start, line_end))
    if match is None:
        below_end = text.find("\n", quote.paragraph_end + 1)
        below_end = len(text) if below_end < 0 else below_end
        match = FIRST_NAME_AGE_RE.fullmatch(text, quote.paragraph_end + 1, below_end) if quote.paragraph_end < len(text) else None
    if match is not None and is_person_name_words(match.group(1)):
        return Attribution(match.group(1), None, match.start(1), True)
    return None


def is_person_name_words(name: str) -> bool:
    """Whether a heading's capitalised words can be a name, not a title-case headline ('What Voters Want')."""
    words = name.split()
    return len(words) <= 4 and not any(word.casefold() in HEADING_WORDS for word in words) and is_person_name(words)


def is_person_line(name: str) -> bool:
    """Whether a short line is a person's name (two or more capitalised words, no institution word)."""
    words = name.split()
    return len(words) >= 2 and not any(word.casefold().strip(".,") in NOT_NAME_WORDS for word in words)


def attribute_from_colon(text: str, quote: RawQuote, index: SpeakerIndex) -> Attribution | None:
    """A quote opening a paragraph after one that ends with a colon: 'Trump issued a statement:'."""
    end = quote.paragraph_start - 1
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end <= 0 or text[end - 1] != ":" or quote.paragraph_start - end > 6:
        return None
    floor = text.rfind("\n", 0, end) + 1
    start = sentence_start(text, floor, end - 1)
    opening = OPENING_VERB_RE.match(text, start, end)
    if opening is not None:
        speaker = index.read_name(text, opening.end(), end)  # 'Stated Stone:'
        if speaker:
            return Attribution(speaker[0], opening.group(1).lower(), speaker[1], True)
    for verb in reversed(find_verbs(ANY_VERB_RE, text, start, end)):
        subject = find_subject(text, start, verb.start(), index)
        if subject:
            return Attribution(subject[0], read_cue(text, verb.start(), verb.end(), end), subject[1], True)
        speaker = index.read_name(text, verb.end(), end)
        if speaker:
            return Attribution(speaker[0], read_cue(text, verb.start(), verb.end(), end), speaker[1], True)
    subject = index.sentence_subject(text, start, end, descriptions=True)
    if subject is not None:
        return Attribution(subject[0], None, start, True)
    return None


# The name of an institution closing the words before a verb: ' of Washington's Institute for Science and International
# Security '
INSTITUTION_TAIL_RE = re.compile(
    r"[^\S\n]of[^\S\n]+(?:the[^\S\n]+)?[A-Z][\w'’.-]*(?:[^\S\n]+(?:(?:for|of|and|on|the)[^\S\n]+)*[A-Z][\w'’.-]*)+[^\S\n]*\Z"
)
# The comma closing an opening clause after a quotation, maybe with an adverb: '," though, ', '" ... , '
MAIN_SUBJECT_AFTER_RE = re.compile(
    r"(?:[^,.;:!?\"“”‘’'\n]{0,60}?,)?[^\S\n]*(?:(?:though|however|too|also|then|still),[^\S\n]*)?(?=[A-Z]|he\b|she\b)"
)  # (and the rest of the opening clause: '"rent boys" for Mr Greer, Mr Browne said')
# Participles opening a sentence whose subject says, grants or names the quoted words ('Acknowledging that X "...",
# Allen said'); not 'Speaking to "CBS This Morning"', whose quotation is a title
SAYING_PARTICIPLES = frozenset(
    "acknowledging admitting conceding noting arguing insisting claiming saying warning complaining suggesting "
    "explaining declaring adding recalling remarking referring describing calling labelling labeling branding "
    "dubbing raising repeating citing echoing dismissing praising accusing denying vowing promising predicting "
    "boasting stressing emphasising emphasizing maintaining asserting alleging recording quoting".split()
)
PREFIX_SENTENCE_END_RE = re.compile(r"[.!?][\"”’']?\s")


def attribute_in_sentence(text: str, quote: RawQuote, index: SpeakerIndex) -> Attribution | None:
    """A fragment's speaker: the subject of a reporting or naming verb in the same sentence."""
    open_start = quote.open_mark[0]
    sentence = sentence_start(text, quote.paragraph_start, open_start)
    according = list(ACCORDING_TO_RE.finditer(text, sentence, open_start))
    if according and not VERB_RE.search(text, according[-1].end(), open_start):
        # 'According to Trump, he is now "the worst thing that ever happened to the establishment."'
        speaker = index.read_name(text, according[-1].end(), open_start)
        if speaker:
            return Attribution(speaker[0], "according to", speaker[1], True)
    found = (
        attribute_poll(text, sentence, open_start)
        or attribute_owner(text, sentence, open_start, index)
        or attribute_speech_owner(text, quote, sentence, index)
    )
    if found is not None:
        return found
    opening = in_opening_clause(text, quote, sentence)
    if opening is not None and (opening.group("participle") or "").casefold() in SAYING_PARTICIPLES:
        # 'Acknowledging that Trump "says a lot of stupid stuff," though, Allen did suggest': the main clause's subject
        # acknowledges (not 'Trump')
        main = MAIN_SUBJECT_AFTER_RE.match(text, quote.close_mark[1], quote.paragraph_end)
        found = index.read_name(text, main.end(), quote.paragraph_end) if main is not None else None
        closed = "," in main.group() or quote_text(text, quote.spans).rstrip().endswith(",") if main is not None else False
        # (a comma closes the clause before a name; 'he' or 'she' needs none: '"down the line" he warned'; not a
        # list of participles: 'Ending "welfare as we know it." Passing a crime bill')
        if found is not None and (closed and found[0][:1].isupper() or found[0].casefold() in ("he", "she")):
            return Attribution(found[0], opening.group("participle").casefold(), found[1], True)
    subordinate = SUBORDINATE_RE.match(text, sentence, open_start)
    if subordinate and not (subordinate.group().lstrip().startswith("As ") and VERB_RE.search(subordinate.group())):
        # 'While not everything Trump says is true, Jamieson said ...': the main clause speaks
        found = attribute_in_clause(text, quote, index, subordinate.end())
        if found is not None:
            return found
    coordinated = list(COORDINATION_RE.finditer(text, sentence, open_start))
    if coordinated:
        # 'Puerto Rico has been warning ..., and Ms. Acosta said the "extraordinary measures"': the clause that holds
        # the fragment speaks; with no reporting verb, its named subject ('Quill signed an order, while Tobin Marsh,
        # the former mayor, proposed we "wake up"'), not the sentence's first
        reporting = VERB_RE.search(text, coordinated[-1].end(), open_start) is not None
        contrast = CONTRAST_RE.match(coordinated[-1].group()) is not None  # (not a list: 'Obama, Abe, and Park to')
        if reporting or contrast:
            found = attribute_in_clause(text, quote, index, coordinated[-1].end())
            if found is not None and (
                (reporting and found.explicit) or (not reporting and names_clause_subject(found, coordinated[-1].end()))
            ):
                return found
    return attribute_in_clause(text, quote, index, sentence)


def attribute_passive_agent(text: str, quote: RawQuote, index: SpeakerIndex) -> Attribution | None:
    """The agent of a passive naming verb: 'the inquiry, often labeled as a "witch hunt" by Democrats' (not 'the inquiry')."""
    named = PASSIVE_NAMED_BEFORE_RE.search(text, max(quote.paragraph_start, quote.open_mark[0] - 60), quote.open_mark[0])
    if named is None:
        return None
    by = BY_AGENT_RE.match(text, quote.close_mark[1], quote.paragraph_end)
    if by is None:
        return None
    agent = index.read_name(text, by.end(), sentence_end(text, by.end(), quote.paragraph_end))
    if agent is None or agent[0].casefold() in PRONOUN_WORDS:
        return None
    people = AGENT_PEOPLE_RE.match(text, agent[1] + len(agent[0]))
    if people is not None and len(agent[0].split()) == 1:
        agent = (agent[0] + people.group(), agent[1])  # 'by American servicemen held there': the people, not 'American'
    role = AGENT_OF_RE.match(text, agent[1] + len(agent[0])) if agent[0][-1:].islower() else None
    if role is not None and role.group(1).casefold() not in TIME_WORDS:
        agent = (agent[0] + role.group(), agent[1])  # 'by his former head of security yesterday': the whole role
    return Attribution(agent[0], named.group("verb"), agent[1], True)


def names_clause_subject(found: Attribution, clause_start: int) -> bool:
    """Whether an attribution is the person named as the subject opening a clause ('Tobin Marsh, the former mayor,')."""
    return (
        found.position == clause_start
        and bool(found.speaker)
        and found.speaker[:1].isupper()
        and found.speaker.casefold() not in PRONOUN_WORDS
        and is_person_name(found.speaker.split())
    )


def attribute_owner(text: str, start: int, open_start: int, index: SpeakerIndex) -> Attribution | None:
    """'In Forbes' words, "..."', 'The senator's answer was that "..."': the owner of the words."""
    match = OWNED_WORDS_RE.search(text, start, open_start)
    if match is None:
        return None
    group = next(name for name in ("owner", "owner2", "owner3") if match.group(name))
    owner = match.group(group)
    if not owner or owner.split()[0].casefold() in ("their", "its", "my", "our"):
        return None
    if owner.casefold() in ("his", "her"):
        owner = "he" if owner.casefold() == "his" else "she"  # 'His answer was that "..."': resolved like a pronoun
    return Attribution(owner, None, match.start(group), True)


def attribute_speech_owner(text: str, quote: RawQuote, start: int, index: SpeakerIndex) -> Attribution | None:
    """A fragment held by a noun for speech is its owner's words, not those of the sentence's subject: 'Okafor
    attacked Tobin Marsh's call for "a total ban"', 'Marsh's "47 percent" comment', "Marsh's remarks that "..."."""
    open_start = quote.open_mark[0]
    match = SPEECH_OWNER_BEFORE_RE.search(text, start, open_start)
    if match is None:
        match = SPEECH_OWNER_AROUND_RE.search(text, start, open_start)
        if match is None or not SPEECH_NOUN_AFTER_RE.match(text, quote.close_mark[1], quote.paragraph_end):
            return attribute_owned_complement(text, start, open_start, index)
    owner, position = match.group("owner"), match.start("owner")
    while " " in owner and owner.split()[0].casefold() in NOT_OWNER_WORDS:  # 'In Marsh's call for'
        first = owner.split()[0]
        position = text.index(owner.split()[1], position + len(first))
        owner = text[position : match.end("owner")]
    if owner.casefold() in NOT_OWNER_WORDS:
        return None
    return Attribution(owner, None, position, True)


def attribute_owned_complement(text: str, start: int, open_start: int, index: SpeakerIndex) -> Attribution | None:
    """A fragment further on in the complement of an owned noun for speech: "Trump's claim that Obama "founded
    ISIS,"", "his comment Monday that "..."" (no verb between naming another speaker, no sentence ending)."""
    for match in reversed(list(OWNED_SPEECH_NOUN_RE.finditer(text, max(start, open_start - 240), open_start))):
        gap = OWNED_SPEECH_GAP_RE.fullmatch(text, match.end(), open_start)
        if gap is None:
            continue
        noun = match.group("noun")
        if (
            ANY_VERB_RE.search(text, match.end(), open_start)
            or PREFIX_SENTENCE_END_RE.search(text, match.end(), open_start)
            or OWNED_GAP_AS_RE.search(gap.group())  # 'describing Obama's statement that ... as "..."': the describer's
            or (gap.group("copula") and noun.casefold() not in MOTTO_NOUNS)  # 'Roe's claim was "false"': said of it
            or (match.group("described") and noun.endswith("s") and ANY_VERB_RE.fullmatch(noun))  # 'Her plan promises to'
            or (COPULA_END_RE.search(gap.group()) and VERB_RE.search(text, start, match.start()))
            or OWNED_IN_RE.search(text, max(start, match.start() - 4), match.start() + 1)  # 'said in her remarks that'
        ):
            return None  # "Trump's claim that Clinton said she was "dead broke"": hers
        if match.group("pronoun"):
            return owner_of_pronoun(text, start, match.start("pronoun"), match.group("pronoun"), noun, index)
        owner, position = match.group("owner"), match.start("owner")
        while " " in owner and owner.split()[0].casefold() in NOT_OWNER_WORDS:  # 'In Marsh's call for'
            first = owner.split()[0]
            position = text.index(owner.split()[1], position + len(first))
            owner = text[position : match.end("owner")]
        return None if owner.casefold() in NOT_OWNER_WORDS else Attribution(owner, noun, position, True)
    return None


def owner_of_pronoun(text: str, start: int, position: int, pronoun: str, noun: str, index: SpeakerIndex) -> Attribution:
    """Whose 'his' or 'her' owns the words: the person of that sex the sentence names last before it ('Trump stood
    by his comment', 'Mr Vale cross-examined Dr Roe over his insistence': Roe), not one a determiner makes a modifier
    ('Albright, a Clinton supporter, ... her remark': Albright), or the owner of a list's first item when 'his' or
    'her' opens its last ("...: Trump's seizures of property, ..., and his argument"); else as 'he' or 'she' is resolved."""
    gender = "m" if pronoun.casefold() == "his" else "f"
    subject = "he" if gender == "m" else "she"
    listed = LISTED_OWNER_RE.search(text, start, position)
    if listed is not None:
        person = index.resolve_person(listed.group("owner"), listed.start("owner"))
        if person is not None and index.is_personal(person) and person.gender in (None, gender):
            return Attribution(listed.group("owner"), noun, listed.start("owner"), True)
    for run in reversed(list(NAME_RUN_RE.finditer(text, start, position))):
        if DETERMINER_BEFORE_RE.search(text, max(start, run.start() - 5), run.start()):
            continue
        name = POSSESSIVE_END_RE.sub("", run.group())
        person = index.resolve_person(name, run.start())
        if (
            person is None
            or not index.is_personal(person)
            or person.gender not in (None, gender)
            or is_organisation_name(person.name.split())
        ):
            continue
        if OWNER_PRONOUNS_RE[gender].search(text, start, run.start()):
            break  # 'his friendship with Epstein contradicts his claim': the one the sentence opened on
        if not PRONOUN_BETWEEN_RE.search(text, run.end(), position) or index.resolve_person(subject, position) is None:
            return Attribution(name, noun, run.start(), True)
        break  # 'Neil Hamilton ... against Al Fayed ... when he abandoned his claim': as 'he' is resolved
    return Attribution(subject, noun, position, True)  # resolved like a pronoun


def attribute_poll(text: str, start: int, open_start: int) -> Attribution | None:
    """'In a CNN/ORC poll released Monday, 31% of Republicans said they were "extremely enthusiastic"': the poll."""
    poll = POLL_INTRO_RE.match(text, start, open_start)
    if poll is None or QUOTE_MARK_RE.search(text, poll.end(), open_start):
        return None
    respondents = POLL_RESPONDENTS_RE.match(text, poll.end(), open_start)
    if respondents is None:
        return None
    return Attribution(poll.group("poll"), respondents.group("verb"), poll.start("poll"), True)


OF_PHRASE_RE = re.compile(r"[^\S\n]+(?:of|for|at)[^\S\n]+[^,;:.!?\"“”()\n]{2,60}?[^\S\n]*")


def absolute_subject(text: str, start: int, open_start: int, index: SpeakerIndex) -> Attribution | None:
    """The subject of an absolute phrase holding the quotation: ', with Lewandowski taking to Twitter to call Fields
    "totally delusional"', ', with Senator John McCain telling reporters he viewed Obama as "directly responsible"'."""
    phrase = None
    for phrase in WITH_ABSOLUTE_RE.finditer(text, start, open_start):
        pass
    if phrase is None or QUOTE_MARK_RE.search(text, phrase.end(), open_start):
        return None
    subject = index.read_name(text, phrase.start("subject"), phrase.start("participle"))
    rest = text[subject[1] + len(subject[0]) : phrase.start("participle")] if subject is not None else ""
    if subject is not None and OF_PHRASE_RE.fullmatch(rest) and subject[0].split()[0].casefold() in ("the", "a", "an", "his", "her", "their"):
        # 'with the campaign of the former senator from Maine saying': the whole description, the campaign speaking
        subject = (subject[0] + rest.rstrip(), subject[1])
    elif subject is None or rest.strip():
        return None  # ('with 61 percent of voters saying': a part of a group, read elsewhere)
    head = subject[0].split()[-1].casefold()
    if head in DOCUMENT_NOUNS or head.removesuffix("s") in DOCUMENT_NOUNS or head.removesuffix("s") in SHOWN_NOUNS:
        return None  # 'with signs saying': the bearer's words, read elsewhere
    verb: re.Match | None = VERB_RE.fullmatch(text, phrase.start("participle"), phrase.end("participle"))
    if verb is None:  # a cue after a participle that is none ('taking to Twitter to ...'), else the participle
        verb = next(iter(find_verbs(ANY_VERB_RE, text, phrase.end("participle"), open_start)), None)
    cue = read_cue(text, verb.start(), verb.end(), open_start) if verb else phrase.group("participle")
    return Attribution(subject[0], cue, subject[1], True)


def attribute_what_called(text: str, quote: RawQuote, index: SpeakerIndex) -> Attribution | None:
    """The one whose name for a thing is quoted: 'under what Mr. Hedge called "the prior economy model," the club
    charged' (Mr. Hedge, not the club), 'what Trump calls "a rigged system"'."""
    open_start = quote.open_mark[0]
    called = WHAT_CALLED_BEFORE_RE.search(text, max(quote.paragraph_start, open_start - 80), open_start)
    if called is None:
        return None
    subject = find_subject(text, called.start("subject"), called.start("verb"), index)
    if subject is None or subject[1] != called.start("subject"):
        return None
    head = subject[0].split()[-1].casefold()
    if not (subject[0][:1].isupper() or head in ("he", "she") or head in PERSON_NOUNS or head in TITLE_ROLES):
        return None  # ('what it calls "sensible laws"', 'what her business calls "care"': read as before)
    return Attribution(subject[0], called.group("verb"), subject[1], True)


def attribute_in_clause(text: str, quote: RawQuote, index: SpeakerIndex, start: int) -> Attribution | None:
    """A fragment's speaker from the words between `start` and the quote, or right after it."""
    open_start = quote.open_mark[0]
    found = relative_participle_subject(text, start, open_start, index)
    if found is not None:
        return found
    found = absolute_subject(text, start, open_start, index)
    if found is not None:
        return found
    verbs = find_verbs(ANY_VERB_RE, text, start, open_start)
    # The outermost reporting clause speaks for the fragment ('Ross said Obama had told leaders
    # there would be "no daylight"'); naming verbs ('called it "a disgrace"') come after.
    # A verb with another quotation between it and this one most likely introduced that other one
    # ('Cruz said he would make sand "glow," and Trump vowed to "bomb the hell" out of them').
    clear = [verb for verb in verbs if not QUOTE_MARK_RE.search(text, verb.end(), open_start)]
    reporting = [verb for verb in clear if VERB_RE.fullmatch(verb.group())]
    # ('After Trump argued ..., Rubio said only that his "numbers"': the main clause's verb comes first)
    subordinate = [verb for verb in reporting if in_subordinate_clause(text, start, verb, reporting)]
    ordered = [verb for verb in reporting if verb not in subordinate] + subordinate
    ordered += [verb for verb in reversed(clear) if not VERB_RE.fullmatch(verb.group())]
    ordered += [verb for verb in reversed(verbs) if verb not in clear]
    heard: re.Match | None = None  # a verb whose passive subject hears the words ('was told')
    for verb in ordered:
        if is_participle_clause(text, verb.start(), verb.group()):
            # 'Sanders endorsed Mrs. Clinton, saying that ...': the subject of the verb before the comma
            subject = chained_participle_subject(text, start, verb.start(), index) or participle_subject(
                text, start, verb.start(), index
            )
            if subject is not None:
                return Attribution(subject[0], read_cue(text, verb.start(), verb.end(), open_start), subject[1], True)
            continue  # 'Trump said at a rally, adding that ...': the subject belongs to an earlier verb
        agent = passive_agent(text, verb, open_start, index)
        if agent is not None:
            return agent
        if hears_words(text, start, verb):
            heard = heard or verb  # 'the court was told he was "a danger"': not the court's, though another verb may
            continue  # name who spoke ('Vale was told Roe had called him a "fool"')
        subject = find_subject(text, start, verb.start(), index)
        if subject is None and INVERTED_BEFORE_RE.search(text, max(start, verb.start() - 6), verb.start()):
            subject = index.read_name(text, verb.end(), open_start)  # '," said Rep. X at the time, adding that'
        if subject and verb.group() in NOUN_LIKE_VERBS and (
            not subject[0][:1].isupper()
            or subject[0].endswith(("'s", "’s", "s'", "s’"))
            or follows_of(text, start, subject[1])
        ):
            continue  # 'higher voter turnout in states', "Cruz's charges": a noun, not a verb
        if subject:
            return Attribution(subject[0], text[verb.start() : verb.end()], subject[1], True)
    if heard is not None:
        return Attribution(None, heard.group(), -1, True)
    close_end = quote.close_mark[1]
    if not re.search(r"[.!?]$", quote_text(text, quote.spans[-1:]).rstrip("’'\"”")):
        # '... "very responsible" for violence, Smith said': a cue right after the fragment's clause
        end = sentence_end(text, close_end, quote.paragraph_end)
        for verb in VERB_RE.finditer(text, close_end, min(end, close_end + 120)):
            gap = text[close_end : verb.start()]
            speaker = index.read_name(text, verb.end(), end)
            if speaker and not INVERTED_END_RE.match(text, speaker[1] + len(speaker[0]), end):
                speaker = None  # '" said the candidate could win': not the speaker
            if speaker and (not gap.strip(" ,") or gap.rstrip().endswith(",")):
                return Attribution(speaker[0], text[verb.start() : verb.end()], speaker[1], True)
            subject = find_subject(text, close_end, verb.start(), index)
            # (the comma may stand inside the marks: '"a painful incident," well before ..., Mr. Oppen noted.')
            comma = gap.lstrip().startswith(",") or (
                quote_text(text, quote.spans[-1:]).rstrip().endswith(",")
                and verb.group() not in NOUN_LIKE_VERBS
            )  # (not a noun: '"pants on fire," compared to 11% of Democratic claims', 'winning the key states of')
            if subject and comma:
                return Attribution(subject[0], text[verb.start() : verb.end()], subject[1], True)
            break
        found = attribute_sentence_tail(text, close_end, end, index)
        if found is not None:
            return found
    # 'Paul then interjected, calling the credit "a welfare transfer payment."', 'Cruz blamed the law on
    # "knuckleheaded Democratic politicians."': the subject of the sentence
    subject = index.sentence_subject(text, start, open_start, descriptions=bool(verbs))
    if subject is not None:
        cue = read_cue(text, verbs[-1].start(), verbs[-1].end(), open_start) if verbs else None
        return Attribution(subject[0], cue, start, bool(verbs))
    # 'Declaring that he alone can lead, the billionaire offered himself as a "law and order" candidate',
    # 'Gowdy referenced a report that "..."': the subject of the first verb-like word of the main clause
    for count, verb in enumerate(FINITE_VERB_RE.finditer(text, start, open_start)):
        if count >= 3:
            break
        if verb.group().casefold() in NOT_VERBS or is_plural_noun_before_verb(text, verb, auxiliaries=True):
            continue
        subject = find_subject(text, start, verb.start(), index)
        if subject is not None and subject[0].casefold() not in PRONOUN_WORDS - {"he", "she"}:
            described = subject[0].split()[0].casefold() in ("the", "a", "an", "his", "her", "their")
            named = len(subject[0].split()) > 1 or subject[0].casefold() in index.by_token
            if (subject[0][:1].isupper() and (named or verb.group().endswith("ed"))) or (described and verb.group().endswith("ed")):
                # ('a few weeks' is no subject of 'weeks': an -s word after a description is a plural noun)
                return Attribution(subject[0], None, subject[1], False)
    return None


# 'what X called "', 'what he calls "': the subject names the thing the quotation names
WHAT_CALLED_BEFORE_RE = re.compile(
    r"(?<![\w'’-])what[^\S\n]+(?P<subject>[^\s,;:.!?\"“”()][^,;:!?\"“”()\n]{0,50}?)[^\S\n]+"
    r"(?P<verb>(?:(?:has|have|had)[^\S\n]+)?(?:called|calls|dubbed|dubs|termed|terms|labeled|labelled|labels))[^\S\n]*\Z"
)
# An absolute phrase: ', with Lewandowski taking to Twitter to call', ', with Senator John McCain telling reporters'
WITH_ABSOLUTE_RE = re.compile(
    r"[,;—–][^\S\n]*with[^\S\n]+(?P<subject>[^,;:.!?\"“”()\n]{2,80}?)[^\S\n]+"
    r"(?P<participle>(?!(?:including|according|regarding|concerning|following|during|pending|nothing|something)\b)"
    r"[a-z]{2,}ing)\b"
)


def in_subordinate_clause(text: str, start: int, verb: re.Match, verbs: list[re.Match]) -> bool:
    """Whether a verb lies in a clause opened by 'after', 'when', 'as' ... that a comma closes before another verb."""
    clause_start = max(start, text.rfind(",", start, verb.start()) + 1)
    if not SUBORDINATE_OPEN_RE.match(text, clause_start, verb.start()):
        return False
    return any(other.start() > verb.end() and "," in text[verb.end() : other.start()] for other in verbs)


def attribute_sentence_tail(text: str, close_end: int, end: int, index: SpeakerIndex) -> Attribution | None:
    """A cue closing the sentence after a fragment: '... and should be freed, the rights group says.'."""
    sentence = text[close_end:end].rstrip()
    match = SENTENCE_TAIL_RE.search(sentence)
    if match is None or QUOTE_MARK_RE.search(sentence, match.start()):
        return None
    verb_start = close_end + match.start("verb")
    subject = find_subject(text, close_end + match.start() + 1, verb_start, index)
    if subject is None or subject[0].casefold() in PRONOUN_WORDS - {"he", "she", "they"}:
        return None
    return Attribution(subject[0], match.group("verb"), subject[1], True)


NON_SPACE_RE = re.compile(r"\S")


def is_headline(text: str, quote: RawQuote, layout: Layout) -> bool:
    """Whether the quote sits in a headline-like line: short, no closing punctuation, mostly capitalised."""
    # the line's ends found in place: a copy of a long paragraph for every quote in it cost the square of its length
    first = NON_SPACE_RE.search(text, quote.paragraph_start, quote.paragraph_end)
    if first is None:
        return False
    end = end_without_space(text, first.start(), quote.paragraph_end)
    if end - first.start() > 160:
        return False
    line = text[first.start() : end]
    first_line = NON_SPACE_RE.search(text, 0, quote.paragraph_start) is None  # not a copy of the text before, per quote
    title_line = layout.title_line is not None and layout.title_line[0] == quote.paragraph_start
    if first_line and not title_line:
        return False  # the lead of a paper in print, or of a page whose title is elsewhere
    if layout.single_style and not title_line and not line.isupper() and re.search(r"[.!?…]['’]\s*$", line):
        return False  # "Mr Howe: 'Yes, my Lord...'": a quoted sentence where quotes are in single marks
    words = WORD_RE.findall(line)
    if len(words) > 25:
        return False
    outside = (text[quote.paragraph_start : quote.open_mark[0]] + text[quote.close_mark[1] : quote.paragraph_end]).strip()
    capitals = sum(1 for word in words if word[0].isupper() or word[0].isdigit())
    small = sum(1 for word in words if word.casefold() in TITLE_SMALL_WORDS)
    if title_line and len(words) <= 20:
        if capitals + small >= 0.85 * len(words):
            return True  # the article's title line, in title case even when it ends with a period
        one_sentence = not SENTENCE_END_RE.search(line.rstrip(" .\"”’'"))
        more_follows = bool(text[quote.paragraph_end :].strip())
        if one_sentence and more_follows and not (VERB_RE.search(outside) and line.endswith(".")):
            return True  # a short one-sentence first line above the story, with no reporting cue: a title
        if one_sentence and more_follows and text[quote.open_mark[0]] in "‘'":
            return True  # "Flynn says Trump 'absolutely right' ...": single marks are headline style
    if re.search(r"[.!?]\s*$", line) and not line.endswith(("”", '"')):
        return False
    if VERB_RE.search(outside) and re.search(r"[,.]\s*$", line):
        return False
    between = text[quote.split_close[1] : quote.spans[-1][0]] if quote.split_close is not None else ""
    if not title_line and VERB_RE.search(between) and SENTENCE_END_RE.search(between):
        return False  # a split quote's cue ends a sentence before its second part: prose ('"A," Roe wrote on Harbor Watch. "B?"')
    if title_line and not re.search(r"[.!?][\"”’']*\s*$", line):
        return True
    return capitals >= 0.6 * len(words) and not re.search(r"[.]\s*$", line)


def is_deck(text: str, quote: RawQuote, layout: Layout) -> bool:
    """Whether the quote's line is the short deck right under the article's title line (headline style)."""
    if layout.title_line is None:
        return False
    title_start, title_end = layout.title_line
    if quote.paragraph_start <= title_end or quote.paragraph_end - quote.paragraph_start > 160:
        return False
    title = text[title_start:title_end].strip()
    return 0 < len(title) <= 160 and not text[title_end : quote.paragraph_start].strip()


LEADING_MARKS = " \u00a0—–―-*•"
LEADING_MARKS_RE = re.compile(f"[{re.escape(LEADING_MARKS)}]*")


def leading_span(text: str, quote: RawQuote) -> tuple[int, int]:
    """Where the paragraph's text before the quote starts and ends, less LEADING_MARKS at either end (empty: equal)."""
    end = quote.open_mark[0]
    while end > quote.paragraph_start and text[end - 1] in LEADING_MARKS:
        end -= 1
    start = LEADING_MARKS_RE.match(text, quote.paragraph_start, end).end()
    return start, max(start, end)


def classify(
    text: str,
    words: str,
    quote: RawQuote,
    attribution: Attribution | None,
    standalone: bool,
    layout: Layout,
    titles: frozenset[str] | set[str] = frozenset(),
) -> str:
    """The kind of a quote: speech, fragment, document, headline or scare.

    `titles` holds the title-case words the article has already quoted as a title or a term (casefolded).
    """
    count = len(WORD_RE.findall(words))
    if count == 0:
        return "scare"
    if is_headline(text, quote, layout):
        return "headline"
    # the paragraph's words before the quote, less dashes and bullets, read in place (`leading_span`)
    leading_start, leading_end = leading_span(text, quote)
    leading = leading_start < leading_end
    if (
        not leading or CAPS_LABEL_RE.fullmatch(text, leading_start, leading_end)
    ) and BYLINE_AFTER_RE.match(text, quote.close_mark[1], quote.paragraph_end):
        return "headline"  # a newsletter's link: —"Title," by The Times' Jane Roe: "..."
    if not quote.double and not layout.single_style and count <= 12 and only_beside(BLANK_OR_DOTS_RE, text, quote):
        return "headline"  # a subhead in single marks where quotes are in double ones: 'A fight from start to finish.'
    said_with_colon = attribution is not None and attribution.explicit and leading and text[leading_end - 1] == ":"
    if not quote.double and is_deck(text, quote, layout) and not said_with_colon:
        # the deck under the title: 'Spurns offer, blasts 'ignorant view of Islam.''; "X said: '...'" is
        # no deck but the second paragraph of a story whose first line is its lead (a paper in print)
        return "headline"
    if quote.term:
        return "scare"  # a title in the reporter's sentence, an item of a list of them: 'named "Veep," "Taken" and "Girls"'
    said = attribution is not None and attribution.speaker is not None
    if (count <= 2 and not said or count == 1 and not attribution.explicit) and not (
        said and CALLED_OBJECT_BEFORE_RE.search(text, max(quote.paragraph_start, quote.open_mark[0] - 60), quote.open_mark[0])
    ):
        return "scare"  # scare quotes and terms: nobody is said to have said them
    before_start = max(quote.paragraph_start, quote.open_mark[0] - 40)
    if not standalone and (
        not (said and attribution.explicit) and NAMED_TERM_BEFORE_RE.search(text, before_start, quote.open_mark[0])
        or PASSIVE_NAMING_RE.search(text, before_start, quote.open_mark[0])
        and not BY_AGENT_AFTER_RE.match(text, quote.close_mark[1])
    ):
        return "scare"  # a term named, not said: earned it the nickname of "harbor lung", has been dubbed "salt fever"
    if OBJECT_AFTER_RE.match(text, quote.close_mark[1]):
        return "scare"  # a label on an object, not words anyone said: the "Make America Great Again" hat
    title = is_title(words)
    work = title and WORK_BEFORE_RE.search(text, max(0, quote.open_mark[0] - 40), quote.open_mark[0])
    if work and (not work.group("medium") or count >= 2):
        return "scare"  # a work named after its kind: 'in his 2012 book, "An American Son."'
    if title and (
        WORK_CALLED_RE.search(text, max(quote.paragraph_start, quote.open_mark[0] - 80), quote.open_mark[0])
        or WORK_AFTER_RE.match(text, quote.close_mark[1])
    ):
        return "scare"  # a work called by its title: 'a play called "Los Hijos de Trump,"', the "Perception" syllabus
    if not (said and attribution.explicit) and title and title_key(words) in titles:
        return "scare"  # the title again, bare: '"Sons of Trump" happily roots around ...' after 'a play called "..."'
    context = title and TITLE_CONTEXT_RE.search(text, max(0, quote.open_mark[0] - 40), quote.open_mark[0])
    if title and (
        (not standalone and (not (said and attribution.explicit) or context))
        or (context and not said)  # 'Trump's new book, "Crippled America," ...'
        or TITLE_AFTER_RE.match(text, quote.close_mark[1], min(len(text), quote.close_mark[1] + 80))
    ):
        return "scare"  # a title: the book "The Art of the Deal", on CBS's "Face the Nation"
    kind = "speech"
    if not standalone:
        kind = "fragment"
    if attribution is not None and attribution.cue and DOCUMENT_CUE_RE.search(TOLD_OUTLET_RE.sub("", attribution.cue)):
        kind = "document"
    elif attribution is not None and attribution.speaker and DOCUMENT_CUE_RE.search(attribution.speaker):
        kind = "document"
    return kind


def is_title(words: str) -> bool:
    """Whether quoted words are in title case ("The Art of the Deal")."""
    tokens = WORD_RE.findall(words)
    return 0 < len(tokens) <= (12 if ":" in words else 8) and tokens[0][:1].isupper() and all(
        token[:1].isupper() or token[:1].isdigit() or token.casefold() in TITLE_SMALL_WORDS
        or token in FOREIGN_TITLE_WORDS
        for token in tokens
    )


def title_key(words: str) -> str:
    """Quoted words as compared with a title quoted before: casefolded, without edge punctuation."""
    return " ".join(WORD_RE.findall(words)).casefold()


STANDALONE_WINDOW = 300  # characters before a quote that `is_standalone` reads (the longest rule, 'according to', reads 93)
SENTENCE_END_BEFORE_RE = re.compile(r"[.!?:,—–―-][\"”’]?\Z")
SAID_BEFORE_RE = re.compile(r"\b(?:said|says|added|asked|wrote|tweeted|told \w+|put it|puts it)\s*,?\Z")
ACCORDING_BEFORE_RE = re.compile(r"\b[Aa]ccording to [^,\"“”]{1,80},\Z")


def is_standalone(text: str, quote: RawQuote, words: str) -> bool:
    """Whether the quote is a sentence of its own (speech), rather than words inside the reporter's sentence."""
    open_start = quote.open_mark[0]
    # the rules read the sentence's last words: a window of them, not the whole paragraph again for every quote in it
    window_start = max(quote.paragraph_start, open_start - STANDALONE_WINDOW)
    before = text[window_start:open_start].rstrip()
    if not before and window_start > quote.paragraph_start:
        before = text[quote.paragraph_start : open_start].rstrip()
    starts_sentence = not before or bool(SENTENCE_END_BEFORE_RE.search(before))
    # '"[Americans are] worried ..."' opening its paragraph: an editor's bracket opens the sentence
    first = (words.lstrip("[(") if not before else words)[:1]
    capital = first.isupper() or words[:1] in "‘'\"“…." or first.isdigit()
    if starts_sentence and capital:
        return True
    if before.endswith(":") or SAID_BEFORE_RE.search(before):
        return True
    if ACCORDING_BEFORE_RE.search(before):
        return True
    if len(WORD_RE.findall(words)) >= 8 and capital and re.search(r"[.!?,]$", words.rstrip()):
        return True
    return False


# The commonest words of English prose, less those other languages share ('a', 'in'): a sixth to a quarter of a
# news story's words, almost none of another language's
ENGLISH_FUNCTION_WORDS = frozenset(
    "the an and of to is was for on that with as at by it from he she said his her be are have has not but this "
    "which who".split()
)
LETTER_WORD_RE = re.compile(r"[^\W\d_]+")
MIN_WORDS_TO_JUDGE_LANGUAGE = 50
LANGUAGE_SAMPLE_CHARS = 1500  # some 250 words tell the language as well as the whole text, at a fraction of the cost
# in the first 1,500 characters: stories in English 0.10 and up on PolNeAR and the 181 pages; Indonesian, Portuguese,
# German, Italian 0.04 or less
MIN_ENGLISH_SHARE = 0.05


def reads_english(text: str, language: str | None = None) -> bool:
    """Whether a text is English, which the speaker rules read: too short to tell, enough of its first words English
    function words, or its page says English ('en', 'en-US': a list of scores or recipes has few).

    A page's tag alone misleads both ways: an English edition tagged 'de', a German story tagged 'en'."""
    words = LETTER_WORD_RE.findall(text[:LANGUAGE_SAMPLE_CHARS].casefold())
    if len(words) < MIN_WORDS_TO_JUDGE_LANGUAGE:
        return True
    if sum(map(ENGLISH_FUNCTION_WORDS.__contains__, words)) >= MIN_ENGLISH_SHARE * len(words):
        return True
    return language is not None and language.split("-")[0].strip().casefold() == "en"


# A chant before or after the quotation: 'chanted "..."', 'the chant "..."', 'chants of "..."', '"..." chants'
CHANT_BEFORE_RE = re.compile(
    r"(?<![\w-])(?P<word>chant(?:s|ed|ing)?)(?:[^\S\n]+(?:of|to|for|like|again|loudly|repeatedly))?[^\S\n]*[,:]?[^\S\n]*\Z"
)
CHANT_AFTER_RE = re.compile(r"[^\S\n]*(?P<word>chant(?:s|ing)?)\b")
# The crowd a sentence names before a chant: 'the crowd reprised the chant "..."', 'roused the crowd to chants of'
CROWD_RE = re.compile(
    r"(?<![\w-])(?:the|a|an|his|her|their)[^\S\n]+(?:[a-z][\w-]*[^\S\n]+){0,2}?"
    r"(?:crowds?|audiences?|supporters|fans|protesters|protestors|demonstrators|delegates|marchers|students|rallygoers|rally-goers)\b"
)


def is_chant(text: str, quote: RawQuote) -> str | None:
    """The word that prints a quotation as a chant, a crowd's words rather than one person's ('chants', 'chanting'),
    if any."""
    open_start = quote.open_mark[0]
    found = CHANT_BEFORE_RE.search(text, max(quote.paragraph_start, open_start - 40), open_start) or CHANT_AFTER_RE.match(
        text, quote.close_mark[1], quote.paragraph_end
    )
    return found.group("word") if found is not None else None


def chanting_crowd(text: str, quote: RawQuote) -> str | None:
    """The crowd its sentence names before a chant ('the crowd', 'his supporters'), if any."""
    open_start = quote.open_mark[0]
    start = sentence_start(text, quote.paragraph_start, open_start)
    crowds = list(CROWD_RE.finditer(text, start, open_start))
    return crowds[-1].group() if crowds else None


# The quotations analysed in one article, in text order: the most in a real story here is 73 (PolNeAR, the 181 pages);
# a hostile page of 120,000 short quotations (10 MB) cost clustering the square of their number (16,000: 155 s)
MAX_QUOTATIONS = 1000
NAME_SCAN_MARGIN = 1000  # characters past the first quotation not analysed that the speaker index still reads


def extract_quotes(
    text: str, title: str | None = None, language: str | None = None, *, notes: list[str] | None = None
) -> list[Quotation]:
    """Find every direct quotation in article text (the first MAX_QUOTATIONS) with its kind, cue, speaker and resolved name.

    The quotations past MAX_QUOTATIONS are not analysed: a line saying how many is added to `notes`.

    `title` is the article's title when known: the text's first line is taken for a title only when
    it is that title (without one, when it does not read as a paper's lead). A text in another language
    than English (`reads_english`, `language` the page's tag) keeps its quotations but no speakers: the
    rules read English, and read a sentence's first word elsewhere ('Jangan', 'Quando', 'В') as a name.
    """
    if not text:
        return []
    printed = text
    text = mask_nicknames(text)  # 'Marcia "Cia" Price' is one name, and its marks open no quotation
    raw_quotes = merge_split_quotes(text, scan_quotes(text))
    if not raw_quotes:
        return []
    if len(raw_quotes) > MAX_QUOTATIONS:
        left_out = counted(len(raw_quotes) - MAX_QUOTATIONS, "quotation", thousands=True)
        note = (f"{left_out} after the first {MAX_QUOTATIONS:,} not analysed "
                f"(from offset {raw_quotes[MAX_QUOTATIONS].open_mark[0]:,})")
        if notes is not None:
            notes.append(note)
        else:
            LOGGER.warning("%s", note)
        # the names and reporting subjects are read as far as the analysed quotations' cues: the paragraph of the
        # first quotation left out, at most NAME_SCAN_MARGIN past it (a hostile page is not read whole)
        dropped = raw_quotes[MAX_QUOTATIONS]
        read = text[: min(dropped.paragraph_end, dropped.close_mark[1] + NAME_SCAN_MARGIN)]
        raw_quotes = raw_quotes[:MAX_QUOTATIONS]
    else:
        read = text
    layout = read_layout(text, title)
    index = SpeakerIndex(read, (span for quote in raw_quotes for span in quote.spans))
    note_reporting_subjects(read, index)
    quotations: list[Quotation] = []
    previous: Quotation | None = None
    previous_raw: RawQuote | None = None
    titles: set[str] = set()  # title-case words quoted as titles or terms so far
    for quote in raw_quotes:
        words = quote_text(text, quote.spans)
        try:
            quotation = analyse_quote(text, quote, words, index, previous, previous_raw, layout, titles)
        except Exception:  # one odd quote must not cost the article its other quotes
            LOGGER.exception("cannot attribute the quotation at offset %d", quote.spans[0][0])
            quotation = Quotation(words, quote.spans[0][0], quote.spans[-1][1], kind="speech",
                                  spans=list(quote.spans), paragraph=quote.paragraph)
        quotations.append(quotation)
        if quotation.kind == "scare" and is_title(words):
            titles.add(title_key(words))
        if quotation.kind in ("speech", "document") or (quotation.kind == "fragment" and quotation.speaker):
            previous, previous_raw = quotation, quote
    if any(quotation.speaker for quotation in quotations) and not reads_english(text, language):
        for quotation in quotations:
            quotation.speaker = quotation.speaker_name = None
    if text != printed:
        for quotation in quotations:  # a nickname quoted inside a quotation is printed as it was
            quotation.text = quote_text(printed, quotation.spans or [(quotation.start, quotation.end)])
            if quotation.speaker:
                quotation.speaker = MASKED_GAP_RE.sub(" ", quotation.speaker)  # 'Marcia       Price' named: Marcia Price
    return quotations


def analyse_quote(
    text: str,
    quote: RawQuote,
    words: str,
    index: SpeakerIndex,
    previous: Quotation | None,
    previous_raw: RawQuote | None,
    layout: Layout = Layout(),
    titles: frozenset[str] | set[str] = frozenset(),
) -> Quotation:
    """Kind, cue and speaker of one quotation."""
    standalone = is_standalone(text, quote, words)
    attribution = None
    if quote.split_close is not None:
        attribution = attribute_after(text, quote.split_close[1], quote.paragraph_end, index)
    if attribution is None and not standalone:
        attribution = attribute_what_called(text, quote, index) or attribute_passive_agent(text, quote, index)
    if (
        attribution is None
        and invites_cue_after(text, quote, words)
        and not introduces_reply(text, quote)
        and not is_dashed_aside(text, quote)
        and not ends_introduced_question(text, quote)
    ):
        reported = not standalone and reports_before(text, quote)
        attribution = attribute_after(text, quote.close_mark[1], quote.paragraph_end, index, reported=reported)
    if attribution is None and standalone and words.rstrip().endswith("."):
        attribution = attribute_cue_sentence(text, quote, index)
    if attribution is None and standalone:
        attribution = attribute_before(text, quote, index)
    if attribution is None and standalone and is_dashed_aside(text, quote):
        attribution = attribute_dashed_aside(text, quote, index)
    if attribution is None and standalone:
        attribution = attribute_next_line(text, quote)
    if attribution is None and standalone and not re.search(r"[.!?]$", words.rstrip()):
        # '"We're extremely happy" about the decision, said RoseAnn DeMoro'
        later = LATER_CUE_RE.match(text, quote.close_mark[1], quote.paragraph_end)
        if later:
            speaker = index.read_name(text, later.end(), quote.paragraph_end)
            if speaker:
                attribution = Attribution(speaker[0], later.group(1), speaker[1], True)
    if attribution is None and (not standalone or within_sentence(text, quote)):
        attribution = attribute_in_sentence(text, quote, index)
    kind = classify(text, words, quote, attribution, standalone, layout, titles)
    if kind == "scare":
        attribution = None  # scare quotes and titles are nobody's words
    speaker = attribution.speaker if attribution else None
    cue = attribution.cue if attribution else None
    speaker_name = None
    if attribution is not None and speaker:
        speaker, speaker_name = index.name_speaker(speaker, attribution.position)
    elif kind in ("speech", "document") and standalone and attribution is None:
        # No cue: the previous speaker goes on, or the person named in the previous sentence.
        # (never the subject of the sentence before when a person opens the one after: 'PELLHAM (AP) —
        # The board voted. "..." Oskar Vantreel, its engineer, said the vote was close.')
        opening = person_opening_next_sentence(text, quote, index) if words.rstrip().endswith(".") else None
        named_after = opening is not None and opening.speaker.casefold() not in PRONOUN_WORDS
        inherited = inherit_speaker(text, quote, previous, previous_raw, index, named_after)
        if inherited is not None:
            speaker, speaker_name = inherited
    elif kind == "fragment" and attribution is None and continues_quote(text, quote, previous_raw):
        # '"A," said Smith, a strategist. Unless rivals quit, "it is very difficult ..."': Smith goes on
        speaker, speaker_name = previous.speaker, previous.speaker_name
    chant = is_chant(text, quote) if speaker and cue not in ("chanted", "chanting") else None
    if chant is not None and (speaker_name is not None or speaker.casefold() in ("he", "she", "i")) and not (
        speaker.casefold() in ("he", "she") and chant in ("chanted", "chanting")
    ):
        # 'the crowd reprised the chant "..."', 'roused the crowd to chants of "..."', 'drawing jeers and "..." chants':
        # a crowd's words, not the person just named (the subject of 'chanted' keeps them: 'the protesters chanted',
        # 'he was alleged to have been overheard chanting')
        speaker = speaker_name = cue = None
    if chant is not None or (speaker is None and kind in TRACKED_QUOTE_KINDS and is_chant(text, quote)):
        crowd = chanting_crowd(text, quote) if speaker is None else None
        if crowd is not None:
            speaker = crowd  # the crowd the sentence names chants: no one person's words, and no name
    quotation = Quotation(
        text=words,
        start=quote.spans[0][0],
        end=quote.spans[-1][1],
        speaker=speaker,
        speaker_name=speaker_name,
        cue=cue,
        kind=kind,
        spans=list(quote.spans),
        paragraph=quote.paragraph,
    )
    asked = cue is not None and cue.casefold().startswith("ask") and unnamed_person_head(speaker or "") is not None
    if kind in TRACKED_QUOTE_KINDS and speaker and not asked:  # (the reply to 'a reporter asked' is not the reporter's)
        index.note_speaker(
            speaker_name or speaker,
            attribution.position if attribution else quote.open_mark[0],
            named=attribution is not None and speaker.casefold() not in PRONOUN_WORDS,
        )
    return quotation


def note_reporting_subjects(text: str, index: SpeakerIndex) -> None:
    """Remember every named subject of a reporting verb ('Trump, however, said he ...') for pronouns."""
    paragraph_starts = [start for start, _ in split_paragraphs(text)]
    for verb in find_verbs(VERB_RE, text, 0, len(text)):
        if index.in_quotation(verb.start()):
            continue  # a quotation's own words ('"... Mine told me that she would be ...," he said'): no subject of ours
        paragraph_start = paragraph_starts[bisect.bisect_right(paragraph_starts, verb.start()) - 1]
        start = sentence_start(text, paragraph_start, verb.start())
        subject = find_subject(text, start, verb.start(), index)
        if subject is None and not verb.group().endswith("ing") and INVERTED_COMMA_RE.search(text, max(start, verb.start() - 4), verb.start()):
            # 'Computers have seen impacts, too, said Mary E. Lovely, an economist.': the one named after the verb
            # speaks, with no quotation of her own, and a later 'she said' is hers
            named = index.read_name(text, verb.end(), sentence_end(text, verb.end(), min(len(text), verb.end() + 200)))
            if named and named[0][:1].isupper() and named[0].casefold() not in PRONOUN_WORDS:
                index.note_speaker(named[0], named[1])
            continue
        if subject is None or subject[0].casefold() in PRONOUN_WORDS:
            continue
        if unnamed_person_head(subject[0]) is not None:
            # ('a reporter asked Trump ...': the answer is not the reporter's; 'Mr Roe claimed that an officer
            # told him ...': the sentence goes on about Mr Roe)
            if not verb.group().casefold().startswith("ask") and not THAT_BEFORE_RE.search(text, max(0, subject[1] - 6), subject[1]):
                index.note_speaker(subject[0], subject[1])  # '..., the driver told police'
        elif subject[0][:1].isupper():
            index.note_speaker(subject[0], subject[1])
        else:
            index.note_role_subject(subject[0], subject[1])  # 'the campaign manager said he ...'


def inherit_speaker(
    text: str,
    quote: RawQuote,
    previous: Quotation | None,
    previous_raw: RawQuote | None,
    index: SpeakerIndex,
    named_after: bool = False,
) -> tuple[str | None, str | None] | None:
    """The speaker of a quote with no cue: named in the previous sentence, else the previous quote's."""
    start = sentence_start(text, quote.paragraph_start, quote.open_mark[0])
    if not named_after and (start > quote.paragraph_start or quote.paragraph > 0):
        floor = quote.paragraph_start if start > quote.paragraph_start else max(0, quote.paragraph_start - 600)
        previous_start = sentence_start(text, floor, max(floor, start - 2))
        if previous_raw is None or previous_raw.close_mark[1] <= previous_start:
            # 'The plan may stall, Schiff said. "..."': the cue closing the previous sentence
            tail = attribute_sentence_tail(text, previous_start, start, index)
            if tail is not None and tail.speaker:
                return index.name_speaker(tail.speaker, tail.position)
            reporting = STATEMENT_RE.search(text, previous_start, start) is not None
            subject = index.sentence_subject(text, previous_start, start, descriptions=reporting)
            if (
                subject is not None
                and previous_start > 0
                and index.in_heading(previous_start)
                and not index.named_outside_headings(subject[1])
            ):
                # 'New Release: Last Chance to Buy ...': a subhead's words, no one the story names (the headline
                # 'Cecile Richards: ...' names whom the story quotes)
                subject = None
            if subject is not None:
                return subject
    if previous is not None and previous_raw is not None and quote.paragraph - previous_raw.paragraph <= 2:
        return previous.speaker, previous.speaker_name
    return None


def continues_quote(text: str, quote: RawQuote, previous_raw: RawQuote | None) -> bool:
    """Whether a fragment with no cue follows, in the next sentence of the same paragraph, a speaker's quote."""
    if previous_raw is None or previous_raw.paragraph != quote.paragraph:
        return False
    gap = text[previous_raw.close_mark[1] : quote.open_mark[0]]
    if len(gap) > 250 or QUOTE_MARK_RE.search(gap):
        return False
    ends = list(SENTENCE_END_RE.finditer(gap))
    return len(ends) == 1  # exactly the sentence break between them


def is_attribution_gap(text: str, last: RawQuote, gap: str, next_first_char: str = "") -> bool:
    """Whether the words between two quotes only attribute them: ', he said, ' or ' Smith said. '."""
    if not gap.strip():
        # two quotations side by side: '"A," "B."' once the cue between them was lost
        first = quote_text(text, last.spans).rstrip()
        return bool(first) and first[-1] in ",.!?" and next_first_char.isupper()
    if len(gap) > 120 or re.search(r"[\"“”]", gap) or not VERB_RE.search(gap):
        return False
    if len(VERB_RE.findall(gap)) >= 2 and GAP_CLAUSE_RE.search(gap):
        return False  # '," Cruz said as the heckler yelled: "': a second speaker
    if re.search(r"[,:—–―]\s*$", gap):
        return ends_open(quote_text(text, last.spans)) and not SENTENCE_END_RE.search(gap)
    # '"A," Smith said. "B."': the second quote goes on with the same speaker
    match = re.fullmatch(r"\s*,?\s*([^.!?]+)[.]\s*", gap)
    if not match:
        return False
    clause = match.group(1)
    verb = VERB_RE.search(clause)
    return verb is not None and len(clause) <= 100 and not re.search(r"\b(?:and|but|because|when|after|while|who|which)\b", clause)


def has_own_cue(text: str, quote: RawQuote) -> bool:
    """Whether a quotation is followed by its own cue ('"B," Raman said'), so it is not a continuation."""
    after = text[quote.close_mark[1] : min(quote.paragraph_end, quote.close_mark[1] + 60)]
    stop = CLAUSE_STOP_RE.search(after)
    clause = after[: stop.start()] if stop else after
    return bool(clause.strip(" ,")) and VERB_RE.search(clause) is not None


def answers(text: str, last: RawQuote, gap: str) -> bool:
    """Whether the words between two quotes introduce another speaker's reply: 'Mr Roe asked: 'Why?' Dr
    Poe replied: 'Because.'' (the first quote introduced with a colon, the gap naming someone else)."""
    if not gap.rstrip().endswith(":"):
        return False
    before = text[max(last.paragraph_start, last.open_mark[0] - 80) : last.open_mark[0]].rstrip()
    if not before.endswith(":"):
        return False
    named = {word for word in NAME_WORD_RE.findall(gap) if word not in NOT_NAMING_WORDS}
    return bool(named - set(NAME_WORD_RE.findall(before)))


def introduces_reply(text: str, quote: RawQuote) -> bool:
    """Whether the cue after a quote introduced with a colon introduces the next one: 'Mr Roe asked:
    'Why?' Dr Poe replied: 'Because.'' (Dr Poe's cue is not the question's)."""
    before = text[max(quote.paragraph_start, quote.open_mark[0] - 80) : quote.open_mark[0]].rstrip()
    return before.endswith(":") and REPLY_CUE_RE.match(text, quote.close_mark[1], quote.paragraph_end) is not None


# A clause opening a sentence that a quotation may lie in before the main clause: 'After X said ...', 'When ...',
# 'Acknowledging that ...' (an -ing form; not 'During', 'Morning')
OPENING_CLAUSE_RE = re.compile(
    r"[\s\"“'‘]*(?:(?P<subordinate>After|When|As|While|Although|Though|Before|Since|Because|Once|Until|If)"
    r"|(?P<participle>(?!(?:During|Morning|Evening|Nothing|Something|Everything|Anything|King|Spring|Sterling|Irving|Bring)\b)[A-Z][a-z]{2,}ing))\s"
)


def in_opening_clause(text: str, quote: RawQuote, start: int | None = None) -> re.Match | None:
    """The opening clause a quotation lies in when no comma has closed it before the quotation: 'After Roe said the
    town had "less advanced schools," Poe said: "..."' (the cue after it is the main clause's, not the quotation's)."""
    if start is None:  # (`start`: where the quotation's sentence starts, when known)
        start = sentence_start(text, quote.paragraph_start, quote.open_mark[0])
    prefix = text[start : quote.open_mark[0]]
    if "," in prefix or not prefix.strip() or PREFIX_SENTENCE_END_RE.search(prefix):
        return None  # (a single mark opening the next sentence hides its start: "... the sheds. 'They were")
    return OPENING_CLAUSE_RE.match(prefix)


MAX_TERM_WORDS = 2  # a quotation of this many words inside the reporter's sentence is a term ('called it "a disgrace"')


def reads_as_term(words: str) -> bool:
    """Whether quoted words may be a title or a term rather than a statement: title case, or a word or two."""
    return len(WORD_RE.findall(words)) <= MAX_TERM_WORDS or is_title(words)


def is_term_in_sentence(text: str, quote: RawQuote) -> bool:
    """Whether a quotation is a title or a term inside the reporter's sentence ('a reference to the blockbuster
    "Star Wars" sequel'), words after it that no later quotation continues."""
    if not reads_as_term(quote_text(text, quote.spans)):
        return False
    open_start = quote.open_mark[0]
    before = text[max(quote.paragraph_start, open_start - STANDALONE_WINDOW) : open_start].rstrip()
    return bool(before) and not (
        SENTENCE_END_BEFORE_RE.search(before) or SAID_BEFORE_RE.search(before) or ACCORDING_BEFORE_RE.search(before)
    )


def lists_terms(text: str, last: RawQuote, quote: RawQuote, gap: str) -> bool:
    """Whether two quotations side by side are items of a list of titles or terms ('"Veep," "Taken"'), not one
    quotation whose cue was lost."""
    return not gap.strip() and reads_as_term(text[slice(*last.spans[-1])]) and reads_as_term(quote_text(text, quote.spans))


def merge_split_quotes(text: str, quotes: list[RawQuote]) -> list[RawQuote]:
    """Join '"First part," he said, "second part."' into one quote with two spans."""
    merged: list[RawQuote] = []
    for quote in quotes:
        if merged:
            last = merged[-1]
            gap = text[last.close_mark[1] : quote.open_mark[0]]
            if (
                last.paragraph == quote.paragraph
                and len(last.spans) < MAX_SPLIT_PARTS
                and is_attribution_gap(text, last, gap, text[quote.spans[0][0] : quote.spans[0][0] + 1])
                and not has_own_cue(text, quote)
                and not answers(text, last, gap)
                and not in_opening_clause(text, last)
                and not ends_introduced_question(text, last)
            ):
                if len(last.spans) == 1 and is_term_in_sentence(text, last):
                    # 'the blockbuster "Star Wars" sequel ..., remarking, "..."': the cue is the next quotation's, so
                    # a title before it (title case, two words or more: one, 'yelled "Hypocrites"', may be said) is named
                    words = quote_text(text, last.spans)
                    last.term = last.term or (len(WORD_RE.findall(words)) >= 2 and is_title(words))
                elif lists_terms(text, last, quote, gap):
                    last.term = quote.term = True
                else:
                    last.split_close = last.split_close or last.close_mark
                    last.spans.extend(quote.spans)
                    last.close_mark = quote.close_mark
                    continue
        merged.append(quote)
    return merged

