"""Outlet credits: every outlet an article credits, and whether the article is that outlet's copy.

Copy credits (kind dateline, byline, copyright) say "this article is X's copy": a dateline
"WASHINGTON (AP) —" or a closing "— AFP", a byline "By AP staff", a copyright or credit line
("Copyright 2026 The Associated Press", Reuters' "(Reporting by ...; Editing by ...)",
"Associated Press writers ... contributed to this report"). The other kinds credit an outlet for a
fact or a quote: "according to X", "X reported", "told X", "per X", hyperlinks to X's articles...
A credit to the article's own outlet is no credit and is dropped; "told" or "in an interview
with" it says the outlet heard the quote itself (`read_credits` returns those quotations).
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import defaultdict
from dataclasses import dataclass

from provenance.models import COPY_CREDIT_KINDS, Article, Credit, Link, Outlet, Quotation
from provenance.outlets import (
    FUNCTION_WORDS,
    HOSTED_PLATFORMS,
    NEWS_NETWORKS,
    SHORT_HEADS,
    OutletMention,
    OutletRegistry,
    host_of,
    normalize_name,
    outlet_for_article,
    outlet_from_name,
    registrable_domain,
    short_form_regex,
)
from provenance.urls import split_url

LOGGER = logging.getLogger(__name__)

OWN_INTERVIEW_KINDS = ("told", "interview")  # cues that, naming the article's own outlet, claim the quote

# --- Unknown outlets named in text: capitalised phrases built around a news word. --------------
# A capitalised word; a full stop only inside initials ("U.S.") or after "St", so that a name
# never runs past the end of its sentence ("the Daily Planet. Critics ...").
_CAP = r"(?:[A-Z]\.(?:[A-Z]\.)+|St\.|[A-Z][\w'’&]*(?:-[A-Z]?[\w'’&]+)*)"
_END_HEADS = (
    r"Times|Post|News|Herald|Journal|Gazette|Tribune|Press|Ledger|Courier|Sentinel|Chronicle|"
    r"Examiner|Inquirer|Observer|Telegraph|Dispatch|Bulletin|Star|Globe|Mirror|Register|Monitor|"
    r"Wire|Review|Weekly|Magazine|Radio|TV|Television|Broadcasting|Daily|Reporter|Enquirer|Courant|"
    r"Beacon|Bee|Mercury|Standard|Independent|Express|Mail|Record|Leader|Citizen|Guardian|Advocate|"
    r"Sun|Channel|Blog"
)
_END_HEADS = r"(?:News|Press|Broadcasting|TV|Television|Radio|Media)\s(?:Agency|Network|Service)|" + _END_HEADS
_FRONT_HEADS = r"Radio|Channel|TV|Daily|Television"
_HEAD_PREFIX = r"(?:[A-Z][a-z]+-)?"  # a hyphenated head: "the Wheeling News-Register", "the Millbrook Star-Ledger"
_STATION = r"(?:ABC|NBC|CBS|FOX|Fox|CW|PBS)\s\d{1,2}(?![\d,.])"  # a network's local station: "ABC 7"
UNKNOWN_OUTLET_RE = re.compile(
    rf"(?<![\w@#/-])(?:(?P<the>[Tt]he)\s+)?(?P<name>(?:{_CAP}\s){{1,4}}{_HEAD_PREFIX}(?:{_END_HEADS})(?:\s\d+)?"
    rf"|(?:{_FRONT_HEADS})\s(?:{_CAP}|\d+)(?:\s(?:{_CAP}|\d+)){{0,2}}|{_STATION})(?P<poss>['’]s?)?(?![\w&-])"
)
UNKNOWN_OUTLET_FULL_RE = re.compile(
    rf"(?:[Tt]he\s+)?(?:(?:{_CAP}\s){{1,4}}{_HEAD_PREFIX}(?:{_END_HEADS})(?:\s\d+)?|(?:{_FRONT_HEADS})\s(?:{_CAP}|\d+)(?:\s(?:{_CAP}|\d+)){{0,2}}"
    rf"|{_STATION})"
)
# A name with no news word, after "told" or "spoke to", is an outlet when the sentence shows it is one: it is a
# domain ("told Kestrel.com") or an apposition says what it is ("told Kestrel, a news site in Eastport, that"); a
# person told something is neither ("told Lena Voss, a harbour pilot,", "told Voss, a reporter for the paper,")
DOMAIN_NAME_RE = re.compile(r"\b[A-Za-z][\w-]*\.(?:com|net|org|news|co\.uk|co|io|tv|fm|info|media)\b")
OUTLET_APPOSITIVE_RE = re.compile(
    r",\s+(?:a|an|the)\s+(?:(?!(?:for|of|at|with|from|in|on|to|by|and)\s)[\w'’&-]+\s+){0,4}?"
    r"(?:news(?:\s+(?:site|outlet|service|website|organi[sz]ation|agency))?|newsletter|newspaper|paper|magazine|outlet|"
    r"website|site|publication|broadcaster|network|station|channel|podcast|wire|blog|tabloid|daily|weekly)"
    r"(?=\s*(?:[,;.)—–]|$)|\s+(?:in|of|from|based|that|which|whose|covering)\b)",
    re.IGNORECASE,
)
APPOSITION_GAP_RE = re.compile(r",\s+")
APPOSITION_END_RE = re.compile(r"\s*(?:[,;.)—–]|$)")
TOLD_NAME_RE = re.compile(
    r"\b(?:told|telling|spoke\s+(?:to|with)|speaking\s+(?:to|with))\s+"
    r"(?P<name>[A-Z][\w&'’-]*(?:\s[A-Z][\w&'’-]*){0,2}?(?P<domain>\.(?:com|net|org|news|co\.uk|co|io|tv|fm|info|media))?)"
    r"(?![\w&'’-]|\.\w|\s[A-Z])"
)
# Words after a news-word phrase that make it something else ("White House Press Secretary").
NOT_OUTLET_NEXT_RE = re.compile(
    r"^\s(?:Secretary|Office|Conference|Corps|Release|Briefing|Room|Club|Gallery|Pool|Freedom|"
    r"Council|Awards?|Prize|Building|Square|Center|Centre|Institute|Foundation|Party)\b"
)
NOT_OUTLET_WORDS = frozenset(
    """White House Senate Congress Department Ministry Pentagon University Court Police Party Campaign
    Mayor Governor Gov Senator Sen Rep Representative President Judge Justice Chairman Chairwoman Chair
    Secretary Director Minister Chief Officer Spokesman Spokeswoman Spokesperson Professor Dr Mr Mrs Ms
    Rev General Commissioner Sheriff Attorney Councilman Councilwoman Speaker Majority Minority
    Company Companies Inc Incorporated LLC Corporation Corp Ltd Holdings
    Medical Medicine Clinical Scientific Law""".split()
)  # ... and owner companies ("The Channel Company") and learned journals ("British Medical Journal")
POSSESSIVE_WORD_RE = re.compile(r"['’]s?$")
WORD_SPAN_RE = re.compile(r"\S+")

LEADING_THE_RE = re.compile(r"^[Tt]he\s+")
SHORT_FORM_RE = short_form_regex(SHORT_HEADS)  # "the Journal", "the Post's"

# --- Copy credits. ---------------------------------------------------------------------------
# "WASHINGTON (AP) —", "HEMPSTEAD, N.Y., Sept. 26 (UPI) —", "Dec 29 (Reuters) -", "(Reuters) -"
DATELINE_RE = re.compile(
    r"(?m)^[ \t\u00a0]*(?P<place>(?:[A-Z][\w.'’-]*|\d{1,2})(?:[ ,]+(?:[A-Z][\w.'’-]*|\d{1,2}))*)?[ ,]*"
    r"(?P<open>\()(?P<name>[^()\n]{1,40})\)[ \t\u00a0]*(?P<dash>[—–_]|--?)"
)
# "(HNS) —": an unregistered wire's acronym in a dateline, unless it is a label of the page.
ACRONYM_RE = re.compile(r"[A-Z]{2,6}")
NOT_WIRE_ACRONYMS = frozenset("VIDEO PHOTO PHOTOS WATCH LIVE AUDIO UPDATE MAP POLL OPED TEXT FULL".split())
# A closing "— AFP" at the end of a paragraph.
TRAILING_DATELINE_RE = re.compile(
    r"(?m)(?<=\s)(?P<dash>[—–]|--)[ \t\u00a0]*(?P<name>[A-Z][\w.&-]*(?:[ \t][A-Z][\w.&-]*){0,3})\.?[ \t\u00a0]*$"
)
COPYRIGHT_RE = re.compile(
    r"(?:\([cC]\)|©|\bCopyright\b)(?:[ \t\u00a0]*(?:\([cC]\)|©|Copyright))*[ \t\u00a0]*"
    r"(?:\d{4}(?:[ \t]*[-–][ \t]*\d{4})?,?[ \t\u00a0]*)?(?:by[ \t]+)?"
)
# After a name in a copyright line: the owning company ("Dow Jones & Company", "CBS Interactive Inc.").
CORPORATE_RE = re.compile(
    r"(?:['’]s)?,?\s*(?:&|and\s|Inc\b|LLC\b|L\.L\.C\.|Ltd\b|Limited\b|Group\b|Media\b|Networks?\b|Interactive\b|"
    r"Digital\b|Holdings\b|Corporation\b|Corp\b|Enterprises\b|Publishing\b|Publications\b|Communications\b|"
    r"Universal\b|Properties\b|Partners\b|Company\b|Co\b|Broadcasting\b|Newspapers?\b|Now\b)"
)
PHOTO_CREDIT_RE = re.compile(r"\s*(?:/|\||Photo|Images?\b|Pictures?\b)")
RIGHTS_RE = re.compile(r"[Aa]ll [Rr]ights [Rr]eserved")
# How far after a copyright mark its line is read: the longest real copyright line is well under it.
COPYRIGHT_LINE_REACH = 500
# Reuters' closing credit line: "(Reporting by X; Editing by Y)" (also without parentheses).
REUTERS_LINE_RE = re.compile(
    r"(?:\(|^|(?<=[.”\"]\s))(?P<line>(?:Additional |Writing and )?[Rr]eporting by[^()\n]*?[Ee]diting by[^()\n]*|"
    r"(?:Writing|Compiled) by[^()\n]*?[Ee]diting by[^()\n]*|Editing by[^()\n]*)(?:\)|$)",
    re.MULTILINE,
)
BLOOMBERG_LINE_RE = re.compile(
    r"(?m)^[ \t]*(?:To contact the (?:reporters?|editors?) (?:on|responsible for) this story|--\s?With assistance from)[^\n]*"
)
# An article's first line when it is its title ("NY Daily News: Paris Attacks Highlight ...").
HEADLINE_RE = re.compile(r"\s*(?P<line>[^\n]+)")
# The Associated Press's standing line under "10 Things to Know for Today", reprinted with the list.
AP_LINE_RE = re.compile(
    r"(?m)^[ \t]*Your daily look at late-breaking news, upcoming events and the stories that will be talked about today\b"
)
CONTRIBUTED_RE = re.compile(
    r"\bcontributed(?: reporting)?(?: to)? (?:this|the) (?:report|story|article)|\bcontributed reporting\b"
)
BYLINE_TEXT_RE = re.compile(r"(?m)^[ \t]*(?P<by>By|BY)[ \t]+(?P<who>[^\n]{2,90})$")
BYLINE_PREFIX_RE = re.compile(r"^(?:by|from)\s+", re.IGNORECASE)
BYLINE_SPLIT_RE = re.compile(r"\s*(?:,|;|\||/|\band\b|&|\s[-–—]\s)\s*")
BYLINE_SUFFIX_RE = re.compile(
    r"\s+(?:staff(?:\s+writers?)?|writers?|reporters?|correspondents?|wire(?:\s+service)?|news\s+service|"
    r"report|contributors?)$",
    re.IGNORECASE,
)
SPECIAL_FOR_RE = re.compile(r"^special\s+(?:for|to)\s+", re.IGNORECASE)
PARENTHESES_RE = re.compile(r"\([^()]*\)")

# --- Credits for a fact or a quote: cues before and after an outlet mention. ------------------
# Words that may stand between a cue and its preposition: "said Sunday on", "an interview last week with".
_WHEN = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|yesterday|today|tonight|last|this|that|earlier|later|again|"
    r"recently|previously|morning|afternoon|evening|night|week|weekend|month|year|aired|airing|broadcast|"
    r"published|conducted|taped|recorded|released|posted|by\s+(?:tele)?phone)"
)
_DATE = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d{1,2}\b"  # "said Dec. 6 on NPR"
_FILLER = (
    r"(?:\s+(?:an?|the)\s+(?:[\w’'-]+\s+){0,3}?(?:by|from|in|of|with|on)|\s+an?|\s+(?:a\s+)?report\s+(?:by|from|in)"
    r"|\s+(?-i:[A-Z][\w.'’-]+\s+){1,3}(?:of|at|from|with)"  # "told Ana Ruiz of the Ledger"
    r"|\s+(?:the|an?)\s+(?:[\w-]+\s+){0,2}?(?:site|website|newspaper|paper|magazine|tabloid|outlet|network|blog|"
    r"publication|channel|station|broadcaster|daily|weekly)"  # "a report from the conservative site The Kestrel"
    # ... or a medium named with no article before it ("told French television channel BFM TV")
    r"|\s+(?:[\w-]+\s+){0,2}?(?:(?:television|TV|radio)\s+(?:channel|station|network)|broadcaster|newspaper|daily))?"
)
_OWNER = r"(?:\s+(?-i:[A-Z][\w-]*(?:\s[A-Z][\w-]*)?)['’]s?)?"  # "an op-ed in Iowa's Cedar Rapids Gazette"
# Speech verbs that, with "on" or "to" and an outlet, say where words were said ("insisted on CNN that", "argued to
# the Ledger."): a credit only when the outlet ends the verb's phrase (`SPOKEN_AFTER_RE`), since the same verbs govern
# nouns with these words ("insisted on CNN retracting", "added to the Post's troubles")
_SPEECH_VERBS = (
    r"(?<!\bhis\s)(?<!\bher\s)(?<!\bits\s)(?<!\bthe\s)(?<!\btheir\s)(?:"  # "his remarks to the Post": a noun
    r"insisted|insists|argued|argues|claimed|maintained|maintains|acknowledged|acknowledges|admitted|admits|"
    r"conceded|concedes|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|noted|added|adds|explained|explains|"
    r"warned|warns|predicted|predicts|boasted|denied|denies|asserted|asserts|contended|contends|declared|"
    r"declares|suggested|suggests|vowed|promised|joked|lamented|complained|complains|confirmed|confirms|"
    r"reiterated|reiterates|repeated|revealed|reveals|disclosed|discloses|recounted|recalled|defended|defends|"
    r"countered|responded|responds|replied|opined|mused|cautioned|bragged|remarked|announced|announces)"
)  # (not "claims", "notes", "remarks", "replies": nouns as often)
# "told People.", "added to People.", "said to Slate that": a one-word name is searched in text only when it is
# distinctive, but right after words said to an outlet, ending the phrase, it is the magazine or site the registry
# calls by that word and a qualifier ("People (magazine)", "Salon (website)"), or by the word alone ("Time")
SAID_TO_NAME_RE = re.compile(
    r"(?<![\w-])(?:told|telling|(?:said|says|" + _SPEECH_VERBS + r")\s+to|spoke\s+(?:to|with)|speaking\s+(?:to|with)"
    r"|interview\s+with)\s+(?P<name>[A-Z][a-z]+)(?=\s*(?:[.,;:!?)\"“”—–]|$)|\s+(?:that|in|on|at|last|this|earlier|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)
QUALIFIED_FORMS = ("{} (magazine)", "{} (website)", "{}")
NAME_PAIR_RE = re.compile(r"(?P<first>[A-Z][\w'’.-]*)\s+(?=(?P<last>[A-Z][a-z]+)\b)")
LEFT_CUE_RE = re.compile(
    r"(?<![\w/])(?:"
    r"(?P<according_to>[Aa]ccording\s+to)"
    r"|(?P<reported_by>(?:(?:first|originally|initially|previously|as|also|earlier)\s+)?reported\s+(?:by|in))"
    r"|(?P<scoop>(?:scoop(?:let)?s?|first\s+scooped)\s+(?:by|from|via|in))"  # a newsletter's "Scooplet from Axios:"
    r"|(?P<interview>(?:(?:in|during)\s+)?(?:an?|his|her|their|the)\s+(?:[\w-]+\s+){0,2}interview(?:\s+" + _WHEN + r"){0,2}\s+(?:with|on)"
    r"|(?:interviewed|questioned|asked|pressed)\s+by|(?:in\s+|during\s+)?(?:an?|his|her|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:appearance|guest)\s+on|(?:(?:being\s+)?interviewed|asked)(?:\s+" + _WHEN + r"){0,2}\s+on"
    r"|(?:sat|sits|sitting)\s+down(?:\s+" + _WHEN + r"){0,2}\s+with"  # "Sitting down with NPR's Morning Edition"
    r"|(?:said|says|stated|stating|speaking|spoke|appearing|appeared)(?:\s+(?:" + _WHEN + r"|" + _DATE + r"|[a-z]+ly)){0,3}\s+on)"
    r"|(?P<went_on>(?:went|goes|go|going)(?:\s+" + _WHEN + r"){0,2}\s+on)"  # "went on NPR to say": on air
    r"|(?P<spoken_on>(?:" + _SPEECH_VERBS + r")(?:\s+" + _WHEN + r"){0,3}\s+on)"
    r"|(?P<told>told|telling|tells|spoke\s+(?:to|with)|speaking\s+(?:to|with)|(?:reached|contacted)\s+by"
    r"|(?:said|says|confirmed|confirms|explained|admitted|acknowledged|reiterated|insisted|stressed|conceded|"
    r"complained|disclosed|revealed|recounted|repeated)\s+to"
    r"|(?:in\s+|via\s+|during\s+)?an?\s+(?:[\w-]+\s+){0,2}?(?:statement|e-?mail|letter|message|note|text|call)\s+to"
    r"|(?:interviews?|comments|remarks|account)\s+(?:(?-i:[A-Z][\w’'.-]*|he|she|they|his|her|their|brother|sister|wife|"
    r"husband|son|daughter|father|mother)\s+){1,4}?(?:gave|granted|had\s+given|has\s+given)\s+to)"  # "an interview he gave to"
    r"|(?P<spoken_to>(?:" + _SPEECH_VERBS + r")\s+to)"
    r"|(?P<based_on>(?:(?:seiz|pounc|jump|remark)(?:ed|es|ing|e|s)?\s+(?:up)?on|(?:rel(?:y|ies|ied|ying)|based|"
    r"draw(?:s|ing)?|drew)\s+on|referenc(?:ed|es|ing)|in\s+reference\s+to|referr(?:ed|ing)\s+to|"
    r"point(?:ed|ing|s)?\s+to|cit(?:ed|es))\s+(?:an?|the)(?:\s+(?:[\w’'-]+)){0,2}?)"  # "seizing upon a recent X report"
    r"|(?P<per>(?:[Aa]s\s+)?[Pp]er)"
    r"|(?P<citing>[Cc]iting)"
    r"|(?P<via>[Vv]ia)"
    r"|(?P<hat_tip>[Hh]/[Tt]/?:?|[Hh]at\s+[Tt]ip(?:\s+to)?:?)"
    r"|(?P<obtained>(?:obtained|published|reviewed|seen|viewed|aired|broadcast|released|posted|provided|uncovered|unearthed)(?:\s+(?:first|exclusively|" + _WHEN + r"))*\s+by"
    r"|(?:leaked|provided|given|sent|shown)\s+(?:exclusively\s+)?to)"
    r"|(?P<report_in>(?:an?|the|this|that)\s+(?:[\w’'-]+\s+){0,2}?(?:(?:report|story|article|investigation|analysis|scoop|exposé|expose|"
    r"headline)\s+(?:(?:published|printed|posted)\s+)?(?:in|by|from)"  # "an opinion article published in X"
    r"|(?:op-ed|column|editorial|essay|piece|profile|commentary)\s+(?:(?:published|printed|posted)\s+)?(?:in|for|on)|issue\s+of))"
    r"|(?P<wrote_in>(?:wrote|writing|writes|written)\s+(?:in|for|at|on)|(?:reports|reporting)\s+for)"
    r"|(?P<noted_in>(?:noted|notes|observed|argued|argues|explained|pointed\s+out)(?:\s+" + _WHEN + r")?\s+in)"
    r"|(?P<in_piece>(?<![\w-])[Ii]n\s+(?:an?|its|the)\s+(?:[\w’'-]+\s+){0,2}?(?:editorial|opinion\s+piece|op-ed|column|"
    r"article|report|story|investigation|analysis|piece)(?:\s+" + _WHEN + r"){0,2},)"  # "In a scathing op-ed, the Journal"
    r"|(?P<in_named>(?<![\w-])(?:in|during)(?:\s+(?:an?|the))?(?:\s+[\w’'-]+){0,2}?)"  # "In an X/Y poll released Monday,"
    r"|(?P<estimated_by>(?:estimated|projected|calculated|tallied|counted)\s+by)"  # "the $36.5 billion estimated by X"
    r"|(?P<by_count>by)"
    r"|(?P<at_event>(?:at|during)\s+(?:an?|the))"
    r"|(?P<inverted_reported>(?<=[,;]\s)(?:first\s+)?(?:reported|reports))"
    r"|(?P<inverted_said>(?<=[,;”\"]\s)(?:said|says|wrote|writes|noted|notes|declared|opined|argued|argues))"
    r")" + _FILLER + _OWNER + r"\s+[\"“]?$",  # 'told "Fox and Friends"': a title in quotation marks
    re.IGNORECASE,
)
# A cue and an outlet set in capitals, as a line under a story: "FIRST REPORTED BY THE KESTREL TIMES", "VIA CP".
CAPITAL_CUE_RE = re.compile(
    r"(?<![\w/])(?:(?P<reported_by>(?:(?:FIRST|ORIGINALLY)\s+)?REPORTED\s+(?:BY|IN))|(?P<according_to>ACCORDING\s+TO)"
    r"|(?P<via>VIA)|(?P<hat_tip>H/T:?|HAT\s+TIP(?:\s+TO)?:?))[ \t]+"
    r"(?P<name>[A-Z0-9][A-Z0-9&.'’-]*(?:[ \t]+[A-Z0-9&][A-Z0-9&.'’-]*){0,5})(?![\w&'’-]|[ \t]+[a-z])"
)
# "Bloomberg estimates his fortune at", "Forbes lists", "Forbes put his net worth at", "Time named him on its list
# of": the outlet's own figure, a credit of scope 'fact' (as a poll or a count is).
_FIGURE_VERBS = (
    r"estimated|estimates|pegged|pegs|listed|lists|ranked|ranks|tallied|tallies|"
    r"puts?\s+(?:his|her|their|its|the)\s+(?:[\w-]+\s+)?(?:net\s+worth|fortunes?|wealth|value|total|tally|number)|"
    r"named\s+(?:[\w’'-]+\s+){1,4}?(?:on|to)\s+its\s+(?:[\w-]+\s+)?(?:list|ranking)"  # "named him on its list of"
)
FIGURE_VERB_RE = re.compile(_FIGURE_VERBS)
# An aside between an outlet and its verb: "Forbes, however, says", "Politico, in a long look at the
# campaign, described", "the Post—even the devil can quote statistics—observed", "the Journal, citing
# internal documents, reported".
_ASIDE = (
    r"\s*,\s*(?:however|though|too|meanwhile|in\s+turn|for\s+(?:its|their)\s+part|in\s+an?\s+[^,.;:\"“”\n]{3,80}"
    r"|(?:citing|quoting)\s+[^,.;:\"“”\n]{3,80}"
    r"|(?:like|unlike)\s+[^.;:\"“”\n]{3,100}?"  # "CNN, like the AP, which was first to do so, declared"
    r"|(?:the|an?)\s+[^,.;:\"“”\n]{3,80}?),"  # "Xinhua, the official news agency, wrote", "the Ledger, a Welsh daily, revealed"
    r"|\s*[—–]\s*[^—–.;\"“”\n]{3,80}?\s*[—–]"
)
LIKE_ASIDE_RE = re.compile(r"\s*like\s")  # "X, like Y, declared": Y declared it too (not "unlike")
# The outlet answering in print: "Forbes shot back in an article stating", "Politico responded late Friday with
# an editor's note on the story saying", "The Post responded with a second critical piece".
_ANSWERED_IN = (
    r"(?:(?:shot|hit|fired|pushed)\s+back|responded|replied|countered|retorted|followed\s+up)"
    r"(?:\s+(?:late|early|on|last|this))?(?:\s+" + _WHEN + r")?\s+(?:in|with)\s+(?:an?|its|the)\s+(?:[\w’'-]+\s+){0,2}?"
    r"(?:article|story|report|editorial|editor['’]s\s+note|piece|column|op-ed|feature|investigation|segment|update)"
)
# The outlet's claim in print, its words (kind 'said'): "The Times made these same allegations against the NRA",
# "the Post alleged"; and its question, its reporting: "The Post even queried whether". Not "will accuse": only
# what it has said.
_CLAIM_VERBS = (
    r"alleged|alleges|accused|accuses|made\s+(?:an?|the|these|those|such|similar)\s+(?:same\s+|similar\s+)?"
    r"(?:allegations?|accusations?|claims?|charges?)"
)
CLAIM_VERB_RE = re.compile(_CLAIM_VERBS)
# "The Ledger published portions of the memo": the outlet had the document (kind 'obtained', as "published by").
_PUBLISHED_OF = (
    r"(?:published|posted|printed|released)\s+(?:(?:large|lengthy|brief|key|new)\s+)?(?:portions|excerpts|parts|part|"
    r"a\s+copy|copies|(?:the\s+)?(?:full\s+)?text|details|transcripts?|extracts)\s+of"
)
PUBLISHED_OF_RE = re.compile(_PUBLISHED_OF)
# A word describing an article: "a nearly 3,000-word article", "a front-page story".
_DESCRIBING_WORD = r"(?:\d{1,3}(?:,\d{3})+(?:-[\w-]+)?|[\w-]+)"
_QUESTION_VERBS = r"(?:queried|questioned|wondered|asked)\s+(?:whether|if)"
RIGHT_CUE_RE = re.compile(
    r"^(?P<type_noun>\s+(?:newspaper|paper|tabloid|magazine|website|site|network|broadcaster|channel|outlet|wire\s+service|"
    r"news\s+agency))?"  # "the Global Times tabloid noted"
    r"(?:\s*,\s*(?:which|who)\b|(?P<aside>" + _ASIDE + r"))?(?:\s+(?:on|late|early|last|this|earlier)\s+\w+)?"
    r"(?:\s+(?P<adverb>first|initially|originally|earlier|previously|recently|later|also|then|separately|"
    r"exclusively|even|has|had|have|was\s+(?:the\s+)?first\s+to))*"
    r"(?:\s+|(?<=[—–]))(?P<verb>reported|reports|scooped|(?<=to\s)report|broke\s+the\s+(?:news|story)|revealed|reveals|unearthed|uncovered|learned|"
    r"confirmed|confirms|(?:found|finds)(?!\s+(?:itself|themselves))|quoted|quotes|(?:published|ran|aired)\s+(?:an?|the)\s+(?:" + _DESCRIBING_WORD + r"\s+){0,2}?"
    r"(?:story|report|article|piece|feature|investigation|interview|transcript|video|recording)|obtained|"
    r"said|says|wrote|writes|noted|notes|claimed|claims|added|adds|stated|states|declared|opined|observed|observes|"
    r"pointed\s+out|points\s+out|described|describes|suggested|suggests|"
    r"investigated|investigates|exposed|exposes|noticed|surveyed|surveys|polled|" + _PUBLISHED_OF + r"|" + _CLAIM_VERBS + r"|" + _QUESTION_VERBS + r"|" + _FIGURE_VERBS + r"|" + _ANSWERED_IN + r")\b"
)
SAID_VERBS = frozenset(
    "said says wrote writes noted notes claimed claims added adds stated states declared opined argued argues observed "
    "observes described describes suggested suggests".split()
) | {"pointed out", "points out"}
LEFT_KINDS = {
    "report_in": "reported_by",
    "wrote_in": "reported_by",
    "in_piece": "reported",
    "by_count": "according_to",
    "in_named": "according_to",  # "interview" before "interview" (`_cue_credits`)
    "estimated_by": "according_to",
    "at_event": "interview",
    "spoken_on": "interview",
    "went_on": "interview",
    "noted_in": "reported_by",
    "spoken_to": "told",
    "inverted_reported": "reported",
    "inverted_said": "said",
    "scoop": "reported_by",
    "based_on": "reported",
}
# "by the AP's count": "by" credits only before a count; "at a CNN town hall": "at" only before an event.
COUNT_AFTER_RE = re.compile(r"['’]s?\s+(?:own\s+)?(?:count|tally|estimates?|calculations?|projections?|reckoning)\b")
# "according to an Associated Press count", "an AP-NORC poll", "an ABC News-Washington Post poll", "a poll by Fox
# News": a credit for a figure, which says nothing of where anyone's words came from. Not surveys: a survey of
# superdelegates or of soldiers is where its respondents' words are first printed.
FIGURE_AFTER_RE = re.compile(
    r"(?:['’]s?|(?:[-/][\w-]+(?-i:\s+[A-Z][\w-]*){0,3}){1,3})?\s+(?:(?:own|latest|new|exit|opinion|tracking|delegate|vote|"
    r"national|public|state|statewide|recent|online|final|early|weekly|monthly|daily|rolling)\s+)?"
    r"(?:count|tally|estimates?|calculations?|projections?|reckoning|polls?|polling|fact[- ]?check(?:er|ers|ing)?)\b",
    re.IGNORECASE,
)
# "Bloomberg's billionaires index", "Forbes' own list": the outlet's list, index or ranking, its figure
# (scope 'fact'), credited where the text names it with no other cue ("not on Bloomberg's own list").
OUTLET_LIST_RE = re.compile(
    r"['’]s?\s+(?:(?:own|latest|new|annual|real-time|daily)\s+)*(?:[\w-]+\s+)?"
    r"(?P<verb>list|index|ranking|rankings)\b",
    re.IGNORECASE,
)
FIGURE_BEFORE_RE = re.compile(
    r"\b(?:polls?|polling|count|tally)\s+(?:(?:conducted|commissioned|released)\s+(?:(?:on|last|this)\s+)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+|yesterday\s+|today\s+)?)?(?:by|from|for)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "litigation over a 1985 article in X", "asked about an article published by X", "apologised for a
# story in X": the outlet's article is what the story is about (a libel case, a complaint, a question
# put to a witness), not where its news or words came from.
TOPIC_BEFORE_RE = re.compile(
    r"\b(?:over|about|concerning|regarding|against|into|for)\s+(?:(?:an?|the|its|his|her|their)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:article|report|story|piece|column|editorial|op-ed|feature|investigation|expos[ée])s?\s+)?$",
    re.IGNORECASE,
)
TOPIC_CUE_GROUPS = frozenset({"report_in", "obtained"})
# "An analysis by the Ledger of elections since 1972 showed", "a study by X found": the study's finding, a figure
STUDY_CUE_RE = re.compile(r"\b(?:analysis|study|survey|poll)\b", re.IGNORECASE)
FINDING_LATER_RE = re.compile(r"[^.;!?]{0,120}?\s(?:showed|shows|found|finds|concluded|concludes)\b")
# "Trump dismissed a report in Politico that ...", "denied an earlier report from Bloomberg": the report
# is credited for its claim, which the subject disputes; it is what the story answers, and no source of
# anyone's words in it (scope 'fact'). "called a report in X fake" likewise.
DISPUTE_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:dismiss(?:ed|es|ing)?|den(?:y|ies|ied|ying)|reject(?:ed|s|ing)?|disput(?:e|ed|es|ing)|"
    r"discredit(?:ed|s|ing)?|refut(?:e|ed|es|ing)|rebut(?:s|ted|ting)?|debunk(?:ed|s|ing)?|derid(?:e|ed|es|ing)|"
    r"mock(?:ed|s|ing)?|ridicul(?:e|ed|es|ing)|slam(?:med|s|ming)?|blast(?:ed|s|ing)?|denounc(?:e|ed|es|ing)|"
    r"contest(?:ed|s|ing)?|contradict(?:ed|s|ing)?|push(?:ed|es|ing)?\s+back\s+(?:on|against)|"
    r"brush(?:ed|es|ing)?\s+(?:off|aside)|shrug(?:ged|s|ging)?\s+off|respond(?:ed|s|ing)?\s+to|"
    r"react(?:ed|s|ing)?\s+to)\s+$",
    re.IGNORECASE,
)
CALLED_BEFORE_RE = re.compile(r"(?<![\w-])(?:call(?:ed|s|ing)?|label(?:l?ed|s|l?ing)?|brand(?:ed|s|ing)?)\s+$", re.IGNORECASE)
FALSE_AFTER_RE = re.compile(
    r"[^.;]{0,80}?[\s\"“‘']\(?(?:fake|false|untrue|inaccurate|wrong|made[- ]up|fabricated|a\s+lie|lies|nonsense|"
    r"phony|bogus|fiction|a\s+hoax|garbage)\b",
    re.IGNORECASE,
)
# Credits to an outlet someone spoke to: never for a figure ("told CNN polls were wrong").
INTERLOCUTOR_KINDS = frozenset({"told", "interview", "said"})
# Cues that attach an outlet to the fact of their own sentence (", according to the AP.", "per CNN")
FACT_CUE_KINDS = frozenset({"according_to", "per"})
EVENT_AFTER_RE = re.compile(r"(?:['’]s?)?\s+(?:[\w-]+\s+){0,2}?(?:town\s+halls?|debates?|forums?)\b")
# "ESPN said in a statement": the outlet speaking for itself as a company, not a source of news.
STATEMENT_AFTER_RE = re.compile(r"\s+in\s+an?\s+(?:[\w-]+\s+)?(?:statement|news\s+release|press\s+release)\b")
# "CBS said it was canceling the show", "McClatchy said its finances were impaired": the outlet speaking
# of itself as a company; not when it tells how it got its news ("said it had obtained the emails").
SELF_AFTER_RE = re.compile(
    r"(?:\s+(?:on\s+|late\s+|early\s+|last\s+|this\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|yesterday|today|tonight|morning|afternoon|evening|night|week|earlier|later|previously|originally))?"
    r"(?:\s+that)?\s+(?:it|its)\b(?!\s+(?:(?:had|has|have|was|is|could|would|did)\s+)?(?:not\s+)?(?:been\s+)?"
    r"(?:independently\s+)?(?:obtained|received|reviewed|seen|learned|confirmed|verified|verify|confirm|found|"
    r"unable|able)\b|\s+(?:is|was|were|are)\s+(?:worth\s+|about\s+|nearly\s+|at\s+)?[$€£\d])"
)  # "Forbes says it is $4.5 billion": "it" is the figure
# ... unless what it says of itself is its reporting ("the AP said it did not include them in its tally")
OWN_REPORTING_RE = re.compile(
    r"[^.;]{0,80}?\bits\s+(?:own\s+|[a-z]+(?:er|est|ed|ive|al|ful|ous|ic)\s+)?(?:tally|count|report(?:ing)?|analysis|story|article|investigation|review|"
    r"survey|poll|reporters?|journalists?|sources?)\b"
)
# "This sort of opining, CNN claimed, violates its code of journalistic practices, and so Labott was
# suspended": the outlet as an employer or a party holding others to its own rules, not its reporting
# (only after an aside "X claimed," whose verb goes straight on to "its": no one else to own them).
OWN_RULES_RE = re.compile(
    r",\s+(?:[a-z]+\s+){1,2}its\s+(?:own\s+)?(?:[\w-]+\s+){0,2}?(?:code|codes|policy|policies|standards|guidelines|rules)\b"
)
# "McClatchy reported a loss of $304.7 million": the outlet's own accounts, not its reporting.
ACCOUNTS_AFTER_RE = re.compile(
    r"\s+(?:(?:an?|its)\s+(?:[\w-]+\s+)?(?:loss|profit|revenue|earnings|income|sales|results)\b"
    r"|(?:[\w-]+\s+)?(?:loss|losses|profits?|revenues?|earnings|income|sales)\s+of\s+[$€£\d])"
)
# An outlet's product that "via" sends the reader to: "via AP's Election Buzz interactive", "via the Ledger's app".
PRODUCT_AFTER_RE = re.compile(
    r"['’]s?\s+(?:[\w-]+\s+){0,4}?(?:interactive|app|apps|application|newsletter|quiz|game|calculator|widget|"
    r"live\s?stream|player|alerts?)\b",
    re.IGNORECASE,
)
INTERVIEW_AFTER_RE = re.compile(  # "in a CBS interview", "in the Ledger's exclusive interview"
    r"(?:['’]s?)?\s+(?:(?:exclusive|television|TV|radio|phone|telephone|lengthy|recent|new)\s+)?interview\b"
)
INTERVIEW_BEFORE_RE = re.compile(r"\binterviews?\s+$", re.IGNORECASE)
# "Lawyers for the Echo said", "the owner of the Echo said": a person acting for the outlet as a
# party or a business speaks, not the outlet reporting (its reporters and editors still credit it).
ACTOR_BEFORE_RE = re.compile(
    r"(?<![\w-])(?i:lawyers?|counsel|solicitors?|barristers?|attorneys?|spokes(?:man|woman|person)|owners?|proprietors?|"
    r"publishers?|chairman|chairwoman|chair|shareholders?|executives?|directors?|bosses|boss|board|managers?|"
    r"employees?|staffers?|readers?|advertisers?)\s+(?:of|for|representing|at)\s+$"
)
# "CNN's Dana Bash tweeted": a credit through the outlet's journalist. One speaking or asking on air ("CNBC's Ana Ruiz
# said", "the Ledger's Ana Ruiz asked him") is the outlet where the words were said: a moderator's or an interviewer's
# words, and those said in answer beside them (kind 'interview' for a question).
JOURNALIST_CUE_RE = re.compile(
    r"^['’]s?\s+(?:[A-Z][\w.'’-]*\s+){1,3}(?P<verb>(?:first\s+)?reported|reports|scooped|revealed|tweeted|wrote|writes|noted|"
    r"said|says|asked|asks|pressed|questioned|interjected|interrupted)\b"
)
# The same with the journalist's job between the outlet and the verb: "Kestrel Radio moderator Ana Ruiz asked", "an NPR
# reporter later asked him", "as a Meridian Ledger reporter noted". Not a commentator, analyst or contributor (someone
# the outlet pays for opinions, often given elsewhere), nor a former journalist of it.
ROLE_JOURNALIST_RE = re.compile(
    r"^\s+(?:(?:senior|chief|political|national|investigative|congressional|White\s+House|foreign|affairs|campaign|"
    r"news|veteran|longtime|staff)\s+){0,3}(?:reporters?|correspondents?|anchor|anchors|hosts?|moderators?|journalists?)"
    r"(?:\s+(?!(?:[Ll]ater|[Aa]lso|[Tt]hen|[Ff]irst)\b)[A-Z][\w.'’-]*){0,3}(?:\s+(?:later|also|then|first|repeatedly|"
    r"recently|again))?\s+(?P<verb>(?:first\s+)?reported|reports|scooped|revealed|tweeted|wrote|writes|noted|notes|said|says|"
    r"asked|asks|pressed|questioned|interjected|interrupted)\b"
)
FORMER_BEFORE_RE = re.compile(r"\b(?:former|ex-|onetime|then-)\s*$", re.IGNORECASE)
JOURNALIST_QUESTION_VERBS = frozenset("asked asks pressed questioned interjected interrupted".split())
# "when the Ledger asked him about the memo", "until Reuters asked about them", "the Ledger asked several times whether",
# "Kestrel Radio asked Ms. Ruiz Friday how": the outlet put the question, so what was said or disclosed in answer was
# said to it (kind 'interview').
ASKED_AFTER_RE = re.compile(
    r"\s+(?:(?:also|later|then|first|repeatedly|again)\s+)?(?P<verb>asked|pressed|questioned)"
    r"(?:\s+(?!(?:to|for)\b)[\w’'.-]+){0,4}?\s+(?:about|whether|if|why|how|what|when|where|which|who|whom)\b"
)
# "with RealClearPolitics showing her ahead 3 points", "the Ledger's average has him up by two": the outlet's figure
# (scope 'fact'), as a poll or a count is.
STANDING_AFTER_RE = re.compile(
    r"(?:['’]s?\s+(?:(?:polling|poll|latest|national|current)\s+)?average)?\s+(?P<verb>showing|shows|showed|has|had|gives|gave|"
    r"puts|put)\s+(?:him|her|them|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:(?:narrowly|comfortably|well|slightly|just|"
    r"still)\s+)?(?:ahead|behind|leading|trailing|up|down)\b"
)
# After such a standing the next outlets' figures with the verb left out: "with the Ledger showing her ahead 3 points,
# the Kestrel 4.3 points, and Courier Daily 2.1 points" (each the outlet's figure, as the first one's)
FIGURE_AMOUNT_RE = re.compile(r"\s+(?:by\s+)?\d+(?:\.\d+)?(?:\s+(?:percentage\s+)?(?:points?|percent)|%)?")
SERIES_GAP_RE = re.compile(r",\s+(?:and\s+)?")
# "RT covered the action as a rightful move", "the Ledger portrayed him as": the outlet's account of something (kind
# 'reported', scope 'fact', no one's words)
COVERED_AS_RE = re.compile(
    r"\s+(?:(?:also|had|has|have|widely)\s+)?(?P<verb>covered|portrayed|depicted|framed|painted)"
    r"(?:\s+(?!as\b)[\w’'-]+){1,5}?\s+as\s+(?:an?|the|one|nothing|something|its|his|her|their)\b"
)
# "Smith said the Ledger report is misleading", "the Ledger's story was false": a report someone disputes, credited for
# its claim (scope 'fact', as `DISPUTE_BEFORE_RE`'s), no source of anyone's words.
DISPUTED_REPORT_RE = re.compile(
    r"(?:['’]s?)?\s+(?:(?:own|latest|new|original|earlier|recent|exclusive|investigative)\s+)?"
    r"(?:report|reporting|story|article|investigation|analysis|account)\s+(?P<verb>is|was|are|were)\s+(?:(?:just|simply|"
    r"completely|totally|entirely|deeply|very|so|also|both)\s+)?(?:misleading|false|untrue|inaccurate|wrong|incorrect|"
    r"fake|made[- ]up|fabricated|baseless|flawed|erroneous|distorted|a\s+lie|nonsense|bogus|phony|fiction)\b"
)
# "The AP's report was based on", "the Ledger's investigation found": a credit through the outlet's report.
REPORT_CUE_RE = re.compile(
    r"^['’]s?\s+(?:own\s+|latest\s+|new\s+|original\s+|earlier\s+)?(?:report|reporting|investigation|analysis)\s+"
    r"(?P<verb>found|finds|showed|shows|revealed|reveals|noted|notes|(?:was|is)\s+based\s+on)\b"
)
# "seizing upon a Kestrel Times report", "citing a recent Ledger article": the outlet's report is the basis.
_REPORT_NOUNS = r"(?:report|reporting|story|article|investigation|analysis|scoop|expos[ée])"
REPORT_NOUN_AFTER_RE = re.compile(
    r"(?:['’]s?)?\s+(?:(?:own|latest|new|original|earlier|recent|exclusive|investigative)\s+)?" + _REPORT_NOUNS + r"\b"
)
# "a Ledger article published Friday found", "the Ledger's report that": the outlet's report says it (no possessive:
# "that" only after one, since "a Ledger story that ran" is a relative clause).
REPORT_FINDING_RE = re.compile(
    r"^(?P<poss>['’]s?)?\s+(?:(?:own|latest|new|original|earlier|recent|exclusive|investigative)\s+)?" + _REPORT_NOUNS
    + r"(?:\s+(?:published|released|posted|aired)(?:\s+(?:on|last|this|in|early|late)?\s*\w+)?)?"
    r"\s+(?P<verb>found|finds|showed|shows|revealed|reveals|reported|reports|said|says|noted|notes|claimed|claims|"
    r"(?:was|is)\s+based\s+on|that)\b"
)
# "A Ledger/Kestrel poll released Monday found", "an AP count last week showed": the outlet's figure says it.
FIGURE_FINDING_RE = re.compile(
    r"^(?:[-/][\w-]+(?:\s+[A-Z][\w-]*){0,3}){0,3}\s+(?:(?:national|public|state|statewide|latest|new|online|exit|"
    r"tracking|rolling|opinion)\s+)?(?:poll|polling|survey|count|tally|estimate|projection)"
    r"(?:\s+(?:released|conducted|published|taken))?(?:\s+(?:on|in|last|this|earlier|early|late)?\s*" + _WHEN + r"\b)?"
    r"\s+(?P<verb>found|finds|showed|shows|gave|gives|indicated|indicates|revealed|reveals|suggested|suggests|"
    r"puts|put|has|had)\b"
)
# "as the Ledger put it", "what the Ledger called a rough week", "as the Ledger described them in an article": the
# outlet's wording (kind 'said'). After "as" the verb needs its object ("as CNN called the race" is no wording).
AS_WHAT_BEFORE_RE = re.compile(
    r"(?<![\w-])(?P<word>[Aa]s|[Ww]hat)\s+(?:(?:[Tt]he\s+)?(?:[A-Z][\w.'’-]*\s+)+(?:and|&)\s+)?(?:[Tt]he\s+)?$"
)
_WORDING_VERBS = (
    r"called|calls|dubbed|dubs|termed|terms|labell?ed|labels|described|describes|characteri[sz]ed|characteri[sz]es|"
    r"branded|brands|put\s+it|puts\s+it"
)
_OBJECT = r"(?:it|them|him|her|this|that|these|those)"
WORDING_AFTER_RE = re.compile(
    r"^(?:['’]s?\s+(?:[A-Z][\w.'’-]*\s+){1,3})?(?:\s+(?:each|both|also|once|later|aptly|memorably|famously|recently|"
    r"rightly|then|has|had|have))*\s+(?P<verb>" + _WORDING_VERBS + r")(?P<object>\s+" + _OBJECT + r"\b)?"
)
OWN_SHOW_GAP_RE = re.compile(r"['’‘]s?\s+[\"“'‘]?")
# "On CBS' Face the Nation, she said", "Sunday on CBS' Face the Nation, she said", "On Dec. 7 on CBS, she said": the
# sentence's first word, or after its first words naming a day
SENTENCE_ON_RE = re.compile(
    r"\s*(?:(?:On\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|" + _DATE + r"|Last|Earlier|Later|This)"
    r"(?:\s+(?:night|morning|afternoon|evening|week))?),?\s+(?P<low>on)|(?P<on>On))\s+$"
)
SPEECH_VERB_RE = re.compile(
    r"\b(?:said|says|stated|states|told|tells|argued|argues|insisted|insists|added|adds|admitted|admits|"
    r"claimed|claims|declared|explained|acknowledged|conceded|warned|called|asked)\b"
)
# After an outlet a speech verb's "on" or "to" credits ("insisted on CNN that", "argued to the Ledger on Monday",
# "warned on CNN's 'State of the Union'", "said on Kestrel Radio Morning Edition that"): the phrase ends, after the
# rest of a channel's or show's name, or a show's name follows
SPOKEN_AFTER_RE = re.compile(
    r"(?:\s+[A-Z][\w'’.-]*){0,4}?(?:\s*(?:[.,;:!?)\"“”—–]|$)"
    r"|\s+(?:that|in|on|at|during|late|early|earlier|last|this|yesterday|today|tonight|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)\b|['’]s?\s+[\"“‘A-Z])"
)
# After "went on" an outlet: on air, when the phrase ends, a show's name follows or "to" says what for
ON_AIR_AFTER_RE = re.compile(
    r"(?:['’]s?\s+[\"“‘]?[A-Z][^.;:!?]{0,60}?)?(?:\s*(?:[.,;:!?)\"“”—–]|$)|\s+(?:to\s+[a-z]+|on|last|this|earlier|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|morning|night)\b)"
)
CLAUSE_END_RE = re.compile(
    r"\s*(?:[.,;:!?)]|$)|\s+(?:in|on|at|during|late|early|earlier|last|this|yesterday|today|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)

# --- Words said to an outlet: whose words a "told" credit covers. -----------------------------
HEARER_CREDIT_KINDS = ("told", "interview")
# Where the teller's description starts, before "told": "Smith said Jones told the Post", '"A," Jones told'
# (not at a comma, "and" or "who": "Priya Raman, president of Local 12, told", "Jones, who ran, told").
TELLER_CUT_RE = re.compile(
    r"[;:(\"“”]|[‘’'](?=\s|$)|\s[—–-]+\s|\b(?:said|says|say|saying|added|adding|wrote|claimed|recalled|insisted|"
    r"argued|explained|noted|but|while|meanwhile|however)\b",
    re.IGNORECASE,
)
# A participle cue ("She escalated her criticism, telling CNN"): the teller is the clause's subject, anywhere.
PARTICIPLE_CUE_RE = re.compile(r"(?:telling|speaking|talking)\b", re.IGNORECASE)
# A cue naming its teller itself ("an interview her brother Tom Raman gave to", "an account she gave to"): the teller is
# who gave it, not the clause before; an account relays words said elsewhere ("X told the mayor ..., according to an
# account she gave to the Ledger"), so words told to someone else are still the ones it gives.
GAVE_TO_CUE_RE = re.compile(
    r"^(?P<noun>[\w-]+)\s+(?P<teller>.+?)\s+(?:gave|granted|had\s+given|has\s+given)\s+to$", re.IGNORECASE
)
ACCOUNT_CUE_RE = re.compile(r"^accounts?\b", re.IGNORECASE)
# Words said on "the show" a sentence or a paragraph up named: '..., he said during a call to the Ledger's "Morning
# Hour." ... "B," Reyes said on the show.' The show is the one the last credit for words said on or to an outlet named.
SHOW_PARAGRAPHS = 2
SHOW_RE = re.compile(r"\bthe\s+(?:same\s+)?(?:show|program|programme|broadcast)\b", re.IGNORECASE)
SHOW_CUE_RE = re.compile(  # ... after words said on it, right before it
    r"\b(?:said|says|told|added|explained|argued|acknowledged|admitted|insisted|conceded|speaking|spoke|appearing|"
    r"appeared)\s+(?:later\s+)?(?:on|during|to)\s+$",
    re.IGNORECASE,
)
# A programme named by its own title, which names no outlet the tracker knows ("On The Kestrel Morning Show on Tuesday,
# Vale said", 'On Tuesday's episode of "The Kestrel Hour,"'): words said on it are said to it, an outlet of its name
# (its words on one line, none ending a sentence: "Direct Hit On Donald Trump.\nThe Daily Show" is none), in a sentence
# saying someone spoke or took aim there ("criticized", "blasted"), not one describing it ("best known for appearances
# on the Daily Show"), nor the show of an outlet named right after it ('aired on "The Maddow Show" on MSNBC')
PROGRAMME_RE = re.compile(
    r"(?:\b(?:[Oo]n|[Dd]uring|to)[ \t]+|\bepisode[ \t]+of[ \t]+)[\"“]?"
    r"(?P<name>(?:[Tt]he[ \t]+)?(?:[A-Z][\w'’&-]*[ \t]+){1,5}(?:Show|Program|Programme))\b"
)
PROGRAMME_VERB_RE = re.compile(
    r"\b(?:said|says|told|tells|spoke|speaks|speaking|talked|talking|appeared|appearing|criticized|criticised|blasted|"
    r"slammed|attacked|called|calling|argued|claimed|insisted|explained|admitted|joked|asked|answered|responded|"
    r"defended|described|discussed|warned|vowed|praised|denied|acknowledged|conceded)\b"
)
PROGRAMME_OUTLET_AFTER = 40  # ... the characters after it read for the outlet whose show it is
TELLER_WORD_RE = re.compile(r"[\w’'.-]+")
# Words that name no one: a pronoun, a time ("Putney later told"), a verb's helpers.
NOT_TELLER_WORDS = frozenset(
    """he she they it i we you him her them his its their also later then earlier again recently previously
    first last this that week month year monday tuesday wednesday thursday friday saturday sunday yesterday
    today tonight morning afternoon evening night has had have was were is are would could did who a an the
    in on at to of with during mr mrs ms miss dr sir dame lord lady sen rep gov gen prof rev""".split()
)  # ... and a title ("Mr. Goldberg told CNBC" says nothing of Mr. Holtz-Eakin's words)
# A quotation's own cue naming who heard it: "telling CNN", "told the website", "in an interview".
OWN_HEARER_CUE_RE = re.compile(
    r"\b(?:told|telling|tells|interview|speaking\s+(?:to|with)|spoke\s+(?:to|with))\b", re.IGNORECASE
)
BARE = " \t.,;:…\"“”'‘’"  # what a paragraph that is all quotation holds besides it
# Between a quote said to an outlet and a later one of the same speaker: another occasion, so the
# later words need not have been said to that outlet ("A week later", "in a statement", "at a rally").
OTHER_OCCASION_RE = re.compile(
    r"\b(?:later|earlier|afterwards?|previously|before\s+that|since|then|once|also\s+(?:wrote|tweeted|posted)|"
    r"statement|speech|rally|debate|hearing|conference|town\s+hall|forum|event|tweet(?:ed|s)?|twitter|facebook|"
    r"instagram|posted|wrote|writes|e-?mail|letter|memo|book|video|ad|op-ed|column|podcast|show|program|radio|"
    r"interview|appearance|appeared(?!\s+to\b)|testified|testimony|remarks|told|telling|last\s+(?:week|month|year)|"
    r"(?:a|one|two|three|several)\s+(?:day|week|month|year)s?|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|yesterday|January|February|March|April|June|July|August|September|October|November|December|often|"
    r"repeatedly|frequently|(?:has|have|had)\s+(?:\w+\s+)?(?:said|claimed|called|argued|insisted|repeated|described))\b",
    re.IGNORECASE,
)

# --- Sentences and paragraphs. ---------------------------------------------------------------
SENTENCE_END_RE = re.compile(r"[.!?][\"”’')\]]*[ \t\u00a0]+(?=[\"“‘'(\[]?[A-Z0-9])|\n+")
ABBREVIATION_RE = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|St|Jr|Sr|Inc|Co|Corp|Ltd|No|Jan|Feb|"
    r"Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|Ft|Mt|Rev|Prof|Pres|Atty|Supt|vs|approx))\.$"
)
PARAGRAPH_RE = re.compile(r"[^\n]+")
WORD_IN_SENTENCE_RE = re.compile(r"[^\W\d_]{2,}")
PRONOUN_SPEAKS_RE = re.compile(r"\s*(?:He|She|They)\s+(?:[\w’'-]+\s+){0,2}?" + SPEECH_VERB_RE.pattern)
# A sentence looking back to the words quoted just before it: "Starr's remarks, first reported by the Ledger, ...",
# "The comments were first aired by CNN", "The Ledger first reported the remarks".
_WORDS_NOUN = r"(?:remarks|comments|words|statements?|quotes|answers)"
LOOKS_BACK_SUBJECT_RE = re.compile(
    r"\s*[\"“‘(]?(?:(?:[Tt]he|[Tt]hese|[Tt]hose|[Hh]is|[Hh]er|[Tt]heir|[Ss]uch)|(?:[A-Z][\w.’'-]*\s+){0,2}[A-Z][\w.-]*['’]s?)"
    r"\s+(?:[a-z][\w-]*\s+)?" + _WORDS_NOUN + r"\b"
)
LOOKS_BACK_OBJECT_RE = re.compile(
    r"\b(?:reported|revealed|published|aired|broadcast|quoted)\s+(?:the|those|these|his|her|their)\s+(?:[a-z][\w-]*\s+)?"
    + _WORDS_NOUN + r"\b"
)
COMPACT_RE = re.compile(r"[^a-z0-9]+")
NAME_WORD_SPLIT_RE = re.compile(r"[\s_-]+")
CHAIN_GAP_RE = re.compile(r"^[\s,;:—–-]*$")
# What joins outlets named side by side that share one cue: "The Times and the Journal confirmed", "reported by
# CNN and The New York Times", "a Washington Post-ABC News poll"; a comma only in a list closed by "and".
JOINT_GAP_RE = re.compile(r"(?P<and>\s*,?\s+(?:and|&)\s+)|(?P<hyphen>[-/])|(?P<comma>\s*,\s+)")

# --- Links. ----------------------------------------------------------------------------------
NON_NEWS_DOMAINS = frozenset(
    """twitter.com x.com t.co facebook.com fb.com instagram.com youtube.com youtu.be linkedin.com
    reddit.com tiktok.com pinterest.com wikipedia.org wikimedia.org google.com apple.com amazon.com
    bit.ly ow.ly goo.gl tinyurl.com whatsapp.com telegram.org t.me threads.net bsky.app mastodon.social
    github.com medium.com substack.com archive.org web.archive.org flickr.com imgur.com wordpress.com
    livejournal.com blogspot.com tumblr.com typepad.com wixsite.com squarespace.com""".split()
)
NON_NEWS_SUFFIXES = (".gov", ".mil", ".edu", ".int", ".gov.uk", ".gc.ca", ".gouv.fr", ".europa.eu")
NON_ARTICLE_SEGMENTS = frozenset(
    """tag tags topic topics author authors category categories section sections search subscribe
    subscription newsletter newsletters about about-us contact contact-us privacy privacy-policy terms
    login signin sign-in register account share sharer intent feed rss profile people staff""".split()
)
# Domains of unregistered sites that are likely news outlets ("harbortonstar.example").
NEWS_DOMAIN_RE = re.compile(
    r"news|times|post|herald|tribune|journal|gazette|daily|press|radio|tv\b|ledger|courier|sentinel|chronicle|"
    r"observer|telegraph|dispatch|bulletin|globe|star\b|star\.|mirror|register|monitor|examiner|inquirer|report",
    re.IGNORECASE,
)
ANCHOR_WORD_RE = re.compile(r"\w")  # a link's anchor with no word in it shows the reader nothing
ARTICLE_SLUG_RE = re.compile(
    r"[a-z0-9]+[-_][a-z0-9]+[-_][a-z0-9]+|\d{4,}|\.(?:s?html?|php|aspx?)/$|/\d{4}/\d{1,2}/", re.IGNORECASE
)


@dataclass
class _Found:
    """A credit with the offsets of its cue, while chains are worked out."""

    credit: Credit
    cue_start: int | None = None
    cue_end: int | None = None


class _Layout:
    """Sentence and paragraph boundaries of a text, and where its quotations lie."""

    def __init__(self, text: str, quotations: list[Quotation]) -> None:
        self.text = text
        self.sentence_starts = [0]
        for match in SENTENCE_END_RE.finditer(text):
            if match.group(0)[0] == "." and ABBREVIATION_RE.search(
                text[max(0, match.start() - 12) : match.start() + 1]
            ):
                continue
            self.sentence_starts.append(match.end())
        self.paragraphs = [(m.start(), m.end()) for m in PARAGRAPH_RE.finditer(text)]
        self.paragraph_starts = [start for start, _ in self.paragraphs]
        self.quote_spans = [[(int(s), int(e)) for s, e in (q.spans or [(q.start, q.end)])] for q in quotations]
        # someone's words, or a document's: not a phrase no one is said to say ("top secret")
        self.spoken = [q.kind in ("speech", "document") or bool(q.speaker_name) for q in quotations]
        # A name alone in quotation marks ('told "Fox and Friends"') is a title, not someone's words.
        self.titles = [
            COMPACT_RE.sub("", q.text.casefold()) for q in quotations if q.kind in ("scare", "headline")
        ]
        self.title_spans = [(q.start, q.end) for q in quotations if q.kind in ("scare", "headline")]

    def sentence(self, position: int) -> tuple[int, int]:
        """Start and end of the sentence holding a position."""
        index = bisect.bisect_right(self.sentence_starts, position) - 1
        start = self.sentence_starts[max(index, 0)]
        end = self.sentence_starts[index + 1] if index + 1 < len(self.sentence_starts) else len(self.text)
        return start, end

    def paragraph(self, position: int) -> tuple[int, int]:
        """Start and end of the paragraph (line) holding a position."""
        index = bisect.bisect_right(self.paragraph_starts, position) - 1
        if index < 0:
            return 0, 0
        return self.paragraphs[index]

    def sentence_text(self, position: int) -> str:
        """The sentence holding a position, stripped."""
        start, end = self.sentence(position)
        return self.text[start:end].strip()

    def inside_quote(self, start: int, end: int) -> bool:
        """True when the span lies inside a quotation (the speaker's words, not the reporter's)."""
        name = COMPACT_RE.sub("", self.text[start:end].casefold())
        titled = {span for span, title in zip(self.title_spans, self.titles, strict=True) if title == name}
        return any(s <= start and end <= e and (s, e) not in titled for spans in self.quote_spans for s, e in spans)

    def quotes_for(self, position: int, fact_end: int | None = None) -> list[int]:
        """Indexes of the quotations in the sentence of a position, else those someone says in its paragraph.

        A phrase in quotation marks that no one is said to say or write ("top secret") takes a
        credit in its own sentence only: a credit elsewhere in the paragraph is for another fact.
        With `fact_end`, the end of a sentence whose credit is for its fact (`fact_credit_end`),
        the quotations after it are not the credit's either.
        """
        low, high = self.sentence(position)
        hits = [i for i, spans in enumerate(self.quote_spans) if any(s < high and low < e for s, e in spans)]
        if hits:
            return hits
        low, high = self.paragraph(position)
        return [
            i for i, spans in enumerate(self.quote_spans)
            if self.spoken[i] and any(s < high and low < e for s, e in spans)
            and (fact_end is None or spans[0][0] < fact_end)
        ]

    def words_looked_back_to(self, low: int) -> list[int]:
        """Indexes of the spoken quotations of the paragraph before when the one at `low` opens by looking back to them.

        A paragraph that opens on "Starr's remarks" or "The comments", or on someone who "first reported the
        remarks", is about the words just quoted in the paragraph before: its reporting credit is theirs. (Words said to an outlet, "The comments came during a Fox interview", are lineage's to look back
        from: an interview's credit covers all the words said in it, `lineage.interview_setting`.)
        """
        _, high = self.sentence(low)
        paragraph = bisect.bisect_right(self.paragraph_starts, low) - 1
        if paragraph < 1 or self.text[self.paragraphs[paragraph][0] : low].strip():
            return []
        unquoted = _unquoted(self, low, high)
        if not (LOOKS_BACK_SUBJECT_RE.match(unquoted) or LOOKS_BACK_OBJECT_RE.search(unquoted)):
            return []
        previous_low, previous_high = self.paragraphs[paragraph - 1]
        return [
            i for i, spans in enumerate(self.quote_spans)
            if self.spoken[i] and any(s < previous_high and previous_low < e for s, e in spans)
        ]

    def fact_credit_end(self, credit: Credit) -> int | None:
        """The end of the credit's sentence when it credits that sentence's fact, no one's words; else None.

        An "according to" or "per" closing a sentence that no one speaks in ("... backed by 520
        superdelegates, according to the AP.") is for the fact before it: the next sentence's
        quotation is not that fact's. One opening its sentence ("According to Variety, CNN ...")
        introduces a report that may go on.
        """
        if credit.kind not in FACT_CUE_KINDS or credit.end is None:
            return None
        low, high = self.sentence(credit.start)
        if self.text[credit.end : high].strip(BARE + ")]") or SPEECH_VERB_RE.search(self.text, low, high):
            return None
        return high


def extract_credits(article: Article, quotations: list[Quotation], registry: OutletRegistry) -> list[Credit]:
    """Every outlet the article credits, with kind, cue, sentence, offsets and scope."""
    return read_credits(article, quotations, registry)[0]


def read_credits(
    article: Article, quotations: list[Quotation], registry: OutletRegistry, own: Outlet | None = None
) -> tuple[list[Credit], set[int]]:
    """The credits (`extract_credits`) and the indexes of the quotations said to the article's own outlet.

    "..., Lind told the Eta Herald" in the Eta Herald, or "in an interview with" it, is no credit
    but the outlet's claim that it heard the quote itself. `own` is `outlet_for_article`'s answer
    where the caller has it (worked out again otherwise).
    """
    text = article.text or ""
    own = own if own is not None else outlet_for_article(article, registry)
    layout = _Layout(text, quotations)
    found: list[_Found] = []
    used: list[tuple[int, int]] = []  # text spans already read as copy credits

    found += _dateline_credits(text, registry, layout, used)
    found += _copyright_credits(text, registry, layout, used)
    found += _line_credits(text, registry, layout, used)
    found += _byline_credits(article, registry, layout, used)
    found += _credit_line_credits(article.credit_lines, registry)
    mentions = _all_mentions(text, registry, own)
    found += _headline_credits(article, mentions, layout)
    found += _cue_credits(text, mentions, layout, used)
    found += _capital_credits(text, registry, layout, mentions)
    found += _link_credits(article.links, registry, layout, own)
    found += _programme_credits(text, registry, layout, found)
    found += _show_credits(text, layout, found)

    _link_chains(text, found)
    _assign_words_heard(found, quotations, layout, mentions)
    _own_sentence_first(found, quotations, layout)
    credits: list[Credit] = []
    told_own: set[int] = set()
    seen: set[tuple] = set()
    for item in found:
        credit = item.credit
        if same_outlet(credit.outlet, own):
            if credit.kind in OWN_INTERVIEW_KINDS and credit.scope == "quote":
                told_own.update(credit.quote_indexes)
            continue
        if credit.via is not None and same_outlet(credit.via, own):
            credit.via = None
        # Outside the text (author field, credit lines, links) one credit per outlet and kind is enough.
        identity = (credit.outlet.key, credit.kind, credit.start, credit.url)
        if identity in seen:
            continue
        seen.add(identity)
        credits.append(credit)
    located = {(c.outlet.key, c.kind) for c in credits if c.start is not None}
    credits = [c for c in credits if c.start is not None or c.url or (c.outlet.key, c.kind) not in located]
    credits.sort(key=lambda c: (c.start is None, c.start if c.start is not None else 0, c.kind))
    return credits, told_own


def _assign_words_heard(
    found: list[_Found], quotations: list[Quotation], layout: _Layout, mentions: list[OutletMention]
) -> None:
    """Give a credit for words said to an outlet ("told", "an interview with") the quotations it heard.

    Someone else's words are not its: "Smith said Jones told the Post ..." is no credit for Smith's
    quotes, nor is a credit elsewhere in the paragraph for a quotation that its own sentence says was
    said to another outlet (", telling CNN that Trump is a 'faker'"). The teller's later words near it
    were heard there too: a later quotation of the same speaker in the same paragraph or the next
    inherits the credit ("Calder told KVRX: ... 'B,' she added"), unless another outlet, another
    occasion ("a week later", "in a statement") or another speaker's quotation comes between.
    """
    hearers = [
        item for item in found
        if item.credit.kind in HEARER_CREDIT_KINDS and item.credit.scope == "quote" and item.credit.start is not None
    ]
    in_sentence: dict[int, list[int]] = {}
    in_paragraph: dict[int, list[int]] = {}
    for number, item in enumerate(hearers):
        low, high = layout.sentence(item.credit.start)
        kept = [i for i in item.credit.quote_indexes if _told_by_teller(item, quotations[i], layout)]
        in_sentence[number] = [i for i in kept if _overlaps(quotations[i], low, high)]
        in_paragraph[number] = [i for i in kept if i not in in_sentence[number]]
    heard_in_sentence: dict[int, set[str]] = {}
    for number, item in enumerate(hearers):
        for index in in_sentence[number]:
            heard_in_sentence.setdefault(index, set()).add(item.credit.outlet.key)
    for number, item in enumerate(hearers):
        in_paragraph[number] = [
            i for i in in_paragraph[number]
            if not heard_in_sentence.get(i, set()) - {item.credit.outlet.key}
            and (
                ACCOUNT_CUE_RE.match(item.credit.cue or "")
                or not _told_elsewhere(quotations[i], layout.text[item.credit.start : item.credit.end])
            )
        ]
    # Words heard in a credit's own sentence go on in the teller's next quotations before a credit
    # elsewhere in the paragraph takes them ("..., Osuna told the Herald: 'A.' He added that ...").
    hearer_ids = {id(item) for item in hearers}
    claimed = {
        i for item in found if item.credit.scope == "quote" and id(item) not in hearer_ids for i in item.credit.quote_indexes
    }
    claimed |= set(heard_in_sentence)
    continued = {
        number: _continuations(item, in_sentence[number], quotations, layout, mentions, claimed)
        for number, item in enumerate(hearers)
    }
    continued_elsewhere = {number: _of_other_outlets(hearers, continued, number) for number in continued}
    for number in continued:
        in_paragraph[number] = [i for i in in_paragraph[number] if i not in continued_elsewhere[number]]
    for number, item in enumerate(hearers):
        heard = in_sentence[number] + in_paragraph[number]
        taken = claimed | continued_elsewhere[number] | _of_other_outlets(hearers, in_paragraph, number)
        more = _continuations(item, heard, quotations, layout, mentions, taken)
        item.credit.quote_indexes = sorted(set(heard) | set(more))


def _own_sentence_first(found: list[_Found], quotations: list[Quotation], layout: _Layout) -> None:
    """Leave a quotation to the credits its own sentence holds when they name another outlet.

    A credit reaches the quotations of its paragraph (`_Layout.quotes_for`) or a teller's later words
    (`_assign_words_heard`); a quotation whose own sentence credits another outlet is that one's
    ("..., per CTV News. "She is also a mother," a friend told CNN." is CNN's, not CTV's).
    """
    in_sentence: dict[int, set[str]] = defaultdict(set)
    for item in found:
        credit = item.credit
        if credit.scope != "quote" or credit.start is None:
            continue
        low, high = layout.sentence(credit.start)
        for index in credit.quote_indexes:
            if _overlaps(quotations[index], low, high):
                in_sentence[index].add(credit.outlet.key)
    for item in found:
        credit = item.credit
        if credit.scope != "quote" or credit.start is None:
            continue
        low, high = layout.sentence(credit.start)
        credit.quote_indexes = [
            i for i in credit.quote_indexes
            if _overlaps(quotations[i], low, high) or not in_sentence.get(i, set()) - {credit.outlet.key}
        ]


def _of_other_outlets(hearers: list[_Found], indexes: dict[int, list[int]], number: int) -> set[int]:
    """The quotations listed for hearer credits to another outlet than the credit at `number`."""
    key = hearers[number].credit.outlet.key
    return {i for other, listed in indexes.items() if hearers[other].credit.outlet.key != key for i in listed}


def _told_elsewhere(quotation: Quotation, surface: str) -> bool:
    """Whether a quotation's own cue says whom it was told, naming another than this mention ("telling CNN")."""
    cue = quotation.cue or ""
    return bool(OWN_HEARER_CUE_RE.search(cue)) and surface not in cue


def _overlaps(quotation: Quotation, low: int, high: int) -> bool:
    """Whether a quotation has words between two positions."""
    return any(s < high and low < e for s, e in (quotation.spans or [(quotation.start, quotation.end)]))


def teller_key(word: str) -> str:
    """A word of a teller's or speaker's name as tellers are compared: case-folded, no dot or apostrophe around it."""
    return word.casefold().strip(".’'")


def _told_by_teller(item: _Found, quotation: Quotation, layout: _Layout) -> bool:
    """Whether a quotation near a "told" credit is its teller's words ("Smith said <Jones> told")."""
    credit = item.credit
    start = int((quotation.spans or [(quotation.start, quotation.end)])[0][0])
    if credit.end <= start < layout.sentence(credit.start)[1] and start - credit.end <= 40:
        return True  # 'Jones told the Post: "A"'
    teller, said_by = _teller(item, layout), _said_by(quotation)
    low, high = layout.sentence(credit.start)
    if teller and not said_by and start < low:
        # words of no one named in a sentence before the teller's ('after her March comment that, "A." ... Smith told
        # the Post') are not shown to be the teller's, unless the teller's sentence looks back to them ("That quote")
        unquoted = _unquoted(layout, low, high)
        return bool(LOOKS_BACK_SUBJECT_RE.match(unquoted) or LOOKS_BACK_OBJECT_RE.search(unquoted))
    if not teller or not said_by:
        return True  # "he told CNN", or words of no one named: nothing says they are another's
    return bool(said_by & teller)


def _teller(item: _Found, layout: _Layout) -> set[str]:
    """The words naming who told the outlet ("Smith said <Jones> told"); empty when the text names no one apart.

    Only "told" and its like name a teller right before the cue: after "in an interview with", "said
    on" or a participle ("..., telling CNN") the one interviewed is the clause's subject, anywhere in it.
    """
    credit = item.credit
    if credit.kind != "told" or item.cue_start is None or PARTICIPLE_CUE_RE.match(credit.cue):
        return set()
    gave = GAVE_TO_CUE_RE.match(credit.cue or "")
    if gave:
        words = {teller_key(word) for word in TELLER_WORD_RE.findall(gave.group("teller"))}
        return words - NOT_TELLER_WORDS - {""}
    return _teller_words(layout, layout.sentence(credit.start)[0], item.cue_start)


def _said_by(quotation: Quotation) -> set[str]:
    """The words of a quotation's speaker, as printed and as resolved."""
    names = " ".join(filter(None, (quotation.speaker_name, quotation.speaker)))
    return {teller_key(word) for word in TELLER_WORD_RE.findall(names)} - NOT_TELLER_WORDS


def _teller_words(layout: _Layout, low: int, cue_start: int) -> set[str]:
    """The words naming who told the outlet: the clause right before the cue ("Smith said <Jones> told")."""
    head = _unquoted(layout, low, cue_start)
    segment = TELLER_CUT_RE.split(head)[-1]
    words = {teller_key(word) for word in TELLER_WORD_RE.findall(segment)}
    return {word for word in words if word and word not in NOT_TELLER_WORDS}


def _continuations(
    item: _Found,
    heard: list[int],
    quotations: list[Quotation],
    layout: _Layout,
    mentions: list[OutletMention],
    claimed: set[int],
) -> list[int]:
    """Later quotations of the teller, in the paragraph of its last quotation heard or the next.

    Not past another speaker's words, another outlet or another occasion named between.
    """
    credit = item.credit
    if not heard:
        return []
    teller = _teller(item, layout)
    speakers = {
        quotations[i].speaker_name for i in heard if not teller or _said_by(quotations[i]) & teller
    } - {None, ""}
    if not speakers:
        return []
    surnames = {name.split()[-1].casefold() for name in speakers if name.split()}
    last = max(heard, key=lambda i: quotations[i].end)
    previous_end = max(quotations[last].end, layout.sentence(credit.start)[1])  # the hearing named, then on
    paragraph = _paragraph_index(layout, quotations[last].start)
    inherited = []
    for index in sorted(range(len(quotations)), key=lambda i: quotations[i].start):
        quotation = quotations[index]
        if quotation.start < previous_end or index in heard:
            continue
        where = _paragraph_index(layout, quotation.start)
        if where > paragraph + 1:
            break
        if quotation.speaker_name not in speakers:
            if quotation.speaker_name or quotation.kind in ("speech", "document"):
                break  # another speaker's words: the conversation is no longer the teller's
            continue
        if index in claimed:
            break  # credited on its own
        if where > paragraph and not quotation.cue and _unquoted(layout, *layout.paragraph(quotation.start)).strip(BARE):
            break  # a line no one is said to say, not a quoted paragraph going on (a related story's headline)
        sentence_start, sentence_end = layout.sentence(quotation.start)
        if _narrated_between(layout, previous_end, sentence_start, surnames):
            break  # the writer's own sentences between: the conversation is no longer being relayed
        between = _unquoted(layout, previous_end, max(sentence_end, quotation.end))
        if OTHER_OCCASION_RE.search(between) or any(
            previous_end <= m.start < max(sentence_end, quotation.end) for m in mentions
        ):
            break
        inherited.append(index)
        previous_end = quotation.end
    return inherited


def _narrated_between(layout: _Layout, start: int, end: int, surnames: set[str]) -> bool:
    """Whether a whole sentence of the writer's own lies between two positions: no quotation in it, nor the teller speaking.

    "Carson said he plans ..." or "He added that ..." between two of Carson's quotations is still his
    words; "Indeed, Francis' message is ..." between the spokesman's and a quotation given him is not.
    """
    index = bisect.bisect_right(layout.sentence_starts, start)  # the first sentence starting after `start`
    while index < len(layout.sentence_starts) and layout.sentence_starts[index] < end:
        low, high = layout.sentence(layout.sentence_starts[index])
        if high > end:
            break
        words = {word.casefold() for word in WORD_IN_SENTENCE_RE.findall(layout.text, low, high)}
        quoted = any(s < high and low < e for spans in layout.quote_spans for s, e in spans)
        teller = bool(words & surnames) or bool(PRONOUN_SPEAKS_RE.match(layout.text, low, high))
        if words and not quoted and not teller:
            return True
        index += 1
    return False


def _paragraph_index(layout: _Layout, position: int) -> int:
    """The index of the paragraph (line) holding a position."""
    return bisect.bisect_right(layout.paragraph_starts, position) - 1


def _unquoted(layout: _Layout, start: int, end: int) -> str:
    """The text between two positions with the quotations blanked (their words are no occasion)."""
    chunk = list(layout.text[start:end])
    for s, e in (span for spans in layout.quote_spans for span in spans):
        for k in range(max(s, start), min(e, end)):
            chunk[k - start] = " "
    return "".join(chunk)


def _all_mentions(text: str, registry: OutletRegistry, own: Outlet) -> list[OutletMention]:
    """Registered outlets in the text, plus unregistered phrases that look like news outlets."""
    mentions = registry.find_mentions(text, home=own)
    named = _NamedInFull(mentions)
    taken = [(m.start, m.end) for m in mentions]
    for match in UNKNOWN_OUTLET_RE.finditer(text):
        start = match.start("the") if match.group("the") else match.start("name")
        name = _trim_unknown(match.group("name"))
        if name is None or any(s < match.end("name") and start < e for s, e in taken):
            continue
        if NOT_OUTLET_NEXT_RE.match(text[match.end() : match.end() + 20]):
            continue
        words = [word.span() for word in WORD_SPAN_RE.finditer(match.group("name"))]
        lead = 0  # leading sentence words ("In The Daily Planet") are no part of the mention
        while lead < len(words) - 1 and match.group("name")[slice(*words[lead])] in FUNCTION_WORDS:
            lead += 1
        start = start if lead == 0 else match.start("name") + words[lead][0]
        outlet = registry.outlet_for_name(name) or named.before(name, start) or outlet_from_name(name)
        mentions.append(
            OutletMention(outlet=outlet, start=start, end=match.end("name"), surface=text[start : match.end("name")])
        )
        named.add(len(mentions) - 1)
    _short_forms(text, mentions, named)
    taken = [(m.start, m.end) for m in mentions]
    for match in TOLD_NAME_RE.finditer(text):
        start, end = match.span("name")
        if any(s < end and start < e for s, e in taken) or not (
            match.group("domain") or OUTLET_APPOSITIVE_RE.match(text, end)
        ):
            continue
        name = match.group("name")
        outlet = registry.outlet_for_name(name) or registry.outlet_for_url(f"https://{name.casefold()}/")
        if outlet is None and any(word in NOT_OUTLET_WORDS for word in name.split()):
            continue
        if outlet is None:
            outlet = outlet_from_name(name)
            if match.group("domain"):
                domain = name.casefold()
                outlet = Outlet(key=domain, name=name, domains=(domain,))
        mentions.append(OutletMention(outlet=outlet, start=start, end=end, surface=name))
    taken = [(m.start, m.end) for m in mentions]
    for match in SAID_TO_NAME_RE.finditer(text):
        start, end = match.span("name")
        name = match.group("name")
        if any(s < end and start < e for s, e in taken) or _surname_in(text, name):
            continue
        outlet = next((o for form in QUALIFIED_FORMS if (o := registry.outlet_for_name(form.format(name)))), None)
        if outlet is not None and outlet.in_registry:
            mentions.append(OutletMention(outlet=outlet, start=start, end=end, surface=name))
    mentions.sort(key=lambda m: m.start)
    return _appositions(text, mentions)


def _short_forms(text: str, mentions: list[OutletMention], named: _NamedInFull) -> None:
    """"the Journal" after "the Kestrel Journal", an outlet the registry does not know: the nearest one named in full.

    The registry resolves a short form by the registered outlets named before it, and leaves it unresolved when
    several registered outlets share the word and none is named: the article's own earlier full name settles it.
    """
    for match in SHORT_FORM_RE.finditer(text):
        start, end = match.start(), match.end("name")
        same = next((i for i, m in enumerate(mentions) if m.start == start and m.end == end), None)
        if same is None and any(m.start < end and start < m.end for m in mentions):
            continue
        earlier = named.before(match.group("name"), start)
        if earlier is None:
            continue
        if same is not None and (earlier.in_registry or same_outlet(earlier, mentions[same].outlet)):
            continue  # the registry resolved it by the registered outlets named before
        mention = OutletMention(outlet=earlier, start=start, end=end, surface=text[start:end])
        if same is None:
            mentions.append(mention)
            named.add(len(mentions) - 1)
        else:
            mentions[same] = mention
            named.add(same)


def _appositions(text: str, mentions: list[OutletMention]) -> list[OutletMention]:
    """A name with an unregistered outlet's name in apposition is that outlet ("the Intelligencer, the Kestrel Star,")."""
    for index, (mention, following) in enumerate(zip(mentions, mentions[1:], strict=False)):
        if (
            mention.outlet.in_registry
            and not following.outlet.in_registry
            and APPOSITION_GAP_RE.fullmatch(text, mention.end, following.start)
            and APPOSITION_END_RE.match(text, following.end)
        ):
            mentions[index] = OutletMention(
                outlet=following.outlet, start=mention.start, end=mention.end, surface=mention.surface
            )
    return mentions


def _surname_in(text: str, word: str) -> bool:
    """Whether the text gives this word as the last word of a person's name ("Howard Stern")."""
    return any(
        match.group("last") == word and match.group("first") not in FUNCTION_WORDS
        for match in NAME_PAIR_RE.finditer(text)
    )


class _NamedInFull:
    """The outlets named so far in a text, by every shorter tail of their names' words: "the Daily News" after
    "the New York Daily News", "the Argus Leader" after "the Sioux Falls Argus Leader", the same paper by its
    shorter name, as "the Times" follows the last Times named.

    Each name is indexed once, so finding the one named last before a position costs the names sharing that tail,
    not every mention again (a page of 8,000 paragraphs crediting outlets took 105 s to analyse, 23 s of it here).
    A mention replaced in the list is indexed again; its old entries are told stale by the list itself."""

    def __init__(self, mentions: list[OutletMention]) -> None:
        self.mentions = mentions
        self.tails: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        self.words: dict[str, tuple[str, ...]] = {}
        self.indexed = 0  # mentions[:indexed] are indexed; the rest are when a name is first looked for

    def name_words(self, name: str) -> tuple[str, ...]:
        if name not in self.words:
            self.words[name] = tuple(normalize_name(name).split())
        return self.words[name]

    def add(self, index: int) -> None:
        """Index mentions[index], appended or put in place of another (now, if the mentions before it are)."""
        if index < self.indexed:
            self._index(index)

    def _index(self, index: int) -> None:
        mention = self.mentions[index]
        full = self.name_words(mention.outlet.name)
        for size in range(1, len(full)):
            # by start, then the first in the list: the order a stable sort by start gave
            bisect.insort(self.tails.setdefault(full[-size:], []), (mention.start, -index))

    def before(self, name: str, position: int) -> Outlet | None:
        """The outlet named in full last before position whose name ends with this one."""
        while self.indexed < len(self.mentions):
            self._index(self.indexed)
            self.indexed += 1
        tail = self.name_words(name)
        entries = self.tails.get(tail, [])
        for at in range(bisect.bisect_left(entries, (position, -len(self.mentions) - 1)) - 1, -1, -1):
            mention = self.mentions[-entries[at][1]]
            full = self.name_words(mention.outlet.name)
            if mention.start == entries[at][0] and len(full) > len(tail) and full[-len(tail) :] == tail:
                return mention.outlet
        return None


def _trim_unknown(name: str) -> str | None:
    """An unregistered outlet name without leading sentence words; None when it is no outlet."""
    words = name.split()
    while len(words) > 1 and (words[0] in FUNCTION_WORDS or (len(words) > 2 and POSSESSIVE_WORD_RE.search(words[0]))):
        words = words[1:]  # "In", "Iowa's Cedar Rapids Gazette"
    if len(words) < 2 or any(word in NOT_OUTLET_WORDS for word in words):
        return None
    return " ".join(words)


def _resolve_name(name: str, registry: OutletRegistry, *, acronyms: bool = False) -> Outlet | None:
    """The outlet a credited name stands for: registered, else made up when it looks like an outlet."""
    name = name.strip()
    outlet = registry.outlet_for_name(name)
    if outlet is not None:
        return outlet
    if UNKNOWN_OUTLET_FULL_RE.fullmatch(name) and _trim_unknown(_strip_article(name)) is not None:
        return outlet_from_name(name)
    if acronyms and ACRONYM_RE.fullmatch(name) and name not in NOT_WIRE_ACRONYMS:
        return outlet_from_name(name)
    return None


def _strip_article(name: str) -> str:
    """A name without a leading "the"."""
    return LEADING_THE_RE.sub("", name)


def _show_credits(text: str, layout: _Layout, found: list[_Found]) -> list[_Found]:
    """Words said on "the show": a credit to the outlet whose show the paragraphs before named (`SHOW_RE`, `SHOW_CUE_RE`).

    The show is the one named by the last credit before it, in its paragraph or the SHOW_PARAGRAPHS before, when
    that credit is for words said on or to an outlet (told, an interview); none otherwise.
    """
    shows = []
    for show in SHOW_RE.finditer(text):
        start, end = show.span()
        cue = SHOW_CUE_RE.search(text, max(0, start - 40), start)
        if cue is None or layout.inside_quote(start, end):
            continue
        reach = layout.paragraph(start)[0]
        for _ in range(SHOW_PARAGRAPHS):
            reach = layout.paragraph(reach - 1)[0] if reach > 0 else 0
        named = [
            item for item in found
            if not item.credit.is_copy and item.credit.start is not None and reach <= item.credit.start < cue.start()
        ]
        last = max(named, key=lambda item: item.credit.start, default=None)
        if last is None or last.credit.kind not in HEARER_CREDIT_KINDS:
            continue  # no show named near, or another outlet's credit since
        outlet = last.credit.outlet
        low, high = layout.sentence(start)
        credit = _credit(outlet, "interview", text[cue.start() : end], text[low:high].strip(), start, end)
        _set_scope(credit, layout, start)
        shows.append(_Found(credit, cue.start(), start))
    return shows


def _programme_credits(text: str, registry: OutletRegistry, layout: _Layout, found: list[_Found]) -> list[_Found]:
    """Words said on a programme its title names (`PROGRAMME_RE`): an interview credit to an outlet of that name.

    None when the title, or the words right after it, name an outlet the tracker knows ("NBC's Saturday Night Live",
    'on "The Maddow Show" on MSNBC': the other rules read them), when its sentence says no one spoke or took aim there
    (`PROGRAMME_VERB_RE`), or when it stands inside a quotation or another credit.
    """
    programmes = []
    for match in PROGRAMME_RE.finditer(text) if ("Show" in text or "Program" in text) else ():
        start, end = match.span("name")
        outlet = outlet_from_name(_strip_article(match.group("name")))
        low, high = layout.sentence(start)
        if layout.inside_quote(start, end) or any(
            mention.outlet.key != outlet.key
            for mention in registry.find_mentions(text[start : min(high, end + PROGRAMME_OUTLET_AFTER)])
        ):
            continue  # ... the programme an outlet saved before by this rule names is its own
        if not PROGRAMME_VERB_RE.search(text[low:match.start()] + " " + text[end:high]):
            continue
        if any(
            item.credit.start is not None and item.credit.start < end and start < (item.credit.end or item.credit.start)
            for item in found
        ):
            continue
        credit = _credit(outlet, "interview", text[match.start() : end], text[low:high].strip(), start, end)
        _set_scope(credit, layout, start)
        programmes.append(_Found(credit, match.start(), end))
    return programmes


def _credit(outlet: Outlet, kind: str, cue: str, sentence: str, start: int | None, end: int | None) -> Credit:
    """A story-scope credit (scope is set later for text credits)."""
    return Credit(outlet=outlet, kind=kind, cue=cue.strip(), sentence=sentence, start=start, end=end)


def _dateline_credits(text: str, registry: OutletRegistry, layout: _Layout, used: list) -> list[_Found]:
    """Datelines at a paragraph start, "WASHINGTON (AP) —", and closing "— AFP" lines."""
    found = []
    for match in DATELINE_RE.finditer(text):
        place = match.group("place") or ""
        if len(place) > 60:
            continue
        outlet = _resolve_name(match.group("name"), registry, acronyms=True)
        if outlet is None:
            words = match.group("name").split()  # "(Reuters Breakingviews) -"
            outlet = next(
                (o for n in range(len(words) - 1, 0, -1) if (o := registry.outlet_for_name(" ".join(words[:n])))), None
            )
        if outlet is None:
            continue
        cue = text[match.start("open") : match.end("dash")]
        start, end = match.start("name"), match.end("name")
        found.append(
            _Found(
                _credit(outlet, "dateline", cue, layout.sentence_text(start), start, end),
                match.start("open"),
                match.end(),
            )
        )
        used.append((match.start(), match.end()))
    for match in TRAILING_DATELINE_RE.finditer(text):
        outlet = registry.outlet_for_name(match.group("name"))
        if outlet is None or outlet.kind not in ("wire", "state_media", "agency"):
            continue
        start, end = match.start("name"), match.end("name")
        cue = text[match.start("dash") : match.end("name")]
        found.append(
            _Found(
                _credit(outlet, "dateline", cue, layout.sentence_text(start), start, end), match.start(), match.end()
            )
        )
        used.append((match.start(), match.end()))
    return found


def _copyright_credits(text: str, registry: OutletRegistry, layout: _Layout, used: list) -> list[_Found]:
    """Copyright lines: "Copyright 2026 The Associated Press", "© 2026 Continental Press"."""
    found = []
    if "©" not in text and "opyright" not in text and "(c)" not in text and "(C)" not in text:
        return found
    for match in COPYRIGHT_RE.finditer(text):
        # the line after the mark, as far as a copyright line runs: a paragraph of thousands of marks was read
        # to its end for each of them
        reach = match.end() + COPYRIGHT_LINE_REACH
        line_end = text.find("\n", match.end(), reach)
        line = text[match.end() : line_end if line_end >= 0 else min(reach, len(text))]
        mention = _first_mention_at(line, registry)
        if mention is None:
            continue
        outlet, offset, length = mention
        if CORPORATE_RE.match(line, offset + length):
            continue  # "© 2019 CBS Interactive", "Dow Jones & Company": the site's owner, not a wire
        if PHOTO_CREDIT_RE.match(line, offset + length) or (
            _words_before_on_line(text, match.start()) and not RIGHTS_RE.search(line)
        ):
            continue  # "... La Paz. © Reuters / D. Mercado": a picture credit, not the story's
        start = match.end() + offset
        cue = text[match.start() : match.end()]
        found.append(
            _Found(
                _credit(outlet, "copyright", cue, layout.sentence_text(start), start, start + length),
                match.start(),
                match.end(),
            )
        )
        used.append((match.start(), start + length))
    return found


def _words_before_on_line(text: str, position: int) -> bool:
    """Whether the line holding position has anything but spaces and opening brackets before it."""
    at = position - 1
    while at >= 0 and text[at] in " \t([":
        at -= 1
    return at >= 0 and text[at] != "\n"


def _first_mention_at(line: str, registry: OutletRegistry) -> tuple[Outlet, int, int] | None:
    """The outlet named at the very start of a line fragment, with its offset and length."""
    for mention in registry.find_mentions(line[:120]):
        if mention.start <= 1:
            return mention.outlet, mention.start, mention.end - mention.start
        break
    match = UNKNOWN_OUTLET_RE.match(line)
    if match and (name := _trim_unknown(match.group("name"))) is not None:
        start = match.start("the") if match.group("the") else match.start("name")
        return outlet_from_name(name), start, match.end("name") - start
    return None


def _line_credits(text: str, registry: OutletRegistry, layout: _Layout, used: list) -> list[_Found]:
    """Wire credit lines in the body: Reuters' "Reporting by", Bloomberg's contacts, "X contributed"."""
    found = []
    reuters = registry.outlet_for_name("Reuters") or outlet_from_name("Reuters")
    for match in REUTERS_LINE_RE.finditer(text) if "diting by" in text else ():
        line = match.group("line")
        if "Editing by" not in line and "editing by" not in line:
            continue
        start, end = match.start("line"), match.end("line")
        found.append(_Found(_credit(reuters, "copyright", line[:120], line, start, end), start, end))
        used.append((start, end))
    bloomberg = registry.outlet_for_name("Bloomberg News") or outlet_from_name("Bloomberg News")
    for match in BLOOMBERG_LINE_RE.finditer(text) if ("this story" in text or "With assistance" in text) else ():
        start, end = match.start(), match.end()
        line = match.group(0).strip()
        found.append(_Found(_credit(bloomberg, "copyright", line[:120], line, start, end), start, end))
        used.append((start, end))
    for match in AP_LINE_RE.finditer(text) if "Your daily look" in text else ():
        start, end = match.start() + len(match.group(0)) - len(match.group(0).lstrip()), match.end()
        associated = registry.outlet_for_name("The Associated Press") or outlet_from_name("The Associated Press")
        found.append(_Found(_credit(associated, "copyright", text[start:end], text[start:end], start, end), start, end))
        used.append((start, end))
    for match in CONTRIBUTED_RE.finditer(text):
        low, _ = layout.sentence(match.start())
        head = text[low : match.start()]
        mentions = registry.find_mentions(head)
        if not mentions or head[: mentions[0].start].strip():
            continue
        mention = mentions[0]
        start, end = low + mention.start, low + mention.end
        sentence = layout.sentence_text(match.start())
        cue = text[start : match.end()]
        found.append(_Found(_credit(mention.outlet, "copyright", cue, sentence, start, end), start, match.end()))
        used.append((start, match.end()))
    return found


def _byline_outlets(byline: str, registry: OutletRegistry) -> list[tuple[Outlet, str]]:
    """Outlets named in a byline ("By AP staff", "Jane Doe, Associated Press"), with the part naming each."""
    clean = PARENTHESES_RE.sub(" ", byline.strip())
    clean = BYLINE_PREFIX_RE.sub("", clean)
    result = []
    for part in BYLINE_SPLIT_RE.split(clean):
        part = SPECIAL_FOR_RE.sub("", BYLINE_PREFIX_RE.sub("", part.strip()))
        core = BYLINE_SUFFIX_RE.sub("", part).strip()
        if not core:
            continue
        outlet = registry.outlet_for_name(core)
        if outlet is None:
            # "ERIC TUCKER Associated Press": a registered outlet closing the part.
            mentions = registry.find_mentions(core)
            if mentions and not core[mentions[-1].end :].strip():
                outlet, core = mentions[-1].outlet, mentions[-1].surface
        if outlet is None and UNKNOWN_OUTLET_FULL_RE.fullmatch(core) and _trim_unknown(_strip_article(core)):
            outlet = outlet_from_name(core)
        if outlet is not None and all(o.key != outlet.key for o, _ in result):
            result.append((outlet, core))
    return result


def _byline_credits(article: Article, registry: OutletRegistry, layout: _Layout, used: list) -> list[_Found]:
    """Byline credits from the author field and from "By ..." lines at the top of the text."""
    found = []
    if article.author:
        for outlet, _ in _byline_outlets(article.author, registry):
            found.append(_Found(_credit(outlet, "byline", article.author, article.author.strip(), None, None)))
    text = article.text or ""
    for match in BYLINE_TEXT_RE.finditer(text[:2000]):
        line = match.group(0).strip()
        for outlet, core in _byline_outlets(line, registry):
            offset = text.find(core, match.start("who"), match.end())
            start = offset if offset >= 0 else None
            end = offset + len(core) if offset >= 0 else None
            found.append(_Found(_credit(outlet, "byline", line, line, start, end), match.start(), match.end()))
            used.append((match.start(), match.end()))
    return found


def _credit_line_credits(lines: list[str], registry: OutletRegistry) -> list[_Found]:
    """Credits from the lines the HTML extractor found outside the body (copyright, bylines, credits)."""
    found = []
    for raw in lines or []:
        line = raw.strip()
        if not line:
            continue
        layout = _Layout(line, [])
        scratch: list = []
        items = _dateline_credits(line, registry, layout, scratch)
        items += _copyright_credits(line, registry, layout, scratch)
        items += _line_credits(line, registry, layout, scratch)
        if not items and BYLINE_PREFIX_RE.match(line):
            items = [_Found(_credit(o, "byline", line, line, None, None)) for o, _ in _byline_outlets(line, registry)]
        for item in items:
            item.credit.start = item.credit.end = None
            item.credit.sentence = line
            item.cue_start = item.cue_end = None
            found.append(item)
    return found


def _cue_credits(text: str, mentions: list[OutletMention], layout: _Layout, used: list) -> list[_Found]:
    """Credits for a fact or quote: an outlet mention with a reporting cue before or after it."""
    found: list[_Found] = []
    like_asides: dict[int, _Found] = {}  # outlets in an aside "X, like Y, declared", and X's credit
    for previous, mention in zip([None, *mentions], mentions, strict=False):
        liked: list[int] = []
        if any(s <= mention.start < e for s, e in used) or layout.inside_quote(mention.start, mention.end):
            continue
        if previous is not None and previous.outlet.key == mention.outlet.key and OWN_SHOW_GAP_RE.fullmatch(
            text, previous.end, mention.start
        ):
            continue  # "NBC's Meet the Press": the show of the outlet just named, one credit
        low, high = layout.sentence(mention.start)
        window_start = max(low, mention.start - 90)
        window = text[window_start : mention.start]
        left = LEFT_CUE_RE.search(window)
        while left is not None and (
            not _left_cue_holds(text, left.lastgroup, window_start + left.start(), mention.end)
            or (
                left.lastgroup in ("went_on", "noted_in")  # not "noted in an interview with X": the interview's
                and window[left.end(left.lastgroup) :].strip() not in ("", "the", "The")
            )
        ):
            # "by a devastating article in": a later start may hold ("a ... article in")
            left = LEFT_CUE_RE.search(window, left.start() + 1)
        kind = cue_start = cue_end = wording = None
        figure = False
        after = mention.end
        disputed = False
        standing = None
        if left is not None:
            group = left.lastgroup
            kind = LEFT_KINDS.get(group, group)
            before = window_start + left.start()
            disputed = group in TOPIC_CUE_GROUPS and _disputed(text, max(low, before - 40), before, mention.end, high)
            if group == "in_named" and not FIGURE_AFTER_RE.match(text, mention.end):
                kind = "interview"  # "suggested in a CBS interview that", "during a CNN town hall": words said to it
            figure = group == "estimated_by" or (
                group == "report_in"
                and STUDY_CUE_RE.search(left.group(group)) is not None
                and FINDING_LATER_RE.match(text, mention.end, high) is not None
            )
            if group == "obtained" and INTERVIEW_BEFORE_RE.search(text, max(low, before - 30), before):
                kind = "interview"  # "an interview published Monday by the Daily News": words said to it
            cue_start, cue_end = window_start + left.start(group), window_start + left.end(group)
        elif (
            (on := SENTENCE_ON_RE.match(text, low, mention.start))
            and text.startswith(("'", "’", "‘", ","), after)
            and SPEECH_VERB_RE.search(text, after, high)
        ):
            word = "on" if on.group("on") else "low"
            kind, cue_start, cue_end = "interview", on.start(word), on.end(word)
        elif text.startswith(("'", "’"), after):  # "The Sun's claims": a noun, no cue; "CNN's Ana Ruiz reported"
            journalist = JOURNALIST_CUE_RE.match(text[after : min(high, after + 80)])
            report = REPORT_CUE_RE.match(text[after : min(high, after + 80)])
            if journalist is not None:
                verb = journalist.group("verb")
                kind = "said" if verb in SAID_VERBS else "interview" if verb in JOURNALIST_QUESTION_VERBS else "reported"
                cue_start, cue_end = after + journalist.start("verb"), after + journalist.end("verb")
            elif report is not None:
                kind, cue_start, cue_end = "reported", after + report.start("verb"), after + report.end("verb")
            elif listed := OUTLET_LIST_RE.match(text, after, high):
                kind, cue_start, cue_end = "reported", listed.start("verb"), listed.end("verb")
            elif finding := REPORT_FINDING_RE.match(text[after : min(high, after + 120)]):
                kind, cue_start, cue_end = "reported", after + finding.start("verb"), after + finding.end("verb")
                disputed = _disputed(text, max(low, mention.start - 40), mention.start, mention.end, high)
            elif false_report := DISPUTED_REPORT_RE.match(text, after, high):  # "the Ledger's story was false"
                kind, cue_start, cue_end, disputed = "reported", false_report.start("verb"), false_report.end(), True
            elif standing := STANDING_AFTER_RE.match(text, after, high):  # "the Ledger's average has him up"
                kind, cue_start, cue_end, figure = "reported", standing.start("verb"), standing.end("verb"), True
            elif wording := _wording(text, low, mention, high):
                kind, cue_start, cue_end = "said", *wording
        else:
            right = RIGHT_CUE_RE.match(text[after : min(high, after + 180)])
            finding = REPORT_FINDING_RE.match(text[after : min(high, after + 120)]) or FIGURE_FINDING_RE.match(
                text[after : min(high, after + 160)]
            )
            if right is None and finding is not None and finding.group("verb") != "that":
                kind, cue_start, cue_end = "reported", after + finding.start("verb"), after + finding.end("verb")
            elif right is None and (wording := _wording(text, low, mention, high)):
                kind, cue_start, cue_end = "said", *wording
            elif (like := like_asides.get(mention.start)) is not None:
                kind, cue_start, cue_end = like.credit.kind, like.cue_start, like.cue_end
                figure = like.credit.scope == "fact"  # "..., the Kestrel 4.3 points": a figure as the first one's
            elif right is None and (false_report := DISPUTED_REPORT_RE.match(text, after, high)):
                kind, cue_start, cue_end, disputed = "reported", false_report.start("verb"), false_report.end(), True
            elif right is None and (standing := STANDING_AFTER_RE.match(text, after, high)):
                kind, cue_start, cue_end, figure = "reported", standing.start("verb"), standing.end("verb"), True
            elif (
                right is None
                and (journalist := ROLE_JOURNALIST_RE.match(text[after : min(high, after + 120)]))
                and not FORMER_BEFORE_RE.search(text, max(low, mention.start - 30), mention.start)
            ):  # "Kestrel Radio moderator Ana Ruiz asked"
                verb = journalist.group("verb")
                kind = "said" if verb in SAID_VERBS else "interview" if verb in JOURNALIST_QUESTION_VERBS else "reported"
                cue_start, cue_end = after + journalist.start("verb"), after + journalist.end("verb")
            elif right is None and (asked := ASKED_AFTER_RE.match(text, after, high)):
                kind, cue_start, cue_end = "interview", asked.start("verb"), asked.end("verb")
            elif right is None and (covered := COVERED_AS_RE.match(text, after, high)):
                kind, cue_start, cue_end, figure = "reported", covered.start("verb"), covered.end("verb"), True
            if right is not None:
                verb = " ".join(right.group("verb").split())
                said = verb in SAID_VERBS or CLAIM_VERB_RE.fullmatch(verb) is not None
                obtained = verb == "obtained" or PUBLISHED_OF_RE.fullmatch(verb) is not None
                kind = "said" if said else "obtained" if obtained else "reported"
                # the cue starts after an aside or the outlet's kind ("the Global Times tabloid noted")
                head = max(right.end("aside"), right.end("type_noun"), 0)
                cue = right.group(0)[head:]
                cue_start, cue_end = after + head + len(cue) - len(cue.lstrip()), after + right.end()
                figure = FIGURE_VERB_RE.fullmatch(verb) is not None
                aside = (right.group("aside") or "").replace(",", " ")  # "ESPN, in a statement, said"
                if LIKE_ASIDE_RE.match(aside):
                    liked = [m.start for m in mentions if after < m.start < after + right.end("aside")]
                if (
                    (kind == "said" and (STATEMENT_AFTER_RE.match(text, cue_end) or _speaks_of_itself(text, cue_end, high)))
                    or STATEMENT_AFTER_RE.match(aside)
                    or (kind == "reported" and ACCOUNTS_AFTER_RE.match(text, cue_end))
                    or ACTOR_BEFORE_RE.search(text, max(low, mention.start - 40), mention.start)
                ):
                    kind = None  # "ESPN said in a statement", "CBS said it was canceling", "McClatchy reported a loss"
        if kind is None:
            continue
        if standing is not None:
            liked += _figure_series(text, standing.end(), high, mentions)
        credit = _credit(
            mention.outlet, kind, text[cue_start:cue_end], text[low:high].strip(), mention.start, mention.end
        )
        _set_scope(credit, layout, mention.start)
        if (
            disputed or figure or (left is not None and left.lastgroup == "based_on")
            or (kind != "said" and figures_only(mention.outlet))
            or (kind not in INTERLOCUTOR_KINDS and backs_a_figure(text, mention.start, mention.end))
        ):  # "seizing upon an X report": the report backs the claim, not the words of the one who seizes on it
            credit.scope, credit.quote_indexes = "fact", []
        elif wording is not None:  # "as X put it, 'the operator'": only the words X put, next to the cue
            credit.quote_indexes = _beside(layout, credit.quote_indexes, mention.start, cue_end)
            credit.scope = "quote" if credit.quote_indexes else "story"
        found.append(_Found(credit, cue_start, cue_end))
        if liked:  # "CNN, like the AP, which was first to do so, declared": the AP declared it too
            like_asides.update(dict.fromkeys(liked, found[-1]))
    return found + _joint_credits(text, mentions, layout, found)


def _capital_credits(
    text: str, registry: OutletRegistry, layout: _Layout, mentions: list[OutletMention]
) -> list[_Found]:
    """A cue and a registered outlet in capitals ("FIRST REPORTED BY THE KESTREL TIMES"), which text mentions miss."""
    found = []
    for match in CAPITAL_CUE_RE.finditer(text):
        start = match.start("name")
        if any(m.start <= start < m.end for m in mentions) or layout.inside_quote(match.start(), match.end()):
            continue  # "VIA AP": the name was found and its cue read
        words = list(re.finditer(r"\S+", match.group("name")))
        for last in range(len(words), 0, -1):  # the longest run of words that names an outlet
            name = match.group("name")[: words[last - 1].end()].rstrip(".,;:")
            outlet = registry.outlet_for_name(name)
            if outlet is not None:
                break
        if outlet is None:
            continue
        kind = next(group for group in ("reported_by", "according_to", "via", "hat_tip") if match.group(group))
        credit = _credit(outlet, kind, match.group(kind), layout.sentence_text(start), start, start + len(name))
        _set_scope(credit, layout, start)
        found.append(_Found(credit, match.start(kind), match.end(kind)))
    return found


def _figure_series(text: str, position: int, high: int, mentions: list[OutletMention]) -> list[int]:
    """The starts of the outlets whose figures follow a standing with the verb left out ("..., the Kestrel 4.3 points")."""
    amount = FIGURE_AMOUNT_RE.match(text, position, high)
    if amount is None:
        return []
    position, starts = amount.end(), []
    for mention in mentions:
        if mention.start < position:
            continue
        if not SERIES_GAP_RE.fullmatch(text, position, mention.start):
            break
        amount = FIGURE_AMOUNT_RE.match(text, mention.end, high)
        if amount is None or not amount.group().strip()[:1].isdigit():
            break
        starts.append(mention.start)
        position = amount.end()
    return starts


def _wording(text: str, low: int, mention: OutletMention, high: int) -> tuple[int, int] | None:
    """The span of the verb in "as X put it", "what X called", "as X described them": the outlet's wording."""
    before = AS_WHAT_BEFORE_RE.search(text, max(low, mention.start - 80), mention.start)
    match = WORDING_AFTER_RE.match(text[mention.end : min(high, mention.end + 80)])
    if before is None or match is None:
        return None
    if before.group("word").casefold() == "as" and not (match.group("object") or match.group("verb").startswith("put")):
        return None
    return mention.end + match.start("verb"), mention.end + match.end("verb")


def _beside(layout: _Layout, indexes: list[int], before: int, after: int) -> list[int]:
    """Of these quotations, the nearest one ending just before `before` and the nearest starting just after `after`."""
    ends = [(before - e, index) for index in indexes for _, e in layout.quote_spans[index] if 0 <= before - e <= 60]
    starts = [(s - after, index) for index in indexes for s, _ in layout.quote_spans[index] if 0 <= s - after <= 60]
    return sorted({min(side)[1] for side in (ends, starts) if side})


def _joint_credits(text: str, mentions: list[OutletMention], layout: _Layout, found: list[_Found]) -> list[_Found]:
    """Credits for outlets named jointly with a credited one, sharing its cue: "X and Y reported", "an X-Y poll".

    A cue before the names credits those after the credited one, a cue after them those before it.
    """
    by_start = {item.credit.start: item for item in found}
    groups: list[list[OutletMention]] = []  # names joined by JOINT_GAP_RE, and the joins between them
    joins: list[list[str]] = []
    for previous, mention in zip([None, *mentions], mentions, strict=False):
        join = None
        if previous is not None and previous.end <= mention.start and layout.sentence(previous.start) == layout.sentence(
            mention.start
        ):
            gap = JOINT_GAP_RE.fullmatch(text, previous.end, mention.start)
            join = gap.lastgroup if gap is not None else None
        if join is None or layout.inside_quote(mention.start, mention.end):
            groups.append([mention])
            joins.append([])
        else:
            groups[-1].append(mention)
            joins[-1].append(join)
    lists: list[list[OutletMention]] = []
    for group, kinds in zip(groups, joins, strict=True):
        lists.append(group[:1])
        for index, kind in enumerate(kinds):
            if kind == "comma" and "and" not in kinds[index + 1 :]:  # "according to the Ledger, the Post fired"
                lists.append([])
            lists[-1].append(group[index + 1])
    added: list[_Found] = []
    for group in lists:
        for index, mention in enumerate(group):
            if mention.start in by_start:
                continue
            after = next((by_start[m.start] for m in reversed(group[:index]) if m.start in by_start), None)
            before = next((by_start[m.start] for m in group[index + 1 :] if m.start in by_start), None)
            if after is not None and after.cue_end is not None and after.cue_end <= after.credit.start:
                partner = after  # the cue stands before the names
            elif before is not None and before.cue_start is not None and before.cue_start >= (before.credit.end or 0):
                partner = before
            else:
                continue
            model = partner.credit
            low, high = layout.sentence(mention.start)
            credit = _credit(mention.outlet, model.kind, model.cue, text[low:high].strip(), mention.start, mention.end)
            credit.scope, credit.quote_indexes = model.scope, list(model.quote_indexes)  # the cue's scope is shared
            added.append(_Found(credit, partner.cue_start, partner.cue_end))
    return added


def _headline_credits(article: Article, mentions: list[OutletMention], layout: _Layout) -> list[_Found]:
    """A title giving an outlet's story as a person's words are given: "NY Post: Megyn Kelly Is ..."."""
    text = article.text or ""
    title = (article.title or "").strip().rstrip(".")
    match = HEADLINE_RE.match(text)
    if not title or not mentions or match is None or match.group("line").rstrip(". \t") != title:
        return []
    mention = mentions[0]
    head = text[match.start("line") : mention.start]
    if (head and not LEADING_THE_RE.fullmatch(head)) or not text.startswith(":", mention.end):
        return []
    credit = _credit(mention.outlet, "reported", ":", match.group("line").strip(), mention.start, mention.end)
    _set_scope(credit, layout, mention.start)
    return [_Found(credit, mention.end, mention.end + 1)]


def _speaks_of_itself(text: str, cue_end: int, high: int) -> bool:
    """Whether "X said" goes on to what the outlet does as a company ("said it was canceling the show") or to its rules."""
    if OWN_RULES_RE.match(text, cue_end, high):
        return True  # "opining, CNN claimed, violates its code of journalistic practices"
    return bool(SELF_AFTER_RE.match(text, cue_end)) and not OWN_REPORTING_RE.match(text, cue_end, high)


def _disputed(text: str, low: int, cue_start: int, mention_end: int, high: int) -> bool:
    """Whether the report a cue credits is one the sentence's subject dismisses, denies or calls fake."""
    if DISPUTE_BEFORE_RE.search(text, low, cue_start):
        return True
    return bool(CALLED_BEFORE_RE.search(text, low, cue_start) and FALSE_AFTER_RE.match(text, mention_end, high))


def figures_only(outlet: Outlet) -> bool:
    """Whether a registered outlet publishes no news (kind unknown: a pollster, a research centre).

    Credited ("Gallup finds states shifting", "according to the Pew Research Center"), it is the source of a
    figure, never of the words the story quotes; its own words quoted ("..., Gallup wrote") stay its own.
    """
    return outlet.in_registry and outlet.kind == "unknown"


def backs_a_figure(text: str, start: int, end: int) -> bool:
    """Whether the outlet named at text[start:end] is credited for a count or a poll."""
    return bool(
        FIGURE_AFTER_RE.match(text, end) or OUTLET_LIST_RE.match(text, end)
        or FIGURE_BEFORE_RE.search(text, max(0, start - 40), start)
    )


def _left_cue_holds(text: str, group: str, cue_start: int, mention_end: int) -> bool:
    """Whether a cue before a mention credits it, given what stands before the cue and after the mention."""
    if group in TOPIC_CUE_GROUPS and TOPIC_BEFORE_RE.search(text, max(0, cue_start - 80), cue_start):
        return False
    if group.startswith("inverted"):
        # ", said the AP." credits; ", said the AP was biased" does not; nor ", said ESPN in a statement".
        return bool(CLAUSE_END_RE.match(text, mention_end)) and not (
            group == "inverted_said" and STATEMENT_AFTER_RE.match(text, mention_end)
        )
    if group == "by_count":
        return bool(COUNT_AFTER_RE.match(text, mention_end))
    if group == "via":  # "Find out via AP's Election Buzz interactive": where to look, no source of a claim
        return not PRODUCT_AFTER_RE.match(text, mention_end)
    if group == "in_named":  # "in a CNN poll", "in a CBS interview", "during a CNN town hall"; "in a CNN segment": none
        return any(rule.match(text, mention_end) for rule in (FIGURE_AFTER_RE, INTERVIEW_AFTER_RE, EVENT_AFTER_RE))
    if group == "at_event":
        return bool(EVENT_AFTER_RE.match(text, mention_end))
    if group in ("spoken_on", "spoken_to"):
        return bool(SPOKEN_AFTER_RE.match(text, mention_end))
    if group == "based_on":
        return bool(REPORT_NOUN_AFTER_RE.match(text, mention_end))
    if group == "went_on":  # "went on NPR to say", "went on NPR's Morning Edition Sunday": not "went on NPR's site"
        return bool(ON_AIR_AFTER_RE.match(text, mention_end))
    return True


def _set_scope(credit: Credit, layout: _Layout, position: int) -> None:
    """A credit in a quotation's sentence or paragraph applies to that quotation."""
    if credit.kind in COPY_CREDIT_KINDS:
        return
    credit.quote_indexes = layout.quotes_for(position, layout.fact_credit_end(credit))
    if not credit.quote_indexes and credit.kind not in HEARER_CREDIT_KINDS:
        credit.quote_indexes = layout.words_looked_back_to(layout.sentence(position)[0])
    credit.scope = "quote" if credit.quote_indexes else "story"


def is_article_url(url: str) -> bool:
    """True for a URL that looks like an article, not a home, section, tag, share or profile page."""
    parts = split_url(url)
    if parts is None or parts.scheme not in ("http", "https"):
        return False
    path = parts.path.strip("/")
    if not path:
        return False
    segments = [segment.lower() for segment in path.split("/")]
    if any(segment in NON_ARTICLE_SEGMENTS for segment in segments):
        return False
    return bool(ARTICLE_SLUG_RE.search("/" + path + "/"))


def _is_news_domain(host: str) -> bool:
    """False for social networks, link shorteners, encyclopaedias and government or school sites."""
    domain = registrable_domain(host) or host
    return domain not in NON_NEWS_DOMAINS and host not in NON_NEWS_DOMAINS and not host.endswith(NON_NEWS_SUFFIXES)


# this text printed again elsewhere: the outlet named after it holds a copy ("republished from X" is a source)
REPRINTED_ELSEWHERE_RE = re.compile(
    r"\b(?:this|the) (?:article|story|piece|post|report|column|essay|interview)\b[^.]*?"
    r"\b(?:re-?printed|re-?published|syndicated|cross-?posted)\s+(?:on|in|by|at|with)\b",
    re.IGNORECASE,
)


def _link_credits(links: list[Link], registry: OutletRegistry, layout: _Layout, own: Outlet) -> list[_Found]:
    """Hyperlinks to another outlet's article."""
    found = []
    for link in links or []:
        if not ANCHOR_WORD_RE.search(link.anchor or ""):
            continue  # no words to click (a stray space, an image): nothing the text credits
        host = host_of(link.url or "")
        if host is None or not is_article_url(link.url):
            continue
        outlet = registry.outlet_for_url(link.url)
        if outlet is None:
            domain = registrable_domain(host) or host
            if not _is_news_domain(host) or not (
                NEWS_DOMAIN_RE.search(_publication_name(domain))
                or _names_an_outlet(link.anchor)
                or domain.partition(".")[2] in NEWS_NETWORKS  # a station of a news network
            ):
                continue  # a shop, a journal, a tracker: not another outlet's article
            outlet = Outlet(key=domain, name=domain, kind="unknown", domains=(domain,), in_registry=False)
        if same_outlet(outlet, own):
            continue
        sentence = link.sentence or (layout.sentence_text(link.start) if link.start is not None else "")
        if REPRINTED_ELSEWHERE_RE.search(sentence):
            continue  # "This article was reprinted on Wired.com": a link to a copy of this text, not to its source
        credit = Credit(
            outlet=outlet, kind="link", cue=link.anchor or link.url, sentence=sentence, url=link.url,
            start=link.start, end=link.end,  # the anchor is where the text names the outlet
        )
        if link.start is not None:
            _set_scope(credit, layout, link.start)
        found.append(_Found(credit))
    return found


def _publication_name(domain: str) -> str:
    """The part of a domain that names the site: a blog's label on a platform, not "wordpress.com"."""
    for platform in HOSTED_PLATFORMS:
        if domain.endswith("." + platform):
            return domain[: -len(platform) - 1]
    return domain


def _names_an_outlet(anchor: str) -> bool:
    """True when a link's anchor text is an outlet's name ("the Harborton Star")."""
    text = (anchor or "").strip()
    return (
        bool(text)
        and UNKNOWN_OUTLET_FULL_RE.fullmatch(text) is not None
        and _trim_unknown(_strip_article(text)) is not None
    )


def _link_chains(text: str, found: list[_Found]) -> None:
    """Record the intermediary of chains: "first reported by X, per Y" (X via Y), "Y, citing X" (X via Y)."""
    located = sorted(
        (
            item
            for item in found
            if item.credit.start is not None and item.cue_start is not None and not item.credit.is_copy
        ),
        key=lambda item: item.credit.start,
    )
    for first, second in zip(located, located[1:], strict=False):
        a, b = first.credit, second.credit
        if a.outlet.key == b.outlet.key or a.sentence != b.sentence:
            continue
        gap_start = max(a.end or 0, first.cue_end or 0)
        gap_end = min(b.start or 0, second.cue_start or 0)
        if gap_end < gap_start or not CHAIN_GAP_RE.match(text[gap_start:gap_end]):
            continue
        if b.kind in ("per", "according_to", "via"):
            a.via = b.outlet
        elif b.kind == "citing":
            b.via = a.outlet


def same_outlet(a: Outlet, b: Outlet) -> bool:
    """True when two outlets are the same one (key, name, alias or domain)."""
    if a.key == b.key:
        return True
    if set(a.domains) & set(b.domains):
        return True
    names_a = {normalize_name(n) for n in (a.name, *a.aliases)}
    names_b = {normalize_name(n) for n in (b.name, *b.aliases)}
    if names_a & names_b:
        return True
    if a.in_registry and b.in_registry:
        return False
    # An unregistered outlet named by a short form of the other's name: "wash-post", "The Washington Post".
    if any(not named.in_registry and _shortens(named.name, other) for named, other in ((a, b), (b, a))):
        return True
    # An unregistered outlet named like the other's domain: "Detroit News" and detroitnews.com.
    for named, other in ((a, b), (b, a)):
        compact = COMPACT_RE.sub("", normalize_name(named.name))
        for domain in other.domains:
            label = domain.split(".")[0].removeprefix("the")
            shorter = min(len(compact), len(label))
            if shorter >= 6 and (compact.startswith(label) or label.startswith(compact)):
                return True
    return False


def _shortens(short: str, outlet: Outlet) -> bool:
    """Whether a name shortens the words of one of the outlet's names, the last one whole.

    "west-journal" is "The Western Journal": an import labelling its publishers by slugs names the
    paper so, while its text calls it by its name ("told The Washington Post" in "wash-post").
    """
    words = NAME_WORD_SPLIT_RE.split(normalize_name(short))
    if len(words) < 2:
        return False
    for name in (outlet.name, *outlet.aliases):
        full = NAME_WORD_SPLIT_RE.split(normalize_name(name))
        if len(full) == len(words) and full[-1] == words[-1] and all(
            len(word) >= 4 and whole.startswith(word) for word, whole in zip(words[:-1], full[:-1], strict=True)
        ):
            return True
    return False

