"""Quote lineage: the source of every occurrence by evidence, and the origin of every cluster.

Each article carrying a cluster gets one source, by the strongest evidence that applies:
  credit    copy credits (dateline, byline, copyright: the article is that outlet's copy), then
            credits scoped to the quote (and link credits in the printing's own sentence, unless that
            sentence links the story credit's outlet too: `ranked_candidates`), then story credits; resolved to the credited outlet's
            earliest article with the quote (the intermediary's for "X, per Y"), or to the outlet
            alone when none of its articles here carries the quote. Then whether the outlet's
            telling of this story is here decides (`find_stories`: an article of that outlet that
            the crediting article links to, that article_reuse pairs with it, or that prints
            another quote of it within STORY_WINDOW): when it is here without the quote, a story
            credit is no source of the quote ("CNN's article of this story, <article>, does not
            carry the quote"), while a copy or quote-scoped credit still names the outlet; when it
            is not, the credit stands for a source outside the database, as one to an outlet never
            crawled does ("CNN, whose articles here do not tell this story"), so an unrelated
            article of the outlet changes nothing. A story credit to an outlet whose story is not
            here, or whose article with the quote is not earlier (no time order: it may have the
            quote from this one), applies only when it stands outside the text, in the first
            LEAD_PARAGRAPHS paragraphs or the last (paragraphs of prose: a line ending no sentence,
            a title or subhead without a full stop, a date line, is none; a reporting credit there,
            REPORTING_KINDS, whose sentence holds a quotation, credits.scope quote, credits that
            quotation and the story's others as a story credit), or gives the outlet someone's words (told, an interview,
            quoted, an op-ed) and names the quote's speaker (a credit for one fact mid-story is no
            source of quotes, even one naming the speaker as what the outlet reported, nor does it
            make the credited outlet the original of a same-time reuse pair); and one for words
            said to or on the outlet ("told", "an interview with") never when the article has the
            speaker speaking to another outlet too (a quote-scoped credit): which of the speaker's
            other words it heard is not said; past the lead (the last paragraph too) only for the words
            said in that interview (`interview_setting`: those after it until another setting is named,
            a rally, a court, a statement, another outlet's credit, an interview with someone else; those
            before it when it looks back to them, "Trump's comments came during a Fox interview", or they
            stand in the lead with no setting named between); and one whose teller stands before its cue ("X told",
            "X said on", `told_by`) only for the teller's quotations, in the lead too: the head of
            a part of the teller's clause, its last word before a preposition, must be the speaker's
            surname ("A Trump campaign source told NBC" is no credit for Trump's words, "Goodlatte
            told MSNBC that he spoke with Comey" none for Comey's, "A spokeswoman for Smith, Ana
            Lopez, told CNN" none for Smith's); a teller only described ("The chairman said on CNN")
            is the person the article names for the description, as a described speaker is
            (`name_teller`); a pronoun, "he told", names no one apart and changes nothing.
            Nor does a story credit for a report of a weekday ("The Times on Saturday wrote", "CNN
            reported Friday") take words the quotation's own clause says were said on a later weekday
            ("Trump said Monday", counted back from the article's date; with no date, any other day). Nor does a story credit take a quotation the article
            plainly had elsewhere (`said_elsewhere`): words of the article's own outlet ("Breitbart
            News responded:"), a document's ("the Amendment the Founding Fathers wrote", "a sign
            reading") or words its own sentence (or the one before, when that one attributes it:
            `quote_clauses`) says were told to a listener other than the credited
            outlet ("Coulter told radio host Hugh Hewitt ... "a joke."", though "told host Sean
            Hannity" may be the outlet a credit says he spoke on; for a credit to the outlet's
            reporting, not words said to it, only a listener who puts words out or hears them in
            public: an outlet, a host, a medium, the press, an audience, people who gathered to hear
            them, as words told to a private hearer, "Witkoff told Ushakov", "told her aide", "told
            lawmakers privately" or elsewhere than where they sit, "on a recent visit to Capitol Hill",
            may be what the outlet reported; a listener is one told, outside
            the quotations the sentence holds: not "tells the story of", "was told by", "spoke to
            accept", '"I told Donald Trump, ...," Sessions said', "telling myself", "When told Perez
            was"), or words it places at
            a public occasion, where anyone may have heard them, in the sentence before the quotation
            (outside the quotations it holds) or the attribution after it that holds its cue, or between
            the parts of a quotation printed in two (a title or an initial ends neither: '," said Sen.
            Mitch McConnell at a news conference'): a debate, a rally, a speech, a press conference, a
            hearing, a statement, a letter released, a candidacy's announcement ("When Trump announced
            his candidacy"), a post on a named platform ("took to Twitter", "on his blog"), an
            audience's reaction ("said to cheers", '," Clinton said, drawing cheers.'), an audience told
            them ("told a cheering crowd", '," she told her supporters.', "told the forum"), a published
            text ("wrote in the case report", "in her memoir", "in a press release"; a paragraph ending in a
            colon is the sentence of the quotation opening the next: "He told the crowd:"), or at an earlier
            time beside the verb that says them, read in the sentence before too when the quotation opens
            its own with no cue ("McCain recalled last week. "..."", a reason that says so and names no
            occasion: a time alone does not say the words were public); not a closed meeting ("at a
            closed-door hearing", "behind closed doors"), which is private
            ("At the Democrat debate Wednesday night, Clinton blamed the "fog of war"", '," Trump
            said at a campaign rally', "said earlier this week", not "departing last month"; never
            "in an interview with" or "told the Post", the outlet's own). A credit for a fact
            (credits.scope 'fact': a count, a poll, a report the story's subject disputes) sources
            nothing.
  link      a hyperlink to an article carrying the quote (or to an outlet that carries it); a
            link credit to an outlet whose story is not here, or whose article with the quote is not
            earlier, counts as a story credit does (above: `speaks_for_quote`, `had_elsewhere`), in the
            lead or the last paragraph only when its anchor names the outlet or it reads as
            reporting or someone's words (a link there on a fact is background: "So-called
            <neo-banks> ..."), and gives the outlet someone's words when its anchor is the speaking
            ("said in March"), the speaker's own reported words ("said that he is <more focused
            ...>") or its sentence names who heard them ("spoke to"), not when it stands on a fact
            the speaker states ("Prakash explained that ... a <food surplus>"); a link to where this
            text was reprinted ("This article was reprinted on X"), or with no words, is no credit
            (credits.py)
  reuse     article_reuse says its text reuses an article carrying the quote, and 30 % of its
            wording outside quotations is found there in runs of three words (so two reports of
            one speech do not count: on METER, 47 of the 50 reports of a court hearing written apart
            from PA's that the reuse stage calls derived from it share less, papers that copied PA
            a median 42 % when wholly derived, 20 % when partially); a pair with no time order is
            read towards the article other carriers credit or link (a credit counting only where
            it may speak for the quote: not a story credit set aside as the article had it elsewhere)
  mutation  it prints the same altered wording as an earlier article (the most recent one; words cut
            from a canonical wording are none)
  earlier   the outlet's own most recent earlier article, else the most recent earlier article
            (mutation and another outlet's earlier article are not taken for an article saying the
            quote was said to its own outlet, or at a public occasion, `Carrier.said_in_public`: it
            heard the words there, as anyone could, "first-hand: the article says it was said at a
            public occasion"; the occasion may be set a paragraph or two above the quotations that
            follow it, "Sanders went first at the town hall hosted by CNN, ..." then '"...," he said',
            or held by the speaker named before it, "Clinton and Warren held their first joint campaign
            event", `scene_occasion`; a statement a sentence above sets a text's words, '," the statement
            read.', apart from a story credit too, `Carrier.had_from`)
  origin    none of the above: first-hand
A source is never strictly later than the article. Times are what exist (time_key: published,
else first seen); a date against a date-time of the same day is a tie, not an order. A printing
that a later version of the article added dates from that version's fetch (quote_occurrences.
seen_at), so an article's time for a cluster is its earliest printing of it. A printing a later
version withdrew stays a carrier and a source. The last version printing a quote gives its
credits: a credit added later covers quotes still printed, one removed no longer does, and a
quote edited away keeps the credits of the version that last printed it. A cycle
(possible through ties) is broken at its weakest edge, and the reason says so. Carriers are
traced per cluster, so tracing a cluster again gives the same rows (and a trace of
PARALLEL_MIN_CLUSTERS clusters or more computes its batches on worker processes, `computed_batches`). Carriers of one time are
taken in the order of their URLs, as clustering orders printings (the most recent earlier article
of a day is the one whose URL sorts last; a public statement is named by the one sorting first),
never by article ids, which follow the order of imports.

Origin of a cluster: public_statement when 2+ outlets carried it first-hand (no credit, link or
reuse) within PUBLIC_WINDOW of the first and before anyone credited anyone for it; else the
earliest root of the source chains (an origin article, or a credited outlet outside the database): wire
when that outlet is a wire or agency, exclusive otherwise, but public_statement when the root is an
article saying its printings were said at a public occasion (`Carrier.said_in_public`: "confirmed on
Truth Social", "at a rally"; one printing names one and none another setting, an earlier time alone
or words told to one listener; a headline naming none says nothing against it), or when another root
article, one that heard the words first-hand, says so (the root is then the first here to carry them,
and the reason names the article saying where they were said; not when the root says it was said to
its own outlet); public_statement too when the root is an outlet without an article here, credited
by an article here (its copy, a wire's: "Trump said during this week's GOP debate") that says they
were said at a public occasion, not a court's (`ClusterTracer.heard_in_public`); unresolved when no time order or
evidence decides between roots of different outlets.
"""

from __future__ import annotations

import logging
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import chain, zip_longest
from datetime import datetime, timedelta, timezone

import sqlite_utils

from db import database_file, open_db
from db.bulk import bulk_stage
from provenance.clustering import chunked, placeholders
from provenance.counts import counted
from provenance.credits import (
    DOMAIN_NAME_RE,
    LEADING_THE_RE,
    NOT_TELLER_WORDS,
    OUTLET_APPOSITIVE_RE,
    PARENTHESES_RE,
    TELLER_CUT_RE,
    TELLER_WORD_RE,
    UNKNOWN_OUTLET_FULL_RE,
    teller_key,
)
from provenance.models import WIRE_KINDS
from provenance.normalize import STOPWORDS
from provenance.quotes import NOT_AFTER_ABBREVIATION, note_reporting_subjects
from provenance.speakers import SpeakerIndex
from provenance.workers import WorkersFailed, map_in_order

LOGGER = logging.getLogger(__name__)

# What the tracing rules make of the same printings, credits, links and reuse rows, recorded in the database
# (`code_versions`, row 'lineage') by every full trace and the first import of a database with no lineage: a
# database recorded at another, or holding lineage made before it was recorded (0), is traced whole again by its
# next import, crawl, reanalyse or trace (`pipeline.full_trace_due`): an import traces only the quotes it touches,
# so an old rule's sources and origins would otherwise stay beside the new rule's. Bump it with every change to a
# source, an origin, or their reasons.
# 1: a quote its first article says was said in public (a statement, a rally, a post) is a public statement; a
# public statement's printings dated by day only are said to fall on their days, not within 12 h.
# 2: a story credit set aside for words said at an earlier time ("said last week") says so, not that they were said
# at a public occasion; a story credit for words told to or said on an outlet reaches only its teller's quotations
# ("A Trump campaign source told NBC" is not Trump's words); one for a report of a weekday ("The Times on Saturday
# wrote") does not take words said on a later one ("Trump said Monday"); a teller only described ("The chairman
# said on CNN") is the person the article names for the description, and the head of each part of the teller's clause
# is the teller ("A spokeswoman for Smith, Ana Lopez," is Lopez, not Smith); a public occasion is read in the
# quotation's own sentence or cue clause, and in the sentence before only when that one attributes it (it names the
# speaker, its subject is a pronoun, or the cue names the speaker by a pronoun or description), not ("... at the
# convention. "...," Devine said.").
# 3: a teller described as a party's member ("The Democrat told Yahoo News", "the Maine Republican told") is the
# person the article prints with that party, as any described speaker (`speakers.PARTY_HEADS`).
# 4: a story credit for words said to an outlet (told, an interview) past the lead, the last paragraph too, speaks only
# for the words said in that interview (`interview_setting`): those after it until another setting is named (a rally,
# a court, a statement, another outlet's credit, an interview with someone else), those whose own attribution names
# the interview, and those before it only when it looks back to them ("Trump's comments came during") or they stand
# in the lead with no setting named between; not for the speaker's other words in the article.
# 5: a story credit for words said to an outlet, past the lead, names the speaker only where the one interviewed stands
# (`heard_part`): "In an ABC News interview, Mr. Trump questioned why Mr. Khan's wife ..." does not cover Mr. Khan's words.
# 6: an article naming a public occasion for the words takes them from no other outlet by time or wording alone; a later
# root naming one makes the origin a public statement; an occasion set a paragraph or two up is the quotations' that
# follow it (`scene_occasion`), a released letter and a candidacy's announcement are occasions, and lawmakers told
# elsewhere than where they sit ("on a recent visit to Capitol Hill") heard the words in private.
# 7: an outlet credited for words its copy or telling here says were said at a public occasion (a wire's copy: "Trump
# said during this week's GOP debate") is no origin of them alone: the origin is a public statement, not the wire's nor
# the outlet's exclusive; not a court's hearing, which a news agency's reporter hears for the papers, nor words told to
# or said on the outlet beside another occasion than its own ("at a CNN town hall" is CNN's audience's too); a rope
# line, a voter's question, an email to a campaign's supporters ("in a fundraising email", "emailed supporters") and a
# running mate's announcement are public occasions.
# 8: an outlet credited for its copy or its reporting (not for words told to or said on it) whose copy names no occasion
# is no origin of them alone either when a later root says where they were said ("Obama will say", then "He told his
# Democratic audience"), as an article root is not; not a court's hearing. A letter or statement released after it is
# named ("In a letter to Senate colleagues released Monday"), a statement or letter put out or published, "On Twitter"
# opening a sentence, and where after the description of a speaker the verb stands before ('," wrote Ines Kowal of
# Eastport, Vale, in a case study published Monday') are read as public occasions. A text's words whose speaker is no
# one named ('," it says.', '," the statement read.', or a quotation going on from one so attributed) are placed at the
# statement, letter or post a sentence above names (`scene_occasion`, `text_speaks`); a cue going on to the speaker's
# next words ('," Trump said before adding: "') sets the quotation at no other time than the scene. A link credit in the printing's
# own sentence (credits.scope quote) comes before a story credit, as a credit there does ("As Ana Ruiz reports for the
# Ledger", then "Li explained" linked to the Herald: the Herald's), unless the sentence links the story credit's outlet too.
# 9: a copy credit to an outlet without an article here whose printing credits another outlet for the words in its own
# sentence ('," Calderon told CNBC Saturday.' in UPI's copy) relays them: the root is the outlet the copy credits (CNBC),
# not the copy's (UPI); the printing's source stays the copy's outlet.
# 10: an occasion held is named as one at it is ("held their first joint campaign event on Monday", "hosted a town
# hall", "staged a rally"), in the sentence before the words and a paragraph or two above (`scene_occasion`); a text's
# words no one named speaks ('," the statement read.', its cue between two parts of the quotation too) placed at a
# statement a sentence above names are had from it, not from a story credit's outlet (`Carrier.had_from`); an occasion
# held by a speaker described ("who held a fundraiser"), as a record ("has held 100 town halls") or by another named
# before it ("Vale held a rally while Kowal ...") is not the words'. A public statement's printing names in its reason
# where its article says the words were said ("heard first-hand (said at a public occasion: "in a statement"): one of 2
# outlets"), or that they were said to its own outlet, so a reader can check it. A later outlet root whose copy or
# telling here names a public occasion ("Trump saying during the debate last week" in the AP's copy) makes the first
# article's words a public statement, as a later article root naming one does. A scene sentence going on past its
# occasion to a listener ("held a rally ..., then flew home and spoke to reporters") sets the words there, not at the
# rally (`later_setting`). A copy credit's reason calls a credit line ("Reporting by", the AP's "Your daily look at
# late-breaking news") one, not a copyright line.
# 11: several interviews named before a printing ("during multiple interviews on Thursday", "In interviews, Kowal has
# said") are not the one a mid-story interview credit names, so it does not reach the words after them; words whose
# speaker is an outlet ('," reported Reuters.', "The New York Times reports:" before a passage) come from the article's
# credit to it, whatever that credit reads as (one for its poll, a story credit past the lead); an appearance before
# supporters and a celebration with them ("Appearing before cheering supporters", "celebrated in Florida with
# supporters, declaring") are public occasions; an origin's reason counts its carrying articles with the noun and verb
# agreeing ("1 of 1 carrying article traces back to it", where it said "1 of 1 carrying articles trace back to it").
# 12: a tweet or a post with up to three words before it ("in an early morning tweet") and a time into an occasion
# ("said 30 minutes into the debate") are public occasions, as are an announcement or an advertisement broadcast
# ("in the campaign's public service announcement", "in a new television ad"); "in a post-debate interview" names no post.
# 13: a later article traced to an earlier one by time alone (`earlier`) whose printing names a public occasion ("proclaimed
# at a press conference", the outlet's own article weeks after its first printed the words with none) makes the origin a
# public statement, as a later root naming one does; words written or said to an account's followers on a platform
# ("wrote to his 20,000 Twitter followers", "told their Facebook followers") are said at a public occasion; words cut
# from a canonical wording, printed alone by two papers ("New York values"), are no shared alteration (`mutation`).
# 14: a scene sentence opening with "He" or "She" sets the occasion when the sentences before it are about the speaker
# ("Kasich is campaigning ... He tells the crowd:"); statements in the plural ("condemned it in statements") are an
# occasion; a listener an apposition calls a gathering ("told the Shangri-La Dialogue, a regional security forum") is public.
LINEAGE_VERSION = 14
BEFORE_CHARS = 300  # text before a printing read for its own sentence and the one before
SCENE_CHARS = 1500  # ... and for the paragraphs above it, where an occasion may be set (`scene_occasion`)
SCENE_PARAGRAPHS = 2  # ... of which this many above its own
PUBLIC_WINDOW = timedelta(hours=12)  # outlets hearing a quote first-hand this close: a public statement
STORY_WINDOW = timedelta(days=2)  # a credited outlet's article this close may be its telling of the story
STORY_EVIDENCE = ("link", "reuse", "quote")  # what shows an article tells the story, strongest first
BATCH_CLUSTERS = 2000  # clusters traced per round of queries
PARALLEL_MIN_CLUSTERS = 20_000  # a trace of this many clusters computes its batches on worker processes
MAX_CHAIN = 10_000  # hops walked when checking for a cycle
WORD_RE = re.compile(r"[^\W_]+")
MIN_OUTSIDE_SHARE = 0.3  # reuse counts when 30 % of the reuser's wording outside quotations is the source's
MIN_OUTSIDE_WORDS = 12  # ... and it has that many content words outside quotations to judge by
OUTSIDE_RUN = 3  # wording compared as runs of this many words (names and topic words alone share few)
UNKNOWN_SORT = ("9999-99-99", "")
HEARER_KINDS = ("told", "interview")  # credits to an outlet someone spoke to or on
TOKEN_RE = re.compile(r"\S+")
# Words that may open the subject of a sentence after an interview's phrase ("During the interview, the former governor")
SUBJECT_LEAD_WORDS = frozenset("the a an his her their its former then".split())
# credits for the outlet's own reporting: one of these in the lead is the story's credit even when its
# sentence holds a quotation ("According to the Ledger, ... urged her to call him "a man of peace"")
REPORTING_KINDS = ("according_to", "reported", "reported_by", "per", "via", "obtained")
# cues of other kinds that give the outlet someone's words: "the Ledger quoted", "an op-ed in", "broadcast by"
WORDS_CUE_RE = re.compile(r"interview|quot|op-?ed|column|essay|letter|\bwr[io]t|broadcast|aired|appear", re.IGNORECASE)
# a link gives the outlet someone's words when its anchor is the speaking ("said in March") or its
# sentence names who heard them ("told the Ledger", "spoke to"); a link on a fact the speaker states
# or explains ("Prakash said the government could offer <subsidies>") cites that fact
LINK_SPEECH_RE = re.compile(r"\b(?:said|says|saying|told|telling|spoke|speaking|tweeted|wrote|writes|posted)\b", re.IGNORECASE)
HEARD_RE = re.compile(r"\b(?:told|telling|said to|spoke (?:to|with)|speaking (?:to|with)|talk(?:ed|ing) (?:to|with))\b", re.IGNORECASE)
# ... and when it stands on the speaker's own words: "Heyward said that he is <more focused on ...>"
SAID_CLAUSE_RE = re.compile(
    r"\b(?:said|says|told\s+[\w'’-]+(?:\s+[\w'’-]+)?|added|adds|explained|insisted|argued|stressed|noted|"
    r"admitted|acknowledged|claimed|maintained|vowed|promised|pledged|warned|conceded)\s+(?:that\s+)?"
    r"(?:he|she|I|we)(?:\s+[\w'’-]+){0,3}\s+$",
    re.IGNORECASE,
)
# a link in the lead credits the story's reporting when its anchor names the outlet or it reads as reporting
# ("CNBC reported", "according to", "an interview"); a link on a fact ("So-called <neo-banks> ...") is background
REPORTING_RE = re.compile(
    r"\b(?:report(?:ed|s|ing|ers?)?|according\s+to|reveal(?:ed|s)?|broke|exclusive(?:ly)?|obtained|learned|"
    r"confirmed|stor(?:y|ies)|article|investigation|cit(?:ed|ing))\b",
    re.IGNORECASE,
)
COMPACT_RE = re.compile(r"[^\w]+|^the\b", re.IGNORECASE)
# Where a printing plainly comes from other than a story credit: the sentence before the quotation
# quotes a document ("the only Amendment the Founding Fathers wrote", "a sign that read") ...
DOCUMENT_RE = re.compile(
    r"(?:\b(?:Amendment|Constitution)\b[^,;.!?\"“”]{0,60}|"
    r"(?:\b(?i:the|a|an|this|that|its|their|his|her|our)\s+(?i:statute|law|bill|act)|"
    r"\b(?i:signs?|banners?|placards?|plaques?|posters?|t-shirts?|inscriptions?))\s+"
    r"(?:(?!(?:he|she|they|we|you|it|who)\b)[a-z][\w-]*\s+){0,3}?"
    r"(?i:(?:that|which)\s+)?(?i:read|reads|reading|says|said|saying|states|stated|stating|declares|declared)\b"
    r"[^,;.!?\"“”]{0,20})[\s:,]*[\"“‘']?$"
)
# ... or says who heard it: "Coulter told conservative radio host Hugh Hewitt on Wednesday that"; not what was
# told ("tells the story of", "told the truth"), nor one who told ("was told by an aide", "told about his father"),
# nor "telling" the adjective ("the most telling promise"); after "to" or "with" one or more people, a name or
# a pronoun, not a verb ("spoke to accept", "was said to be") nor a manner ("spoke with pride")
TOLD_THING = (
    r"(?:(?:the|a|an|his|her|their|its|this|that|one|same)\s+)?(?:[\w'’-]+\s+){0,2}"
    r"(?:story|stories|tale|tales|truth|joke|jokes|lie|lies|anecdote|anecdotes|parable)\b"
)
TO_HEARER = (
    r"[A-Z0-9]|(?:the|a|an|his|her|their|its|our|my|your|this|that|these|those|him|them|me|us|you|one|some|several|"
    r"many|dozens|hundreds|thousands|millions|two|three|four|five|six|seven|eight|nine|ten|other|others|fellow|each|"
    r"every|both|all|someone|somebody|anyone|anybody|everyone|everybody|police|staff|press|media|security)\b|"
    r"(?:[a-z][\w-]*\s+)?[a-z][\w'’-]*[^\Wsiu]s\b"  # people: "reporters", "swing voters"
)
# ... but the one it was told to is ("told the story to reporters"); nor oneself ("telling myself"), nor an audience's reaction ("said to cheers"), nor one told in the passive, who
# is the subject ("When told Perez was in the Cabinet, Bush said"; "was told the port was")
REFLEXIVE = r"(?:myself|yourself|himself|herself|itself|oneself|ourselves|yourselves|themselves)\b"
REACTION = r"(?:cheers|cheering|applause|laughter|laughs|boos|booing|jeers|ovations?|whoops|chants|groans)\b"
PASSIVE_TOLD = "".join(
    rf"(?<!\b{word}\s)" for said in (
        "was", "were", "is", "are", "be", "been", "being", "get", "gets", "got", "when", "once", "if", "unless", "until",
    ) for word in (said, said.capitalize())
)
LISTENER_RE = re.compile(
    rf"\b(?:(?:{PASSIVE_TOLD}told|(?<!\bmost\s)(?<!\bmore\s)(?<!\bvery\s)telling|tells)\s+"
    rf"(?:{TOLD_THING}\s+to\s+(?!{REFLEXIVE})(?={TO_HEARER})|(?!(?:by|about|of)\b|{TOLD_THING}|{REFLEXIVE}))|"
    rf"(?:said\s+to|spoke\s+(?:to|with)|speaking\s+(?:to|with))\s+"
    rf"(?!{REFLEXIVE}|(?i:(?:[\w-]+\s+){{0,2}}?{REACTION}))(?={TO_HEARER}))"
    # ... a number's comma in it ("told 2,267 people gathered"), up to a quotation's mark ('"'; "''" opening the next
    # sentence's quotation, not a title's in the Times' style: "told the radio show ''Harbour Talk''")
    r"(?P<hearer>(?:(?!(?<=[.!?]\s)'')[^,;:\"“”]|(?<=\d),(?=\d{3}\b)){3,80})"
)
# ... or names a public occasion, where anyone may have heard it: a debate, a rally, a speech, a
# press conference, a hearing, an appearance at or before a gathering (not "on" a programme: an outlet's), a statement
# or a letter issued or released, the announcement of a candidacy,
# a post on a named platform ("on X", "took to Twitter", "posted to YouTube",
# "on his blog"), a tweet ("in a tweet", "in an early morning tweet", not "in a post-debate interview"; "With a tweet
# featuring ..., Abbott told the President"), a time into an occasion ("said 30 minutes into the debate"), tweets that hold the words ("tweets in
# which he called", "tweets early Friday saying"); not a statement given to someone ("a statement provided by his firm" may be to the
# outlet), nor "In writing her speech", nor tweets the words judge ("tweets accusing her of ... are")
# a session or a meeting is an occasion only when it is open to the press or the public ("a press session", "a town-hall
# meeting"); a meeting alone may be private
OPEN_MEETING = r"(?:press|news|media|public|open|town[\s-]hall|community|plenary|question-and-answer|Q&A)\s+(?:sessions?|meetings?)"
HELD_VERBS = r"held|holds|holding|hosted|hosts|hosting|staged|stages|staging"  # an occasion held ("staged a rally")
PLATFORMS = r"Twitter|X|Truth\s+Social|(?i:social\s+media)|Facebook|Instagram|TikTok|YouTube|Substack|Threads|Bluesky|LinkedIn|Reddit"
# an account's followers on one, read as its audience ("wrote to his 20,000 Twitter followers", "told her Facebook followers")
PLATFORM_FOLLOWERS = rf"(?:[\d,.]+\s+(?:(?i:million|thousand)\s+)?)?(?:{PLATFORMS})\s+(?i:followers)\b"
OCCASION_RE = re.compile(
    r"\b(?i:(?:at|during|in|on|after|from|(?:\d+\s+)?(?:minutes|hours|moments|seconds)\s+into|"
    r"(?<!\bwho\s)(?<!\bwhich\s)(?<!\bthat\s)(?<!\bhas\s)(?<!\bhave\s)(?<!\bhad\s)"
    rf"(?:{HELD_VERBS}))\s+"
    r"(?:(?!(?:at|during|in|on|after|from)\s)(?![a-z]+(?<!even|morn)ing\s)"
    r"[\w'’.-]+\s+){0,4}?(?:debates?|rally|rallies|speech(?:es)?|"
    rf"(?:press|news)\s+conferences?|(?:press\s+)?briefings?|hearings?|{OPEN_MEETING}|town[\s-]halls?|summit|convention|"
    r"campaign\s+(?:stop|event)|fundraiser|forum|ceremony|commencement|rope[\s-]?lines?|appearances?(?=\s+(?:at|before)\b))|"
    # ... a rope line worked, a question a voter put at an event ("in response to a voter's question", "when an Iowa voter
    # asked"), an email sent to all of a campaign's supporters ("in a fundraising email", "emailed supporters")
    r"work(?:s|ed|ing)?\s+(?:a|the)\s+rope[\s-]?lines?|"
    # ... an appearance before supporters or a celebration with them ("Appearing before cheering supporters Monday",
    # "celebrated in Florida with supporters, declaring"), not before a committee, which a hearing is or not
    r"(?:appear(?:s|ed|ing)?|celebrat(?:es|ed|ing))\s+(?:[\w.'’-]+\s+){0,4}?(?:before|with)\s+"
    r"(?:(?:his|her|their|cheering|jubilant|thousands\s+of|hundreds\s+of)\s+)*(?:supporters|crowds?|audiences?)\b|"
    r"in\s+(?:response|answer)\s+to\s+(?:a|an)\s+(?:[\w-]+\s+)?voter(?:'s|’s)\s+question|"
    r"(?:a|an)\s+(?:[\w-]+\s+){0,2}?voter\s+asked|asked\s+by\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?voter|"
    r"(?:fundraising|fund-raising)\s+(?:e-?mails?|appeals?|letters?)|"
    r"e-?mail(?:s|ed)?\s+(?:to\s+)?(?:(?:his|her|their|its)\s+)?(?:supporters|donors|backers|followers|subscribers|volunteers)|"
    # a published text: a study, a case report, a book, a press release ("wrote in the case study")
    # (in lower case: "the Economic Studies Program", "the school of information studies" are no such text)
    r"in\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,4}?(?-i:case\s+(?:reports?|stud(?:y|ies))|study|"
    r"book|memoir|(?:press|news)\s+releases?)\b|"
    # ... or an announcement or an advertisement broadcast ("said in the campaign's public service announcement", "in a
    # new television ad")
    r"in\s+(?:a|an|the|his|her|their|its)\s+(?:[\w'’-]+\s+){0,3}?(?:public[\s-]service\s+announcements?|"
    r"(?:campaign|television|TV|radio|online|digital|web)\s+(?:ads?|advertisements?|commercials?))\b|"
    r"in\s+(?:a|an|the|his|her|their|its|that|this)\s+(?:[\w-]+\s+){0,2}?statement\b(?!\s+(?:to|provided|sent|emailed|given)\b)|"
    # ... statements in the plural, one each or several ("both condemned the program in statements", "in separate
    # statements", "in their statements"), not ones made or given to someone ("in statements made to investigators")
    r"in\s+(?:(?:separate|joint|written|similar|their|his|her|its)\s+){0,2}statements\b"
    r"(?!\s+(?:to|provided|sent|emailed|given|made)\b)|"
    r"(?:issued|released|published|put\s+out)\s+(?:a|an|another)\s+(?:[\w-]+\s+)?(?:statement|letter)|"
    # ... or released after it is named ("In a letter to Senate colleagues released Monday, Sanders rips")
    r"(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+)?(?:statement|letter)\s+(?:(?:to|from)\s+(?:[\w.'’-]+\s+){1,4}?)?"
    r"(?:released|issued|published|made\s+public)\b|"
    # the announcement of a candidacy, a speech, as the words' time ("When Trump announced his candidacy in June 2015,
    # he"), not as a past event beside other words ("Kowal, who announced her candidacy last month, told")
    r"(?:when|as|while)\s+(?:[\w.'’-]+\s+){1,3}?(?:announced|launched)\s+(?:his|her|their)\s+(?:[\w-]+\s+)?"
    r"(?:candidacy|campaign|bid|running\s+mate)|in\s+announcing\s+(?:his|her|their)\s+(?:[\w-]+\s+)?(?:candidacy|campaign|bid|running\s+mate)|"
    r"in\s+(?:a|an|the|his|her|their|its)\s+(?:[\w-]+\s+){0,3}?(?-i:tweet|post)\b(?![/-])|with\s+(?:a|an|his|her|their|its)\s+tweet|tweeted|"
    r"tweets(?=\s+(?:[\w-]+\s+){0,2}?(?:that|saying|in\s+which)\b|\s*:|,?\s*$))\b|"
    r"\b(?:(?i:on|via)|(?i:took|takes|take|taking|turned|turns|turning)\s+to|posted\s+to)\s+(?:(?i:his|her|their|its)\s+)?"
    rf"(?:{PLATFORMS})\b|"
    r"\b(?i:on\s+(?:his|her|their)\s+(?:[\w-]+\s+)??blog|blogged)\b|"
    rf"\b(?i:wrote|writes|writing|posted|posts|said|says|saying)\s+to\s+(?i:his|her|their|its)\s+{PLATFORM_FOLLOWERS}"
)
# ... or, where it names no other, an audience's reaction ("said to cheers", "drawing applause", "to a roar of laughter")
REACTION_RE = re.compile(rf"\b(?i:(?:to|amid|drawing|drew|prompting|earning|winning)\s+(?:[\w-]+\s+){{0,3}}?{REACTION})")
# ... or an earlier time, only beside a speech verb of the quotation's own clause ("said last week",
# "Earlier this week Amsel said"): "departing last month", "a lawsuit filed in 2012" say nothing of when words were said
TIME_RE = re.compile(
    r"\b(?i:earlier\s+(?:this|that|in\s+the)\s+(?:week|month|year)|last\s+(?:week|month|year)|"
    r"(?:days|weeks|months|years)\s+(?:ago|earlier))\b|"
    r"\bin\s+(?:the\s+(?i:spring|summer|autumn|fall|winter)\s+of\s+)?(?:19|20)\d\d\b"
)
SPEECH_VERB = (
    r"(?:said|says|say|saying|told|tells|telling|wrote|writes|writing|recalled|recalls|recalling|tweeted|posted|"
    r"declared|stated|stating|added|argued|insisted|warned|remarked|asked|answered|replied|claimed|explained|noted|"
    r"joked|quipped|announced|vowed|promised|predicted|suggested|urged|conceded|admitted|acknowledged|complained|"
    r"boasted|bragged|called|calling|described|describing|yelled|shouted|proclaimed|pledged|testified|"
    r"describe|write|tell|declare|warn|claim|announce|argue|urge|explain)"
)
# the time beside the verb, with no comma between: after it, past a place or an occasion at most ("said
# following a vote in 2001", "told reporters in Nashua last week", not "said a lawsuit filed in 2019"); before it, past two
# words but no "and" ("(D-Calif.) last week said", "in 2009 when he yelled", not "joined last year and said");
# or opening the sentence before its verb ("Last year, at a conference, she said")
TIME_VERB_RE = re.compile(
    rf"\b(?i:{SPEECH_VERB})\s+(?:[\w-]+\s+)??(?:(?i:in|at|on|during|following|after|before)\s+(?:[\w'’-]+\s+){{0,2}}?)?"
    rf"(?:[\w-]+\s+)??(?P<after>(?:{TIME_RE.pattern}))|"
    rf"(?P<before>(?:{TIME_RE.pattern}))\s+(?:(?!(?i:and|but|or|then)\s)[\w'’-]+\s+){{0,2}}?(?i:{SPEECH_VERB})\b|"
    rf"^\s*(?:(?i:and|but|so|even|just|only|it|was|less|more|than|about|nearly|almost|some|a|few|couple|of|several|"
    rf"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|\d+)\s+){{0,4}}?(?P<opening>(?:{TIME_RE.pattern}))"
    rf"(?:[\s,]+[^\s,()\[\]\"“”]+){{0,24}}?[\s,]+(?i:{SPEECH_VERB})\b"
)
# A story credit for words told to or said on an outlet is its teller's: a cue the teller stands before ("A Trump
# campaign source told NBC", "Goodlatte spoke to MSNBC", "Lewandowski said on CNN"), and the parts of the clause
# before it naming whom (`told_by`)
TELLER_CUE_RE = re.compile(
    r"(?:told|tells|(?:said|says|spoke|[a-z]+ed|[a-z]+s)(?:\s+[\w-]+){0,3}?\s+(?:to|on|with))", re.IGNORECASE
)  # ... with a time between ("said Sunday on", "insists on", "argued by telephone to")
TELLER_PART_RE = re.compile(r",|\s(?:and|or|&)\s")
TITLE_COLON_RE = re.compile(r":(?=\s+[A-Z])")  # "author of Unlikeable: The Problem With Hillary", a subtitle
PRONOUNS = frozenset("he she they i we it you".split())
# Where the head of a teller's description ends: "a spokeswoman for Smith", "Kowal, author of Cranes", "sources who",
# "a journalist visiting Nice"; a description opens with a determiner or an owner ("The Democrat", "his aide")
HEAD_END_WORDS = frozenset(
    "for of to at with from in on by about under including like near since who whom whose which that".split()
)
PARTICIPLE_RE = re.compile(r"[a-z]{2,}ing")
RELATIVE_WORDS = frozenset("who whom whose which that".split())
DESCRIPTION_OPENERS = frozenset("the a an his her their its one another".split())
# ... and the words opening a clause: the teller is the subject after the last that names anyone ("that the guard had
# told", "who was arrested after one of his victims appeared on"), else before it ("three sources who spoke to")
SUBORDINATE_RE = re.compile(
    r"\b(?:according\s+to|that|who|whom|which|whether|because|when|after|before|while|since|if|although|though|as)\b",
    re.IGNORECASE,
)
# A weekday beside the verb of a quotation's own clause ("Trump said Monday", "on Tuesday said") and beside a
# story credit's cue ("The Times on Saturday wrote", "CNN reported Friday"): words said after the day of the
# report the credit names are not in it
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY = "|".join(WEEKDAYS)
SAID_DAY_RE = re.compile(
    rf"\b(?i:{SPEECH_VERB})\s+(?:on\s+)?(?P<after>{WEEKDAY})\b|\b(?P<before>{WEEKDAY})\s+(?:[\w-]+\s+)?(?i:{SPEECH_VERB})\b"
)
CUE_DAY_RE = re.compile(rf"\b(?P<day>{WEEKDAY})\b")
AFTER_CUE_DAY_RE = re.compile(rf"\s+(?:on\s+)?(?P<day>{WEEKDAY})\b")
COPYRIGHT_MARK_RE = re.compile(r"©|\([cC]\)|\b(?i:copyright)\b")  # a copyright line's mark, in a copy credit's cue
PUBLIC_OCCASION_REASON = "words said at a public occasion "  # said_elsewhere's reason, then what it names
PUBLIC_OCCASION_REASON_RE = re.compile(rf'{PUBLIC_OCCASION_REASON}\("(.*)"\)', re.DOTALL)
# ... and its reason when a time is the only sign: words said before the story, at an occasion it does not name,
# which may have been private ("Sharpton said years ago"), so the reason claims no public occasion
EARLIER_TIME_REASON = "words said at an earlier time "
# ... but not in the outlet's own interview or words told to it: "in an interview with the Ledger"
INTERVIEW_RE = re.compile(r"\binterview", re.IGNORECASE)
# hearers at a public occasion, not an outlet's: "told reporters at a briefing", "told supporters at a rally"
PUBLIC_HEARER_RE = re.compile(
    r"^(?:reporters|journalists|the\s+press|the\s+media|members\s+of\s+the\s+press|supporters|the\s+crowd|"
    r"(?:a|the)\s+(?:crowd|audience|rally|gathering|forum)|an\s+audience|(?:the\s+)?(?:lawmakers|senators)|"
    r"the\s+(?:committee|panel|court))\b",
    re.IGNORECASE,
)
# ... lawmakers hear words in public where they sit ("told the senators in the council chamber", "told lawmakers at a
# hearing", or where no place is named), not at another place or occasion, a private talk ("told lawmakers on a recent
# visit to the Capitol", "told senators at a lunch")
LAWMAKERS_RE = re.compile(r"^(?:the\s+)?(?:lawmakers|senators)\b", re.IGNORECASE)
HEARER_PLACE_RE = re.compile(  # a place or an occasion after the hearer, not a time ("on Tuesday", "in March", "in 2015")
    r"\s*(?i:at|in|on|during|over|while)\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
    r"March|April|May|June|July|August|September|October|November|December)\b|\d|(?i:this|last|that|the\s+same)\s)"
)
SITTING_RE = re.compile(r"\b(?:chambers?|floor|hearings?|sessions?|committees?|testimony|sittings?)\b", re.IGNORECASE)
# ... people who gathered to hear them ("the mayors who gathered in Indianapolis", "the delegates assembled"), where
# the press may be; but a group told in a closed meeting is private ("told lawmakers privately", "his colleagues at
# a closed-door lunch"), read up to what was told them
GATHERED_RE = re.compile(
    r"\b(?:gathered|assembled)$|^\s+(?:(?:who|that)\s+(?:had\s+)?(?:gathered|assembled|attended|packed|filled|"
    r"crowded|turned\s+out)|in\s+attendance)\b",
    re.IGNORECASE,
)
CLOSED_RE = re.compile(
    r"\b(?:privately|in\s+private|behind\s+closed\s+doors|closed[-\s]door|(?:private|closed|secret)\s+"
    r"(?:meeting|session|hearing|briefing|call|lunch|luncheon|dinner|conference))\b",
    re.IGNORECASE,
)
# ... but words said after or outside one are not said in it ("told reporters after a closed-door briefing")
OUTSIDE_CLOSED_RE = re.compile(
    r"\b(?:after|following|before|outside|leaving|emerging\s+from)\s+(?:(?:a|an|the|his|her|their|its)\s+)?$",
    re.IGNORECASE,
)
TOLD_CLAUSE_RE = re.compile(r"\s(?:that|if|whether|how|what|why)\b", re.IGNORECASE)
# ... and who else hears words in public or puts them out, so that an outlet crediting the story for its
# reporting did not have them from a private hearing: an audience ("his supporters", "the debate audience",
# "the US Conference of Mayors"), a host or a medium ("radio host Hugh Hewitt", "French television channel BFM TV")
AUDIENCE_RE = re.compile(
    r"\b(?:supporters|crowds?|audiences?|throngs?|rall(?:y|ies)|gatherings?|conference|convention|assembly|"
    rf"congregation|graduates|delegates|voters|the\s+nation|parliament|congress|town[\s-]halls?|{OPEN_MEETING})\b|"
    rf"\b{PLATFORM_FOLLOWERS}",
    re.IGNORECASE,
)
# ... or a listener an apposition says is a gathering ("told the Shangri-La Dialogue, a regional security forum in
# Singapore"), not a closed one ("a private conference of donors")
GATHERING_APPOSITIVE_RE = re.compile(
    r",\s+(?:a|an|the)\s+(?:(?!(?:for|of|at|with|from|in|on|to|by|and)\s)[\w'’&-]+\s+){0,4}?"
    r"(?:forum|conference|summit|convention|gathering|assembly|symposium|congress|rally|festival|dialogue)s?\b"
    r"(?=\s*(?:[,;.)—–]|$)|\s+(?:in|of|on|at|for|held|hosted|organi[sz]ed|that|which|where|attended)\b)",
    re.IGNORECASE,
)
MEDIUM_RE = re.compile(
    r"\b(?:radio|television|TV|channel|network|newspaper|paper|magazine|podcast|show|programme|program|station|"
    r"broadcast\w*|website|blog|outlet|newsletter|publication|tabloid|editorial\s+board|press|media)\b",
    re.IGNORECASE,
)
# the hearer's own words end before what was told them, or where and when: "Ushakov that Trump granted him ...",
# "the President that if ...", "his aide at a rally"
HEARER_END_RE = re.compile(
    r"\s(?:that|who|whom|which|about|if|whether|how|what|why|when|to|as|and|but|at|in|on|during|after|before|over)\b",
    re.IGNORECASE,
)
# what follows "her" the object pronoun ("told her that", "told her it was", "told her privately"), not
# "her" the possessive before the one told ("told her aide")
OBJECT_HER_NEXT = (
    r"(?:that|the|a|an|to|it|he|she|they|we|you|this|these|those|there|what|how|why|when|where|who|whom|which|if|"
    r"whether|about|in|on|at|during|after|before|over|by|for|from|with|as|so|not|and|but|or|once|twice|again|later|"
    r"early|last|yesterday|today|tonight|earlier|now|then|never|just|also|too|no|yes|one|everything|nothing|"
    r"something|all|of|[a-z]+ly)\b"
)
# ... and a name the tracker does not know, shown to be an outlet by a domain ("told Kestrel.com"), an interview or
# its own programme after it ("told Kestrel in an interview", "told Kestrel on its podcast"), or an apposition naming
# what it is ("told Kestrel, a news site in Eastport, that", credits.OUTLET_APPOSITIVE_RE); a person told something
# in private is none of these
HEARER_INTERVIEW_RE = re.compile(
    r"^\s*(?:(?:in|during)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:interview|appearance|broadcast)|"
    r"on\s+(?:its|their|the)\s+(?:[\w-]+\s+){0,2}?(?:podcast|show|program|programme|broadcast|website|site|newsletter))\b",
    re.IGNORECASE,
)
# hearers that may be the credited outlet's own people: "told reporters", "told the paper", "told them"
PRESS_HEARER_RE = re.compile(
    rf"^(?:(?:him|them|us|me|you)\b|her\b(?!\s+(?!{OBJECT_HER_NEXT})[a-z])|"
    r"reporters|journalists|the\s+press|the\s+media|members\s+of\s+the\s+press|(?:the|this|our|a)\s+"
    r"(?:paper|newspaper|outlet|network|station|magazine|site|website|program|show|reporter|correspondent)|"
    r"[A-Z]{2,}|The\s+[A-Z])",
)
# ... a listener who may be the outlet's own when the credit is for words said to or on it ("a guest on
# Fox News Channel's Hannity", then "Schoen told host Sean Hannity")
HOST_RE = re.compile(r"\b(?:host|co-host|anchor|interviewer|moderator|presenter|correspondent)s?\b", re.IGNORECASE)
QUOTE_TRIM = " :,\"“‘'"
# the marks of quotations a sentence before a quotation holds, and the quotation's own opening mark at its end
QUOTATION_MARK_RE = re.compile(r"''|[\"“”]")
OPENING_AT_END_RE = re.compile(r"(?:''|[\"“]|(?<=\s)”)\s*$")  # a closing mark after a space opens, mis-typed ('were ”')
# ... and a mark after a space (or the sentence's start) before a word opens a quotation ('tweeted, "Reporting', 'were ”dwindling.”')
OPENS_RE = re.compile(r"(?:(?<=^)|(?<=[\s(\[]))(?:''|[\"“”])(?=[\w‘'])")
# the attribution after a quotation: its closing mark (with the quotation's last character), then the words up
# to the end of its sentence or the next opening mark ('," Kowal said at a rally in Eastport.'); a title or an
# initial ends none ('," said Sen. Ines Kowal at a news conference.')
CLOSING_RE = re.compile(r"(.)(?:[\"”]|''|’|'(?!\w))")
CLAUSE_END_RE = re.compile(rf"(?=[.!?]){NOT_AFTER_ABBREVIATION}[.!?][\"”’')\]]*(?:\s|$)|\n|[\"“]|''")
# ... and the cue's own words end at a comma: '," he said, wind up in a debate ...' goes on with the quotation's
CUE_CLAUSE_END_RE = re.compile(r"(?<!\d),|,(?!\d{3}\b)|[;(]|\s[—–-]\s")  # not a number's comma ("told 2,267 people")
# ... past the description of a speaker the verb stands before, up to this many parts between commas, none a clause
# of its own ("who spoke at a rally", "adding that"), to a part saying where ('," wrote Kowal of Eastport, Vale, in a study')
APPOSITIVE_PARTS = 3
APPOSITIVE_STOP_RE = re.compile(r"\b(?:who|whom|whose|which|that|where|when|while|and|but|adding|according)\b", re.IGNORECASE)
SETTING_PART_RE = re.compile(r"\s*(?:at|in|during|on|before)\s", re.IGNORECASE)
# ... but an audience's reaction after that comma is the cue's: '," she said, drawing cheers.', '," he told Amsel, to cheers'
REACTION_AFTER_CUE_RE = re.compile(rf",\s*{REACTION_RE.pattern}")
# ... and the quotation's own, for a time: it opens a sentence of its own after a full stop ('his brother added. "')
OWN_SENTENCE_END_RE = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9]|[\"“‘'(\[]*$)|\n")
# ... and the sentences above it, where a title ends none ("his physician Dr. Harold Bornstein")
SCENE_SENTENCE_END_RE = re.compile(
    rf"(?=[.!?]){NOT_AFTER_ABBREVIATION}[.!?][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9]|[\"“‘'(\[]*$)"
)
LEAD_PARAGRAPHS = 2  # a story credit in the story's first two paragraphs (or the last) covers the whole story
# a line of the story's prose ends a sentence; a title, a subhead, a dateline or a page's "Cover Image" does not
PROSE_END_RE = re.compile(r"[.!?:…][\"”’')\]]*\s*$")
# The settings that end the words a mid-story interview credit speaks for (`interview_setting`): a public occasion
# (OCCASION_RE), a court ("In U.S. District Court", "testified"), another outlet's credit; an interview named again
# ("during the interview", "in the same interview") goes on with it
COURT_RE = re.compile(
    r"\b(?i:in\s+(?:[\w.'’-]+\s+){0,4}?court(?:room)?|courtroom|testif(?:y|ied|ies)|testimony|"
    r"(?:at|during)\s+(?:(?:his|her|their|the|a)\s+)?trial)\b"
)
# ... and a court's setting in the occasion a wire's copy names ("told the court", "told jurors at his trial"): a news
# agency's court report stays the agency's, its reporter the one there (`ClusterTracer.outlet_copy_in_public`)
COURT_OCCASION_RE = re.compile(
    rf"{COURT_RE.pattern}|\b(?i:court|jur(?:y|ors)|magistrates?|judges?|tribunal|inquest|sentencing)\b"
)
# ... and a credit looking back to words the story printed before it: "Trump's comments came during a Fox interview"
BACK_REFERENCE_RE = re.compile(
    r"\b(?i:(?:comments?|remarks?|words|statements?|answers?)\s+(?:came|were\s+made|was\s+made)|"
    r"made\s+(?:the|those|these|his|her|their)\s+(?:comments|remarks))\b"
)
# ... an interview with someone the credited outlet's name does not name is another ("an in-prison interview with
# journalist Matei Rosca"), as is a call with the press ("in a conference call with Iowa reporters")
INTERVIEW_WITH_RE = re.compile(
    r"\s*(?:[\w-]+\s+){0,3}?with\s+(?P<who>(?:[A-Z]|(?:journalist|reporter|host|columnist|writer)s?\b)[^,.;:\"“”]{1,60})"
)
CALL_RE = re.compile(r"\b(?i:(?:conference|press|media)\s+call|call\s+with\s+reporters)\b")
# ... and so are several interviews ("during multiple interviews on Thursday", "In interviews, Kowal has said"),
# of which the credited one may be any: not the outlet's own ones ("in interviews with the Gazette")
INTERVIEWS_RE = re.compile(r"(?i:interviews)\b(?:\s+with\s+(?P<who>[^,.;:\"“”]{1,60}))?")
WORD_BEFORE_RE = re.compile(r"(?:[\w-]+\s+)?$")
OTHER_CREDIT_SPAN = 80  # an interview named this close after another outlet's credit is that outlet's
LAST_PARAGRAPH_SQL = "instr(rtrim(substr(a.text, c.start + 1), char(9) || char(10) || ' '), char(10)) = 0"

CONFIDENCE = {
    "copy": 0.95,
    "quote": 0.9,
    "story": 0.8,
    "link": 0.85,
    "link_outlet": 0.75,
    "mutation": 0.75,
    "earlier_own": 0.6,
    "earlier": 0.45,
    "origin": 0.9,
    "origin_public": 0.8,
    "origin_tied": 0.5,
    "external_penalty": 0.1,
}


@dataclass(frozen=True)
class When:
    """A publication time as known: a UTC moment, or only a date, or nothing."""

    date: str | None
    moment: datetime | None = None
    seen: bool = False  # when we first saw it: its publication time is not known

    @cached_property
    def sort_key(self) -> tuple[str, str]:
        """Orders times; a date sorts after the date-times of its day (as in `reuse.time_order`):
        an article whose hour is not known is never put first among that day's printings."""
        if self.date is None:
            return UNKNOWN_SORT
        return (self.date, self.moment.isoformat() if self.moment else "~")

    def label(self) -> str:
        """The time as it can honestly be written."""
        if self.moment:
            text = self.moment.strftime("%Y-%m-%d %H:%M UTC")
        else:
            text = f"{self.date} (date only)" if self.date else "unknown time"
        return f"{text}, first seen" if self.seen and self.date else text

    def bounds(self) -> tuple[datetime, datetime] | None:
        """The interval the time stands for: an instant, or the whole UTC day of a date."""
        if self.moment:
            return self.moment, self.moment
        if self.date:
            start = datetime.fromisoformat(self.date).replace(tzinfo=timezone.utc)
            return start, start + timedelta(days=1)
        return None


def parse_time(value: str | None, precision: str | None = None) -> When:
    """A `When` from an ISO 8601 time key; dates stay dates, naive times are taken as UTC."""
    if not value:
        return When(None)
    value = value.strip()
    try:
        if precision == "date" or len(value) <= 10:
            return When(datetime.fromisoformat(value[:10]).date().isoformat())
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        LOGGER.warning("unreadable time key %r: treated as unknown", value)
        return When(None)
    moment = moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)
    return When(moment.date().isoformat(), moment)


def is_before(a: When, b: When) -> bool:
    """True when `a` is strictly earlier than `b`; a date against a time of the same day is a tie."""
    if a.date is None or b.date is None:
        return False
    if a.moment and b.moment:
        return a.moment < b.moment
    return a.date < b.date


def window_words(whens: Iterable[When], window: timedelta, *, after: str = "") -> str:
    """How close in time printings are, as honestly as their times allow: "within 12 h" (and `after`, "of the
    first") when each has its hour; for printings dated by day, the days, which the window may span ("on
    2015-12-10 and 2015-12-11 (dates only, which 12 h may span)")."""
    hours = f"{window.total_seconds() / 3600:g} h"
    known = list(whens)
    if all(when.moment for when in known):
        return f"within {hours}{after}"
    days = sorted({when.date for when in known if when.date})
    dated = "dates only" if not any(when.moment for when in known) else "some dated by day only"
    if len(days) == 1:
        return f"on {days[0]} ({dated})"
    return f"on {' and '.join(days)} ({dated}, which {hours} may span)"


def within(a: When, b: When, window: timedelta) -> bool:
    """True when the two times can be at most `window` apart."""
    first, second = a.bounds(), b.bounds()
    if first is None or second is None:
        return False
    gap = max(second[0] - first[1], first[0] - second[1], timedelta(0))
    return gap <= window


@dataclass
class Carrier:
    """An article carrying the cluster, with what lineage needs to know about it."""

    article_id: int
    outlet_id: int | None
    when: When
    occurrences: list[tuple[int, int, str | None, int | None]]  # (id, start, normalized, canonical)
    url: str = ""  # the article's URL (articles.url): orders carriers of the same time, as clustering does
    position: int = 0  # index in the cluster's time order
    label: str | None = None  # the carrier in words, once described
    # occurrence id -> (seen_at, withdrawn_at): when a later version added it, when one dropped it
    live: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)
    revised: bool = False  # its time is that of a later version, which first printed the quote
    told: str | None = None  # the cue of a printing said to its own outlet ("told the Eta Herald")
    surnames: set[str] = field(default_factory=set)  # last words of the speakers' names, case-folded
    # per printing: the words before it and its speaker, read by `elsewhere` when a story credit asks
    befores: list[tuple[str, str | None]] = field(default_factory=list)
    # ... and the words after it, with its cue, and between its first two parts when it is printed in parts
    afters: list[tuple[str, str | None, str]] = field(default_factory=list)
    # ... and the text above it, up to SCENE_CHARS: the paragraphs that may set the occasion it was said at (`scene_occasion`)
    aboves: list[str] = field(default_factory=list)
    outlet_name: str = ""  # its outlet's name, for `said_elsewhere`
    credited: tuple[str, ...] = ()  # the names of the outlets its article credits, a hearer naming one is that outlet
    spans: list[tuple[int, int]] = field(default_factory=list)  # per printing: its start and end in the text

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """Per printing: the start and end of its own sentence in the text, as far as the words read around it reach."""
        found = []
        for (start, end), above, (after, _, _) in zip(self.spans, self.aboves, self.afters):
            opening = OWN_SENTENCE_END_RE.split(above)[-1]
            ending = OWN_SENTENCE_END_RE.search(after)
            found.append((start - len(opening), end - 1 + (ending.start() if ending else len(after))))
        return found

    @property
    def order(self) -> tuple[tuple[str, str], str]:
        """Its place in the cluster's order: time, then URL (never its id, which is import order)."""
        return self.when.sort_key, self.url

    @cached_property
    def elsewhere(self) -> tuple[str, str] | None:
        """Why every printing plainly comes from elsewhere (`said_elsewhere`), and the hearer named; None when one may not."""
        return self.had_from(reporting=False)

    @cached_property
    def reported_elsewhere(self) -> tuple[str, str] | None:
        """`elsewhere` for a credit to an outlet's reporting: words a private hearer heard may be its."""
        return self.had_from(reporting=True)

    @cached_property
    def said_in_public(self) -> str | None:
        """The public occasion its printings were said at (`said_elsewhere`: a rally, a post on Truth Social), in words.

        None when no printing names one, or when one names another setting: only an earlier time, words told
        to one listener, a document's. A printing naming none (a headline, "Smith said") says nothing against it,
        and may be placed at the occasion a sentence above it sets (`scene_occasion`).
        """
        first = None
        printings = zip_longest(self.befores, self.afters, fillvalue=("", None, ""))
        for index, ((before, speaker), (after, cue, inside)) in enumerate(printings):
            found = said_elsewhere(before, speaker, self.outlet_name, after, cue, False, self.credited, inside)
            if found is None:
                # ... or the occasion an earlier sentence sets for the quotations that follow it ("At the town hall,
                # Kowal ..." then '"...," she said.' a paragraph down)
                above = self.aboves[index] if index < len(self.aboves) else before
                occasion = scene_occasion(above, speaker, self.outlet_name, after, cue, inside, self.credited)
                first = first or occasion
                continue
            named = PUBLIC_OCCASION_REASON_RE.fullmatch(found[0])
            if named is None:  # an earlier time alone names no occasion (EARLIER_TIME_REASON)
                return None
            first = first or named.group(1)
        return first

    def had_from(self, reporting: bool) -> tuple[str, str] | None:
        """Why every printing plainly comes from elsewhere (`said_elsewhere`), and the hearer named; None when one may not.

        A text's words, no one named speaking them ('," the statement read.'), come from the statement, letter or
        post a sentence above names (`scene_occasion`: "The company denied it in a statement shared to its website.").
        """
        first = None
        printings = zip_longest(self.befores, self.afters, fillvalue=("", None, ""))
        for index, ((before, speaker), (after, cue, inside)) in enumerate(printings):
            found = said_elsewhere(before, speaker, self.outlet_name, after, cue, reporting, self.credited, inside)
            if found is None and not (speaker and speaker.split()):
                above = self.aboves[index] if index < len(self.aboves) else before
                occasion = scene_occasion(above, speaker, self.outlet_name, after, cue, inside, self.credited)
                found = (f'{PUBLIC_OCCASION_REASON}("{occasion}")', "") if occasion else None
            if found is None:
                return None
            first = first or found
        return first

    @cached_property
    def said_days(self) -> set[str]:
        """The weekdays its printings' own clauses say the words were said on ("Trump said Monday"); empty unless each names one."""
        days = set()
        for (before, _), (after, cue, inside) in zip_longest(self.befores, self.afters, fillvalue=("", None, "")):
            opens = not OWN_SENTENCE_END_RE.split(before)[-1].strip(QUOTE_TRIM + "‘’(")
            clauses = [time_sentence(before, cue)] + [attribution_after(text, cue, opens) for text in (inside, after) if text]
            found = next(filter(None, (search_outside_quotations(SAID_DAY_RE, clause) for clause in clauses)), None)
            if found is None:
                return set()
            days.add(found.group("after") or found.group("before"))
        return days

    @property
    def occurrence_ids(self) -> set[int]:
        """The ids of its printings of the cluster."""
        return {occurrence[0] for occurrence in self.occurrences}

    @property
    def withdrawn_at(self) -> str | None:
        """When the article stopped printing the quote, if every printing of it was withdrawn."""
        ends = [withdrawn for _, withdrawn in self.live.values()]
        return max(ends) if ends and all(ends) else None

    def covered_by(self, seen_at: str | None, withdrawn_at: str | None) -> bool:
        """True when a credit given from seen_at until withdrawn_at was in the last version printing the quote.

        The last version printing a quote speaks for it: a credit added later covers a quote
        still printed, a credit removed while the quote stays printed no longer does, and a
        quote edited away keeps the credits of the version that last printed it.
        """
        if not self.live:
            return True
        for _, end in self.live.values():
            if end is None:  # still printed: the current version's credits
                if withdrawn_at is None:
                    return True
            elif (seen_at is None or seen_at < end) and (withdrawn_at is None or withdrawn_at >= end):
                return True
        return False

    @property
    def primary(self) -> int:
        """The occurrence that stands for the article: the first printed."""
        return self.occurrences[0][0]

    def occurrence_for(self, normalized: str | None) -> int:
        """The article's occurrence with this wording, else its primary one."""
        for occ_id, _, wording, _ in self.occurrences:
            if wording == normalized:
                return occ_id
        return self.primary

    def altered_wordings(self) -> set[str]:
        """Its non-canonical wordings."""
        return {wording for _, _, wording, canonical in self.occurrences if not canonical and wording}


@dataclass
class Decision:
    """The chosen source of one article's occurrences of a cluster."""

    evidence: str
    confidence: float
    reason: str
    source: Carrier | None = None
    source_outlet_id: int | None = None
    source_wording: str | None = None
    strong: bool = False  # credit, link or reuse: the quote spread by acknowledged copying
    contradicted: bool = False  # an origin only because its credit or link closed a cycle
    credit_kind: str | None = None  # a credit's kind ("told", "according_to"), "copy" for a copy credit
    tier: str | None = None  # a credit's reading ("copy", "quote", "story"); "quote" for a link credit on the printing
    credit_start: int | None = None  # where a credit stands in the text
    relay: Decision | None = None  # a copy's own credit for the words to another outlet, whom the copy's outlet had them from


@dataclass(frozen=True)
class StoryArticle:
    """A credited outlet's article that tells the crediting article's story, and what shows it."""

    article_id: int
    outlet_id: int
    when: When
    url: str
    evidence: str  # one of STORY_EVIDENCE

    @property
    def rank(self) -> tuple:
        """Strongest evidence first, then the earliest, then by URL (never by id: import order)."""
        return STORY_EVIDENCE.index(self.evidence), self.when.sort_key, self.url

    def describe(self, context: Context) -> str:
        """'article 12 (CNN, 2016-03-02 (date only); this article links to it)'."""
        shown = {
            "link": "this article links to it",
            "reuse": "the two share text",
            "quote": "it prints another quote this article prints",
        }[self.evidence]
        return f"article {self.article_id} ({context.outlet_name(self.outlet_id)}, {self.when.label()}; {shown})"


@dataclass
class Context:
    """Rows shared by the clusters of one batch."""

    outlets: dict[int, tuple[str, str]]  # id -> (name, kind)
    crawled: set[int]
    credits: dict[int, list[tuple]] = field(default_factory=lambda: defaultdict(list))
    credit_occurrences: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    credit_times: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)  # id -> (seen, withdrawn)
    # story credits inside the text: id -> (paragraph, is the last paragraph, sentence)
    credit_places: dict[int, tuple[int, bool, str]] = field(default_factory=dict)
    # story credits for words told to the outlet: id -> (the teller as the text names them, the heads naming them)
    tellers: dict[int, tuple[str, set[str]]] = field(default_factory=dict)
    # story credits naming the day of the report they credit ("The Times on Saturday wrote"): id -> weekday
    credit_days: dict[int, str] = field(default_factory=dict)
    # reporting credits of scope quote standing in the lead or the last paragraph: the story's credits too
    lead_credits: set[int] = field(default_factory=set)
    # story credits for words said to an outlet standing past the lead: id -> (the article's text, the credit's start)
    interview_texts: dict[int, tuple[str, int]] = field(default_factory=dict)
    # ... and the settings each such credit's article names (`interview_events`), read once per credit
    interview_events: dict[int, list[tuple[int, str | None]]] = field(default_factory=dict)
    # article -> outlet -> surnames of the speakers whose words, the article says, were said to that outlet
    heard_by: dict[int, dict[int, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    links: dict[int, list[tuple]] = field(default_factory=lambda: defaultdict(list))
    reuse: dict[int, list[tuple]] = field(default_factory=lambda: defaultdict(list))
    reused_by: dict[int, list[tuple]] = field(default_factory=lambda: defaultdict(list))
    # (crediting article, credited outlet) -> that outlet's article of the story, when one is here
    stories: dict[tuple[int, int], StoryArticle] = field(default_factory=dict)

    def outlet_name(self, outlet_id: int | None) -> str:
        """The outlet's name for a reason."""
        if outlet_id is None:
            return "an unknown outlet"
        return self.outlets.get(outlet_id, (f"outlet {outlet_id}", "unknown"))[0]

    def outside(self, outlet_id: int | None) -> str:
        """A credited outlet standing as a source outside the database, in words."""
        if outlet_id in self.crawled:
            return f"{self.outlet_name(outlet_id)} (its article of this story not crawled)"
        return f"{self.outlet_name(outlet_id)} (not crawled)"

    def outlet_kind(self, outlet_id: int | None) -> str:
        """The outlet's kind."""
        return self.outlets.get(outlet_id, ("", "unknown"))[1] if outlet_id is not None else "unknown"



def heard_where(carrier: Carrier) -> str:
    """Where a public statement's printing says its words were said ("in a NASA statement"), for its reason; "" if nowhere."""
    if carrier.told:
        return f' (said to its own outlet: "{carrier.told}")'
    if carrier.said_in_public:
        return f' (said at a public occasion: "{carrier.said_in_public}")'
    return ""

def describe(carrier: Carrier, context: Context) -> str:
    """'article 12 (Valley Herald, 2026-03-02 09:15 UTC)'."""
    if carrier.label is None:
        notes = ""
        if carrier.revised:
            notes += ", first printed in a version fetched then"
        if carrier.withdrawn_at:
            notes += f"; withdrawn {parse_time(carrier.withdrawn_at).label()}"
        carrier.label = (
            f"article {carrier.article_id} ({context.outlet_name(carrier.outlet_id)}, {carrier.when.label()}{notes})"
        )
    return carrier.label


class ClusterTracer:
    """Chooses sources for every article of one cluster and its origin."""

    def __init__(self, quote_id: int, carriers: list[Carrier], context: Context) -> None:
        self.quote_id = quote_id
        self.context = context
        self.carriers = sorted(carriers, key=lambda c: c.order)
        for position, carrier in enumerate(self.carriers):
            carrier.position = position
        self.by_article = {carrier.article_id: carrier for carrier in self.carriers}
        self.by_outlet: dict[int | None, list[Carrier]] = defaultdict(list)
        self.by_wording: dict[str, list[Carrier]] = defaultdict(list)
        for carrier in self.carriers:
            self.by_outlet[carrier.outlet_id].append(carrier)
            for wording in carrier.altered_wordings():
                self.by_wording[wording].append(carrier)
        self.decisions: dict[int, Decision] = {}
        self.ignored: dict[int, list[str]] = defaultdict(list)  # credits that do not apply, in words

    # --- credits across versions ----------------------------------------------------------

    def live_with_credit(self, carrier: Carrier, credit: tuple[int, int, str, int | None]) -> bool:
        """True when the credit (id, outlet, kind, intermediary) was in the last version printing the quote."""
        credit_id, outlet_id, kind, via_outlet_id = credit
        seen_at, withdrawn_at = self.context.credit_times.get(credit_id, (None, None))
        if carrier.covered_by(seen_at, withdrawn_at):
            return True
        name = self.context.outlet_name(via_outlet_id or outlet_id)
        self.ignored[carrier.article_id].append(
            f"{kind} credit to {name}, not in the last version printing the quote"
        )
        return False

    def added_later(self, carrier: Carrier, credit_id: int) -> str:
        """' (added in the version fetched ...)' for a credit a later version added; else ''."""
        seen_at = self.context.credit_times.get(credit_id, (None, None))[0]
        if seen_at is None:
            return ""
        return (
            f" (added in the version fetched {parse_time(seen_at).label()}; the last version printing"
            " a quote gives its credits)"
        )

    # --- candidates, strongest first -------------------------------------------------------

    def resolve_outlet(
        self, carrier: Carrier, outlet_id: int, *, story_level: bool, may_be_external: bool = True
    ) -> tuple[Carrier | None, str] | None:
        """The credited outlet's earliest article with the quote, '' reason; or None when it does not apply."""
        if outlet_id == carrier.outlet_id:
            return None
        name = self.context.outlet_name(outlet_id)
        others = [c for c in self.by_outlet.get(outlet_id, []) if c is not carrier]
        if others:
            first = others[0]
            if not is_before(carrier.when, first.when):
                return first, f"{name}'s earliest article with the quote, {describe(first, self.context)}"
            if not may_be_external:
                return None
            return None, (
                f"{name}'s crawled articles with the quote are all later, so its original was not crawled"
            )
        if outlet_id not in self.context.crawled:
            if not may_be_external:
                return None
            return None, f"{name}, never crawled, so the source has no article here"
        story = self.context.stories.get((carrier.article_id, outlet_id))
        if story is None:  # its articles here are other stories: as for an outlet never crawled
            if not may_be_external:
                return None
            return None, f"{name}, whose articles here do not tell this story, so the source has no article here"
        if story_level:
            return None  # its telling of the story is here, without the quote: no source of it
        return None, (
            f"{name} was credited for this quote, but its article of this story, {story.describe(self.context)},"
            " does not carry it"
        )

    def reading(self, carrier: Carrier, credit: tuple) -> str | None:
        """How a credit row reads for this carrier's quote: 'fact', 'copy', 'quote', 'story', or None (another quote's).

        A reporting credit in the lead whose sentence holds a quotation (scope quote) credits that
        quotation, and the story as a story credit in the lead does: the story's other quotations.
        """
        credit_id, _, _, _, scope, is_copy, _, _ = credit
        if scope == "fact":
            return "fact"
        if is_copy:
            return "copy"
        if scope == "quote":
            if carrier.occurrence_ids & self.context.credit_occurrences.get(credit_id, set()):
                return "quote"
            return "story" if credit_id in self.context.lead_credits else None
        return "story"

    def speaks_for_quote(self, carrier: Carrier, credit_id: int) -> bool:
        """Whether a credit stands where a story credit speaks for this carrier's quote.

        It does when it stands where credits for a whole story stand (outside the text, in the
        first LEAD_PARAGRAPHS paragraphs or the last), when it credits someone's words to the outlet
        and its sentence names the quote's speaker ("Whitfield told the Ledger ...", "the Ledger
        quoted Whitfield"), or when it is no story credit in the text at all. A credit for one fact
        in the middle of the story ("... according to a Ledger analysis") says nothing of another
        person's words, nor does one naming the speaker as what the outlet reported ("Mr Browne
        said that The Observer claimed Mr Al Fayed's assets ...").
        """
        place = self.context.credit_places.get(credit_id)
        if place is None:
            return True
        if self.heard_elsewhere(carrier, credit_id) or self.said_after_report(carrier, credit_id):
            return False
        teller = self.context.tellers.get(credit_id)
        if teller is not None:  # words told to the outlet are its teller's, whoever else the lead names
            return bool(teller.heads & carrier.surnames) and self.other_setting(carrier, credit_id) is None
        paragraph, last, sentence = place
        if paragraph < LEAD_PARAGRAPHS or (last and credit_id not in self.context.interview_texts):
            return self.credits_reporting(carrier, credit_id)
        return (
            self.credits_words(carrier, credit_id)
            and self.names_the_speaker(carrier, credit_id)
            and self.other_setting(carrier, credit_id) is None
        )

    def names_the_speaker(self, carrier: Carrier, credit_id: int) -> bool:
        """Whether a credit's sentence names the carrier's speaker where it may be the one whose words it credits.

        For words said to an outlet that is not what the one interviewed spoke of (`heard_part`): "In his first
        reaction, during an ABC News interview, Mr. Trump questioned why Mr. Khan's wife ..." is no interview of Mr.
        Khan.
        """
        sentence = self.context.credit_places[credit_id][2]
        credit = self.credit_row(carrier, credit_id)
        if credit is not None and credit[2] in HEARER_KINDS:
            sentence = heard_part(sentence, credit[3])
        return bool(carrier.surnames & {word.casefold() for word in WORD_RE.findall(sentence)})

    def other_setting(self, carrier: Carrier, credit_id: int) -> str | None:
        """The setting other than the interview that a credit past the lead names for every printing (`interview_setting`).

        None when the credit is none for words said to an outlet, or when one of the printings was said in it.
        """
        found = self.context.interview_texts.get(credit_id)
        if found is None:
            return None
        text, start = found
        sentence = self.context.credit_places[credit_id][2]
        events = self.context.interview_events.get(credit_id)
        if events is None:
            credit = self.credit_row(carrier, credit_id)
            outlet = credit[6] or credit[1] if credit else None
            others = [
                row[7] for row in self.context.credits.get(carrier.article_id, [])
                if row[7] is not None and not row[5] and row[0] != credit_id and (row[6] or row[1]) != outlet
            ]
            events = interview_events(text, start, sentence, others, self.context.outlet_name(outlet))
            self.context.interview_events[credit_id] = events
        reasons = [setting_in_force(text, events, start, sentence, low, high) for low, high in carrier.spans]
        return None if None in reasons or not reasons else reasons[0]

    def credit_row(self, carrier: Carrier, credit_id: int) -> tuple | None:
        """The carrier's article's credit row (id, outlet, kind, cue, ...) with this id."""
        return next((c for c in self.context.credits.get(carrier.article_id, []) if c[0] == credit_id), None)

    def credits_reporting(self, carrier: Carrier, credit_id: int) -> bool:
        """Whether a story credit in the lead credits the outlet's reporting (a link on a fact does not).

        A text credit does: its cue is the reporting. A link does when its anchor names the outlet
        ("<Reuters>"), when its anchor or sentence reads as reporting ("<CNBC reported>", "according
        to") or gives the outlet someone's words (`credits_words`); not when it stands on a fact
        ("So-called <neo-banks> have been all the rage in Europe"), a link to background.
        """
        credit = self.credit_row(carrier, credit_id)
        if credit is None or credit[2] != "link":
            return True
        anchor, sentence = credit[3] or "", self.context.credit_places.get(credit_id, (0, False, ""))[2]
        name = COMPACT_RE.sub("", self.context.outlet_name(credit[6] or credit[1]).casefold())
        shown = COMPACT_RE.sub("", anchor.casefold())
        names_outlet = bool(name) and (name in shown or (len(shown) >= 3 and shown in name))
        return (
            names_outlet
            or bool(REPORTING_RE.search(anchor) or REPORTING_RE.search(sentence))
            or self.credits_words(carrier, credit_id)
        )

    def credits_words(self, carrier: Carrier, credit_id: int) -> bool:
        """Whether a credit gives the outlet someone's words: told or interviewed, quoted, written or aired in it."""
        credit = self.credit_row(carrier, credit_id)
        if credit is None or credit[2] in HEARER_KINDS:
            return True
        if credit[2] == "link":  # its cue is the anchor
            anchor, sentence = credit[3] or "", self.context.credit_places.get(credit_id, (0, False, ""))[2]
            at = sentence.find(anchor) if anchor else -1
            return bool(
                WORDS_CUE_RE.search(anchor) or LINK_SPEECH_RE.search(anchor)
                or WORDS_CUE_RE.search(sentence) or HEARD_RE.search(sentence)
                or (at > 0 and SAID_CLAUSE_RE.search(sentence, 0, at))
            )
        return bool(WORDS_CUE_RE.search(credit[3] or ""))

    def said_after_report(self, carrier: Carrier, credit_id: int) -> bool:
        """Whether the quote was said on a weekday after the one of the report a story credit names (`said_after`)."""
        reported, days = self.context.credit_days.get(credit_id), carrier.said_days
        return reported is not None and bool(days) and all(said_after(day, reported, carrier.when) for day in days)

    def heard_elsewhere(self, carrier: Carrier, credit_id: int) -> bool:
        """Whether a story credit for words said to an outlet meets a speaker the article has speaking to another.

        "In an appearance on CNN, Carson ..." in the lead, then "..., Carson told the AP": the
        article gives his words several hearers, so a story credit to one of them does not say
        which of his other words it heard (a statement, a debate, the other interview).
        """
        credit = self.credit_row(carrier, credit_id)
        if credit is None or credit[2] not in HEARER_KINDS:
            return False
        outlet_id = credit[1]
        return any(
            carrier.surnames & surnames
            for other, surnames in self.context.heard_by.get(carrier.article_id, {}).items()
            if other != outlet_id
        )

    def had_elsewhere(self, carrier: Carrier, kind: str, target: int) -> tuple[str, str] | None:
        """Why the carrier plainly had the quote other than from a story credit of this kind to `target`; else None.

        A listener its sentence names may be the credited outlet's own: the outlet by name, or a
        host when the credit is for words said to or on the outlet. Words told to a private hearer
        are no other listener's for a credit to the outlet's reporting, which may have had them from
        the hearing (`said_elsewhere` with `reporting`); a credit for words said to the outlet heard
        other words.
        """
        elsewhere = carrier.elsewhere if kind in HEARER_KINDS else carrier.reported_elsewhere
        if elsewhere and elsewhere[1]:
            name = COMPACT_RE.sub("", self.context.outlet_name(target).casefold())
            if (name and name in COMPACT_RE.sub("", elsewhere[1].casefold())) or (
                kind in HEARER_KINDS and HOST_RE.search(elsewhere[1])
            ):
                return None
        return elsewhere

    def story_credit_reaches(self, carrier: Carrier, credit_id: int, kind: str, target: int) -> bool:
        """Whether a story credit speaks for this quote (`speaks_for_quote`); the reason notes it when not.

        Asked of a story credit or link to an outlet with no article here, and of a story credit to
        one whose article with the quote is not earlier than this one: a credit to an outlet that
        printed the quote before goes on its own.
        """
        elsewhere = self.had_elsewhere(carrier, kind, target)
        if elsewhere:
            self.ignored[carrier.article_id].append(
                f"{kind} credit to {self.context.outlet_name(target)}: the article had the quote elsewhere"
                f" ({elsewhere[0]})"
            )
            return False
        if self.speaks_for_quote(carrier, credit_id):
            return True
        paragraph = self.context.credit_places[credit_id][0]
        if self.heard_elsewhere(carrier, credit_id):
            self.ignored[carrier.article_id].append(
                f"{kind} credit to {self.context.outlet_name(target)} in paragraph {paragraph + 1},"
                " while the article has the speaker speaking to another outlet too"
            )
            return False
        if self.said_after_report(carrier, credit_id):
            self.ignored[carrier.article_id].append(
                f"{kind} credit to {self.context.outlet_name(target)} in paragraph {paragraph + 1} for a report of"
                f" {self.context.credit_days[credit_id]}, while the quote was said later"
                f" ({', '.join(sorted(carrier.said_days))})"
            )
            return False
        paragraph, last, sentence = self.context.credit_places[credit_id]
        teller = self.context.tellers.get(credit_id)
        setting = self.other_setting(carrier, credit_id)
        if setting is not None and (
            teller.heads & carrier.surnames if teller is not None else self.names_the_speaker(carrier, credit_id)
        ):
            self.ignored[carrier.article_id].append(
                f"{kind} credit to {self.context.outlet_name(target)} in paragraph {paragraph + 1} for words said"
                f' to it, while the quote was said elsewhere ("{setting}")'
            )
            return False
        if teller is not None:
            self.ignored[carrier.article_id].append(
                f"{kind} credit to {self.context.outlet_name(target)} in paragraph {paragraph + 1} for words"
                f' told by another ("{teller.shown}"), not the speaker'
            )
            return False
        if paragraph < LEAD_PARAGRAPHS or (last and credit_id not in self.context.interview_texts):
            anchor = (self.credit_row(carrier, credit_id) or (None, None, None, ""))[3] or ""
            self.ignored[carrier.article_id].append(
                f'{kind} credit to {self.context.outlet_name(target)} in paragraph {paragraph + 1}, on a fact'
                f' ("{anchor}"): background, not the reporting of this story'
            )
            return False
        if self.names_the_speaker(carrier, credit_id):
            self.ignored[carrier.article_id].append(
                f"{kind} credit to {self.context.outlet_name(target)} in paragraph {paragraph + 1},"
                " not in the lead, naming the speaker only in what it reported"
            )
            return False
        self.ignored[carrier.article_id].append(
            f"{kind} credit to {self.context.outlet_name(target)} in paragraph {paragraph + 1},"
            " neither in the lead nor naming the speaker"
        )
        return False

    def own_words_credits(self, carrier: Carrier, readings: list[tuple[tuple, str | None]]) -> set[int]:
        """The credits that stand for the carrier's words as the credited outlet's own, read as credits for the quote.

        Words whose speaker is an outlet are its own ('," reported the Ledger.', "the Ledger reports:" before a passage
        of its story), and the article's credit to it is their source, whatever the credit reads as: one for a fact
        ("the Ledger poll shows"), a story credit past the lead. Of several, the last before the words, else the first;
        none when a credit to the outlet already stands for the quote or the article is its copy.
        """
        targets = {credit[6] or credit[1] for credit, _ in readings}
        spoken = {target for target in targets if self.spoken_by(carrier, target)}
        if not spoken:
            return set()
        at = carrier.spans[0][0] if carrier.spans else 0
        own = set()
        for target in spoken:
            credits = [(credit, tier) for credit, tier in readings if (credit[6] or credit[1]) == target]
            if any(tier in ("quote", "copy") for _, tier in credits):
                continue
            starts = [(credit[7], credit[0]) for credit, _ in credits if credit[7] is not None]
            before = [item for item in starts if item[0] <= at]
            chosen = max(before) if before else min(starts, default=(None, credits[0][0][0]))
            own.add(chosen[1])
        return own

    def spoken_by(self, carrier: Carrier, outlet_id: int | None) -> bool:
        """Whether the outlet speaks every printing of the carrier: its own words ('," reported the Ledger.', "in the Ledger's words")."""
        name = COMPACT_RE.sub("", self.context.outlet_name(outlet_id).casefold()) if outlet_id is not None else ""
        return bool(name) and all(
            speaker is not None and COMPACT_RE.sub("", speaker.casefold()) == name for _, speaker in carrier.befores
        ) and bool(carrier.befores)

    def credit_candidates(self, carrier: Carrier) -> list[Decision]:
        """Copy credits, then quote-scoped credits, then story credits (links apart)."""
        tiers: dict[str, list[tuple]] = {"copy": [], "quote": [], "story": []}
        readings = [
            (credit, self.reading(carrier, credit)) for credit in self.context.credits.get(carrier.article_id, [])
            if credit[2] != "link" and self.live_with_credit(carrier, (credit[0], credit[1], credit[2], credit[6]))
        ]
        own = self.own_words_credits(carrier, readings)
        for credit, tier in readings:
            credit_id, outlet_id, kind, cue, scope, is_copy, via_outlet_id, start = credit
            if credit_id in own:
                tier = "quote"
            if tier == "fact":
                self.ignored[carrier.article_id].append(
                    f"{kind} credit to {self.context.outlet_name(outlet_id)} for a fact, no one's words"
                    " (a count, a poll, a report the story answers)"
                )
                continue
            if tier is None:
                continue  # a quote-scoped credit for another quote
            tiers[tier].append(credit)
        decisions = []
        for tier, credits in tiers.items():
            resolved = []
            for credit_id, outlet_id, kind, cue, scope, is_copy, via_outlet_id, start in credits:
                target = via_outlet_id or outlet_id
                # a copy credit says the article is that outlet's copy, like a credit for the quote itself:
                # its source is the outlet even when the outlet's other articles here do not print it
                found = self.resolve_outlet(carrier, target, story_level=tier == "story")
                # a story credit leads to an article that is not earlier only when it covers the
                # story: with no time order, the credited outlet may print the quote from this one
                unordered = found is not None and (found[0] is None or not is_before(found[0].when, carrier.when))
                if unordered and tier == "story":
                    if not self.story_credit_reaches(carrier, credit_id, kind, target):
                        continue
                if found is None:
                    story = self.context.stories.get((carrier.article_id, target))
                    if target != carrier.outlet_id and story is not None:
                        name = self.context.outlet_name(target)
                        self.ignored[carrier.article_id].append(
                            f"{kind} credit to {name}: {name}'s article of this story,"
                            f" {story.describe(self.context)}, does not carry the quote"
                        )
                    continue
                source, where = found
                if tier == "copy":
                    # a credit line under a copyright credit's kind ("Reporting by ...; Editing by ...", the AP's "Your
                    # daily look at late-breaking news") is said to be one, not a copyright line
                    shown = "credit line" if kind == "copyright" and not COPYRIGHT_MARK_RE.search(cue or "") else kind
                    what = f'the article is {self.context.outlet_name(target)} copy ({shown} "{cue or ""}")'
                else:
                    what = f'{tier}-level credit ({kind} "{cue or ""}")'
                    if via_outlet_id and via_outlet_id != outlet_id:
                        what += (
                            f" to {self.context.outlet_name(outlet_id)} via"
                            f" {self.context.outlet_name(via_outlet_id)}, the intermediary"
                        )
                    else:
                        what += f" to {self.context.outlet_name(target)}"
                if credit_id in own:
                    what += f", whose own words they are (speaker: {self.context.outlet_name(target)})"
                what += self.added_later(carrier, credit_id)
                confidence = CONFIDENCE[tier] - (CONFIDENCE["external_penalty"] if source is None else 0)
                decision = Decision(
                    "credit", confidence, f"{what}; source: {where}", source, target, strong=True,
                    credit_kind="copy" if tier == "copy" else kind, tier=tier, credit_start=start,
                )
                resolved.append((source is None, start is None, start or 0, credit_id, decision))
            decisions.extend(item[-1] for item in sorted(resolved, key=lambda item: item[:4]))
        return decisions

    def link_candidates(self, carrier: Carrier) -> list[Decision]:
        """Hyperlinks to an article with the quote, or to an outlet that carries it."""
        decisions = []
        for outlet_id, target_article_id, anchor, start in self.context.links.get(carrier.article_id, []):
            target = self.by_article.get(target_article_id) if target_article_id else None
            if target is not None and target is not carrier and not is_before(carrier.when, target.when):
                decisions.append(
                    (0, start or 0, Decision(
                        "link", CONFIDENCE["link"],
                        f'links to {describe(target, self.context)} ("{anchor or ""}"), which carries the quote',
                        target, target.outlet_id, strong=True,
                    ))
                )
                continue
            if outlet_id is None:
                continue
            found = self.resolve_outlet(carrier, outlet_id, story_level=True, may_be_external=False)
            if found and found[0] is not None:
                decisions.append(
                    (1, start or 0, Decision(
                        "link", CONFIDENCE["link_outlet"],
                        f'links to {self.context.outlet_name(outlet_id)} ("{anchor or ""}"); source: {found[1]}',
                        found[0], outlet_id, strong=True,
                    ))
                )
        occurrence_ids = carrier.occurrence_ids
        for credit_id, outlet_id, kind, cue, scope, is_copy, via_outlet_id, start in self.context.credits.get(
            carrier.article_id, []
        ):
            if kind != "link" or not self.live_with_credit(carrier, (credit_id, outlet_id, kind, via_outlet_id)):
                continue
            if scope == "quote" and not occurrence_ids & self.context.credit_occurrences.get(credit_id, set()):
                continue  # a link beside another quote
            target = via_outlet_id or outlet_id
            found = self.resolve_outlet(carrier, target, story_level=True)
            if found is None:
                continue
            # as a story credit in the text: to an article that is not earlier (it may have the quote
            # from this one) or to none, only where a story credit speaks for the quote
            unordered = found[0] is None or not is_before(found[0].when, carrier.when)
            if unordered and scope != "quote" and not self.story_credit_reaches(carrier, credit_id, kind, target):
                continue
            confidence = CONFIDENCE["link_outlet"] - (CONFIDENCE["external_penalty"] if found[0] is None else 0)
            decisions.append(
                (2, start or 0, Decision(
                    "link", confidence,
                    f"link credit to {self.context.outlet_name(target)}; source: {found[1]}",
                    found[0], target, strong=True, tier="quote" if scope == "quote" else None,
                ))
            )
        return [item[-1] for item in sorted(decisions, key=lambda item: item[:2])]

    @cached_property
    def acknowledged(self) -> set[int]:
        """Outlets of this cluster's carriers that another carrier credits or links to.

        A credit counts where it can speak for this cluster's quote: not one for a figure or scoped
        to another quote, nor a story credit or link for one fact mid-story (`speaks_for_quote`) or
        one that does not take a quotation the article plainly had elsewhere (`had_elsewhere`), as
        the carrier's own source decision does not for a credited article of the same time.
        """
        outlets = {carrier.outlet_id for carrier in self.carriers}
        found = set()
        for carrier in self.carriers:
            for credit in self.context.credits.get(carrier.article_id, []):
                credit_id, outlet_id, kind, _, _, _, via_outlet_id, _ = credit
                target = via_outlet_id or outlet_id
                if target not in outlets or target == carrier.outlet_id:
                    continue
                reading = self.reading(carrier, credit)
                if reading in ("fact", None):
                    continue  # credited for a figure, or for another quote
                if reading == "story" and self.had_elsewhere(carrier, kind, target):
                    continue  # a story credit set aside for this quote
                if reading != "story" or self.speaks_for_quote(carrier, credit_id):
                    found.add(target)
            for outlet_id, target_article_id, _, _ in self.context.links.get(carrier.article_id, []):
                target = self.by_article.get(target_article_id)
                if target is not None and target.outlet_id != carrier.outlet_id:
                    found.add(target.outlet_id)
        return found

    def reversed_tie(self, reuser: Carrier, source: Carrier) -> bool:
        """True when a same-time reuse pair is better read the other way round.

        With no time order, the reuse stage guesses the direction from the texts; when the
        supposed reuser is credited or linked by other carriers and the supposed source is not,
        the credited one is taken as the original.
        """
        if is_before(source.when, reuser.when):
            return False
        return reuser.outlet_id in self.acknowledged and source.outlet_id not in self.acknowledged

    def reuse_candidates(self, carrier: Carrier) -> list[Decision]:
        """Earlier articles whose text this one reuses, when they carry the quote too."""
        rows = [
            (self.by_article.get(source_id), containment, verdict, outside, False)
            for source_id, containment, verdict, outside in self.context.reuse.get(carrier.article_id, [])
        ] + [
            (self.by_article.get(reuser_id), containment, verdict, outside, True)
            for reuser_id, containment, verdict, outside in self.context.reused_by.get(carrier.article_id, [])
        ]
        found = []
        for source, containment, verdict, outside, flipped in rows:
            if source is None or source is carrier or is_before(carrier.when, source.when):
                continue
            if flipped != (self.reversed_tie(source, carrier) if flipped else self.reversed_tie(carrier, source)):
                continue  # a same-time pair read the other way round
            if outside is not None and outside < MIN_OUTSIDE_SHARE:
                continue  # what the two texts share is mostly the quotations themselves
            containment = containment or 0.0
            shared = "" if outside is None else f"; {outside:.0%} of its wording outside quotations is there"
            turned = "; same time, read this way round as the other is credited by others" if flipped else ""
            decision = Decision(
                "reuse", round(min(0.9, 0.6 + 0.3 * containment), 3),
                f"its text reuses {describe(source, self.context)} ({verdict}, containment"
                f" {containment:.2f}{shared}{turned}), which carries the quote",
                source, source.outlet_id, strong=True,
            )
            found.append((-containment, source.order, decision))
        return [item[-1] for item in sorted(found, key=lambda item: item[:2])]

    def latest_before(self, carrier: Carrier, pool: list[Carrier]) -> Carrier | None:
        """The most recent carrier in `pool` (time-ordered) strictly earlier than `carrier`."""
        for candidate in reversed(pool):
            if candidate is carrier or candidate.position > carrier.position:
                continue
            if is_before(candidate.when, carrier.when):
                return candidate
        return None

    def mutation_candidates(self, carrier: Carrier) -> list[Decision]:
        """The most recent earlier article printing the same altered wording: not a cut from a canonical wording, words
        the quotation holds as said ("New York values" printed by two papers from Cruz's "... described as New York
        values."), which anyone quoting it may print alone."""
        canonical = [
            f" {wording} " for other in self.carriers for _, _, wording, is_canonical in other.occurrences
            if is_canonical and wording
        ]
        found = []
        for wording in sorted(carrier.altered_wordings()):
            if any(f" {wording} " in whole for whole in canonical):
                continue
            source = self.latest_before(carrier, self.by_wording[wording])
            if source is not None:
                found.append((source.order, wording, source))
        found.sort(key=lambda item: item[:2], reverse=True)
        return [
            Decision(
                "mutation", CONFIDENCE["mutation"],
                f"prints the same altered wording as the earlier {describe(source, self.context)}",
                source, source.outlet_id, wording,
            )
            for _, wording, source in found
        ]

    def earlier_candidates(self, carrier: Carrier, *, own_only: bool = False) -> list[Decision]:
        """The outlet's own most recent earlier article, else (unless `own_only`) the most recent earlier article."""
        decisions = []
        own = self.latest_before(carrier, self.by_outlet.get(carrier.outlet_id, []))
        if own is not None and carrier.outlet_id is not None:
            decisions.append(Decision(
                "earlier", CONFIDENCE["earlier_own"],
                f"no credit, link, reuse or shared alteration; the outlet's own earlier {describe(own, self.context)}",
                own, own.outlet_id,
            ))
        anyone = None if own_only else self.latest_before(carrier, self.carriers)
        if anyone is not None and anyone is not own:
            decisions.append(Decision(
                "earlier", CONFIDENCE["earlier"],
                f"no credit, link, reuse or shared alteration; the most recent earlier article is"
                f" {describe(anyone, self.context)}",
                anyone, anyone.outlet_id,
            ))
        return decisions

    # --- choosing ------------------------------------------------------------------------

    def cycle_path(self, carrier: Carrier, source: Carrier | None) -> list[Carrier] | None:
        """The carriers from `source` back to `carrier` when taking `source` would close a cycle."""
        path: list[Carrier] = []
        while source is not None and len(path) < MAX_CHAIN:
            if source is carrier:
                return path
            path.append(source)
            decision = self.decisions.get(source.article_id)
            source = decision.source if decision else None
        return path if len(path) >= MAX_CHAIN else None

    def strength(self, carrier: Carrier, decision: Decision) -> tuple[bool, float]:
        """How sure an edge is: explicit (credit, link) or to a strictly earlier source, then confidence."""
        certain = decision.evidence in ("credit", "link") or (
            decision.source is not None and is_before(decision.source.when, carrier.when)
        )
        return certain, decision.confidence

    def ranked_candidates(self, carrier: Carrier) -> tuple[list[Decision], ...]:
        """Credits, links and reuse, strongest first: a link credit in the printing's own sentence before story credits.

        A credit or link in the quotation's sentence is closer evidence than a credit for the whole story:
        "As Ana Ruiz reports for the Ledger" in the lead, then "Li explained that ... "..."" with "explained"
        linked to the Herald, is the Herald's. Not when the sentence links the story credit's outlet too
        ("has said" linked to the Ledger's article): that link confirms the story credit for these words.
        """
        credits = self.credit_candidates(carrier)
        links = self.link_candidates(carrier)
        own = [decision for decision in links if decision.tier == "quote"]
        story = [decision for decision in credits if decision.tier == "story"]
        if own and story and story[0].source_outlet_id not in self.sentence_links(carrier):
            closer = [decision for decision in credits if decision.tier != "story"] + own
            rest = [decision for decision in links if decision.tier != "quote"]
            return closer, story, rest, self.reuse_candidates(carrier)
        return credits, links, self.reuse_candidates(carrier)

    def sentence_links(self, carrier: Carrier) -> set[int]:
        """The outlets hyperlinks in the printings' own sentences point to."""
        sentences = carrier.sentences
        return {
            outlet_id for outlet_id, _, _, start in self.context.links.get(carrier.article_id, [])
            if outlet_id is not None and start is not None
            and any(low <= start < high for low, high in sentences)
        }

    def decide(self, carrier: Carrier) -> Decision:
        """The strongest candidate that closes no cycle, unless the cycle's weakest edge is weaker."""
        skipped: list[Decision] = []  # candidates set aside: they would close a cycle
        banned = self.banned.get(carrier.article_id, set())
        # an article saying the quote was said to its outlet, or at a public occasion where anyone
        # could hear it (a rally, a debate, a statement), is not taken to have it from another
        # outlet by time or a shared wording alone (its own earlier article still comes first);
        # a credit, a link or copied text outweigh its claim
        strong = self.ranked_candidates(carrier)

        def weak() -> Iterator[list[Decision]]:
            """Mutation and earlier candidates, worked out only when no stronger evidence decided."""
            heard = carrier.told or (
                self.latest_before(carrier, self.carriers) is not None and carrier.said_in_public
            )
            yield [] if heard else self.mutation_candidates(carrier)
            yield self.earlier_candidates(carrier, own_only=bool(heard))

        for candidates in chain(strong, weak()):
            for decision in candidates:
                if decision.source is not None and decision.source.article_id in banned:
                    skipped.append(decision)
                    continue
                path = self.cycle_path(carrier, decision.source)
                if path:
                    weakest = min(path, key=lambda node: self.strength(node, self.decisions[node.article_id]))
                    weakest_strength = self.strength(weakest, self.decisions[weakest.article_id])
                    strength = self.strength(carrier, decision)
                    if weakest_strength <= strength:
                        # the cycle's weakest edge gives way: that carrier chooses again without it
                        self.banned.setdefault(weakest.article_id, set()).add(
                            self.decisions[weakest.article_id].source.article_id
                        )
                        self.decisions[weakest.article_id] = Decision(
                            "origin", CONFIDENCE["origin_tied"], "to be decided again"
                        )
                        self.pending.append(weakest)
                    if weakest_strength >= strength:
                        # as strong as the edge that gives way (two outlets crediting each other at
                        # the same time, say): the evidence contradicts itself and neither is taken,
                        # whichever article was decided first
                        skipped.append(decision)
                        continue
                if skipped:
                    decision.reason += f" (not taken, as it would close a cycle: {self.listed(skipped)})"
                    decision.confidence = round(decision.confidence * 0.8, 3)
                others = self.contradicting(decision, strong)
                if others:
                    decision.reason += f"; weaker evidence pointing elsewhere: {'; '.join(others)}"
                decision.relay = self.relayed_from(carrier, decision, strong)
                return self.noted(carrier, decision)
        if any(decision.evidence in ("credit", "link") for decision in skipped):
            # it names a source, so it is not first-hand; but that source's evidence points back
            reason = (
                "no source taken: its credit or link closes a cycle with evidence at least as strong"
                f" ({self.listed(skipped)})"
            )
            return self.noted(
                carrier, Decision("origin", CONFIDENCE["origin_tied"], reason, contradicted=True)
            )
        reason = "first-hand: no credit, link, reuse or earlier article carrying the quote"
        if carrier.told:
            reason = f'first-hand: the article says it was said to its own outlet ("{carrier.told}")'
        elif carrier.said_in_public and self.latest_before(carrier, self.carriers) is not None:
            reason = (
                f'first-hand: the article says it was said at a public occasion ("{carrier.said_in_public}"),'
                " where anyone could hear it; no credit, link or reuse ties it to an earlier article"
            )
        if skipped:
            reason += f" (not taken, as it would close a cycle: {self.listed(skipped)})"
        return self.noted(carrier, Decision("origin", CONFIDENCE["origin"], reason))

    def listed(self, decisions: list[Decision]) -> str:
        """Candidates in words: 'credit to article 2 (Beta, ...); reuse to ...'."""
        return "; ".join(f"{d.evidence} to {describe(d.source, self.context)}" for d in decisions)

    def noted(self, carrier: Carrier, decision: Decision) -> Decision:
        """The decision with the credits that did not apply to this quote named in its reason."""
        ignored = sorted(set(self.ignored.get(carrier.article_id, ())))
        if ignored:
            decision.reason += f"; not applicable: {'; '.join(ignored)}"
        return decision

    @staticmethod
    def relayed_from(carrier: Carrier, chosen: Decision, groups: tuple[list[Decision], ...]) -> Decision | None:
        """The credit a copy's printing gives another outlet for the words, when the copy's outlet has no article
        here: its copy relays them ('," Calderon told CNBC Saturday.' in UPI's copy is CNBC's).

        The credit stands in the printing's own sentence, or it is for words said to the outlet (told, an interview),
        which cover the teller's words after them (`credits._continuations`); a report credited elsewhere in the
        paragraph ("O'Malley's move was first reported by MSNBC.") is not for these words. None for any other source,
        or when the printing credits more than one other outlet so.
        """
        if chosen.tier != "copy" or chosen.source is not None:
            return None
        own = [
            decision for candidates in groups for decision in candidates
            if decision.evidence == "credit" and decision.tier == "quote"
            and decision.source_outlet_id not in (None, chosen.source_outlet_id)
            and (
                decision.credit_kind in HEARER_KINDS
                or any(low <= (decision.credit_start or -1) < high for low, high in carrier.sentences)
            )
        ]
        return own[0] if len({decision.source_outlet_id for decision in own}) == 1 else None

    def contradicting(self, chosen: Decision, groups: tuple[list[Decision], ...]) -> list[str]:
        """Credits, links and reuse that point to another source than the chosen one, in words."""
        others = []
        seen = {(chosen.source.article_id if chosen.source else None, chosen.source_outlet_id)}
        for candidates in groups:
            for decision in candidates:
                key = (decision.source.article_id if decision.source else None, decision.source_outlet_id)
                if decision is chosen or key in seen:
                    continue
                seen.add(key)
                where = (
                    describe(decision.source, self.context)
                    if decision.source else self.context.outside(decision.source_outlet_id)
                )
                others.append(f"{decision.evidence} to {where}")
        return others

    def decide_all(self) -> None:
        """Decide every carrier in time order, then those whose weak edge a cycle broke."""
        self.banned: dict[int, set[int]] = {}
        self.pending: list[Carrier] = []
        for carrier in self.carriers:
            self.decisions[carrier.article_id] = self.decide(carrier)
        rounds = 0
        while self.pending and rounds < MAX_CHAIN:
            carrier = self.pending.pop(0)
            rounds += 1
            self.decisions.pop(carrier.article_id, None)
            self.decisions[carrier.article_id] = self.decide(carrier)

    def public_statement(self) -> list[Carrier]:
        """Carriers that heard the quote first-hand together, when several outlets did; else []."""
        # no credit, link or reuse: first-hand, or at most a wording shared with an earlier carrier
        plain = [
            c for c in self.carriers
            if self.decisions[c.article_id].evidence in ("origin", "earlier", "mutation")
            and not self.decisions[c.article_id].contradicted
        ]
        if len(plain) < 2:
            return []
        spread = [
            c.when for c in self.carriers if self.decisions[c.article_id].strong and c.when.date is not None
        ]
        first = plain[0]
        group = [
            c for c in plain
            if within(first.when, c.when, PUBLIC_WINDOW)
            and not any(is_before(when, c.when) for when in spread)
        ]
        if any(c.told for c in group):
            # an outlet saying it was told the quote heard it; others printing it uncredited within
            # the window are not taken for independent witnesses
            group = [c for c in group if c.told]
        if len({c.outlet_id for c in group}) < 2:
            return []
        return group

    def trace(self) -> tuple[list[tuple], tuple]:
        """Lineage rows for every occurrence and the origin columns of the cluster."""
        self.decide_all()
        public = self.public_statement()
        if public:
            names = sorted({self.context.outlet_name(c.outlet_id) for c in public})
            close = window_words([c.when for c in public], PUBLIC_WINDOW, after=" of the first")
            for carrier in public:
                self.decisions[carrier.article_id] = self.noted(carrier, Decision(
                    "origin", CONFIDENCE["origin_public"],
                    f"heard first-hand{heard_where(carrier)}: one of {len(names)} outlets ({', '.join(names)}) that"
                    f" carried it {close}, before anyone credited anyone for it",
                ))
        origin = self.choose_origin(public)
        return self.rows(), origin

    def roots(self) -> dict[tuple[str, int | None], list[Carrier]]:
        """Each root (an origin article, or an outlet without an article) with the carriers it explains."""
        found: dict[tuple[str, int | None], list[Carrier]] = defaultdict(list)
        for carrier in self.carriers:
            current, hops = carrier, 0
            while hops < MAX_CHAIN:
                decision = self.decisions[current.article_id]
                decision = decision.relay or decision  # a copy's outlet had the words from the outlet its copy credits
                if decision.source is not None:
                    current, hops = decision.source, hops + 1
                    continue
                if decision.evidence == "origin":
                    found[("article", current.article_id)].append(carrier)
                else:
                    found[("outlet", decision.source_outlet_id)].append(carrier)
                break
        return found

    def choose_origin(self, public: list[Carrier]) -> tuple:
        """(origin_outlet_id, origin_article_id, origin_kind, origin_reason) of the cluster."""
        if public:
            first = public[0]
            names = sorted({self.context.outlet_name(c.outlet_id) for c in public})
            return (
                first.outlet_id, first.article_id, "public_statement",
                f"public statement: {len(names)} outlets ({', '.join(names)}) carried it first-hand"
                f" {window_words([c.when for c in public], PUBLIC_WINDOW)}, crediting no one; earliest is"
                f" {describe(first, self.context)}",
            )
        roots = self.roots()
        if not roots:
            return None, None, "unresolved", "no carrier could be traced"
        acknowledged = set()
        for carrier in self.carriers:
            decision = self.decisions[carrier.article_id]
            decision = decision.relay or decision
            if decision.strong:
                if decision.source is not None and self.decisions[decision.source.article_id].evidence == "origin":
                    acknowledged.add(("article", decision.source.article_id))
                elif decision.source is None:
                    acknowledged.add(("outlet", decision.source_outlet_id))
        timed = {}
        for root, explained in roots.items():
            if root[0] == "article":
                timed[root] = self.by_article[root[1]].when
            else:
                crediting = [c for c in explained if self.decisions[c.article_id].source is None]
                timed[root] = min((c.when for c in crediting), key=lambda w: w.sort_key)
        earliest = [
            root for root in roots
            if not any(is_before(timed[other], timed[root]) for other in roots if other != root)
        ]
        chosen = None
        how = ""
        if len(earliest) == 1:
            chosen = earliest[0]
            how = "the only root" if len(roots) == 1 else f"the earliest of {len(roots)} roots"
        else:
            credited = [root for root in earliest if root in acknowledged]
            outlets = {self.root_outlet(root) for root in earliest}
            if len(credited) == 1:
                chosen, how = credited[0], f"of {len(earliest)} tied roots, the only one others credit"
            elif len(outlets) == 1:
                # an article before the outlet credited alone, then by URL, as carriers are ordered
                chosen = min(earliest, key=lambda r: (timed[r].sort_key, r[0] != "article", self.root_url(r)))
                how = f"{len(earliest)} tied roots, all from the same outlet"
        if chosen is None:
            labels = sorted(self.label_root(root) for root in earliest)
            return (
                None, None, "unresolved",
                f"unresolved: no time order or evidence decides between {'; '.join(labels)}",
            )
        outlet_id = self.root_outlet(chosen)
        article_id = chosen[1] if chosen[0] == "article" else None
        kind = "wire" if self.context.outlet_kind(outlet_id) in WIRE_KINDS else "exclusive"
        explained = len(roots[chosen])
        relays = sorted({
            self.context.outlet_name(self.decisions[c.article_id].source_outlet_id) for c in roots[chosen]
            if self.decisions[c.article_id].relay is not None
        })
        relayed = f", relayed by {' and '.join(relays)} copy crediting it" if relays else ""
        reason = (
            f"{kind}: {self.label_root(chosen)} had it first-hand ({how}){relayed}; {self.traced_back(explained)}"
        )
        # the speaker's public words, which the first article here says where they were said: no one's exclusive (a wire's
        # article stays the wire's, as a news agency's report of a court hearing is; a wire credited by its copy here is
        # read from the copy, below)
        first = self.by_article[article_id] if article_id is not None and kind == "exclusive" else None
        occasion = first.said_in_public if first is not None else None
        copy = self.outlet_copy_in_public(chosen) if chosen[0] == "outlet" else None
        if copy is not None:
            # ... as an outlet's own copy or telling here says, the outlet a wire or not ("Trump said during this week's
            # GOP debate" in the AP's copy): the outlet was one of those who heard them, not their only hearer
            reason = (
                f'public statement: said at a public occasion ("{copy.said_in_public}"), as {describe(copy, self.context)}'
                f" says, crediting {self.label_root(chosen)}, the first to carry it ({how}); {self.traced_back(explained)}"
            )
            kind = "public_statement"
        elif occasion:
            reason = (
                f'public statement: said at a public occasion ("{occasion}"), as {self.label_root(chosen)} says,'
                f" the first here to carry it ({how}); {self.traced_back(explained)}"
            )
            kind = "public_statement"
        elif (first is not None and not first.told) or (chosen[0] == "outlet" and self.outlet_reported(chosen)):
            # ... or where a later article that heard them first-hand says they were said (the same words, public):
            # also past an outlet credited for its copy or its reporting (not for words told to or said on it), whose
            # copy here names no occasion ("Obama will say", then "He told his Democratic audience" in a later root)
            others = sorted(
                (self.by_article[root[1]] for root in roots if root[0] == "article" and root != chosen),
                key=lambda carrier: carrier.order,
            )
            # ... or a later article traced to an earlier one by time alone (`earlier`: no credit, link, reuse or shared
            # alteration says it copied), whose own printing says where the words were said ("Clinton emphatically
            # proclaimed at a press conference", weeks after the first article here printed them with no occasion)
            others += sorted(
                (
                    carrier for carrier in self.carriers
                    if carrier.article_id != article_id and self.decisions[carrier.article_id].evidence == "earlier"
                ),
                key=lambda carrier: carrier.order,
            )
            saying = next(
                (
                    carrier for carrier in others
                    if carrier.said_in_public and (first is not None or not COURT_OCCASION_RE.search(carrier.said_in_public))
                ),
                None,
            )
            if saying is None:
                # ... or a later outlet root's copy or telling here says so ("Trump saying during the debate last week"
                # in the AP's copy, printed days after the first article here had the words)
                saying = next(
                    (
                        copy for root in roots if root[0] == "outlet" and root != chosen
                        for copy in [self.outlet_copy_in_public(root)] if copy is not None
                    ),
                    None,
                )
            if saying is not None:
                reason = (
                    f'public statement: said at a public occasion ("{saying.said_in_public}"), as'
                    f" {describe(saying, self.context)} says; the first {'here ' if first is not None else ''}to carry it"
                    f" is {self.label_root(chosen)} ({how}); {self.traced_back(explained)}"
                )
                kind = "public_statement"
        return outlet_id, article_id, kind, reason

    def traced_back(self, explained: int) -> str:
        """How many of the carrying articles trace back to the origin: "1 of 1 carrying article traces back to it"."""
        verb = "traces" if explained == 1 else "trace"
        return f"{explained} of {counted(len(self.carriers), 'carrying article')} {verb} back to it"

    def outlet_copy_in_public(self, root: tuple[str, int | None]) -> Carrier | None:
        """The first article crediting an outlet root directly that says the words were said at a public occasion
        (`heard_in_public`); None when none does or one says they were told to its own outlet."""
        crediting = [
            carrier for carrier in self.carriers
            if self.decisions[carrier.article_id].source is None
            and self.decisions[carrier.article_id].evidence != "origin"
            and self.decisions[carrier.article_id].source_outlet_id == root[1]
        ]
        if any(carrier.told for carrier in crediting):
            return None
        return next((carrier for carrier in crediting if self.heard_in_public(carrier, root[1])), None)

    def outlet_reported(self, root: tuple[str, int | None]) -> bool:
        """Whether every article crediting an outlet root directly credits its copy or its reporting: none says it was told
        the words, none credits words told to or said on the outlet (an interview), which may be its alone."""
        crediting = [
            self.decisions[carrier.article_id] for carrier in self.carriers
            if self.decisions[carrier.article_id].source is None
            and self.decisions[carrier.article_id].evidence != "origin"
            and self.decisions[carrier.article_id].source_outlet_id == root[1]
        ]
        return bool(crediting) and all(decision.credit_kind not in HEARER_KINDS for decision in crediting) and not any(
            carrier.told for carrier in self.carriers
            if self.decisions[carrier.article_id].source is None and self.decisions[carrier.article_id].source_outlet_id == root[1]
        )

    def heard_in_public(self, carrier: Carrier, outlet_id: int | None) -> bool:
        """Whether an article crediting an outlet directly says the words were said at a public occasion the outlet did not
        have alone: not a court's, and, where it credits words said to or on the outlet (an interview, told) and is not its
        copy, only one the outlet put on or was heard at ("at a Fox News town hall", "told the RT America audience"), not
        another the sentence names ("Not long after Trump tweeted ..., NBC's Chuck Todd asked")."""
        occasion = carrier.said_in_public
        if not occasion or COURT_OCCASION_RE.search(occasion):
            return False
        if self.decisions[carrier.article_id].credit_kind not in HEARER_KINDS:
            return True
        name = re.sub(r"^the\s+", "", self.context.outlet_name(outlet_id), flags=re.IGNORECASE)
        return bool(name) and re.search(rf"\b{re.escape(name)}\b", occasion, re.IGNORECASE) is not None

    def root_outlet(self, root: tuple[str, int | None]) -> int | None:
        """The outlet of a root."""
        return self.by_article[root[1]].outlet_id if root[0] == "article" else root[1]

    def root_url(self, root: tuple[str, int | None]) -> str:
        """The URL of an origin article's root; '' for an outlet's."""
        return self.by_article[root[1]].url if root[0] == "article" else ""

    def label_root(self, root: tuple[str, int | None]) -> str:
        """A root in words."""
        if root[0] == "article":
            return describe(self.by_article[root[1]], self.context)
        return self.context.outside(root[1])

    def rows(self) -> list[tuple]:
        """Lineage rows: one per occurrence, with depth counted from the origin."""
        depth: dict[int, int] = {}

        def depth_of(carrier: Carrier) -> int:
            chain = []
            current = carrier
            while current.article_id not in depth and len(chain) < MAX_CHAIN:
                chain.append(current)
                decision = self.decisions[current.article_id]
                if decision.source is None:
                    depth[current.article_id] = 0 if decision.evidence == "origin" else 1
                    chain.pop()
                    break
                current = decision.source
            base = depth.get(current.article_id, 0)
            for item in reversed(chain):
                base += 1
                depth[item.article_id] = base
            return depth[carrier.article_id]

        rows = []
        for carrier in self.carriers:
            decision = self.decisions[carrier.article_id]
            level = depth_of(carrier)
            for occ_id, _, wording, _ in carrier.occurrences:
                source_occurrence = None
                source_article = None
                if decision.source is not None:
                    source_article = decision.source.article_id
                    source_occurrence = decision.source.occurrence_for(decision.source_wording or wording)
                rows.append((
                    occ_id, self.quote_id, source_occurrence, source_article, decision.source_outlet_id,
                    decision.evidence, round(decision.confidence, 3), decision.reason, level,
                ))
        return rows


def content_words(text: str) -> set[str]:
    """Distinct content words of a text (casefolded; apostrophes split words, as in the reuse stage)."""
    return {word for word in WORD_RE.findall(text.casefold()) if len(word) > 1 and word not in STOPWORDS}


def word_runs(text: str, size: int = OUTSIDE_RUN) -> set[tuple[str, ...]]:
    """Distinct runs of `size` consecutive words of a text (casefolded)."""
    words = WORD_RE.findall(text.casefold())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def outside_quote_shares(db: sqlite_utils.Database, pairs: list[tuple[int, int]]) -> dict[tuple[int, int], float]:
    """For (reuser, source) pairs: the share of the reuser's wording outside quotations that the source
    has outside its quotations (runs of OUTSIDE_RUN words).

    Reports of one press conference share the quotations, the names and the topic's words, and
    few runs of words besides; a copy shares its other sentences. Pairs whose reuser has too few
    content words outside quotations are left out.
    """
    if not pairs:
        return {}
    ids = sorted({article for pair in pairs for article in pair})
    texts: dict[int, str] = {}
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for values in chunked(ids):
        texts.update(db.execute(f"select id, text from articles where id in ({placeholders(values)})", values))
        for article_id, start, end in db.execute(
            f"select article_id, start, end from quote_occurrences where article_id in ({placeholders(values)})"
            " and +withdrawn_at is null",  # a withdrawn printing's offsets point into an older text
            values,
        ):
            spans[article_id].append((start, end))
    outside: dict[int, list[str]] = {}  # the text between quotations, piece by piece
    for article_id in ids:
        text, kept, position = texts.get(article_id) or "", [], 0
        for start, end in sorted(spans[article_id]):
            kept.append(text[position:start])
            position = max(position, end)
        kept.append(text[position:])
        outside[article_id] = kept
    enough = {article_id for article_id in {pair[0] for pair in pairs}
              if len(content_words(" ".join(outside[article_id]))) >= MIN_OUTSIDE_WORDS}
    runs: dict[int, set[tuple[str, ...]]] = {}
    shares = {}
    for reuser, source in pairs:
        if reuser not in enough:
            continue
        for article_id in (reuser, source):
            if article_id not in runs:  # no run spans the place of a quotation
                runs[article_id] = set().union(*map(word_runs, outside[article_id]))
        if runs[reuser]:
            shares[(reuser, source)] = len(runs[reuser] & runs[source]) / len(runs[reuser])
    return shares


ARTICLE_TIME_COLUMNS = "outlet_id, coalesce(time_key, published), published, published_precision"


def article_when(time_key: str | None, published: str | None, precision: str | None) -> When:
    """An article's time from its columns (ARTICLE_TIME_COLUMNS): published, else first seen (marked so)."""
    # the precision is the published time's, and applies only when the time key is it
    applies = precision if published is not None and time_key == published else None
    when = parse_time(time_key, applies)
    return replace(when, seen=True) if published is None else when


def find_stories(
    db: sqlite_utils.Database, credited: dict[int, set[int]], times: dict[int, When]
) -> dict[tuple[int, int], StoryArticle]:
    """For crediting articles and the crawled outlets they credit: that outlet's article of the story, if here.

    An outlet's article tells the crediting article's story when the crediting article links to
    it, when article_reuse pairs the two (either way), or when it prints a quote of a cluster the
    crediting article prints and lies within STORY_WINDOW of it (two days: a report credited
    "yesterday" with a date alone still counts; the same famous line quoted weeks apart does not).
    Each is a fact of the two articles alone, so the answer is the same in any import order, and
    each is found through an index lineage reads anyway (links, reuse pairs, a cluster's
    printings). A shared topic or person is not enough: on PolNeAR nearly every article names
    Donald Trump or Hillary Clinton, and an outlet's article quoting them within two days
    is as often another story. A credited outlet whose articles here show none of it has its
    telling of the story outside the database, as an outlet never crawled does. Of several, the
    strongest evidence, then the earliest article, then the URL sorting first.
    """
    found: dict[tuple[int, int], StoryArticle] = {}
    if not credited:
        return found
    conn = db.conn
    crediting = sorted(credited)
    seen: dict[int, tuple[int | None, When, str]] = {}  # articles met: (outlet, time, URL)

    def load(article_ids: Iterable[int]) -> None:
        missing = sorted(set(article_ids) - seen.keys())
        for values in chunked(missing):
            for article_id, outlet_id, time_key, published, precision, url in conn.execute(
                f"select id, {ARTICLE_TIME_COLUMNS}, url from articles where id in ({placeholders(values)})", values
            ):
                seen[article_id] = (outlet_id, article_when(time_key, published, precision), url)

    def offer(article_id: int, other_id: int, evidence: str, *, near: bool = False) -> None:
        outlet_id, when, url = seen[other_id]
        if outlet_id not in credited[article_id] or other_id == article_id:
            return
        if near and not within(times[article_id], when, STORY_WINDOW):
            return
        story = StoryArticle(other_id, outlet_id, when, url, evidence)
        current = found.get((article_id, outlet_id))
        if current is None or story.rank < current.rank:
            found[(article_id, outlet_id)] = story

    linked: list[tuple[int, int]] = []
    reused: list[tuple[int, int]] = []
    shared: list[tuple[int, int]] = []
    clusters: dict[int, set[int]] = defaultdict(set)
    for values in chunked(crediting):
        marks = placeholders(values)
        linked += conn.execute(
            f"""select article_id, target_article_id from article_links
            where article_id in ({marks}) and target_article_id is not null""",
            values,
        ).fetchall()
        reused += conn.execute(
            f"""select article_id, source_article_id from article_reuse
            where article_id in ({marks}) and +verdict in ('wholly', 'partially')
            union select source_article_id, article_id from article_reuse
            where source_article_id in ({marks}) and +verdict in ('wholly', 'partially')""",
            values + values,
        ).fetchall()
        for article_id, quote_id in conn.execute(
            f"""select distinct article_id, quote_id from quote_occurrences
            where article_id in ({marks}) and quote_id is not null""",
            values,
        ):
            clusters[quote_id].add(article_id)
    for values in chunked(sorted(clusters)):
        for quote_id, other_id, outlet_id in conn.execute(
            f"""select distinct o.quote_id, o.article_id, a.outlet_id from quote_occurrences o
            join articles a on a.id = o.article_id where o.quote_id in ({placeholders(values)})""",
            values,
        ):
            shared.extend(
                (article_id, other_id) for article_id in clusters[quote_id] if outlet_id in credited[article_id]
            )
    load(other for _, other in linked + reused + shared)
    for article_id, other_id in linked:
        offer(article_id, other_id, "link")
    for article_id, other_id in reused:
        offer(article_id, other_id, "reuse")
    for article_id, other_id in shared:
        offer(article_id, other_id, "quote", near=True)
    return found


def quotes_with_stories_to_check(db: sqlite_utils.Database, touched: set[int]) -> set[int]:
    """Clusters of the articles for which an import may bring, or take away, a credited outlet's article of their story.

    Asked before the import's articles are marked traced, with the clusters it touches (`touched`):
    the articles crediting an outlet whose first articles it brings (a credit to it was to an outlet
    never crawled), the articles linking to one of its articles, and the articles printing a touched
    cluster that credit an outlet whose articles print a touched cluster (a printing placed in or out
    of a cluster makes or unmakes a shared quote). Changed reuse pairs are traced again by the
    pipeline, both articles whole.
    """
    conn = db.conn
    articles: set[int] = set()
    untraced = [row[0] for row in conn.execute(
        "select distinct outlet_id from articles where traced = 0 and outlet_id is not null"
    )]
    for outlet_id in untraced:
        if conn.execute("select exists(select 1 from articles where outlet_id = ? and +traced = 1)", [outlet_id]).fetchone()[0]:
            continue
        # an intermediary ("X, per Y": X via Y) is credited in a row of its own, so outlet_id finds it
        articles.update(row[0] for row in conn.execute("select article_id from credits where outlet_id = ?", [outlet_id]))
    articles.update(row[0] for row in conn.execute(
        "select l.article_id from articles t join article_links l on l.target_article_id = t.id where t.traced = 0"
    ))
    carriers: dict[int, int | None] = {}
    for values in chunked(sorted(touched)):
        carriers.update(conn.execute(
            f"""select distinct o.article_id, a.outlet_id from quote_occurrences o join articles a on a.id = o.article_id
            where o.quote_id in ({placeholders(values)})""",
            values,
        ))
    printing = set(carriers.values())
    for values in chunked(sorted(carriers)):
        articles.update(
            article_id for article_id, outlet_id in conn.execute(
                f"select article_id, outlet_id from credits where article_id in ({placeholders(values)})", values
            )
            if outlet_id in printing and outlet_id != carriers[article_id]
        )
    found: set[int] = set()
    for values in chunked(sorted(articles)):
        found.update(row[0] for row in conn.execute(
            f"""select distinct quote_id from quote_occurrences
            where article_id in ({placeholders(values)}) and quote_id is not null""",
            values,
        ))
    return found


def load_context(db: sqlite_utils.Database) -> Context:
    """Outlets and which of them have articles."""
    outlets = {row[0]: (row[1], row[2]) for row in db.execute("select id, name, kind from outlets")}
    crawled = {
        row[0] for row in db.execute("select distinct outlet_id from articles where outlet_id is not null")
    }
    return Context(outlets, crawled)


@dataclass
class Teller:
    """Who told an outlet the words of a story credit, as the clause before its cue names them (`told_by`)."""

    shown: str  # the teller as the text names them
    heads: set[str]  # the surnames (or description heads) naming them, case-folded
    described: list[str] = field(default_factory=list)  # descriptions naming them, when no name does ("The senator")


def told_by(before: str, cue: str | None) -> Teller | None:
    """Who told the outlet, as the clause before a "told" cue names them; None when unknown.

    `before` is the text up to the credited outlet's name. Each part of the clause has a head, its last
    word before a preposition, a relative or a participle ("A spokeswoman for Smith": spokeswoman; "Raman,
    president of Local 12": raman and president; "Priebus, in the wake of a poll": priebus alone). The
    parts naming someone by name give the heads; with none, the descriptions are kept to be resolved as
    the speaker code resolves a described speaker ("The senator told CNN"); a pronoun or a time ("he told",
    "later told") names no one.
    """
    if not cue or not TELLER_CUE_RE.fullmatch(cue.strip()):
        return None  # "telling CNN", "reached by", "in an email to": the teller is not before the cue
    sentence = OWN_SENTENCE_END_RE.split(before[-400:])[-1]
    at = sentence.casefold().rfind(cue.strip().casefold())
    if at < 0:
        return None
    clause = TITLE_COLON_RE.sub(" ", PARENTHESES_RE.sub(" ", sentence[:at]))
    segment = TELLER_CUT_RE.split(clause)[-1].rstrip()
    appositive = segment.endswith(",")
    parts = TELLER_PART_RE.split(segment.rstrip(","))
    spoken = [teller_key(word) for word in TELLER_WORD_RE.findall(parts[-1])]
    spoken = [word for word in spoken if word in PRONOUNS or word not in NOT_TELLER_WORDS]
    if not spoken or spoken[-1] in PRONOUNS:
        return None  # "when he told Fox News": whom the pronoun stands for is not read here
    if not appositive:
        parts = parts[-1:]  # "..., an insurgent source told": the subject is the clause before the cue
    names, descriptions = set(), {}
    for part in parts:  # "Raman, president of Local 12, told": the subject is one of the parts
        read = teller_head(part)
        if read is not None:
            head, named, phrase = read
            if named:
                names.add(head)
            else:
                descriptions[head] = phrase
    if not names and not descriptions:
        return None
    shown = ", ".join(" ".join(part.split()) for part in parts)
    shown = shown if len(shown) <= 80 else "…" + shown[-79:]
    if names:
        return Teller(shown, names)
    return Teller(shown, set(descriptions), list(descriptions.values()))


def name_teller(conn, teller: Teller, article_id: int, before: str, indexes: dict[int, SpeakerIndex]) -> set[str]:
    """The surnames of the people a teller's descriptions stand for, as the speaker code resolves a described
    speaker ("The senator told CNN": the senator the article names); the description heads where it names no one."""
    index = indexes.get(article_id)
    if index is None:
        text = conn.execute("select text from articles where id = ?", [article_id]).fetchone()[0] or ""
        index = indexes[article_id] = SpeakerIndex(text)
        note_reporting_subjects(text, index)
    heads = set()
    for description in teller.described:
        at = before.rfind(description)
        person = index.resolve_person(description, at if at >= 0 else len(before))
        if person is None or not person.name.split():
            return teller.heads
        heads.add(person.name.split()[-1].casefold())
    return heads


def teller_head(part: str) -> tuple[str, bool, str] | None:
    """The head of one part of a teller's clause, case-folded, whether it is a name, and the phrase it heads; None
    when it has none.

    The part's subject is its words after the last word opening a clause that are not all times or
    helpers (`SUBORDINATE_RE`: "that the guard had", "who was held after one of his victims"), else
    before it ("three sources who"). The head is the last word before a preposition, a relative or a
    participle ("A spokeswoman for Smith": spokeswoman); a name is a capitalised head not opened by a determiner ("The Democrat",
    "his campaign manager" describe). The phrase runs from its first word that is no time ("Later
    his aide": his aide) to a relative or a participle ("a spokeswoman for Smith who").
    """
    clauses = [TELLER_WORD_RE.findall(clause) for clause in SUBORDINATE_RE.split(part)]
    words = next(
        (words for words in reversed(clauses) if any(teller_key(word) not in NOT_TELLER_WORDS for word in words)),
        [],
    )
    cut = next(
        (index for index, word in enumerate(words) if word.casefold() in HEAD_END_WORDS or PARTICIPLE_RE.fullmatch(word)),
        len(words),
    )
    first = next(
        (index for index, word in enumerate(words[:cut])
         if word.casefold() in DESCRIPTION_OPENERS or teller_key(word) not in NOT_TELLER_WORDS),
        cut,
    )
    kept = [word.strip(".’'") for word in words[first:cut]]
    kept = [word for word in kept if word and word.casefold() not in NOT_TELLER_WORDS]
    if not kept:
        return None
    named = kept[-1][:1].isupper() and words[first].casefold() not in DESCRIPTION_OPENERS
    end = next((index for index in range(cut, len(words)) if words[index].casefold() in RELATIVE_WORDS
                or PARTICIPLE_RE.fullmatch(words[index])), len(words))
    while end > first + 1 and teller_key(words[end - 1]) in NOT_TELLER_WORDS:
        end -= 1  # "the guard had": the guard
    return kept[-1].casefold(), named, " ".join(words[first:end])


def credit_day(sentence: str, cue: str | None) -> str | None:
    """The weekday a story credit gives its report ("The Times on Saturday wrote", "CNN reported Friday"); else None."""
    if not cue:
        return None
    found = CUE_DAY_RE.search(cue)
    if found:
        return found.group("day")
    at = sentence.find(cue)
    while at >= 0:
        found = AFTER_CUE_DAY_RE.match(sentence, at + len(cue))
        if found:
            return found.group("day")
        at = sentence.find(cue, at + 1)
    return None


def said_after(said: str, reported: str, published: When) -> bool:
    """Whether words said on weekday `said` came after a report of weekday `reported`, for an article of `published`.

    Weekdays in news are those of the week before the article: Monday's words in an article of
    Tuesday came after Saturday's report. With no date, another day is taken as another occasion.
    """
    if said == reported:
        return False
    if published.date is None:
        return True
    today = datetime.fromisoformat(published.date).weekday()
    return (today - WEEKDAYS.index(said)) % 7 < (today - WEEKDAYS.index(reported)) % 7


def story_paragraph(before: str) -> int:
    """The index among the text's paragraphs of prose of the one ending `before` (the text up to a credit).

    A line that ends no sentence is none: a page's "Advertisement banner" or "Cover Image", a title
    or subhead without a full stop, a date line. A title that ends as a sentence does (PolNeAR's
    titles: the lead as earlier sessions measured it there, title and first paragraph).
    """
    return sum(1 for line in before.split("\n")[:-1] if PROSE_END_RE.search(line))


def interview_setting(
    text: str, credit_start: int, sentence: str, quote_start: int, quote_end: int, others: Iterable[int] = (),
    outlet: str = "",
) -> str | None:
    """None when words printed at quote_start are ones a mid-story interview credit at credit_start speaks for; else why not.

    The setting in force at a printing is the one its own attribution names ('," Pence said during the
    interview', '," he said then at a rally'), else the last one the text names before it: the credit's
    interview, the interview named again ("during an interview", "in the same interview"), or another setting, a
    public occasion (OCCASION_RE), a court (COURT_RE) or another outlet's credit (`others`, their starts), which
    ends the interview's words, as does an interview with someone the outlet's name does not name (INTERVIEW_WITH_RE).
    Words printed before anything names a setting are the interview's only when the credit looks back to them
    ("Trump's comments came during a Fox interview"), shares their paragraph, or names the story's first setting after
    them in the lead (LEAD_PARAGRAPHS).
    """
    events = interview_events(text, credit_start, sentence, others, outlet)
    return setting_in_force(text, events, credit_start, sentence, quote_start, quote_end)


def interview_events(
    text: str, credit_start: int, sentence: str, others: Iterable[int] = (), outlet: str = ""
) -> list[tuple[int, str | None]]:
    """The settings the text names, in order, for a credit at credit_start: (position, None for the interview, or the other).

    They are the same for every printing of the article, so `ClusterTracer.other_setting` reads them once per credit.
    """
    names = {word.casefold() for word in WORD_RE.findall(outlet)} - {"news", "the", "magazine", "network"}
    at = text.find(sentence, max(0, credit_start - len(sentence))) if sentence else -1
    low, high = (at, at + len(sentence)) if at >= 0 else (credit_start, credit_start + 1)
    others = sorted(others)
    events: list[tuple[int, str | None]] = [(credit_start, None)]  # (position, None for the interview or the other)
    for found in re.finditer(r"[^\n]+", text):
        paragraph, offset = found.group(), found.start()
        quoted = quotation_spans(paragraph)
        for pattern in (OCCASION_RE, COURT_RE, CALL_RE, INTERVIEW_RE):
            for match in pattern.finditer(paragraph):
                position = offset + match.start()
                if low <= position < high or any(a <= match.start() < b for a, b in quoted):
                    continue
                if pattern is not INTERVIEW_RE:
                    events.append((position, match.group()))
                    continue
                if any(0 <= position - other <= OTHER_CREDIT_SPAN for other in others):
                    continue
                other = INTERVIEW_WITH_RE.match(paragraph, match.end())
                if other and not names & {word.casefold() for word in WORD_RE.findall(other.group("who"))}:
                    events.append((position, f"an interview with {other.group('who').strip()}"))
                elif (several := INTERVIEWS_RE.match(paragraph, match.start())) and not (
                    several.group("who") and names & {word.casefold() for word in WORD_RE.findall(several.group("who"))}
                ):
                    start = WORD_BEFORE_RE.search(paragraph, 0, match.start()).start()
                    events.append((position, paragraph[start : match.end() + 1]))
                else:
                    events.append((position, None))
    events.extend((other, "another outlet's credit") for other in others if not low <= other < high)
    events.sort(key=lambda event: event[0])
    return events


def setting_in_force(
    text: str, events: list[tuple[int, str | None]], credit_start: int, sentence: str, quote_start: int, quote_end: int
) -> str | None:
    """`interview_setting` for the printing at quote_start..quote_end, from the credit's `interview_events`."""
    ending = OWN_SENTENCE_END_RE.search(text, quote_end)
    own = [event for event in events if quote_end <= event[0] < (ending.start() if ending else len(text))]
    if own:
        return own[0][1]
    before = [event for event in events if event[0] < quote_start]
    if before:
        return before[-1][1]
    between = [event for event in events if quote_end <= event[0] < credit_start and event[1] is not None]
    if between:
        return between[-1][1]
    same_paragraph = "\n" not in text[quote_end:credit_start]
    if same_paragraph or BACK_REFERENCE_RE.search(sentence) or story_paragraph(text[:quote_start]) < LEAD_PARAGRAPHS:
        return None
    return "printed before the credit, which does not look back to it"


def said_elsewhere(
    before: str,
    speaker: str | None,
    outlet_name: str,
    after: str = "",
    cue: str | None = None,
    reporting: bool = False,
    outlets: Iterable[str] = (),
    inside: str = "",
    one_sentence: bool = False,
) -> tuple[str, str] | None:
    """Why a printing plainly comes from other than a story credit, and the hearer it names; else None.

    `before` is the text before the quotation: its own sentence says it is the words of the
    article's own outlet, of a document, words told to a named listener, words said at a public
    occasion (a debate, a rally, a statement, a post on Truth Social) or at an earlier time ("said
    earlier this week", which names no occasion and is said so: `EARLIER_TIME_REASON`), unless
    it says they were told to an outlet or said in an interview, which may be the credited outlet's.
    `after` is the text from the quotation's last character on, and `cue` its cue as the quote
    extractor read it: an attribution there that holds the cue ('," Kowal said at a rally.') may
    name the occasion too, with the same exclusions; so may one between the first two parts of a
    quotation printed in parts, `inside` from the first part's last character on ('"...," Kowal said
    at a rally last week. "...').

    With `reporting`, asked for a credit to an outlet's reporting ("according to", "obtained") rather
    than for words said to it: a private hearer (`private_hearer`, "told Ushakov", "told his aide")
    is no other listener, as the outlet may have had the words from the hearing (a recording, a
    source), and no bar to a public occasion ("told Clinton at a debate"). `outlets` are the names of
    the outlets the article credits, which a hearer naming one is. With `one_sentence`, `before` is read as one
    whole sentence, as `scene_occasion` reads the sentences above a quotation (split where a title does not end one).
    """
    own = COMPACT_RE.sub("", outlet_name.casefold())
    said_by = COMPACT_RE.sub("", (speaker or "").casefold())
    if own and len(said_by) >= 4 and (said_by == own or own.startswith(said_by) or said_by.startswith(own)):
        return f"words of the article's own outlet, {outlet_name}", ""
    if one_sentence:
        sentence, clauses = before, []
    else:
        sentence, _, clauses = quote_clauses(before, after, cue, inside, speaker)
    document = DOCUMENT_RE.search(sentence)
    if document:
        return f'a document\'s words ("{document.group().strip(QUOTE_TRIM)}")', ""
    names = (outlet_name, *outlets)
    listener = find_listener(sentence)
    if (
        listener and not PRESS_HEARER_RE.match(listener.group("hearer"))
        and not (reporting and private_hearer(listener.group("hearer"), names, sentence[listener.end():]))
    ):
        if public_hearer(listener.group("hearer")) or gathering_apposed(sentence[listener.end():]):
            # an audience heard them ("told a cheering crowd", "told the forum"): said in public, where anyone could hear
            return f'{PUBLIC_OCCASION_REASON}("{listener.group().strip()}")', listener.group("hearer")
        return f'words told to another listener ("{listener.group().strip()}")', listener.group("hearer")
    for words in (sentence, *clauses):
        occasion = (
            search_outside_quotations(OCCASION_RE, words) or search_outside_quotations(REACTION_RE, words)
            or (audience_told(words) if words is not sentence else None)
        )
        timed = (sentence if one_sentence else time_sentence(before, cue)) if words is sentence else words
        when = search_outside_quotations(TIME_VERB_RE, timed)
        if occasion or when:
            break
    listeners = [
        (found.group("hearer"), text[found.end():])
        for found, text in ((listener, sentence), *((LISTENER_RE.search(clause), clause) for clause in clauses)) if found
    ]
    if occasion and CLOSED_RE.search(occasion.group()) and not any(public_hearer(hearer) for hearer, _ in listeners):
        occasion = None  # said after a closed meeting, to no one named: the outlet may have heard them
    if (occasion or when) and not INTERVIEW_RE.search(" ".join((sentence, *clauses))) and not closed_occasion(words) and all(
        public_hearer(hearer) or gathering_apposed(rest) or (reporting and private_hearer(hearer, names, rest))
        for hearer, rest in listeners
    ):
        if occasion:
            return f'{PUBLIC_OCCASION_REASON}("{occasion.group().strip()}")', ""
        named = when.group("after") or when.group("before") or when.group("opening")
        return f'{EARLIER_TIME_REASON}("{named.strip()}")', ""
    return None


def quote_clauses(
    before: str, after: str, cue: str | None, inside: str = "", speaker: str | None = None
) -> tuple[str, bool, list[str]]:
    """The sentence that holds or attributes a quotation, whether the quotation opens its own, and its cue's clauses after it.

    The sentence is the quotation's own up to it. One ended before its opening mark, in its paragraph,
    is the quotation's only when it attributes it: the quotation has no cue after it ('Kowal said at a rally last week. "But
    ..."'), its cue names no one but by a pronoun or a description ('Kowal spoke at a rally. "...," she
    said.', '," the senator said'), that sentence's subject is a pronoun ('At the rally, she ...') or it
    names the speaker; not one about others ('Dockers will march at the convention. "...," Devine said.'
    names no occasion of Devine's).
    """
    paragraphs = before.rsplit("\n", 2)
    paragraph = paragraphs[-1]
    if len(paragraphs) > 1 and not paragraph.strip(QUOTE_TRIM + "‘’(") and paragraphs[-2].rstrip().endswith(":"):
        # a paragraph ending in a colon introduces the quotation opening the next ('He told the crowd:' then '"...'),
        # as its sentence would in one paragraph
        paragraph = f"{paragraphs[-2].rstrip()} {paragraph.lstrip()}"
    ends = [0] + [end.end() for end in OWN_SENTENCE_END_RE.finditer(paragraph)]
    pieces = [paragraph[start:stop] for start, stop in zip(ends, ends[1:])] + [paragraph[ends[-1]:]]  # with their ends
    sentence = pieces[-1]
    opens = not sentence.strip(QUOTE_TRIM + "‘’(")
    clauses = [attribution_after(inside, cue, opens)] if inside else []
    if after and not any(clauses):  # the cue between the parts of a quotation is its attribution, not what follows
        clauses.append(attribution_after(after, cue, opens))
    if opens and len(pieces) > 1 and (
        not any(clauses)
        or any(NAMELESS_CUE_RE.match(clause) for clause in clauses)
        or PRONOUN_SUBJECT_RE.match(pieces[-2])
        or names_speaker(pieces[-2], speaker)
    ):
        sentence = pieces[-2]
    return sentence, opens, clauses


# Reading the occasion a sentence above a quotation sets for it (`scene_occasion`): a time that may be another
# occasion's, named by the quotation's own sentence or one read past ("said recently", "For months", "on Saturday",
# "the following morning", "subsequently") ...
SCENE_TIME_RE = re.compile(
    rf"{TIME_RE.pattern}|\b(?:{WEEKDAY})\b|\b(?i:(?:days|weeks|months|years|decades)\b|"
    r"(?:the\s+)?(?:following|next|previous)\s+(?:day|morning|afternoon|evening|night|week)\b|"
    r"recently|previously|subsequently|afterwards?|repeatedly|(?:has|had|have)\s+long|at\s+the\s+time)\b"
)
# ... and what else a sentence read past may name: an interview, an opinion article, words told to anyone
SCENE_STOP_PATTERNS = (SCENE_TIME_RE, INTERVIEW_RE, re.compile(r"\b(?i:op-?eds?|opinion\s+(?:article|piece|essay)|column)\b"))
# ... where a sentence's aside ends or begins, a dash or a semicolon ("— the late neurologist wrote about it in his
# book —"; not a parenthesis: "said Rep. Ines Kowal (D-Eastport), ..., during a hearing"); an occasion not then,
# one to come, one before ("he'll have enough votes at the convention", "He had protested Trump at a Phoenix rally") or one
# the words followed ("he will push at the convention", "Not long after Trump tweeted"); and
# an occasion's name owning what follows ("the convention's rules committee")
HELD_RE = re.compile(rf"(?i:{HELD_VERBS})\b")  # an occasion held: its holder's
SCENE_ASIDE_RE = re.compile(r"\s[—–-]+\s|—|;")
SCENE_NOT_THEN_RE = re.compile(
    r"[’']ll\b|\b(?i:will|would|shall|had|plans?\s+to|planned\s+to|expected\s+to|likely\s+to|to\s+come|after|before|since|until|following|"
    # ... nor one a relative clause or an attendee's journey places someone at ("Boxer, who was in Nevada for the
    # convention", "Symms went to see Ayotte speak at a town hall", "Mendoza came from Texas to an immigration rally")
    r"who|whom|which|attended|(?:came|went|traveled|travelled|drove|flew)\s+(?:[\w-]+\s+){0,2}?(?:to|from)\s)\b"
)
# ... nor one the words followed, come from or speak about ("after the rally", "on many of Mr. Trump's speeches",
# "feedback on his public remarks or speeches"), but a post on a platform or a blog is one
SCENE_AWAY_RE = re.compile(
    rf"(?i:after|following|from|to|on)\s+(?!(?:(?i:his|her|their|its)\s+)?(?:{PLATFORMS})\b|"
    r"(?i:(?:his|her|their)\s+(?:[\w-]+\s+)??blog)\b)"
)
# ... nor one named inside the words a speech verb reports ("Lynch said the law doesn't require witnesses to show up at a
# public hearing"), where more than a time stands between the verb and the occasion ("Trump said Friday at a rally" is one)
REPORTED_VERB_RE = re.compile(rf"\b(?i:{SPEECH_VERB})\b")
SCENE_TIME_WORDS = frozenset(day.casefold() for day in WEEKDAYS) | {"night", "morning", "afternoon", "evening", "today", "then"}
# ... and the quotation's own sentence set at another time than the scene ("After the Paris attacks, Trump released"),
# not the next words of the same speaking ('," Trump said before adding: "', "after pausing")
SCENE_OWN_THEN_RE = re.compile(
    r"\b(?i:after|before|since|until|following)\b"
    r"(?!\s+(?i:adding|saying|continuing|noting|concluding|pausing|repeating|going\s+on)\b)"
)
POSSESSIVE_AFTER_RE = re.compile(r"['’]s\b")


def scene_occasion(
    above: str, speaker: str | None, outlet_name: str, after: str = "", cue: str | None = None, inside: str = "",
    outlets: Iterable[str] = (),
) -> str | None:
    """The public occasion a sentence above a quotation sets for it, in words, when the quotation's own names no setting.

    `above` is the text before the quotation. Read back from the quotation, through the rest of its paragraph
    and up to SCENE_PARAGRAPHS paragraphs above: the first sentence naming a setting (`said_elsewhere`, read as
    one sentence) decides. It is the quotation's occasion when it is a public one the speaker is named beside
    (in the same part of the sentence, not a dash's aside), ahead of what was said there ("Sanders went first at
    the town hall hosted by CNN, predicting ..." then '"...," he said'; not "suggesting that she had not been
    permitted to speak at the convention", nor inside words a verb reports: "Lynch said the law does not require
    witnesses to show up at a public hearing"), and said then: not one to come ("he will push at the convention"),
    one the words followed or came from ("Not long after Trump tweeted ..., Todd asked", "after the rally",
    "Mendoza came from Texas to an immigration rally"), one spoken about ("feedback on his speeches"), nor "the
    convention's rules committee". Another setting, or one of another's ("Mr. Obama's suggestion at a similarly timed debate"),
    places it nowhere. Each paragraph read past stays with the speaker: it names them or holds quotations
    ('"...," she said.'), else the scene has moved on; so does a sentence naming a time ("For months, Cruz had
    praised Trump", "But on Saturday, his tone"), an interview, an opinion article, or words told to anyone.
    Not when the quotation's own sentence or cue names a listener, an interview, a time or an occasion of its
    own ('"...," she said on Monday.', "he said recently", "Trump subsequently defended", "After the attacks, Trump").
    A quotation whose speaker is no one named is read only as a text's words (`text_speaks`: '," it says.'), placed at a
    statement, a letter or a post above ("Now they've put out another statement").
    """
    nameless = not speaker or not speaker.split()
    if nameless and not text_speaks(above, after, cue, inside):
        return None
    paragraphs = above.split("\n")[-SCENE_PARAGRAPHS - 1:]
    own = paragraphs[-1]
    ends = [0] + [end.end() for end in SCENE_SENTENCE_END_RE.finditer(own)]
    read = "\n".join([*paragraphs[:-1], own[: ends[-1]]])
    if not (OCCASION_RE.search(read) or REACTION_RE.search(read) or LISTENER_RE.search(read)):
        return None  # nothing above names an occasion, an audience's reaction or one told (most quotations)
    opens = not own[ends[-1]:].strip(QUOTE_TRIM + "‘’(")
    clauses = [own[ends[-1]:], *(attribution_after(text, cue, opens) for text in (inside, after) if text)]
    if any(
        search_outside_quotations(pattern, clause) for clause in clauses
        for pattern in (LISTENER_RE, INTERVIEW_RE, SCENE_TIME_RE, SCENE_OWN_THEN_RE, OCCASION_RE)
    ):
        return None
    paragraphs[-1] = own[: ends[-1]]
    # the pronoun the quotation's cue names the speaker by ('," she said.'), which a scene's pronoun must be
    cue_pronoun = next((clause.split()[0].casefold() for clause in clauses[1:] if clause.split()), None)
    split = [[piece for piece in SCENE_SENTENCE_END_RE.split(paragraph) if piece.strip(QUOTE_TRIM + "‘’( ")] for paragraph in paragraphs]
    for depth, paragraph in enumerate(reversed(paragraphs)):
        pieces = split[-1 - depth]
        earlier = [sentence for above_pieces in split[: len(split) - 1 - depth] for sentence in above_pieces]
        for index in range(len(pieces) - 1, -1, -1):
            sentence = pieces[index]
            found = said_elsewhere(sentence, speaker, outlet_name, outlets=outlets, one_sentence=True)
            if found is None:
                if find_listener(sentence) or any(search_outside_quotations(pattern, sentence) for pattern in SCENE_STOP_PATTERNS):
                    return None  # another setting, or another time
                continue
            named = PUBLIC_OCCASION_REASON_RE.fullmatch(found[0])
            if not named or not occasion_of(sentence, named.group(1), speaker, [*earlier, *pieces[:index]], cue_pronoun):
                return None
            return later_setting(sentence, named.group(1), speaker, outlet_name, outlets)
        if depth and not (names_speaker(paragraph, speaker) or QUOTATION_MARK_RE.match(paragraph.lstrip())):
            return None  # a paragraph about something else: the scene has moved on
    return None


def later_setting(sentence: str, occasion: str, speaker: str | None, outlet_name: str, outlets: Iterable[str]) -> str | None:
    """The occasion a scene sentence sets, unless it goes on to a listener the speaker spoke to after it ("held a rally
    ..., then flew home and spoke to reporters"): then the words are that listener's, an occasion only as the
    quotation's own sentence would make them one (`said_elsewhere`: an audience, not the press, which may be the outlet's)."""
    rest = sentence[sentence.find(occasion) + len(occasion):]
    if find_listener(rest) is None:
        return occasion
    found = said_elsewhere(rest, speaker, outlet_name, outlets=outlets, one_sentence=True)
    named = PUBLIC_OCCASION_REASON_RE.fullmatch(found[0]) if found else None
    return named.group(1) if named else None


def text_speaks(above: str, after: str, cue: str | None, inside: str = "") -> bool:
    """Whether a quotation whose speaker is no one named is the words of a text (a statement, a letter) by its attribution:
    its cue names the text or stands for it ('," it says.', '," the statement read.', between the parts of a quotation
    printed in two, `inside`), or, with no cue, it goes on from a quotation so attributed in the paragraph above ('"...,"
    it says.' then '"..."')."""
    if cue:
        return any(TEXT_CUE_RE.match(attribution_after(text, cue, True)) is not None for text in (inside, after) if text)
    paragraphs = [paragraph for paragraph in above.split("\n")[:-1] if paragraph.strip()]
    own = above.rsplit("\n", 1)[-1]
    return (
        bool(paragraphs) and not own.strip(QUOTE_TRIM + "‘’(") and QUOTATION_MARK_RE.match(paragraphs[-1].lstrip()) is not None
        and TEXT_CUE_AFTER_QUOTATION_RE.search(paragraphs[-1]) is not None
    )


def occasion_of(
    sentence: str, occasion: str, speaker: str | None, earlier: Sequence[str] = (), cue_pronoun: str | None = None
) -> bool:
    """Whether the public occasion a sentence names (`said_elsewhere`'s words) is where the speaker said what it goes on
    to quote: the speaker named in the same part of the sentence, ahead of what was said, at it and not before or
    after it (`scene_occasion`), and an occasion held by the speaker named before it ("Kowal held a rally", not "Vale
    held a rally while Kowal ..."); for a text's words, whose speaker is no one named (`text_speaks`), a statement, a
    letter or a post the sentence names. The speaker may be named by "He" or "She" opening the sentence when the
    sentences before it, `earlier` (in order), are about the speaker (`pronoun_speaker`: "Kowal is campaigning in
    Vale. He tells the crowd: ...") and the quotation's cue calls the speaker by no other (`cue_pronoun`)."""
    at = sentence.find(occasion)
    if at < 0:
        return False
    part_start = max((found.end() for found in SCENE_ASIDE_RE.finditer(sentence, 0, at)), default=0)
    part_end = next((found.start() for found in SCENE_ASIDE_RE.finditer(sentence, at + len(occasion))), len(sentence))
    lead = sentence[part_start:at]
    tail = lead[lead.rfind(",") + 1:]
    verbs = list(REPORTED_VERB_RE.finditer(tail))
    reported = [word for word in tail[verbs[-1].end():].split() if word.casefold() not in SCENE_TIME_WORDS] if verbs else []
    by_pronoun = part_start == 0 and pronoun_speaker(sentence, speaker, earlier, cue_pronoun)
    named = speaker is not None and (names_speaker(sentence[part_start:part_end], speaker) or by_pronoun)
    return (
        (named if speaker else TEXT_OCCASION_RE.search(occasion) is not None)
        and not TOLD_CLAUSE_RE.search(lead) and not SCENE_NOT_THEN_RE.search(tail) and len(reported) <= 2
        and not SCENE_AWAY_RE.match(occasion) and not POSSESSIVE_AFTER_RE.match(sentence, at + len(occasion))
        and not (HELD_RE.match(occasion) and not (names_speaker(lead, speaker) or (by_pronoun and SCENE_PRONOUN_RE.match(lead))))
    )  # ... "Vale held a rally while Kowal ..."


# a sentence's subject a pronoun, after a linking word at most ("He tells the crowd", "But she says")
SCENE_PRONOUN_RE = re.compile(r"\s*(?:(?:But|And|So|Then|Later|Still|Now|Yet|Also|Again),?\s+)?(?P<pronoun>He|She|he|she)\s")
SUBJECT_WORDS = 4  # the speaker's surname this many words into a sentence at most, as its subject ("House Speaker Paul Ryan")
ANTECEDENT_SENTENCES = 3  # how far back the sentences about the speaker a pronoun stands for are read


def pronoun_speaker(sentence: str, speaker: str | None, earlier: Sequence[str], cue_pronoun: str | None = None) -> bool:
    """Whether a sentence opening with "He" or "She" (SCENE_PRONOUN_RE) is about the speaker: read back through the
    sentences before it, `earlier`, each opening with the same pronoun, to one whose subject names the speaker (the
    surname opening it after titles or names, past an opening phrase's comma, not a possessive: "Kowal is
    campaigning in Vale. But he says ... He tells the crowd", "A week later, Kowal said"; not "A spokeswoman for Mr.
    Kowal did not reply. He ..."), within ANTECEDENT_SENTENCES; any other sentence between names someone else, or something.
    Not "He" when the quotation's cue says "she" (`cue_pronoun`: '," she said.'), nor the other way round."""
    found = SCENE_PRONOUN_RE.match(sentence)
    surname = (speaker or "").split()[-1:]
    if found is None or not surname or len(surname[0]) < 2:
        return False
    pronoun = found.group("pronoun").casefold()
    if cue_pronoun in ("he", "she") and cue_pronoun != pronoun:
        return False
    name_re = re.compile(rf"(?<![\w'’-]){re.escape(surname[0])}(?![\w-])")
    for before in list(reversed(earlier))[:ANTECEDENT_SENTENCES]:
        opening = SCENE_PRONOUN_RE.match(before)
        if opening is not None:
            if opening.group("pronoun").casefold() != pronoun:
                return False
            continue  # "But he says ..." goes on about the same person
        named = search_outside_quotations(name_re, before)
        if named is None or POSSESSIVE_AFTER_RE.match(before, named.end()):
            return False  # about someone else, or something of the speaker's ("Trump's approach ... She first tweeted")
        lead = before[: named.start()]
        lead = lead[lead.rfind(",") + 1:]  # past an opening phrase ("A week later, however, Rubio said")
        words = lead.split()
        return len(words) <= SUBJECT_WORDS and all(word[:1].isupper() for word in words) and not QUOTATION_MARK_RE.search(lead)
    return False


# a text's own attribution, its speaker no one named: '," it says.', '," the statement read.', '," the letter continued.'
TEXT_CUE = (
    r"\s*(?i:it|they|(?:the|this|that|its|their)\s+(?:[\w-]+\s+)?(?:statement|letter|release|post|note|memo))\s+"
    r"(?i:said|says|read|reads|continued|continues|added|adds|stated|states|went\s+on)\b"
)
TEXT_CUE_RE = re.compile(TEXT_CUE)
TEXT_CUE_AFTER_QUOTATION_RE = re.compile(rf"[,.!?…](?:''|[\"”]){TEXT_CUE}")
# ... and the occasions a text is: a statement, a letter, a release, a post on a platform or a blog, a tweet
TEXT_OCCASION_RE = re.compile(
    rf"\b(?i:statement|letter|release|post|posted|tweet|tweeted|blog|blogged|facebook)\b|\b(?:{PLATFORMS})\b"
)
NAMELESS_CUE_RE = re.compile(r"\s*(?:he|she|they|the|his|her)\s")  # '," she said', '," the senator said'
PRONOUN_SUBJECT_RE = re.compile(r"\s*(?:[^,.;\"“”]{0,80},\s*)?(?:He|She|he|she|They|they)\s")  # 'At the rally, she ...'


def heard_part(sentence: str, cue: str | None) -> str:
    """The part of a credit's sentence for words said to an outlet that may name the one heard: all of it but what
    the one heard spoke of, when the sentence opens with the interview ("In an interview with X, Vale questioned why
    Kowal ...": up to Vale; "Vale, in an interview with X, questioned why Kowal ...": up to the interview).

    A sentence whose subject stands before the cue ("Vale told X that Kowal ...") is kept whole, as the interviewer
    after it may be the one whose words are printed ("CNBC's Ruiz asked Vale about it").
    """
    at = sentence.find(cue) if cue else -1
    phrase_end = sentence.find(",", at + len(cue or "")) if at >= 0 else -1
    before = sentence[:max(at, 0)].strip()
    if phrase_end < 0 or (before and not before.endswith(",")):
        return sentence
    end = phrase_end + 1
    named, opened = False, 0  # a capitalised word read; the lowercase words before it ("the former governor")
    for token in TOKEN_RE.finditer(sentence, end):
        word = token.group()
        if word[:1].isupper():
            named = True
        elif word in ("and", "&") and named:
            continue  # "Kowal and Brandt": both, when a name follows
        elif named or opened >= 4 or (not opened and word.casefold() not in SUBJECT_LEAD_WORDS):
            break
        else:
            opened += 1
        end = token.end()
    return sentence[:end] if named else sentence[:phrase_end]


def names_speaker(sentence: str, speaker: str | None) -> bool:
    """Whether a sentence names the speaker by surname outside the quotations it holds."""
    surname = (speaker or "").split()[-1:]
    if not surname or len(surname[0]) < 2:
        return False
    return search_outside_quotations(re.compile(rf"(?<![\w'’-]){re.escape(surname[0])}(?![\w-])"), sentence) is not None


def find_listener(sentence: str) -> re.Match | None:
    """The first listener the sentence names (LISTENER_RE) outside the quotations it holds: one named inside is
    the quoted speaker's ('"I told Amsel, this is ours," Kowal said.'), a title quoted after one is its own."""
    return search_outside_quotations(LISTENER_RE, sentence)


def search_outside_quotations(pattern: re.Pattern, sentence: str) -> re.Match | None:
    """The first match of `pattern` in a sentence before a quotation outside the quotations it holds (`quotation_spans`).

    A listener, an occasion or a time named inside one is the quoted speaker's words ('"I said at the rally we
    would win," Kowal said. "'), not where or when this quotation was said.
    """
    quoted = quotation_spans(sentence)
    return next((found for found in pattern.finditer(sentence) if not any(a <= found.start() < b for a, b in quoted)), None)


def closed_occasion(words: str) -> bool:
    """Whether the clause naming an occasion says it was closed ("at a closed-door hearing", "behind closed doors"):
    a closed meeting is private, as a group told in one is (`public_hearer`); not words said after or outside one,
    nor what was told ("told reporters at a rally that the board met privately")."""
    end = TOLD_CLAUSE_RE.search(words)
    found = search_outside_quotations(CLOSED_RE, words[: end.start() if end else len(words)])
    return bool(found and not OUTSIDE_CLOSED_RE.search(words[: found.start()]))


def quotation_spans(sentence: str) -> list[tuple[int, int]]:
    """Where the quotations a sentence before a quotation holds stand, as (start, end) offsets.

    Its end, the opening mark of the quotation it stands before, is left out; a closing mark with no
    opening one before it (or the first of an odd number of straight marks, unless it plainly opens
    one, after a space and before a word) closes a quotation that began before the sentence did;
    one opened and not closed holds the quotation it stands before (a quotation inside a quotation).
    """
    body = OPENING_AT_END_RE.sub("", sentence)
    marks = list(QUOTATION_MARK_RE.finditer(body))
    straight = [mark for mark in marks if mark.group() in ('"', "''")]
    opened: int | None = 0 if len(straight) % 2 and not OPENS_RE.match(body, straight[0].start()) else None
    spans = []
    for mark in marks:
        text = mark.group()
        if text == "“" or (text == "”" and opened is None and OPENS_RE.match(body, mark.start())) or (
            text != "”" and opened is None
        ):
            if opened is None:
                opened = mark.start()
            continue
        spans.append((0 if opened is None else opened, mark.end()))
        opened = None
    if opened is not None:
        spans.append((opened, len(body)))
    return spans


def hearer_words(hearer: str) -> str:
    """The words naming the listener in LISTENER_RE's hearer, before what was told them, where or when."""
    end = HEARER_END_RE.search(hearer)
    return hearer[: end.start() if end else len(hearer)].strip()


def audience_told(clause: str) -> re.Match | None:
    """The words telling an audience (`public_hearer`, not the press) in a cue's clause after a quotation
    ('," Kowal told her supporters.'), an occasion as a rally is; else None."""
    found = find_listener(clause)
    hearer = found.group("hearer") if found else ""
    return found if found and not PRESS_HEARER_RE.match(hearer) and (
        public_hearer(hearer) or gathering_apposed(clause[found.end():])
    ) else None


def gathering_apposed(after: str) -> bool:
    """Whether the words after a listener (LISTENER_RE's hearer, up to a comma) say in apposition that it is a gathering,
    where anyone could hear ('told the Shangri-La Dialogue, a regional security forum in Singapore'), not a closed one."""
    found = GATHERING_APPOSITIVE_RE.match(after)
    return found is not None and not closed_occasion(found.group())


def public_hearer(hearer: str) -> bool:
    """Whether the listener words were told to (LISTENER_RE's hearer) heard them in public: the press or an audience.

    "reporters at a briefing", "his supporters", "a cheering throng of supporters", "the debate audience",
    "the mayors who gathered in Indianapolis"; not told in a closed meeting ("lawmakers privately").
    """
    words = hearer_words(hearer)
    if closed_occasion(hearer):
        return False
    place = hearer[len(words):]
    if LAWMAKERS_RE.match(words) and HEARER_PLACE_RE.match(place) and not SITTING_RE.search(TOLD_CLAUSE_RE.split(place)[0]):
        return False
    return bool(
        PUBLIC_HEARER_RE.match(hearer) or AUDIENCE_RE.search(words)
        or GATHERED_RE.search(words) or GATHERED_RE.match(hearer[len(words):])
    )


def private_hearer(hearer: str, outlets: Iterable[str] = (), after: str = "") -> bool:
    """Whether the listener words were told to (LISTENER_RE's hearer) heard them in private and put them out nowhere.

    A person or an official ("Ushakov that Trump ...", "his aide", "a Kremlin official", "the FBI")
    is; an outlet (one of `outlets` by name, or a name built on a news word: "the Beta Herald"), a
    host or a medium ("radio host Hugh Hewitt", "French television channel BFM TV"), the press or an
    audience (`public_hearer`) is not. Nor is a name the tracker does not know that the sentence
    shows is an outlet (`outlet_hearer`): one with a domain ("Kestrel.com"), interviewed or on the
    air ("Kestrel in an interview", "Kestrel on its podcast"), or described as one in the words
    after the hearer, `after` ("Kestrel, a news site in Eastport,").
    """
    words = hearer_words(hearer)
    spaced = f" {' '.join(WORD_RE.findall(words.casefold()))} "
    names = (" ".join(WORD_RE.findall(LEADING_THE_RE.sub("", outlet).casefold())) for outlet in outlets)
    return not (
        not spaced.strip() or PRESS_HEARER_RE.match(words) or public_hearer(hearer)
        or HOST_RE.search(words) or MEDIUM_RE.search(words) or UNKNOWN_OUTLET_FULL_RE.search(words)
        or any(name and f" {name} " in spaced for name in names)  # whole words: The Hill is not in "Hillary"
        or outlet_hearer(hearer, after)
    )


def outlet_hearer(hearer: str, after: str = "") -> bool:
    """Whether a listener named by a name the tracker does not know is shown to be an outlet by the words around it.

    "Kestrel.com" (a domain), "Kestrel in an interview", "Kestrel on its podcast", "Kestrel, a news site,"
    (`after`: the words after LISTENER_RE's hearer). A person told something is none of these.
    """
    words = hearer_words(hearer)
    return bool(
        DOMAIN_NAME_RE.search(words) or HEARER_INTERVIEW_RE.match(hearer[len(words):])
        or (not hearer[len(words):].strip() and OUTLET_APPOSITIVE_RE.match(after))
    )


def time_sentence(before: str, cue: str | None) -> str:
    """The sentence whose time beside a speech verb places a quotation: its own, or the one before when it opens one with no cue.

    A quotation with no cue of its own goes on with the words the sentence before attributes ('Mr.
    McCain recalled last week. "But he was an honest liberal.'); one with its cue after it has its
    own attribution there ('... back in 2008. "...," she said.').
    """
    pieces = OWN_SENTENCE_END_RE.split(before)
    if cue or len(pieces) < 2 or pieces[-1].strip(QUOTE_TRIM + "‘’("):
        return pieces[-1]
    return pieces[-2]


def attribution_after(after: str, cue: str | None, opens: bool) -> str:
    """The attribution after a quotation when it holds the quotation's cue, up to a comma after it or its sentence's end; else "".

    `after` starts with the quotation's last character, then its closing mark. A quotation ending a
    sentence ('."') is followed by another sentence, which is its attribution only when the
    quotation opened its own ('"..." Kowal said on Monday.').
    """
    closing = CLOSING_RE.match(after)
    verb = (cue or "").split()[:1]
    if closing is None or not verb or not verb[0][:1].isalpha():
        return ""
    rest = after[closing.end():]
    end = CLAUSE_END_RE.search(rest)
    clause = rest[: end.start() if end else len(rest)]
    if closing.group(1) in (".", "!", "?", "…") and clause.lstrip()[:1].isupper() and not opens:
        return ""
    said = re.search(rf"\b{re.escape(verb[0])}\b", clause, re.IGNORECASE)
    if said is None:
        return ""
    stop = CUE_CLAUSE_END_RE.search(clause, said.end())
    reaction = stop and REACTION_AFTER_CUE_RE.match(clause, stop.start())
    if reaction:  # an audience's reaction after the comma is the cue's own ('," Kowal said, drawing cheers.')
        stop = CUE_CLAUSE_END_RE.search(clause, reaction.end())
    elif stop and stop.group() == "," and (apposed := GATHERING_APPOSITIVE_RE.match(clause, stop.start())) and find_listener(
        clause[: stop.start()]
    ):
        # ... and so is an apposition saying the listener is a gathering ('," Carter told the Shangri-La Dialogue, a
        # regional security forum in Singapore.')
        return clause[: apposed.end()]
    elif stop and stop.group() == "," and not clause[: said.start()].strip():
        # ... and so is where, after the description of a speaker the verb stands before ('," wrote Ines Kowal of
        # Eastport, Vale, in a case study published Monday.'; not '," said Kowal, who spoke at a rally')
        parts = clause[stop.end():].split(",")[:APPOSITIVE_PARTS + 1]
        for index, part in enumerate(parts):
            if REPORTED_VERB_RE.search(part) or APPOSITIVE_STOP_RE.search(part):
                break
            if SETTING_PART_RE.match(part):
                return clause[: stop.end() + sum(len(piece) + 1 for piece in parts[:index]) + len(part)]
    return clause[: stop.start() if stop else len(clause)]


def trace_batch(db: sqlite_utils.Database, quote_ids: list[int], context: Context) -> int:
    """Trace one batch of clusters; returns the number of lineage rows written."""
    lineage_rows, origins = compute_batch(db, quote_ids, context)
    return write_batch(db, quote_ids, lineage_rows, origins)


def compute_batch(db: sqlite_utils.Database, quote_ids: list[int], context: Context) -> tuple[list[tuple], list[tuple]]:
    """The lineage rows and origins of one batch of clusters; reads the database, writes nothing."""
    conn = db.conn
    occurrences = conn.execute(
        f"""select o.id, o.quote_id, o.article_id, o.start, o.normalized, o.is_canonical, o.seen_at,
        o.withdrawn_at, o.told_own_outlet, o.cue, o.speaker_name,
        case when o.withdrawn_at is null
        then (select substr(a.text, max(1, o.start - {SCENE_CHARS - 1}), min(o.start, {SCENE_CHARS})) from articles a
              where a.id = o.article_id)
        else (select substr(v.text, max(1, o.start - {SCENE_CHARS - 1}), min(o.start, {SCENE_CHARS})) from article_versions v
              where v.article_id = o.article_id and v.version = o.version) end,
        case when o.withdrawn_at is null
        then (select substr(a.text, o."end", 300) from articles a where a.id = o.article_id)
        else (select substr(v.text, o."end", 300) from article_versions v
              where v.article_id = o.article_id and v.version = o.version) end,
        case when json_array_length(o.spans) > 1 then (
            select substr(t.text, t.first_end, min(t.second_start - t.first_end + 1, 300)) from (
                select coalesce(
                    (select v.text from article_versions v where o.withdrawn_at is not null
                     and v.article_id = o.article_id and v.version = o.version),
                    (select a.text from articles a where a.id = o.article_id)
                ) as text, json_extract(o.spans, '$[0][1]') as first_end, json_extract(o.spans, '$[1][0]') as second_start
            ) t
        ) end
, o."end"
        from quote_occurrences o
        where o.quote_id in ({placeholders(quote_ids)})
        order by o.article_id, o.start, o.id""",
        quote_ids,
    ).fetchall()
    article_ids = sorted({row[2] for row in occurrences})
    occurrence_ids = [row[0] for row in occurrences]
    articles = {}
    context.credits = defaultdict(list)
    context.credit_occurrences = defaultdict(set)
    context.credit_times = {}
    context.links = defaultdict(list)
    context.heard_by = defaultdict(lambda: defaultdict(set))
    context.reuse = defaultdict(list)
    credited: dict[int, set[int]] = defaultdict(set)  # article -> crawled outlets it credits (not its own)
    for values in chunked(article_ids):
        marks = placeholders(values)
        for article_id, outlet_id, time_key, published, precision, url in conn.execute(
            f"""select id, {ARTICLE_TIME_COLUMNS}, url from articles where id in ({marks})""",
            values,
        ):
            articles[article_id] = (outlet_id, article_when(time_key, published, precision), url)
        for row in conn.execute(
            f"""select article_id, id, outlet_id, kind, cue, scope, is_copy, via_outlet_id, start,
            seen_at, withdrawn_at from credits where article_id in ({marks}) order by article_id, id""",
            values,
        ):
            context.credits[row[0]].append(row[1:9])
            target = row[7] or row[2]
            if target in context.crawled and target != articles[row[0]][0]:
                credited[row[0]].add(target)
            if row[9] or row[10]:
                context.credit_times[row[1]] = (row[9], row[10])
        indexes: dict[int, SpeakerIndex] = {}  # article -> its people, for tellers it only describes
        texts: dict[int, str] = {}  # article -> its text, for credits past the lead for words said to an outlet
        for credit_id, article_id, before, last, sentence, scope, kind, cue, start in conn.execute(
            f"""select c.id, c.article_id, substr(a.text, 1, c.start), {LAST_PARAGRAPH_SQL},
            c.sentence, c.scope, c.kind, c.cue, c.start
            from credits c join articles a on a.id = c.article_id
            where c.article_id in ({marks}) and c.start is not null and not c.is_copy
            and (c.scope = 'story' or (c.scope = 'quote' and c.kind in ({placeholders(REPORTING_KINDS)})))""",
            [*values, *REPORTING_KINDS],
        ):
            paragraph = story_paragraph(before or "")
            context.credit_places[credit_id] = (paragraph, bool(last), sentence or "")
            teller = told_by(before or "", cue) if kind in HEARER_KINDS and scope == "story" else None
            if teller is not None:
                if teller.described:
                    teller.heads = name_teller(conn, teller, article_id, before or "", indexes)
                context.tellers[credit_id] = teller
            day = credit_day(sentence or "", cue)
            if day is not None:
                context.credit_days[credit_id] = day
            if scope == "quote" and (paragraph < LEAD_PARAGRAPHS or last):
                context.lead_credits.add(credit_id)
            if scope == "story" and kind in HEARER_KINDS and paragraph >= LEAD_PARAGRAPHS:
                texts.setdefault(article_id, conn.execute("select text from articles where id = ?", [article_id]).fetchone()[0])
                context.interview_texts[credit_id] = (texts[article_id], start)
        for article_id, outlet_id, kind, speaker in conn.execute(
            f"""select c.article_id, c.outlet_id, c.kind, o.speaker_name from credits c
            join credit_occurrences co on co.credit_id = c.id join quote_occurrences o on o.id = co.occurrence_id
            where c.article_id in ({marks}) and c.scope = 'quote' and not c.is_copy and c.withdrawn_at is null""",
            values,
        ):
            if kind in HEARER_KINDS and speaker and speaker.split():
                context.heard_by[article_id][outlet_id].add(speaker.split()[-1].casefold())
        for row in conn.execute(
            f"""select article_id, outlet_id, target_article_id, anchor, start from article_links
            where article_id in ({marks}) and (outlet_id is not null or target_article_id is not null)
            order by article_id, id""",
            values,
        ):
            context.links[row[0]].append(row[1:])
        for row in conn.execute(
            f"""select article_id, source_article_id, containment, verdict from article_reuse
            where article_id in ({marks}) and +verdict in ('wholly', 'partially')""",
            values,
        ):
            context.reuse[row[0]].append(row[1:])
    context.stories = find_stories(db, credited, {article_id: row[1] for article_id, row in articles.items()})
    pairs = [(a, row[0]) for a, rows in context.reuse.items() for row in rows]
    shares = outside_quote_shares(db, pairs + [(source, reuser) for reuser, source in pairs])
    context.reused_by = defaultdict(list)
    for article_id, rows in context.reuse.items():
        for source_id, containment, verdict in rows:
            context.reused_by[source_id].append((article_id, containment, verdict, shares.get((source_id, article_id))))
        rows[:] = [(*row, shares.get((article_id, row[0]))) for row in rows]
    for values in chunked(occurrence_ids):
        for credit_id, occurrence_id in conn.execute(
            f"select credit_id, occurrence_id from credit_occurrences where occurrence_id in ({placeholders(values)})",
            values,
        ):
            context.credit_occurrences[credit_id].add(occurrence_id)
    clusters: dict[int, dict[int, Carrier]] = defaultdict(dict)
    for (
        occ_id, quote_id, article_id, start, normalized, canonical, seen_at, withdrawn_at, told, cue, speaker, before, after,
        inside, end,
    ) in occurrences:
        carriers = clusters[quote_id]
        carrier = carriers.get(article_id)
        outlet_id, published, url = articles[article_id]
        # a printing a later version added dates from that version's fetch, not the article's time
        when = replace(parse_time(seen_at), seen=True) if seen_at else published
        if carrier is None:
            carrier = carriers[article_id] = Carrier(
                article_id, outlet_id, when, [], url=url, revised=seen_at is not None,
                outlet_name=context.outlet_name(outlet_id) if outlet_id is not None else "",
                credited=tuple(
                    context.outlet_name(outlet) for credit in context.credits.get(article_id, [])
                    for outlet in (credit[1], credit[6]) if outlet is not None
                ),
            )
        elif when.sort_key < carrier.when.sort_key:
            carrier.when, carrier.revised = when, seen_at is not None
        carrier.occurrences.append((occ_id, start, normalized, canonical))
        carrier.spans.append((start, end))
        if speaker and speaker.split():
            carrier.surnames.add(speaker.split()[-1].casefold())
        carrier.befores.append(((before or "")[-BEFORE_CHARS:], speaker))
        carrier.aboves.append(before or "")
        carrier.afters.append((after or "", cue, inside or ""))
        carrier.live[occ_id] = (seen_at, withdrawn_at)
        if told and withdrawn_at is None:
            carrier.told = cue or "told"
    lineage_rows = []
    origins = []
    for quote_id in quote_ids:
        carriers = clusters.get(quote_id)
        if not carriers:
            origins.append((None, None, "unresolved", "no occurrences", quote_id))
            continue
        try:
            rows, origin = ClusterTracer(quote_id, list(carriers.values()), context).trace()
        except Exception as error:  # one bad cluster must not stop a long job
            LOGGER.exception("tracing quote %s failed; its lineage is left empty", quote_id)
            origins.append((None, None, "unresolved", f"tracing failed: {error}", quote_id))
            continue
        lineage_rows.extend(rows)
        origins.append((*origin, quote_id))
    return lineage_rows, origins


def write_batch(db: sqlite_utils.Database, quote_ids: list[int], lineage_rows: list[tuple], origins: list[tuple]) -> int:
    """Replace the lineage rows of these clusters and set their origins; returns the number of rows."""
    conn = db.conn
    conn.execute(f"delete from lineage where quote_id in ({placeholders(quote_ids)})", quote_ids)
    conn.executemany(
        """insert or replace into lineage (occurrence_id, quote_id, source_occurrence_id,
        source_article_id, source_outlet_id, evidence, confidence, reason, depth)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        lineage_rows,
    )
    current = {
        row[-1]: row
        for row in conn.execute(
            f"""select origin_outlet_id, origin_article_id, origin_kind, origin_reason, id from quotes
            where id in ({placeholders(quote_ids)})""",
            quote_ids,
        )
    }
    conn.executemany(  # unchanged rows are left alone: every update re-indexes the quote's text
        """update quotes set origin_outlet_id = ?, origin_article_id = ?, origin_kind = ?,
        origin_reason = ? where id = ?""",
        [origin for origin in origins if current.get(origin[-1]) not in (None, origin)],
    )
    return len(lineage_rows)


def trace_quotes(db: sqlite_utils.Database, quote_ids: Iterable[int] | None = None) -> None:
    """(Re)compute lineage rows and the origin of these clusters (all when None)."""
    if quote_ids is None:
        ids = [row[0] for row in db.execute("select id from quotes order by id")]
    else:
        ids = sorted({int(quote_id) for quote_id in quote_ids})
    if not ids:
        return
    context = load_context(db)
    written = 0
    with bulk_stage(db), db.conn:
        for batch, (lineage_rows, origins) in computed_batches(db, ids, context):
            written += write_batch(db, batch, lineage_rows, origins)
    LOGGER.info("traced %s, %s", counted(len(ids), "cluster"), counted(written, "lineage row"))


def computed_batches(
    db: sqlite_utils.Database, ids: list[int], context: Context
) -> Iterator[tuple[list[int], tuple[list[tuple], list[tuple]]]]:
    """(batch, its rows and origins) for every batch of clusters, in order.

    Clusters are traced apart from one another, so a trace of PARALLEL_MIN_CLUSTERS or more, of a
    database file with nothing uncommitted, computes its batches on worker processes (each
    reading the file as committed) while this process writes; the rows are the same. Workers
    that cannot start here (a script without the `if __name__ == "__main__":` guard) leave
    the work to this process.
    """
    batches = list(chunked(ids, BATCH_CLUSTERS))
    workers = min(os.cpu_count() or 1, len(batches))
    path = database_file(db)
    if len(ids) >= PARALLEL_MIN_CLUSTERS and workers > 1 and path and not db.conn.in_transaction:
        def lost(batch: list[int], message: str) -> tuple[list[tuple], list[tuple]]:
            LOGGER.warning("a lineage worker was lost (%s); tracing its batch here", message)
            return compute_batch(db, batch, context)

        results = map_in_order(
            _compute_task, batches, workers=workers, window=2 * workers, lost=lost,
            initializer=_init_tracer, initargs=(path,),
        )
        try:
            yield from zip(batches, results)
            return
        except WorkersFailed as error:  # before any result: nothing is written yet
            LOGGER.warning("%s; tracing in this process", error)
        finally:
            results.close()  # the pool ends with it
    for batch in batches:
        yield batch, compute_batch(db, batch, context)


_TRACER: dict[str, object] = {}  # in a lineage worker: its read-only database and the context


def _init_tracer(path: str) -> None:
    """In a lineage worker: open the database read-only and load what every batch needs."""
    database = open_db(path, readonly=True)
    _TRACER["db"], _TRACER["context"] = database, load_context(database)


def _compute_task(batch: list[int]) -> tuple[list[tuple], list[tuple]]:
    """In a lineage worker: one batch's rows and origins."""
    return compute_batch(_TRACER["db"], batch, _TRACER["context"])
