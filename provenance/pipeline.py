"""The per-article stage (a pure function of one page) and the orchestration of an import."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from itertools import chain, islice
from typing import TYPE_CHECKING, TypeVar

import sqlite_utils

from db.save import (
    NOT_RETIRED,
    RETIRED_KEY_PREFIX,
    SavedArticle,
    finish_run,
    insert_fingerprints,
    record_error,
    record_registry_sources,
    refresh_registry_outlets,
    save_analysis,
    save_reanalysis,
    save_registry_files,
    saved_registry_files,
    start_run,
)
from db.bulk import few_collections, mapped, reads_mapped
from db.schema import database_file, ensure_db_shape
from provenance import clustering, lineage, people, reuse, signals
from provenance.counts import counted
from provenance.credits import read_credits
from provenance.models import Analysis, Article, Link, Outlet
from provenance.normalize import NORMALIZATION_VERSION
from provenance.outlets import (
    BUILTIN_SOURCE,
    NEWS_NETWORKS,
    POOLED_UNKNOWN_KEY,
    OutletRegistry,
    RegistryFile,
    distinctive_name,
    domain_set,
    load_registry,
    outlet_for_article,
    page_address,
    page_outlet_names,
    read_from_canonical,
    read_registry_text,
    registrable_domain,
    short_form_regex,
    short_heads,
    text_forms,
    url_in_domains,
)
from provenance.quotes import extract_quotes
from provenance.signals import PageOvertime, describe_interruption, page_time_limit
from provenance.times import utc_now
from provenance.workers import idle_core, map_in_order, start_fork_server
from scrapers.files import (
    ImportFailure,
    SkippedRecord,
    expand_paths,
    iter_articles,
    iter_jsonl_lines,
    kind_of,
    record_of_line,
    warc_files,
    warn_no_records,
)

if TYPE_CHECKING:
    from scrapers.warc import PayloadIndex

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")

# The version of the per-article analysis (quotes, speakers, credits, outlets, links, fingerprints):
# bumped whenever an extractor changes what it finds, so that `provenance reanalyse --only-stale`
# analyses again the articles saved with an older one (articles.analysed_with).
ANALYSIS_VERSION = 18  # 18: quotes and speakers (quotes30: the agent after a passive naming verb, '"witch hunt" by
# Democrats', speaks; 'portray', 'characterize', 'describe' name a fragment; a work with its author, 'A projection by the
# firm X', 'a letter obtained by AP', is the subject; two roles after a capitalised modifier read whole; an absolute
# phrase's subject keeps its 'of' complement; a closing cue after a fragment whose comma is inside the marks; 'Time
# magazine' is one name; a split quote whose cue ends a sentence is no headline; a mark lost before ', said X,' and a
# right mark opening after 'says,' pair).
# 17: speakers (an apposition whose closing comma is missing, "X, president and CEO of Y
# stated", is X; a description joining two roles with 'and' reads whole; a noun an opening phrase names before its
# second participle is no subject); quotes ('repeated', 'cut in', 'broke in' are cues; a straight mark after a comma
# with no space before a capital closes an open quotation; the subject of an absolute phrase, ", with X taking to
# Twitter to call", speaks; 'what X called "..."' is X's; an opening double mark inside an open quote whose next two
# marks close nests in it; a double-marked quote whose closing mark was lost ends with its paragraph after a cue or a
# split quote's cue; an archive's ''...'' closing in parentheses as '.' closes; a sentence may open with a
# parenthesis; a term after an active naming verb and its object, 'called him a "moderate"', is its subject's fragment).
# 16: speakers (a name after a title's or an initial's full stop that follows a preposition or a
# verb, "said having Mr. Putin treat him", is an object a later 'he' passes over for its sentence's subject; a role after
# a When-clause naming one person is that person when the role names no one yet; "More from X:" after a dash names X;
# a description named in apposition, "Henry Clay's biographers, David and Jeanne Heidler, wrote", is that name); quotes
# (the words before a cue may run to 160 characters when an institution's name ends them; a curly closing mark with no
# space before a capitalised word ends its sentence; "called over her shoulder," before a quotation is its cue).
# 15: credits (a medium named with no article between a cue and the outlet, "told French
# television channel BFM TV", "told French television station BFMTV", is read as "told the station X" was; "appeared
# to be" between a teller's quotations names no appearance, so "He added that ... appeared to be "..."" goes on);
# quotes (a pull quote signed inside its marks, '"We will win.\nJane Roe, Harborton."', ends before the name line,
# which names its speaker); speakers ('he' or 'she' for one of no known sex is the one of that sex leading a later
# sentence, 'Clinton criticized officer Betty Shelby for shooting Terence Crutcher. "...," she said'; "As X, an
# apposition holding a quoted title, put it" is X's; a description resolved to no one is the one the next sentence
# introduces with its role, "his longtime personal physician ... attributed to Dr. Harold Bornstein"; "X of the Y
# Center for Z Studies said" is X).
# 14: outlets (a page fetched at a site's address is that site's printing, whatever its
# canonical names: a syndicated copy's canonical is the original's); pages (a tag, author or live-blog page is none);
# credits (words said "on the show" are the outlet whose show the last credit, two paragraphs up at most, heard words
# on; an account or interview someone "gave to" an outlet names its teller in its cue, "an account she gave to X",
# and relays words told to someone else too; words said on a programme its title names, "On The Kestrel Morning Show,",
# 'an episode of "The Kestrel Hour,"', are an interview credit to an outlet of that name, not the crediting outlet's own;
# words of no one named a sentence before a teller ('her March comment that, "A." ... Ruiz told the Post') are not the
# teller's, nor told to the outlet, unless the teller's sentence looks back to them);
# speakers (a surname typed with another apostrophe is the name printed before, "Dana
# O’Rourke" then "O'Rourke said"; initials in capitals, "CHEW filed", "the DEA", "Harbour PAC", name an organisation,
# and a heading in capitals, "FULL TEXT", no one: neither is a referent for 'he'; a country whose people the article
# names, "Norvania said" beside "Norvanian", is no surname; a League, Club, Alliance or Watch is an organisation;
# "opens with a narrator saying:" names the narrator; a heading's name ends before a word the text never prints,
# "Obama Sees"; "Mr. X" is not the "Michelle X" named; "the key states of" is no cue).
# 13: credits (a sentence looking back to the words quoted just before it, "Starr's remarks,
# first reported by X, ...", "The comments were first aired by X", "X first reported the remarks", "He made the
# comments to X", credits those words across a paragraph break: the quotations of the sentence before are its own);
# and speakers (a part of a group named before 'of' speaks with its group: "61 percent of voters said", "The share of
# Republicans saying", "one of those advisers", "An average of 10 percent of registered voters reported", not "voters"
# or "Republicans" or no one); also quotes (a '”' opening a paragraph, after spaces or invisible direction marks,
# before a word or an ellipsis, opens a quote: '”Sorry Sarah, ...!!” posted X', '” … in the case of Wyoming, ...,”
# wrote Y'; one opening mark typed twice, '"“You don’t win ...”', opens one quote; a term after "what's called" or
# after a thing named with 'a' inside a sentence, "oppose an inflation formula called the "chained CPI"", is a scare
# quote, no one's words; words read back as a speaker stop at a present tense that is no plural noun as at a past one,
# "Hillary Clinton accuses Bernie Sanders of ...", "Hoff's letter makes a case:", "The group seeks"; 'commented' is a
# reporting verb, and 'comments' a cue opening the words after a quotation before a name, '," comments Robin
# Biesbroek'); and speakers again (a name between quotation marks is no referent for a later 'he' or 'she': not a
# quoted title's words, "entitled "Mr. Penwick Is Not a Bold Harbour-Builder,"", nor one the quotation itself names,
# ""I had Shelley [Moore Ashby] up," she said", nor one opening a sentence inside it, nor the subject of a reporting
# verb inside it, ""... Mine told me that ...," he said"; nor an outlet of the registry that spoke, "Quayline said in a
# statement"); a word for someone unnamed or a crowd, a plural demonym or a garbled word opening a sentence is no
# surname: 'Someone', 'Mine', 'Others', 'Hundreds', 'Marovicans' give no speaker's name; a description whose marks
# no mention bears out, "Yet it was unclear whether Penwick would agree. The Harborton senator emailed", is the one
# person its paragraph names before it, not the last one quoted); and quotes (a few words quoted inside an apposition
# after the quotation, '," delegate X, wearing a hat and "Abana" campaign pins, said', do not hide the cue after them).
# 12: credits (words said on air, kind 'interview': a sentence opening with a day before "on X's
# show," or "On Dec. 7 on X,"; "said Dec. 6 on X", "said happily on X", "stating on X", "asked on X", "being interviewed
# on X", "his appearance on X", "sitting down with X", "went on X to say" or "went on X's show" (not "went on X's
# website"); words told to X: "tells X", "a call to X", "an interview his brother gave to X"; X's writing: "writing on
# X", "reports for X", "a column on X", "as Y noted in X" (not "noted in an interview with X", the interview's); "audio
# provided by X", kind 'obtained'; an outlet's journalist by job, "X moderator Ana Ruiz asked", "an X reporter later
# asked", kind 'interview', "X reporter Ana Ruiz tweeted", kind 'reported', not a former one, an analyst or a
# contributor; an appositive between an outlet and its verb, "X, the official news agency, wrote"; "a video uncovered
# by X", kind 'obtained');
# also speakers (words read back as a speaker stop at a clause's verb: "The Vermont senator
# emailed supporters saying" is the senator's, "Ryan's campaign shrugged off the comments, telling" the campaign's, "A
# GAO report released" a report; not a modifier after a determiner, owner, adverb or number, "an unnamed official");
# a re-analysis of every article also groups the people again (people.py: a name with "Jr." joins the one without,
# a surname alone takes the sex its article gives it elsewhere); also pages (a page answered 200 that says it is not
# there, a soft 404: its title, a part of it or an h1/h2 is only "Page not found", "404", "Sorry, we couldn't find that
# page", or its text of 150 words at most says "the page you were looking for ... no longer exists": no article, an
# ExtractionError; none of the 181 real pages nor of PolNeAR's texts).
# 11: quotes and speakers (a quoted nickname between a first name and a surname, 'Marcia "Cia"
# Price', is part of the name: no quotation, and the person is 'Marcia Price'; the name in apposition to a description
# after a title's full stop or before a parenthesis, "X's niece, state Del. Rhoda Bexley (D-Hampton), said", speaks; a
# fragment further on in the complement of an owned noun for speech is the owner's, "Trump's claim that Obama "founded
# ISIS,"", "his comment Monday that "..."", 'his'/'her' the person of that sex the sentence names before, cue the noun;
# an -s word before a reporting verb, or an auxiliary when the sentence's subject is read, is a plural noun, "news
# reports said", "labor organizations have long campaigned"; 'he', 'she', 'his' or 'her' after a pair that leads its
# sentence, "Mr. Rubio and Mr. Cruz ... teamed up against Mr. Trump. They were hard on him over his comments", is the
# one other person of that sex named after the pair; 'his' or 'her' opening a list's last item after a colon is the
# owner of its first, "...: Trump's seizures of property, ..., and his argument for "single-payer""; a participle
# clause going on from a named person's participle is that person's, "remember President Jimmy Carter going on TV on
# April 18, 1977, declaring "...", and telling Americans that "...", ', and' opening a participle clause too; a
# website, a sign or a banner put up or carried speaks for who released, holds or waves it, "Lori Bernstein held up a
# sign saying "...", and for who was moved to do it, "This prompted the tabloid to do a cover saying "..."" is the
# tabloid's; "a voice over" is one noun, "a voice over says", not a phrase ending in a preposition; the object of a verb
# opening or ending an occasion of its subject's, "Sanders started out their ninth debate saying "..."", is no speaker,
# and a participle clause right after a clause ending or opening an occasion is the ender's, "He tweeted when Clinton
# ended a debate with a reference to the sequel, remarking, "..."" is Clinton's; a registered outlet whose name ends in
# a role word, "The New Hampshire Union Leader said", is the outlet, not the person the role would stand for)
# 10: quotes (a title or a term of a word or two inside the reporter's sentence, 'the blockbuster
# "Star Wars" sequel', 'said on "Meet the Press."', is no first part of a split quote with the quotation after it, and a
# title of two words or more there is a title, kind 'scare'; quoted titles or terms side by side, '"Veep," "Taken"', are
# a list, each 'scare', not one quotation whose cue was lost); speakers (an -ing after a message noun is a participle,
# "issued a statement saying", "a sign saying", not a noun as in "a creative writing professor"; an '-eed' is no past
# tense but after 'r' or 't', "helping her succeed him, saying" is not hers; one asked or told in the passive hears the
# words, "Vale was asked, "...?"", "the court was told he was "a danger"", no one's unless 'by' names the asker; a question
# or exclamation its cue introduces ends there, "Kowal was asked, "...?" She answered, "..."" is two quotations)
# 9: credits (a report someone calls misleading or false, "the X report is misleading", "X's
# story was false", credited for its claim, scope 'fact'; an outlet's journalist speaking or asking, "X's Ana Ruiz said",
# kind 'said', "X's Ana Ruiz asked", kind 'interview'; an outlet asking, "until X asked about them", "X asked the mayor
# whether", kind 'interview'; an outlet's average or figure standing someone ahead, "with X showing her ahead 3 points",
# scope 'fact'; the next outlets' figures with the verb left out, "..., Y 4.3 points, and Z 2.1 points", scope 'fact';
# "X asked the mayor Friday how", kind 'interview'; "X covered the action as a ...", scope 'fact'; a one-word name after
# a middle initial, "Michael R. Bloomberg", is a person's; the registry's 77 new outlets, from FiveThirtyEight and New
# Hampshire Public Radio to the Daily Star and the pollsters, and new aliases: "Fox" alone for Fox News, not in "Fox 35",
# "HuffPollster", BBC and Channel 4 programmes); speakers (a sentence presenting someone, "Then there's Axelrod.", is
# whom a later 'he' stands for);
# outlets (a page's outlet is named as a researcher cites it, `site_names.page_site_name`:
# of a site title the part that names the domain, "LinkNaija" of "LinkNaija | Nigeria's popular news platform"; a slug
# or a tagline gives way to the publisher, copyright holder, title part or byline naming the domain, "The Detroit News"
# for "detroitnews"; a page with no address and no name is its copyright holder's, "©2019 Ascom", or the publication its
# title opens with, "The Space Review: ..."; `reanalyse` renames or moves the outlets older code named so); quotes (the
# first MAX_QUOTATIONS, 1,000, of an article analysed, the rest counted in its metadata's `analysis_notes`: no real
# story comes near, a hostile page of 120,000 cost minutes)
# 8: credits (an outlet's poll or interview named after "in" or "during", "In an X/Y poll
# released Monday,", "in a CBS interview that", "during a CNN town hall"; an outlet's poll or count as a subject, "A X/Y
# poll last month showed", "The current X count gives"; "the $36.5 billion estimated by X"; "his interview with X";
# "the X tabloid noted"; a number describing an article, "X, which ran a nearly 3,000-word article"; "the Journal"
# after an unregistered outlet's full name, "the Kestrel Journal", is that outlet; a cue and an outlet set in capitals,
# "FIRST REPORTED BY THE X"; "via X's Election Buzz interactive", a product, is no credit);
# speakers (an adverb of time or manner opening a sentence is no word of the name after it, 'Later Marsh added', 'Separately Marsh told', 'Tonight Mencap went'; 'The mayor urged residents to say:' is the
# mayor's, the verb and its object no words of the speaker; 'Mr Justice X' is a man; a chant whose sentence names a
# crowd is the crowd's, 'roused the crowd to chants of "..."')
# 7: credits (a newsletter's scoop credits, "Scooplet from X:", "scoop by X's Y", "as X first
# scooped"; a magazine the registry calls by a word and a qualifier, "People (magazine)", is that word after words said
# to it ending the phrase, "added to People.", "said to Slate that", unless the text gives the word as a surname;
# outlets named jointly share the cue, "Both X and Y confirmed", "reported by X and Y", "X, Y and Z reported";
# an outlet's claim or question, "X made these same allegations", "X alleged", "X even queried whether", its survey,
# "X has surveyed", its list, "X named him on its list of" (a figure), "In a scathing opinion piece, X ...", and an
# aside "X, like Y, which ..., declared", Y credited too; an outlet's report as a claim's basis, "seizing upon an X
# report", "citing/referencing a recent X story" (scope fact), "an X article published Friday found", "X's report
# that"; an outlet's wording, "as X put it", "what X called", "as X called them" (only the words beside the cue);
# "X published portions of" (obtained); "according to X's Fact Checker" a figure; "the Intelligencer, the Wheeling
# News-Register," the unregistered outlet in apposition; a hyphenated head, "the Chicago Sun-Times"); speakers ('the Democrat', 'the Maine Republican' is the person the article prints with that party, '(D-Maine)',
# 'a Democrat from Maine'; none where no one is); outlets (a page with no address and no name is its record's
# site_name, source or publisher, its byline's registered outlet not a wire's, its title's closing site name, else
# an outlet of its own, no longer one "Unknown outlet" for all such pages);
# speakers ('named' after a noun that a/an opens and before a name says who the noun is, no
# cue: 'an academic named Ines Kowal'; a participle after a relative clause about a person the main clause's subject
# does not act on is that person's, no cue: 'rallying for Ines Kowal, who worked the crowd, praising "..."'; a name after
# a description opening its sentence is the sentence's subject, whom a later 'he' or 'she' is: 'A senior aide, Ines
# Kowal, defended', 'Tennis great Billie Jean King remembered'; 'her lawyer' is counsel for the woman last named, not
# counsel for the prosecution or for another client, nor counsel introduced paragraphs later; a fragment's own clause
# speaks, not a clause joined after it, '"glow in the dark," for instance, and Trump vowed', nor the sentence's first
# before ', while': 'Rubio suggested ..., while Cruz said that the "stakes ..."'; a quotation between dashes is an aside
# of the clause before it, its subject's, not the subject's after it: 'When Trump finally wrapped up — "..." — the
# balloons cascaded'); speakers ('Mrs Roe wept', a British title with no full stop, opens a sentence as its subject
# for later pronouns; letters after a name are no part of it, 'Rosa Lind QC' is Rosa Lind, as 'X MP', 'X OBE', 'X,
# PhD'; 'went so far as to say:', 'stood up to say:', 'took to Twitter to say:' are the subject's cues; a chant, 'the
# crowd reprised the chant "..."', 'chants of "..."', '"..." chants', is no person's unless its subject chanted it; a
# quotation in a clause opening its sentence is not joined to the main clause's quotation, 'After X said ... "...,"
# Y said: "..."', and after 'Acknowledging that X "...,"' the main clause's subject speaks)
# 6: credits (a quotation whose own sentence credits another outlet is no longer reached by a credit
# in the sentence before or elsewhere in its paragraph: '..., per X. "...," a friend told Y.' is Y's; "Variety" alone names
# Variety, 'According to Variety,'; an "according to" or "per" closing a sentence no one speaks in is for its fact, not
# the quotations after it in the paragraph: '... backed by 520 superdelegates, according to X. "...," Y said.'; any
# speech verb with "on" or "to" an outlet ending its phrase credits words said there, "insisted on CNN that",
# "maintained to the Ledger.", not "insisted on CNN retracting" nor "his remarks to the Post");
# speakers ('he' or 'she' taking the last person named gives that person its sex, so a
# later pronoun of the other sex is someone else; "Christie's been making the case" opening a sentence is Christie as a
# subject, no owner; a judge or counsel described before any is named is the next one introduced, not the last, and
# another role named only later, 'the actor', is no one introduced later; 'Fees have risen, too, said Ines Okafor, an
# economist.' makes her the one a later 'she said' is; people described as the subject of the clause before a
# participle speak in it, 'where about 50 protesters had gathered, chanting "..."'; a full name's first word on the
# longer list of given names, data/given_names.txt, gives its sex, 'Kurt Volker', 'Elise Matthesen'; a number word ends
# no one's name, 'Lawrence Two'; a word in -s before 'to' or a determiner is the verb after a one-word subject,
# 'Bridenstine expects to', 'Politico reveals a few facts:'; a text in another language than English keeps its
# quotations, no speakers: 'Jangan', 'Quando', 'В'; the country an envoy is sent to is no word of the name after it,
# 'envoy to Ukraine Kurt Volker'; 'Further', 'Moreover' open sentences, no names; 'Would Adam Schiff have pleaded' is
# Adam Schiff as named; a subhead's words are no one's for the quotation after it; a description with a name in
# apposition, itself described, is the named person, "Clinton's introducer, actress Jamie Lee Curtis, said"; a word
# in -ed after a name and before 'to' or a determiner is its verb, "Delhi's Chief Minister Arvind Kejriwal turned to");
# outlets (a page's site name or record outlet names an outlet a link credit saved first, named by its domain, and the
# outlet a credit named so joins it)
# 5: credits (a name with no news word told something is an outlet when it is a domain or an
# apposition says it is one: 'told Kestrel.com', 'told Kestrel, a news site,'; an aside 'X, citing ...,' before the verb,
# the outlet answering in print 'X shot back in an article', 'X responded with an editor's note'; 'Bloomberg says its
# reporting' after Michael Bloomberg is the outlet; 'a poll released Sunday by X' a figure; quotes: a verdict verb makes a
# one-word fragment its subject's, 'dismissed the report as "absurd."', a title of a work is nobody's words ('a play
# called "Los Hijos de Trump,"', '"The Big Short" was nominated', '"Billions," on Showtime, is a drama') and so is
# the same title quoted again bare; speakers: a relative clause after a preposition's
# object or after a clause joined by 'and', 'May' opening no name, a description by a role of another left unnamed, the
# person before a setting, court titles' roles ('Mr Justice X', 'X QC'), a description opening a cue's sentence, a
# reporting verb after a modal, a possessive's noun no verb and a word in -ly after one or a determiner no adverb
# ("Vask's family has called"), no speaker in a word for nothing, a capitalised preposition or an abstract noun
# ('Nothing', 'Across town,', 'the disruptions'), no surname in a plural of a word for people ('Aides'), no person
# in a garbled name ('FlagShareLikeReplyAni Vrabel'); 'the lawyer', 'the barrister', 'his solicitor' the one named as
# counsel; a body in -ion that speaks, 'the conservative publication'; a fragment after 'X's call for', 'X's remarks
# that', 'X's description of ... as' or before 'comment' after 'X's' is X's);
# 4: speakers (a title's sex against the other sex named in full, the first of a pair named
# with one surname, a verb in -ed after a name ends it, the one asked answers, a month in a name, a relative clause
# running on to a quotation, a description of one person before a cue joined by 'and')
# 3: speakers ("he" after a person left unnamed is that person, a surname two share goes to
# the one named in full), credits (an outlet's own code or rules, its lists and indexes, told credits passed on only
# across the teller's words)
# 2: speakers (pronouns take people, descriptions, shared surnames), credits (disputed reports, companies speaking
# of themselves, lead links on facts, wordless links), a link home is the article's own outlet
# The versions of the stages whose rows hold no version of their own, recorded in `code_versions` by a full
# trace: another one recorded makes the next update trace the whole database (`full_trace_due`).
CODE_VERSIONS = {
    "normalization": NORMALIZATION_VERSION,
    "clustering": clustering.CLUSTERING_VERSION,
    "reuse": reuse.REUSE_VERSION,
    "lineage": lineage.LINEAGE_VERSION,
}
# The table whose rows a stage with no version recorded made before versions were (a database holding any is at 0).
_STAGE_ROWS = {
    "clustering": "select exists(select 1 from quote_occurrences where quote_id is not null)",
    "reuse": "select exists(select 1 from article_reuse) or exists(select 1 from reuse_echoes)",
    "lineage": "select exists(select 1 from lineage)",
}

SAMPLE_DIR = Path(__file__).parent / "sample"
CHUNK_SIZE = 1000  # articles saved per transaction: each commit writes the pages it touched, a few MiB at 200
PARALLEL_MIN_FILES = 16  # below this, worker start-up costs more than it saves
PARALLEL_MIN_BYTES = 1_000_000  # or this much JSON Lines: a big file is shared between workers
LINES_PER_TASK = 200  # JSON Lines records a worker analyses per task
SPLIT_LINES = 10  # ... and per task of a split analysis (`analyse_split`), where the two sides meet within a task
SPLIT_AHEAD = 4  # tasks queued for its worker at a time: it keeps busy until this process looks again, then waits little
INGEST_CACHE_KIB = 131072  # SQLite page cache while saving: the reuse index outgrows the default 2 MiB
TASKS_PER_WORKER = 4  # tasks in flight per worker: keeps workers busy without reading a file ahead
SETTLE_ROUNDS = 3  # rounds of `settle_outlets` (analysing articles again may save outlets new in turn)
SETTLE_ALONE = 200  # fewer articles to settle than this are analysed in this process
# What an update's worker runs (`reuse.ReuseBeside`): all a fork server started for it imports (not the
# analysis, the crawl and what they import: about 0.5 s less of its core). Other workers import the rest.
UPDATE_PRELOAD = ["provenance.reuse"]


@dataclass
class ImportReport:
    """What an import or crawl did, for the one-line summary and the run record."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0  # records that hold no article: a crawl archive's feeds, robots.txt, home pages, 404s
    quotes_touched: int = 0
    seconds: float = 0.0
    run_id: int | None = None
    article_ids: list[int] = field(default_factory=list)
    failures: list[ImportFailure] = field(default_factory=list)

    @property
    def nothing_read(self) -> bool:
        """Whether records failed and none was read (a file of the wrong format, every line broken)."""
        return self.failed > 0 and self.new + self.changed + self.unchanged == 0

    def summary(self) -> str:
        """One line: counts and time."""
        skipped = f"; {counted(self.skipped, 'record')} skipped, not articles" if self.skipped else ""
        articles = "article" if self.new + self.changed + self.unchanged + self.failed == 1 else "articles"
        return (
            f"{self.new} new, {self.changed} changed, {self.unchanged} unchanged, "
            f"{self.failed} failed {articles}{skipped}; {counted(self.quotes_touched, 'quote')} traced "
            f"in {self.seconds:.1f} s"
        )

    def add(self, other: ImportReport) -> None:
        """Count what `other` counted too."""
        self.new += other.new
        self.changed += other.changed
        self.unchanged += other.unchanged
        self.failed += other.failed
        self.skipped += other.skipped
        self.article_ids.extend(other.article_ids)
        self.failures.extend(other.failures)

    def run_counts(self) -> dict[str, int]:
        """The counts a `runs` row keeps."""
        return {
            "articles_new": self.new,
            "articles_changed": self.changed,
            "articles_unchanged": self.unchanged,
            "errors": self.failed,
        }


@contextmanager
def recorded_run(
    db: sqlite_utils.Database, command: str, report: ImportReport | None = None
) -> Iterator[ImportReport]:
    """A `runs` row for the block: 'ok' when it ends, 'failed' or 'interrupted' when it raises."""
    started = time.perf_counter()
    report = report or ImportReport()
    report.run_id = start_run(db, command)
    try:
        yield report
    except BaseException as error:
        report.seconds = time.perf_counter() - started
        if isinstance(error, KeyboardInterrupt):  # "Terminated: " said nothing of what stopped it
            status, summary = "interrupted", f"{report.summary()}; interrupted by {describe_interruption(error)}"
        else:
            status, summary = "failed", f"{report.summary()}; {type(error).__name__}: {error}"
        finish_run(db, report.run_id, status, summary=summary, **report.run_counts())
        raise
    report.seconds = time.perf_counter() - started
    finish_run(db, report.run_id, "ok", summary=report.summary(), **report.run_counts())


def run_registry_files(db: sqlite_utils.Database, given: Iterable[Path | RegistryFile] = ()) -> list[RegistryFile]:
    """The user's registry files a run reads: those it was given, which the database keeps from then on, else those it kept.

    So a run given no `--registry` (an import by hand, a crawl config without `registry:`) reads the
    files the database was last given, as they were read then, and saves what a fresh import with them
    would; a run given other files makes the database what a fresh import with those would save (the
    outlets only the old files listed retired, `db.save.refresh_registry_outlets`). A file kept whose
    copy on disk has changed since is named in a warning: the edit counts once a run is given it.
    """
    files = [item if isinstance(item, RegistryFile) else read_registry_text(Path(item)) for item in given]
    if files:
        load_registry(files)  # a file that cannot be read fails here, before the database keeps it
        if save_registry_files(db, files):
            LOGGER.info("registry files kept for the next runs: %s", ", ".join(item.name for item in files))
        return files
    kept = saved_registry_files(db)
    for item in kept:
        try:
            edited = bool(item.path) and Path(item.path).read_text(encoding="utf-8-sig") != item.text
        except (OSError, UnicodeDecodeError):
            edited = False
        if edited:
            LOGGER.warning(
                "the registry file %s has changed since this database read it: the run reads it as it was; "
                "give --registry %s to read the edit", item.path, item.path,
            )
    return kept


def load_pipeline_registry(
    db: sqlite_utils.Database, extra_files: Iterable[Path | RegistryFile] = ()
) -> OutletRegistry:
    """The outlet registry: built-in file, the user's files, and every outlet already saved."""
    registry = load_registry(list(extra_files))
    add_outlets(registry, saved_outlets(db))
    return registry


def saved_outlets(db: sqlite_utils.Database) -> list[Outlet]:
    """Every outlet in the database, as registry entries; not a retired registry outlet, which no analysis knows."""
    return [
        Outlet(
            key=row["key"],
            name=row["name"],
            kind=row["kind"] or "unknown",
            domains=(row["domain"],) if row["domain"] else (),
            aliases=tuple(json.loads(row["aliases"])) if row["aliases"] else (),
            country=row["country"],
            language=row["language"],
        )
        for row in db.query(
            f"select key, name, domain, kind, aliases, country, language from outlets where {NOT_RETIRED} order by id"
        )
    ]


def add_outlets(registry: OutletRegistry, outlets: Iterable[Outlet]) -> None:
    """Teach the registry outlets it does not know by name yet."""
    for outlet in outlets:
        if registry.outlet_for_name(outlet.name) is None:
            registry.add(outlet)


class AnalysisOvertime(RuntimeError):
    """An article's analysis took longer than `provenance.signals.PAGE_SECONDS`."""


def analyse_article(article: Article, registry: OutletRegistry) -> Analysis:
    """Everything one article yields on its own: outlet, quotations, credits, reuse fingerprints.

    Raises AnalysisOvertime when that takes longer than `provenance.signals.PAGE_SECONDS`."""
    try:
        with page_time_limit():
            return read_analysis(article, registry)
    except PageOvertime:
        raise AnalysisOvertime(f"analysis of {article.url} took longer than {signals.PAGE_SECONDS:g} s: left out") from None


def read_analysis(article: Article, registry: OutletRegistry) -> Analysis:
    """`analyse_article` without its time limit."""
    outlet = outlet_for_article(article, registry)
    notes: list[str] = []
    quotations = extract_quotes(article.text, article.title, article.language, notes=notes)
    if notes:
        # kept with the article, where a researcher reading it sees that its quotations are not all there
        LOGGER.warning("%s: %s", article.url, "; ".join(notes))
        article.metadata["analysis_notes"] = notes
    else:
        article.metadata.pop("analysis_notes", None)  # a text analysed again that is now whole
    credits, told_own = read_credits(article, quotations, registry, outlet)
    for index in told_own:
        quotations[index].told_own_outlet = True
    return Analysis(
        article=article,
        outlet=outlet,
        quotations=quotations,
        credits=credits,
        fingerprints=reuse.fingerprint_text(article.text),
        link_outlets=[link_outlet(link.url, registry, outlet) for link in article.links],
        analysed_with=ANALYSIS_VERSION,
    )


def analyse_item(item: Article | ImportFailure, registry: OutletRegistry) -> Analysis | ImportFailure:
    """The analysis of an article, or the failure that stands for it (a read failure passes through)."""
    if isinstance(item, ImportFailure):
        return item
    try:
        return analyse_article(item, registry)
    except AnalysisOvertime as error:
        LOGGER.warning("%s", error)
        return ImportFailure(source=item.url, item="", stage="analyse", message=str(error))
    except Exception as error:  # one bad article must not stop the run
        LOGGER.exception("analysis failed for %s", item.url)
        return ImportFailure(source=item.url, item="", stage="analyse", message=f"{type(error).__name__}: {error}")


# Worker processes: each builds the registry once, then turns files into analyses.
_WORKER_REGISTRY: OutletRegistry | None = None


_WORKER_PAYLOADS: PayloadIndex | None = None


def link_outlet(url: str, registry: OutletRegistry, own: Outlet) -> Outlet | None:
    """The outlet owning a link's domain: the registry's, else the article's own for a link to its own site.

    The article's own outlet may be new (this article is its first): its links home are its own
    all the same, whatever the registry knew when the analysis began.
    """
    found = registry.outlet_for_url(url)
    if found is None and own.domains and url_in_domains(url, domain_set(own.domains)):
        return own
    return found


def _init_worker(extra_files: list[Path | RegistryFile], known: list[Outlet], archives: list[Path]) -> None:
    from scrapers.warc import PayloadIndex

    global _WORKER_REGISTRY, _WORKER_PAYLOADS
    _WORKER_REGISTRY = load_registry(extra_files)
    add_outlets(_WORKER_REGISTRY, known)
    _WORKER_PAYLOADS = PayloadIndex(archives)  # the import's WARC files, read when a revisit asks


def _analyse_task(task: Path | tuple[str, int, list[bytes | str | None]] | ImportFailure) -> list[Analysis | ImportFailure]:
    """On a worker: the analyses of one task (`analyse_task`)."""
    assert _WORKER_REGISTRY is not None
    return analyse_task(task, _WORKER_REGISTRY, _WORKER_PAYLOADS)


def analyse_task(
    task: Path | tuple[str, int, list[bytes | str | None]] | ImportFailure, registry: OutletRegistry, payloads: PayloadIndex | None,
) -> list[Analysis | ImportFailure]:
    """Analyses of one task: a whole file, or a batch of JSON Lines records (file, first line, lines)."""
    if isinstance(task, ImportFailure):
        return [task]
    if isinstance(task, tuple):
        source, first, lines = task
        items = (record_of_line(source, number, raw) for number, raw in enumerate(lines, start=first))
    else:
        items = iter_articles([task], payloads)
    return [analyse_item(item, registry) for item in items if item is not None]


def _lost_task(task: Path | tuple[str, int, list[bytes | str | None]] | ImportFailure, message: str) -> list[ImportFailure]:
    """The failure recorded for a task whose worker process died under it."""
    if isinstance(task, ImportFailure):
        return [task]
    if isinstance(task, tuple):
        source, first, lines = task
        return [ImportFailure(source, f"lines {first}-{first + len(lines) - 1}", "worker", message)]
    return [ImportFailure(str(task), "", "worker", message)]


def _tasks(
    files: list[Path], lines_per_task: int = LINES_PER_TASK,
) -> Iterator[Path | tuple[str, int, list[bytes | str | None]] | ImportFailure]:
    """Work for the worker processes: JSON Lines files in batches of lines (as `iter_jsonl_lines` reads them), other
    files whole."""
    for path in files:
        if kind_of(path) != "jsonl":
            yield path
            continue
        source, first, lines, filled = str(path), 1, [], False
        for line in iter_jsonl_lines(path):
            if isinstance(line, ImportFailure):
                if lines:
                    yield source, first, lines
                    lines = []
                filled = True
                yield line
                continue
            number, raw = line
            filled = filled or raw is None or bool(raw.strip())
            lines.append(raw)
            if len(lines) >= lines_per_task:
                yield source, first, lines
                first, lines = number + 1, []
        if lines:
            yield source, first, lines
        if not filled:
            warn_no_records(path)


def analyse_paths(
    files: list[Path],
    registry: OutletRegistry,
    *,
    extra_files: Iterable[Path | RegistryFile] = (),
    known: Iterable[Outlet] = (),
    workers: int = 1,
) -> Iterator[Analysis | ImportFailure]:
    """Analyses of every article in `files`, in a deterministic order, on `workers` processes.

    Workers rebuild the registry from `extra_files` and the `known` outlets of the database.
    A JSON Lines file is shared between workers in batches of lines; other files go whole.
    At most a few tasks per worker are in flight, so a big file is never read far ahead.
    Workers start from a fork server (`provenance.workers`), which imports the main module, so
    a script that calls this with workers > 1 needs the `if __name__ == "__main__":` guard.
    """
    if workers <= 1:
        for item in iter_articles(files):
            yield analyse_item(item, registry)
        return
    batches = map_in_order(
        _analyse_task, _tasks(files), workers=workers, window=workers * TASKS_PER_WORKER, lost=_lost_task,
        initializer=_init_worker, initargs=(list(extra_files), list(known), warc_files(files)),
    )
    for batch in batches:
        yield from batch


def analyse_split(
    files: list[Path],
    registry: OutletRegistry,
    *,
    extra_files: Iterable[Path | RegistryFile] = (),
    known: Iterable[Outlet] = (),
) -> Iterator[Analysis | ImportFailure]:
    """Analyses of every article in `files`, in order: this process from the front, the update's worker from the back.

    For an import small enough to analyse here into a database whose update will want a worker
    (`warm_workers`): the worker `reuse.start_worker_ahead` started would wait for the update
    meanwhile. Once it has started (looked at between tasks, never waited for) it builds the
    registry as `analyse_paths`'s workers do, and is kept SPLIT_AHEAD tasks ahead, taken from the
    back, until this process reaches them; it then reads the worker's analyses of the rest. No task
    is taken back from the worker (a cancelled task left queued breaks the standard library's
    clean-up of a lost worker), and a task the worker failed (lost, or its registry not built) is
    analysed here. The update's reuse then takes the same pool.
    """
    from scrapers.warc import PayloadIndex

    extra_files, known = list(extra_files), list(known)
    tasks = list(_tasks(files, SPLIT_LINES))
    payloads = PayloadIndex(warc_files(files))
    queued: dict[int, Future] = {}  # the worker's tasks: from `back` to the end
    back = len(tasks)
    pool = None
    waiting = True  # for the worker to start
    front = 0
    while front < back:
        if waiting and (pool := reuse.worker_ahead()) is not None:
            waiting = False
            LOGGER.debug("the worker started: %d tasks analysed here of %d", front, len(tasks))
            try:
                pool.submit(_init_worker, extra_files, known, warc_files(files))
            except (BrokenProcessPool, RuntimeError):  # the worker died before: all is done here
                pool = None
        if pool is not None:
            pool, back = _queue_from_back(pool, tasks, queued, front, back)
        yield from analyse_task(tasks[front], registry, payloads)
        front += 1
    LOGGER.debug("analysed %s here, %d on the worker", counted(front, "task"), len(tasks) - front)
    failed = False
    for index in range(front, len(tasks)):
        try:
            yield from queued[index].result()
            continue
        except Exception as error:  # the worker lost or failed: its tasks are analysed here
            if not failed:
                LOGGER.warning("the analysis worker failed (%s: %s); analysing its part here", type(error).__name__, error)
                failed = True
        yield from analyse_task(tasks[index], registry, payloads)


def _queue_from_back(
    pool: ProcessPoolExecutor, tasks: list, queued: dict[int, Future], front: int, back: int,
) -> tuple[ProcessPoolExecutor | None, int]:
    """Tasks queued for a split's worker from `back` down, until SPLIT_AHEAD wait or the next is this process's
    (`front`); the pool (None once the worker failed a task) and the new `back`."""
    while back - 1 > front:
        latest = [queued[index] for index in range(back, min(back + SPLIT_AHEAD, len(tasks)))]
        if any(future.done() and future.exception() is not None for future in latest):
            return None, back  # the worker failed (lost, or its registry not built): no more for it
        if sum(not future.done() for future in latest) >= SPLIT_AHEAD:
            break
        try:
            queued[back - 1] = pool.submit(_analyse_task, tasks[back - 1])
        except (BrokenProcessPool, RuntimeError):  # the worker lost since
            return None, back
        back -= 1
    return pool, back


def ingest(
    db: sqlite_utils.Database,
    analyses: Iterable[Analysis | ImportFailure],
    *,
    run_id: int | None = None,
    report: ImportReport | None = None,
    progress: Callable[[ImportReport], None] | None = None,
    as_analysed: bool = False,
) -> ImportReport:
    """Save analyses in chunked transactions, recording failures; does not trace.

    `as_analysed`: save each analysis as it comes, its chunk's transaction open meanwhile (`analyse_split`,
    whose worker analyses the rest beside the saving), instead of gathering a chunk before saving it.
    """
    report = report or ImportReport(run_id=run_id)
    with page_cache(db, INGEST_CACHE_KIB), few_collections(), mapped(db):
        for chunk in (in_runs if as_analysed else in_chunks)(analyses, CHUNK_SIZE):
            # counted once committed: a chunk that an interrupt rolls back is not in the run's counts
            saved = ImportReport(run_id=report.run_id)
            fingerprints: dict[int, set[int]] = {}  # the chunk's reuse index rows, inserted at once
            with db.atomic():
                for item in chunk:
                    _save_one(db, item, saved, fingerprints)
                insert_fingerprints(db, fingerprints)
            report.add(saved)
            if progress is not None:
                progress(report)
    return report


def in_chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """The items in lists of `size` (the last one shorter), as they come."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def in_runs(items: Iterable[T], size: int) -> Iterator[Iterator[T]]:
    """The items in runs of `size` (the last one shorter), each handed out as it is read; read each run to its end."""
    items = iter(items)
    for first in items:
        yield chain([first], islice(items, size - 1))


@contextmanager
def page_cache(db: sqlite_utils.Database, kib: int) -> Iterator[None]:
    """SQLite's page cache at least `kib` KiB while the block runs, then as it was."""
    before = db.conn.execute("pragma cache_size").fetchone()[0]
    # negative sizes are KiB, positive ones pages (of 4 KiB by default)
    if (-before if before < 0 else before * 4) < kib:
        db.conn.execute(f"pragma cache_size = {-kib}")
    try:
        yield
    finally:
        db.conn.execute(f"pragma cache_size = {int(before)}")


def _save_one(
    db: sqlite_utils.Database, item: Analysis | ImportFailure, report: ImportReport,
    fingerprints: dict[int, set[int]] | None = None,
) -> None:
    if isinstance(item, ImportFailure):
        _record_failure(db, item, report)
        return
    try:
        saved: SavedArticle | None = save_analysis(db, item, fingerprints=fingerprints)  # atomic: a failure leaves nothing behind
    except Exception as error:
        LOGGER.debug("saving failed for %s", item.article.url, exc_info=True)  # the traceback with -vv
        _record_failure(
            db,
            ImportFailure(source=item.article.url, item="", stage="save", message=f"{type(error).__name__}: {error}"),
            report,
        )
        return
    if saved is None:
        report.unchanged += 1
        return
    report.article_ids.append(saved.article_id)
    if saved.status == "new":
        report.new += 1
    else:
        report.changed += 1


def _record_failure(db: sqlite_utils.Database, failure: ImportFailure, report: ImportReport) -> None:
    if isinstance(failure, SkippedRecord):  # no article in it (a feed, robots.txt, a home page): nothing failed
        LOGGER.debug("skipped %s %s: %s", failure.source, failure.item, failure.message)
        report.skipped += 1
        return
    # info, not warning: the commands print the skipped records themselves (and the errors table keeps them)
    LOGGER.info("skipped %s %s (%s): %s", failure.source, failure.item, failure.stage, failure.message)
    report.failed += 1
    report.failures.append(failure)
    if failure_recorded(db, failure):
        return  # the same input imported again: counted, not recorded twice (as `dask merge` does)
    record_error(
        db,
        run_id=report.run_id,
        source=failure.source,
        item=failure.item,
        stage=failure.stage,
        message=failure.message,
    )


def failure_recorded(db: sqlite_utils.Database, failure: ImportFailure) -> bool:
    """Whether the errors table already holds this failure (same source, item, stage and message)."""
    row = db.conn.execute(
        "select 1 from errors where source = ? and item = ? and stage = ? and message = ? limit 1",
        [failure.source, failure.item, failure.stage, failure.message],
    ).fetchone()
    return row is not None


@few_collections()
@reads_mapped
def update_after_import(
    db: sqlite_utils.Database, *, extra_registry: Iterable[Path | RegistryFile] = (), run_id: int | None = None
) -> set[int]:
    """Settle new outlets, then bring reuse, people, clusters and lineage up to date with every article not yet traced.

    `extra_registry`: the registry files the import read, for analysing articles again (`settle_outlets`);
    `run_id`: the run whose errors settling's failures are (the import's, crawl's ...). It runs with few
    collector passes (`few_collections`), reading the database through a memory map (`reads_mapped`).
    """
    settle_outlets(db, extra_registry, run_id=run_id)
    if full_trace_due(db):
        LOGGER.warning(
            "the last full trace did not finish, a migration made one due, or quotes were normalised or "
            "clustered, reuse scored or lineage traced by another version: tracing the whole database again"
        )
        trace_all(db)
        return {row["id"] for row in db.query("select id from quotes")}
    pending = [row["id"] for row in db.query("select id from articles where traced = 0 order by id")]
    # reuse needs neither speakers nor clusters: a large batch's is worked out beside them
    with reuse.ReuseBeside(db, pending) as reused:
        if pending:
            people.place_speakers(db, pending)
        touched = clustering.assign_occurrences(db)
        changed_articles = reused.finish() if pending else set()
    touched |= {row["quote_id"] for row in db.query("select quote_id from stale_quotes")}
    # the quotes of every article not yet traced, not only of those clustered now: a run stopped
    # after clustering committed leaves its articles untraced with their occurrences assigned
    touched |= _quotes_of_articles(db, changed_articles | set(pending))
    if pending or touched:  # a credited outlet's article of the story may have come (or a shared quote gone)
        touched |= lineage.quotes_with_stories_to_check(db, touched)
    _drop_empty_quotes(db)
    touched = _existing_quotes(db, touched)
    if touched:
        lineage.trace_quotes(db, sorted(touched))
    with db.atomic():
        db.execute("delete from stale_quotes")
        if pending:
            db.execute("update articles set traced = 1 where traced = 0")
        # the first clusters, reuse rows or lineage of a database: made by this code
        record_versions(db, *(name for name in _STAGE_ROWS if recorded_version(db, name) is None))
    return touched


def settle_outlets(db: sqlite_utils.Database, extra_registry: Iterable[Path | RegistryFile] = (), *, run_id: int | None = None) -> int:
    """Analyse again the saved articles that outlets new to the database may change; how many changed.

    An article's credits and link outlets are read against the outlets known when its analysis
    began: the registry's and those saved before. An outlet first saved later (its first article,
    a credit naming it, a domain learnt for it) is unsettled (`outlets.settled = 0`) until the
    articles it may change are analysed again with it known: those with a link to its domain that
    no outlet owned, and those whose title or text has its name or an alias, or a short form of it
    ("the Ledger") it may change (`articles_outlets_may_change`). So what is saved does not hang
    on the order articles came in, within an import or across imports. A changed article is left
    untraced, for the rest of the update. Outlets those analyses save are settled in the next round.
    First, an unsettled outlet older code made of a news network's stations is split
    (`split_network_outlets`), its stations settled with the other new outlets.
    """
    extra = list(extra_registry)
    changed = 0
    split = split_network_outlets(db) | registry_edits_may_change(db)
    unmet, searches = unmet_registry_outlets(db, extra)
    for _ in range(SETTLE_ROUNDS):
        outlets = db.conn.execute("select id, name, domain, aliases from outlets where settled = 0 order by id").fetchall()
        if not outlets and not split and not unmet:
            break
        ids = sorted(articles_outlets_may_change(db, outlets, extra) | split | unmet)
        split, unmet = set(), set()
        report = ReanalysisReport(run_id=run_id)  # its failures are errors of the run
        if ids:
            workers = 1
            if len(ids) >= SETTLE_ALONE:
                size = sum(
                    db.conn.execute(
                        f"select coalesce(sum(length(text)), 0) from articles where id in ({clustering.placeholders(batch)})", batch
                    ).fetchone()[0]
                    for batch in clustering.chunked(ids, 500)
                )
                workers = default_workers(0, size)
            analyse_again(db, ids, extra, workers, report)
        with db.atomic():
            db.conn.executemany("update outlets set settled = 1 where id = ?", [(row[0],) for row in outlets])
        record_registry_searches(db, searches)
        searches = []
        LOGGER.info(
            "settled %s: %s analysed again, %d changed", counted(len(outlets), "new outlet"), counted(len(ids), "article"),
            report.changed,
        )
        changed += report.changed
    record_registry_searches(db, searches)  # searched, and nothing found to read again
    record_registry_sources(db, load_registry(extra))  # of the registry outlets saved since the run began
    return changed


def registry_edits_may_change(db: sqlite_utils.Database) -> set[int]:
    """The articles a registry edit may change: those resolved to, or published by, an unsettled registry outlet.

    A registry outlet is unsettled when the registry changed under it (`db.save.refresh_registry_outlets`,
    `db.save.adopt_registry_outlets`): an alias or name gone no longer credits it, a kind changed
    decides its datelines, bylines and copyright lines, none of which its new names would find. A
    retired one (the registry no longer lists it) is left by all of them.
    """
    found: set[int] = set()
    for (outlet_id,) in db.conn.execute(
        "select id from outlets where (settled = 0 and in_registry = 1) or key like ? order by id", [f"{RETIRED_KEY_PREFIX}%"]
    ).fetchall():
        found |= _articles_resolved_to(db, outlet_id)
        found.update(row[0] for row in db.conn.execute("select id from articles where outlet_id = ?", [outlet_id]))
    return found


def unmet_registry_outlets(db: sqlite_utils.Database, extra: list[RegistryFile | Path]) -> tuple[set[int], list[tuple]]:
    """The articles the outlets of the user's registry files that nothing has met may change; the searches to record.

    An outlet added to a registry file between runs is saved only once an article credits, links or
    publishes it; the articles saved before it are searched for it as for a new outlet (its names, its
    domain's links). Once: `registry_searches` keeps each such outlet's entry (a signature of its names,
    domains and kind, and ANALYSIS_VERSION) with the last article searched, and a later run searches only
    the articles saved since (analysed with it known, unless a shard made with another registry brought
    them), or all of them again once its entry is edited. The searches returned, rows (key, signature,
    last article id), are recorded by the caller once the articles found are analysed again. The built-in
    registry changes with ANALYSIS_VERSION, which analyses every article again.
    """
    registry = load_registry(extra)
    top = db.conn.execute("select coalesce(max(id), 0) from articles").fetchone()[0]
    groups: dict[int, list[tuple]] = {}  # the last article searched -> rows (id, name, domain, aliases) to search
    searches = []
    number = 0
    for key, source in registry.sources.items():
        outlet = registry.get(key)
        if source == BUILTIN_SOURCE or outlet is None or _outlet_met(db, outlet):
            continue
        signature = _search_signature(outlet)
        row = db.conn.execute("select signature, searched_to from registry_searches where key = ?", [key]).fetchone()
        after = row[1] if row is not None and row[0] == signature else 0
        if after >= top:
            continue  # searched already, and no article came since
        aliases = json.dumps(list(outlet.aliases)) if outlet.aliases else None
        for domain in outlet.domains or (None,):
            number -= 1  # below zero: no row of the outlets table
            groups.setdefault(after, []).append((number, outlet.name, domain, aliases))
        searches.append((key, signature, top))
    found: set[int] = set()
    for after, rows in groups.items():
        found |= {article_id for article_id in articles_outlets_may_change(db, rows, extra) if article_id > after}
    return found, searches


def _search_signature(outlet: Outlet) -> str:
    """What a search for an unmet registry outlet depends on: its entry and the analysis version."""
    entry = [outlet.name, sorted(outlet.aliases), sorted(outlet.domains), outlet.kind, ANALYSIS_VERSION]
    return hashlib.sha256(json.dumps(entry).encode("utf-8")).hexdigest()[:20]


def record_registry_searches(db: sqlite_utils.Database, searches: list[tuple]) -> None:
    """Remember the searches for unmet registry outlets (key, signature, last article id) once their articles are read."""
    if searches:
        with db.atomic():
            db.conn.executemany(
                "insert or replace into registry_searches (key, signature, searched_to, searched_at) values (?, ?, ?, ?)",
                [(*search, utc_now()) for search in searches],
            )


def _outlet_met(db: sqlite_utils.Database, outlet: Outlet) -> bool:
    """Whether the outlets table holds a registry outlet, by its key or one of its domains."""
    return any(
        db.conn.execute(f"select 1 from outlets where {column} = ? and {NOT_RETIRED} limit 1", [value]).fetchone() is not None
        for column, value in [("key", outlet.key), *(("domain", domain) for domain in outlet.domains)]
    )


def split_network_outlets(db: sqlite_utils.Database) -> set[int]:
    """Split the unsettled outlets that hold a news network's stations as one; the articles to analyse again.

    Older code made one outlet of a network's stations (NEWS_NETWORKS): "dfw.cbslocal.com" and
    "detroit.cbslocal.com" were "cbslocal.com", named after the first station seen (migration 15
    unsettles such an outlet). It becomes the outlet of its first article's station, and each other
    station's articles move to that station's outlet (one saved since, else a new one named by
    their site name, else by the station's domain), as an import today saves them; an outlet no
    article was saved under gives up the network's domain, and is deleted once the links and
    credits read again point at the stations (`db.save.drop_unused_outlets`). The articles moved
    are left untraced; returned with them, the articles whose links or credits resolved to the
    outlet, to be read again against the stations.
    """
    again: set[int] = set()
    networks = sorted(NEWS_NETWORKS)
    for outlet_id, key, network in db.conn.execute(
        f"select id, key, domain from outlets where settled = 0 and domain in ({clustering.placeholders(networks)}) "
        "order by id",
        networks,
    ).fetchall():
        stations: dict[str, list[tuple[int, str | None]]] = {}  # in the order of their first article
        for article_id, url, canonical, site_name in db.conn.execute(
            "select id, url, canonical_url, site_name from articles where outlet_id = ? order by id", [outlet_id]
        ):
            station = registrable_domain(page_address(url, canonical)) or network
            stations.setdefault(station, []).append((article_id, site_name))
        if list(stations) in ([], [network]):
            if not stations:
                with db.atomic():
                    db.conn.execute("update outlets set domain = null where id = ?", [outlet_id])
                again |= _articles_resolved_to(db, outlet_id)
            continue
        with db.atomic():
            first = next(iter(stations))
            if first != network:
                station_id = _station_outlet(db, first)
                if station_id is None:
                    db.conn.execute("update outlets set key = ?, domain = ? where id = ?", [first, first, outlet_id])
                else:
                    db.conn.execute("update outlets set domain = null where id = ?", [outlet_id])
            for station, articles in stations.items():
                target = _station_outlet(db, station)
                if target is None:
                    target = _save_station_outlet(db, station, [site_name for _, site_name in articles])
                if target != outlet_id:
                    db.conn.executemany(
                        "update articles set outlet_id = ?, traced = 0 where id = ?", [(target, a) for a, _ in articles]
                    )
                    LOGGER.info("outlet %s: %s of %s moved to their own outlet", key, counted(len(articles), "article"), station)
        again |= {article_id for articles in stations.values() for article_id, _ in articles}
        again |= _articles_resolved_to(db, outlet_id)
    return again


def _station_outlet(db: sqlite_utils.Database, domain: str) -> int | None:
    """The id of the outlet saved for a station's domain, if any."""
    row = db.conn.execute(
        f"select id from outlets where (key = ? or domain = ?) and {NOT_RETIRED} order by key = ? desc, id", [domain, domain, domain]
    ).fetchone()
    return row[0] if row else None


def _save_station_outlet(db: sqlite_utils.Database, domain: str, site_names: list[str | None]) -> int:
    """A new unsettled outlet for a station: named by its pages' site name that names no other outlet, else its domain."""
    name = next(
        (
            site_name.strip()
            for site_name in site_names
            if site_name and site_name.strip() and db.conn.execute(
                "select 1 from outlets where name = ? collate nocase", [site_name.strip()]
            ).fetchone() is None
        ),
        domain,
    )
    return db.conn.execute(
        "insert into outlets (key, name, domain, kind, in_registry, settled) values (?, ?, ?, 'unknown', 0, 0)",
        [domain, name, domain],
    ).lastrowid


def _articles_resolved_to(db: sqlite_utils.Database, outlet_id: int) -> set[int]:
    """Articles with a link or a credit resolved to this outlet."""
    return {
        row[0] for row in db.conn.execute(
            "select article_id from article_links where outlet_id = ? union "
            "select article_id from credits where outlet_id = ? or via_outlet_id = ?",
            [outlet_id, outlet_id, outlet_id],
        )
    }


_WORDS = re.compile(r"[^\W_]+")


def articles_outlets_may_change(
    db: sqlite_utils.Database, outlets: list[tuple], extra_registry: Iterable[Path | RegistryFile] = ()
) -> set[int]:
    """Articles with a link to one of these outlets' domains owned by no outlet, or naming one of them in their text.

    `outlets`: rows (id, name, domain, aliases) of the outlets table, not yet settled. A name is
    searched as the credit reader finds it ("Toronto Star" for "The Toronto Star"), and its short
    form ("the Star") where these outlets may change what it names alone (`short_form_may_change`):
    the phrase found by full-text search, then the reader's own pattern (a capital head, no "the
    Star Wars") on the title and text, so "the record" and "the star of the show" analyse nothing.
    """
    domains = domain_set(domain for _, _, domain, _ in outlets if domain)
    found: set[int] = set()
    for domain in sorted(domains):
        # the domain and its subdomains: one range of the index of the links no outlet owns
        low = ".".join(reversed(domain.split(".")))
        for article_id, url in db.conn.execute(
            "select article_id, url from article_links where outlet_id is null and host_reversed >= ? and host_reversed < ?",
            [low, low + "/"],  # "/" follows "." (and "-", which url_in_domains tells apart)
        ):
            if url_in_domains(url, domains):
                found.add(article_id)
    names = set()
    for _, name, _, aliases in outlets:
        for form in (name, *(json.loads(aliases) if aliases else ())):
            if not form or not distinctive_name(form):
                continue
            for text in text_forms(form) or [form]:
                if words := _WORDS.findall(text):
                    names.add(" ".join(words))
    for phrase in sorted(names):
        found.update(_articles_matching(db, phrase))
    found.update(_articles_naming_short_forms(db, outlets, list(extra_registry)))
    return found


def _articles_matching(db: sqlite_utils.Database, phrase: str) -> Iterator[int]:
    """Ids of the articles whose title or text has this phrase (full-text search: any case, stems)."""
    return (row[0] for row in db.conn.execute("select rowid from articles_fts where articles_fts match ?", [f'"{phrase}"']))


def _articles_naming_short_forms(db: sqlite_utils.Database, outlets: list[tuple], extra: list[Path | RegistryFile]) -> set[int]:
    """Articles saying "the Ledger" where these new outlets may change which outlet that is."""
    new = [
        Outlet(key=str(outlet_id), name=name, aliases=tuple(json.loads(aliases)) if aliases else ())
        for outlet_id, name, _, aliases in outlets
    ]
    heads = set().union(*(short_heads(outlet) for outlet in new))
    if not heads:
        return set()
    arriving = {outlet_id for outlet_id, *_ in outlets}
    before = {key for outlet_id, key in db.conn.execute("select id, key from outlets") if outlet_id not in arriving}
    known = load_registry(extra)  # what the articles saved before these outlets were read against
    add_outlets(known, [outlet for outlet in saved_outlets(db) if outlet.key in before])
    heads = {head for head in heads if known.short_form_may_change(head, new)}
    if not heads:
        return set()
    pattern = short_form_regex(heads)
    candidates = set()
    for head in sorted(heads):
        candidates.update(_articles_matching(db, f"the {head}"))
    found = set()
    for batch in clustering.chunked(sorted(candidates), 500):
        for article_id, title, text in db.conn.execute(
            f"select id, title, text from articles where id in ({clustering.placeholders(batch)})", batch
        ):
            if pattern.search(title or "") or pattern.search(text or ""):
                found.add(article_id)
    return found


def _quotes_of_articles(db: sqlite_utils.Database, article_ids: Iterable[int]) -> set[int]:
    ids = list(article_ids)
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        batch = ids[start : start + 500]
        marks = ", ".join("?" for _ in batch)
        found |= {
            row["quote_id"]
            for row in db.query(
                f"select distinct quote_id from quote_occurrences where quote_id is not null "
                f"and article_id in ({marks})",
                batch,
            )
        }
    return found


def _existing_quotes(db: sqlite_utils.Database, quote_ids: set[int]) -> set[int]:
    """Those of these clusters the database still holds (looked up by id: listing every cluster's cost more)."""
    found: set[int] = set()
    for values in clustering.chunked(sorted(quote_ids)):
        found.update(row[0] for row in db.conn.execute(
            f"select id from quotes where id in ({clustering.placeholders(values)})", values
        ))
    return found


def _drop_empty_quotes(db: sqlite_utils.Database) -> None:
    """Remove clusters left without occurrences after articles changed."""
    # each quote looked up in the occurrences' index: cheaper than listing every clustered occurrence's quote
    empty = db.conn.execute(
        "select id from quotes where not exists (select 1 from quote_occurrences where quote_id = quotes.id)"
    ).fetchall()
    if not empty:
        return
    with db.atomic():
        for sql in (
            "delete from quote_grams where quote_id = ?",
            "delete from lineage where quote_id = ?",
            "delete from stale_quotes where quote_id = ?",
            "delete from quotes where id = ?",
        ):
            db.conn.executemany(sql, empty)


def default_workers(file_count: int, jsonl_bytes: int = 0) -> int:
    """Processes for analysing files: all cores for a big folder or big JSON Lines files, else one."""
    if file_count < PARALLEL_MIN_FILES and jsonl_bytes < PARALLEL_MIN_BYTES:
        return 1
    return max(1, os.cpu_count() or 1)


def warm_workers(db: sqlite_utils.Database, analysis_workers: int = 1) -> bool:
    """Start the fork server now, beside the analysis, when the update after it will want workers; whether it runs.

    Bringing reuse up to date in a database of reuse.BESIDE_MIN_ARTICLES articles or more takes
    seconds, which a worker spends beside speakers and clusters (`reuse.ReuseBeside`), if one can
    start at once: a fresh fork server takes about half a second of its own core to import our
    modules, which this process would otherwise wait for in the middle of the update. When the
    analysis runs here (`analysis_workers` 1), that worker is the only one the server is likely to
    fork, so it imports only what the worker runs (UPDATE_PRELOAD), not the analysis and the crawl.
    """
    if (os.cpu_count() or 1) < 2 or not database_file(db) or reuse.article_count(db) < reuse.BESIDE_MIN_ARTICLES:
        return False
    return start_fork_server(None if analysis_workers > 1 else UPDATE_PRELOAD)


def _jsonl_bytes(files: list[Path]) -> int:
    """Size on disk of the JSON Lines files among `files`."""
    total = 0
    for path in files:
        if kind_of(path) == "jsonl":
            try:
                total += path.stat().st_size
            except OSError:
                continue
    return total


def import_paths(
    db: sqlite_utils.Database,
    paths: Iterable[Path | str],
    *,
    extra_registry: Iterable[Path | RegistryFile] = (),
    workers: int | None = None,
    command: str = "import",
    progress: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Import files and folders of articles, analyse them, and bring clusters and lineage up to date."""
    ensure_db_shape(db)
    files = expand_paths([Path(p) for p in paths])
    default = default_workers(len(files), _jsonl_bytes(files))
    # an import analysed here by default, into a database whose update wants a worker, is shared with it
    # (`analyse_split`) while a core is idle: on a busy machine it cost 1 s of CPU for 0.36 s less in this process
    split = workers is None and default == 1 and idle_core()
    workers = default if workers is None else workers
    warm = warm_workers(db, workers)  # first: the server starts beside reading the registry too
    if warm:
        reuse.start_worker_ahead()  # its start beside the analysis too
    split = split and warm
    try:
        extra = run_registry_files(db, extra_registry)
        registry = load_registry(extra)
        refresh_registry_outlets(db, registry)  # before the saved rows teach the registry their names
        known = saved_outlets(db)
        add_outlets(registry, known)
        with recorded_run(db, command) as report:
            if split:
                analyses = analyse_split(files, registry, extra_files=extra, known=known)
            else:
                analyses = analyse_paths(files, registry, extra_files=extra, known=known, workers=workers)
            ingest(db, analyses, report=report, progress=progress, as_analysed=split)
            report.quotes_touched = len(update_after_import(db, extra_registry=extra, run_id=report.run_id))
    finally:
        reuse.drop_worker_ahead()  # none of the update's stages took it (no article new, an error)
    return report


def trace_all(db: sqlite_utils.Database) -> int:
    """Recompute reuse, people, clusters and lineage for the whole database; return the cluster count.

    The work is a `runs` row ('trace'); one that did not end 'ok' (interrupted, killed) is done
    again by the next import or crawl (`update_after_import`), as its stages commit one by one.
    """
    ensure_db_shape(db)
    with recorded_run(db, "trace", TraceReport()) as report:
        with reuse.ReuseBeside(db, None) as reused:  # worked out beside speakers and clusters when large
            people.rebuild_people(db)
            clustering.rebuild_clusters(db)
            reused.finish()
        lineage.trace_quotes(db, None)
        with db.atomic():
            db.execute("delete from stale_quotes")
            db.execute("update articles set traced = 1 where traced = 0")
            record_versions(db, *CODE_VERSIONS)
        report.quotes_touched = db["quotes"].count
    return report.quotes_touched


def full_trace_due(db: sqlite_utils.Database) -> bool:
    """Whether the whole database must be traced again: its last full trace stopped before its end (its
    clusters or lineage half done) or was made due, or its wordings were normalised by another
    NORMALIZATION_VERSION, its clusters made by another CLUSTERING_VERSION, its reuse rows scored by another
    REUSE_VERSION or its lineage traced by another LINEAGE_VERSION: an older one, or a newer tracker's, whose rows this code's would mix with (a few reads of
    one row each: no stored wording is normalised to find out)."""
    last = db.execute("select status from runs where command = 'trace' order by id desc limit 1").fetchone()
    if (last is not None and last[0] != "ok") or (recorded_version(db, "normalization") or 0) != NORMALIZATION_VERSION:
        return True
    for name, rows_exist in _STAGE_ROWS.items():
        made_with = recorded_version(db, name)
        if made_with is None:  # none recorded: rows made before it was, or none yet
            made_with = 0 if db.execute(rows_exist).fetchone()[0] else CODE_VERSIONS[name]
        if made_with != CODE_VERSIONS[name]:
            return True
    return False


def recorded_version(db: sqlite_utils.Database, name: str) -> int | None:
    """The version of one stage of the code (`code_versions`: 'normalization', 'clustering') the stored rows
    were made with; None when none is recorded."""
    row = db.execute("select version from code_versions where name = ?", [name]).fetchone()
    return row[0] if row else None


def record_versions(db: sqlite_utils.Database, *names: str) -> None:
    """Record this code's version of these stages: every stored row of theirs has just been made by it."""
    db.conn.executemany(
        "insert or replace into code_versions (name, version, recorded_at) values (?, ?, ?)",
        [(name, CODE_VERSIONS[name], utc_now()) for name in names],
    )


def sample_pages() -> list[Path]:
    """The sample story's pages in the manifest's import order."""
    manifest = json.loads((SAMPLE_DIR / "manifest.json").read_text(encoding="utf-8"))
    return [SAMPLE_DIR / "pages" / entry["file"] for entry in manifest]


def sample_articles() -> Iterator[Article]:
    """The sample story's articles, with the URLs and fetch times of its manifest."""
    from scrapers.html import extract_article

    manifest = json.loads((SAMPLE_DIR / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest:
        html = (SAMPLE_DIR / "pages" / entry["file"]).read_text(encoding="utf-8")
        yield extract_article(html, entry["url"], fetched_at=entry.get("fetched_at"), source="sample")


def build_sample(db_path: Path | str, *, order: list[int] | None = None) -> ImportReport:
    """Build (or bring up to date) a database of the built-in sample story at `db_path`."""
    db = sqlite_utils.Database(db_path)
    ensure_db_shape(db)
    extra = run_registry_files(db, [SAMPLE_DIR / "outlets.csv"])  # the story's outlets, for later imports too
    registry = load_pipeline_registry(db, extra)
    articles = list(sample_articles())
    if order is not None:
        articles = [articles[i] for i in order]
    with recorded_run(db, "demo") as report:
        ingest(db, (analyse_item(article, registry) for article in articles), report=report)
        report.quotes_touched = len(update_after_import(db, extra_registry=extra, run_id=report.run_id))
    return report


@dataclass
class TraceReport(ImportReport):
    """What a whole trace did: every quote cluster traced again (no article is read)."""

    def summary(self) -> str:
        """One line: clusters and time."""
        return f"the whole database traced again: {counted(self.quotes_touched, 'quote cluster')} in {self.seconds:.1f} s"


@dataclass
class ReanalysisReport(ImportReport):
    """What `reanalyse` did: articles whose saved analysis changed, stayed, or failed, and pages set aside."""

    set_aside: int = 0  # stored pages the current rules would not store (provenance.setaside)

    def summary(self) -> str:
        """One line: counts and time."""
        aside = f"; {counted(self.set_aside, 'page')} set aside, no story" if self.set_aside else ""
        return (
            f"{counted(self.changed + self.unchanged + self.failed, 'article')} analysed again: {self.changed} changed, "
            f"{self.unchanged} unchanged, {self.failed} failed{aside}; {counted(self.quotes_touched, 'quote')} traced "
            f"in {self.seconds:.1f} s"
        )


def reanalyse(
    db: sqlite_utils.Database,
    *,
    extra_registry: Iterable[Path | RegistryFile] = (),
    workers: int | None = None,
    only_stale: bool = False,
    progress: Callable[[ImportReport], None] | None = None,
    warc_files: Iterable[Path] = (),
) -> ReanalysisReport:
    """Analyse every stored article again with the current code, save what changed, and trace the database again.

    Only the current text of an article is analysed (the texts of its earlier versions are
    history: what they printed and an edit withdrew stays as it is). `only_stale`: only the
    articles saved with an older ANALYSIS_VERSION. Chunks of articles are saved in one
    transaction each, with the version that analysed them, so a run stopped half-way is finished
    by the next (`--only-stale` skips what it did); the first chunk that changes anything makes a
    full trace due (a `runs` row 'trace' in state 'due'), which this run does at its end or, if
    it is stopped, the next import, crawl, trace or reanalyse does.

    First, the fetched pages the current rules would not store as articles (a soft 404, a list or
    author page, a live blog, a later page of a story) are set aside (`provenance.setaside`), read
    from what is stored and from the crawl's `warc_files` when given; this does not depend on `only_stale`.
    """
    ensure_db_shape(db)
    extra = run_registry_files(db, extra_registry)
    where = "where analysed_with is null or analysed_with < ?" if only_stale else ""
    values = [ANALYSIS_VERSION] if only_stale else []
    ids = [row[0] for row in db.conn.execute(f"select id from articles {where} order by id", values)]
    with recorded_run(db, "reanalyse", ReanalysisReport()) as report:
        refresh_registry_outlets(db, load_registry(extra))
        if workers is None:  # as for an import of as much JSON Lines
            size = db.conn.execute(f"select coalesce(sum(length(text)), 0) from articles {where}", values).fetchone()[0]
            workers = default_workers(0, size)
        trace_due = False

        def changed() -> None:
            nonlocal trace_due
            if not trace_due:
                _make_trace_due(db, "reanalyse: saved analyses changed")
                trace_due = True

        from provenance.setaside import find_set_aside, set_aside

        aside = set_aside(db, find_set_aside(db, warc_files), run_id=report.run_id, extra_registry=extra, on_change=changed)
        report.set_aside = len(aside)
        gone = {page.article_id for page in aside}
        ids = [article_id for article_id in ids if article_id not in gone]
        analyse_again(db, ids, extra, workers, report, on_change=changed, progress=progress)
        settle_outlets(db, extra, run_id=report.run_id)  # outlets the new analyses saved
        if full_trace_due(db):
            trace_all(db)
            report.quotes_touched = db["quotes"].count
        else:
            report.quotes_touched = len(update_after_import(db, extra_registry=extra, run_id=report.run_id))
    return report


def analyse_again(
    db: sqlite_utils.Database,
    ids: list[int],
    extra: list[Path | RegistryFile],
    workers: int,
    report: ImportReport,
    *,
    on_change: Callable[[], None] | None = None,
    progress: Callable[[ImportReport], None] | None = None,
) -> None:
    """Analyse these saved articles again against every outlet saved now, and save what changed.

    Chunks are saved in one transaction each; `on_change` runs inside the transaction of every
    chunk that changed something, before it commits. A changed article is left untraced (`articles.traced = 0`)
    with its old clusters stale, for `update_after_import`.
    """
    known = saved_outlets(db)
    registry = load_registry(extra)
    add_outlets(registry, known)
    batches = (ids[start : start + LINES_PER_TASK] for start in range(0, len(ids), LINES_PER_TASK))
    tasks = (stored_articles(db, batch) for batch in batches)
    if workers <= 1:
        analysed = ([(article_id, analyse_item(article, registry)) for article_id, article in task] for task in tasks)
    else:
        analysed = map_in_order(
            _reanalyse_task, tasks, workers=workers, window=workers * TASKS_PER_WORKER, lost=_lost_reanalysis,
            initializer=_init_worker, initargs=(extra, known, []),
        )
    with page_cache(db, INGEST_CACHE_KIB):
        for chunk in in_chunks(chain.from_iterable(analysed), CHUNK_SIZE):
            saved = ReanalysisReport(run_id=report.run_id)
            with db.atomic():
                for article_id, item in chunk:
                    _save_reanalysis_one(db, article_id, item, saved)
                if saved.changed and on_change is not None:
                    on_change()
            report.add(saved)
            if progress is not None:
                progress(report)


def stored_articles(db: sqlite_utils.Database, article_ids: list[int]) -> list[tuple[int, Article]]:
    """(id, Article) of saved articles as their analysis read them: current text, metadata, links, credit lines.

    The article's outlet is the one it was saved with (an import record's `outlet` is not kept), but
    for an outlet its page named, which the analysis names again as this code does (`page_named`), and
    a retired registry outlet (`db.save.retire_registry_outlet`): the outlet its import record named
    (`articles.outlet_given`), else, for an article saved before that was kept, none at the outlet's own
    address, which the registry found it by.
    Credit lines of an article saved before they were kept (articles.credit_lines null) are those
    its credits outside the text were read from.
    """
    if not article_ids:
        return []
    marks = ", ".join("?" for _ in article_ids)
    links: dict[int, list[Link]] = {}
    for article_id, url, anchor, sentence, start, end in db.conn.execute(
        f"select article_id, url, anchor, sentence, start, end from article_links where article_id in ({marks}) "
        "order by article_id, id",
        article_ids,
    ):
        links.setdefault(article_id, []).append(Link(url, anchor or "", sentence or "", start, end))
    articles = []
    for row in db.conn.execute(
        f"""select a.id, a.url, a.text, a.title, a.author, a.published, a.site_name, o.name, a.canonical_url,
        a.description, a.language, a.fetched_at, a.source, a.metadata, a.credit_lines, o.key, o.in_registry, o.domain,
        a.outlet_given
        from articles a left join outlets o on o.id = a.outlet_id where a.id in ({marks}) order by a.id""",
        article_ids,
    ):
        (article_id, url, text, title, author, published, site_name, outlet, canonical, description, language,
         fetched_at, source, metadata, credit_lines, outlet_key, in_registry, outlet_domain, given) = row
        lines = json.loads(credit_lines) if credit_lines is not None else _credit_lines_of(db, article_id, author)
        article = Article(
            url=url, text=text or "", title=title, author=author, published=published, site_name=site_name,
            outlet=outlet, canonical_url=canonical, description=description, language=language,
            fetched_at=fetched_at, source=source or "import", links=links.get(article_id, []),
            credit_lines=lines, metadata=json.loads(metadata) if metadata else {},
        )
        if outlet_key and outlet_key.startswith(RETIRED_KEY_PREFIX) and given is not None:
            article.outlet = given or None  # what its import record named, as a fresh import reads it
        elif (
            given == "" and read_from_canonical(url, canonical)
            or outlet_key == POOLED_UNKNOWN_KEY
            or (not in_registry and page_named(article, outlet_key))
            or (outlet_key and outlet_key.startswith(RETIRED_KEY_PREFIX) and outlet_domain
                and url_in_domains(page_address(url, canonical), domain_set([outlet_domain])))
        ):
            article.outlet = None  # the page named its outlet (older code's way): found again, as this code names it
        articles.append((article_id, article))
    return articles


def page_named(article: Article, outlet_key: str | None) -> bool:
    """Whether an article's saved outlet outside the registry is one its page named (its site name, domain,
    title, copyright), not an import record's `outlet`, which is not stored."""
    return bool(outlet_key and outlet_key.startswith("unknown-")) or article.outlet in page_outlet_names(article)


def _credit_lines_of(db: sqlite_utils.Database, article_id: int, author: str | None) -> list[str]:
    """The credit lines an article's credits outside its text were read from (its author field aside)."""
    lines = []
    for (sentence,) in db.conn.execute(
        "select sentence from credits where article_id = ? and start is null and url is null "
        "and withdrawn_at is null and sentence is not null order by id",
        [article_id],
    ):
        if sentence not in lines and sentence != (author or "").strip():
            lines.append(sentence)
    return lines


def _reanalyse_task(task: list[tuple[int, Article]]) -> list[tuple[int, Analysis | ImportFailure]]:
    """Analyses of a batch of saved articles, on a worker process."""
    assert _WORKER_REGISTRY is not None
    return [(article_id, analyse_item(article, _WORKER_REGISTRY)) for article_id, article in task]


def _lost_reanalysis(task: list[tuple[int, Article]], message: str) -> list[tuple[int, ImportFailure]]:
    """The failures recorded for a batch whose worker process died under it."""
    return [(article_id, ImportFailure(article.url, "", "worker", message)) for article_id, article in task]


def _save_reanalysis_one(
    db: sqlite_utils.Database, article_id: int, item: Analysis | ImportFailure, report: ImportReport
) -> None:
    if isinstance(item, ImportFailure):
        _record_failure(db, item, report)
        return
    try:
        touched = save_reanalysis(db, article_id, item)  # atomic: a failure leaves the saved analysis as it was
    except Exception as error:
        LOGGER.debug("saving the new analysis failed for %s", item.article.url, exc_info=True)
        failure = ImportFailure(item.article.url, "", "save", f"{type(error).__name__}: {error}")
        _record_failure(db, failure, report)
        return
    if touched is None:
        report.unchanged += 1
    else:
        report.changed += 1
        report.article_ids.append(article_id)


def _make_trace_due(db: sqlite_utils.Database, why: str) -> None:
    """A `runs` row 'trace' in state 'due': the next update traces the whole database (`full_trace_due`)."""
    db["runs"].insert({"command": "trace", "started_at": utc_now(), "status": "due", "summary": why})
