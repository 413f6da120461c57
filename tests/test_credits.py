"""Outlet credits: every way news credits news, one row per case, with exact kinds, cues and scope."""

from __future__ import annotations

import pytest

from provenance.credits import extract_credits, is_article_url, read_credits, same_outlet
from provenance.models import CREDIT_KINDS, Article, Link, Outlet, Quotation
from provenance.outlets import OutletRegistry, load_registry, outlet_for_article
from provenance.quotes import extract_quotes

HOME = "https://valleyherald.example/2026/03/02/port-sale"
FICTIONAL = [
    Outlet("meridian-ledger", "The Meridian Ledger", "newspaper", ("meridianledger.example",), in_registry=True),
    Outlet("continental-press", "Continental Press", "wire", ("cpress.example",), ("CP",), in_registry=True),
    Outlet("valley-herald", "Valley Herald", "newspaper", ("valleyherald.example",), in_registry=True),
    Outlet("newspulse", "NewsPulse", "aggregator", ("newspulse.example",), in_registry=True),
    Outlet("kestrel-polling", "Kestrel Polling", "unknown", ("kestrelpolling.example",), in_registry=True),  # no news
]


@pytest.fixture(scope="module")
def registry() -> OutletRegistry:
    registry = load_registry()
    for outlet in FICTIONAL:
        registry.add(outlet)
    return registry


def rows(credits) -> list[tuple]:
    """(kind, outlet key, cue, scope) of each credit."""
    return [(c.kind, c.outlet.key, c.cue, c.scope) for c in credits]


# One row per way of crediting; texts are fictional and published by the Valley Herald.
CUE_CASES = [
    (
        "according to",
        "The terminal loses money, according to The Meridian Ledger.",
        [("according_to", "meridian-ledger", "according to", "story")],
    ),
    (
        "according to a report in",
        "The sale was agreed, according to a report in the New York Times.",
        [("according_to", "nyt", "according to", "story")],
    ),
    (
        "according to an outlet registered with a qualifier, printed without it",
        "The harbour gala drew its best ratings in years, according to Variety.",
        [("according_to", "variety", "according to", "story")],
    ),
    (
        "according to an X count",
        "She leads by 12 delegates, according to an Associated Press count.",
        [("according_to", "ap", "according to", "fact")],
    ),
    (
        "according to an X poll",
        "Whitfield leads by four points, according to a Meridian Ledger poll.",
        [("according_to", "meridian-ledger", "according to", "fact")],
    ),
    (
        "a poll released on a day by X",
        "A poll released Sunday by the Meridian Ledger shows Whitfield ahead.",
        [("obtained", "meridian-ledger", "released Sunday by", "fact")],
    ),
    (
        "a poll by X found",
        "A poll by the Meridian Ledger found most dockers back the sale.",
        [("reported", "meridian-ledger", "found", "fact")],
    ),
    (
        "a survey is where its respondents' words are printed",
        "A survey by the Meridian Ledger found most dockers back the sale.",
        [("reported", "meridian-ledger", "found", "story")],
    ),
    (
        "told X, then a poll word",
        "Whitfield told CNN polls were wrong about the sale.",
        [("told", "cnn", "told", "story")],
    ),
    (
        "X reported",
        "The port lost two million dollars, Bloomberg reported on Monday.",
        [("reported", "bloomberg", "reported", "story")],
    ),
    (
        "X first reported",
        "The Meridian Ledger first reported the sale.",
        [("reported", "meridian-ledger", "first reported", "story")],
    ),
    (
        "X was first to report",
        "Reuters was first to report the sale.",
        [("reported", "reuters", "was first to report", "story")],
    ),
    ("X reports", "The Wall Street Journal reports that talks stalled.", [("reported", "wsj", "reports", "story")]),
    (
        "told X",
        "The chair told the Ledger on Monday that the sale is final.",
        [("told", "meridian-ledger", "told", "story")],
    ),
    (
        "told a reporter of X",
        "Raman told Ana Ruiz of the Ledger that the docks would fight.",
        [("told", "meridian-ledger", "told", "story")],
    ),
    (
        "according to a person of an agency",
        "No ships are docked, according to Ana Ruiz of the Harborton Port Authority.",
        [],
    ),
    ("told X's show", "Raman told CNN’s morning show the docks would fight.", [("told", "cnn", "told", "story")]),
    # A medium named before the outlet, with no article
    (
        "told <nation> television channel X",
        "Raman told Valerian television channel CNN that the docks would fight.",
        [("told", "cnn", "told", "story")],
    ),
    (
        "told <nation> television station X",
        "Raman told Valerian television station CNN the docks would fight.",
        [("told", "cnn", "told", "story")],
    ),
    ("told the <city> daily X", "Raman told the Harborton daily Meridian Ledger the docks would fight.",
     [("told", "meridian-ledger", "told", "story")]),
    ("told reporters at the station X: no medium named", "Raman told reporters outside CNN the docks would fight.", []),
    # A magazine the registry calls by a word and a qualifier, "People (magazine)", named by the word alone.
    ("added to People.", "The docks will fight, Raman added to People.", [("told", "people", "added to", "story")]),
    ("said to Slate that", "Raman said to Slate that the docks would fight.", [("told", "slate", "said to", "story")]),
    ("told Time on", "Raman told Time on Monday the docks would fight.", [("told", "time", "told", "story")]),
    ("told the people: no magazine", "Raman told people the docks would fight.", []),
    ("told People, a surname here", "Raman met Lena People. Raman told People.", []),
    (
        "in an interview with",
        "In an interview with the AP, Raman said the docks would fight.",
        [("interview", "ap", "In an interview with", "story")],
    ),
    ("said on X", "Raman said on NPR that the docks would fight.", [("interview", "npr", "said on", "story")]),
    ("per X", "The sale closes in May, per Bloomberg.", [("per", "bloomberg", "per", "story")]),
    ("citing X", "Shares fell, citing Reuters.", [("citing", "reuters", "citing", "story")]),
    (
        "X said",
        "Continental Press said the figures were checked twice.",
        [("said", "continental-press", "said", "story")],
    ),
    ("reported by", "The loss was reported by NewsPulse.", [("reported_by", "newspulse", "reported by", "story")]),
    (
        "a report in X",
        "A report in The Wall Street Journal set off the row.",
        [("reported_by", "wsj", "A report in", "story")],
    ),
    (
        "reported X (inverted)",
        "The union will strike, reported the Washington Examiner.",
        [("reported", "washexaminer", "reported", "story")],
    ),
    (
        "said X (inverted)",
        "“The port is ours,” said the Ledger in an editorial.",
        [("said", "meridian-ledger", "said", "story")],
    ),
    ("said X is no credit mid-clause", "Raman said the Ledger was wrong.", []),
    ("X noted", "As The Atlantic noted, trust is falling.", [("said", "theatlantic", "noted", "story")]),
    (
        "X pointed out",
        "But as The Hill pointed out, the port has not released its books.",
        [("said", "thehill", "pointed out", "story")],
    ),
    ("X observed", "As the Ledger observed, trust is falling.", [("said", "meridian-ledger", "observed", "story")]),
    ("X revealed", "Politico revealed the bids on Monday.", [("reported", "politico", "revealed", "story")]),
    (
        "X recently reported",
        "Politico recently reported the bids.",
        [("reported", "politico", "recently reported", "story")],
    ),
    ("X quoted", "CNN quoted a docker as saying the port is closed.", [("reported", "cnn", "quoted", "story")]),
    (
        "X published a story",
        "The Ledger published a long story about the bids.",
        [("reported", "meridian-ledger", "published a long story", "story")],
    ),
    ("X obtained", "ProPublica obtained a video of the vote.", [("obtained", "propublica", "obtained", "story")]),
    (
        "declared (inverted)",
        "Whitfield won the vote, the Associated Press declared on Thursday.",
        [("said", "ap", "declared", "story")],
    ),
    (
        "a sentence end is no first name",
        "The port went to Ikea. Forbes said the price was low.",
        [("said", "forbes", "said", "story")],
    ),
    (
        "first reported by",
        "The sale, first reported by the Financial Times, angered the union.",
        [("reported_by", "ft", "first reported by", "story")],
    ),
    ("via X", "The union's letter (via the AP) was short.", [("via", "ap", "via", "story")]),
    (
        "h/t X",
        "The council votes in April. (h/t The Meridian Ledger.)",
        [("hat_tip", "meridian-ledger", "h/t", "story")],
    ),
    ("h/t: X", "The council votes in April.\n\nh/t: Politico.", [("hat_tip", "politico", "h/t:", "story")]),
    ("hat tip to X", "Hat tip to Axios for the numbers.", [("hat_tip", "axios", "Hat tip to", "story")]),
    # A newsletter's credits (a morning tipsheet crediting others' scoops item by item).
    ("newsletter: -- per X", "The harbour vote is Tuesday -- per Bloomberg.", [("per", "bloomberg", "per", "story")]),
    (
        "newsletter: (via X's reporter)",
        "The harbour vote is Tuesday (via Axios' Dana Wick).",
        [("via", "axios", "via", "story")],
    ),
    (
        "newsletter: h/t reporter of X",
        "The harbour vote is Tuesday (h/t Dana Wick of The Meridian Ledger).",
        [("hat_tip", "meridian-ledger", "h/t", "story")],
    ),
    (
        "newsletter: SCOOPLET from X:",
        "SCOOPLET from Axios: The harbour board will vote Tuesday.",
        [("reported_by", "axios", "SCOOPLET from", "story")],
    ),
    (
        "newsletter: scoop by X's reporter",
        "The harbour board will vote Tuesday -- scoop by Politico's Dana Wick.",
        [("reported_by", "politico", "scoop by", "story")],
    ),
    ("X scooped", "The harbour board will vote Tuesday, as Axios first scooped.", [("reported", "axios", "first scooped", "story")]),
    (
        "X's reporter scooped",
        "The harbour board will vote Tuesday, Politico's Dana Wick scooped.",
        [("reported", "politico", "scooped", "story")],
    ),
    ("a scoop is no credit without an outlet", "Add one scoop from the tub to the milk.", []),
    (
        "transcript obtained by",
        "A transcript obtained by the Ledger shows the vote.",
        [("obtained", "meridian-ledger", "obtained by", "story")],
    ),
    (
        "recording published by",
        "A recording published by Politico shows the vote.",
        [("obtained", "politico", "published by", "story")],
    ),
    (
        "memo reviewed by",
        "A memo reviewed by The Washington Post lists the bids.",
        [("obtained", "wapo", "reviewed by", "story")],
    ),
    (
        "unknown outlet by its news word",
        "The sale is off, according to the Harborton Star.",
        [("according_to", "harborton-star", "according to", "story")],
    ),
    (
        "unknown broadcaster",
        "Raman told Channel 9 Eastside the docks would fight.",
        [("told", "channel-9-eastside", "told", "story")],
    ),
    # Cues read on real news (PolNeAR, 2016; news pages of 2019), each on a fictional sentence.
    (
        "in a statement to",
        "Raman said in a statement to the Meridian Ledger that the union will appeal.",
        [("told", "meridian-ledger", "in a statement to", "story")],
    ),
    (
        "in an email to",
        "The union said in an email to NewsPulse that it will appeal.",
        [("told", "newspulse", "in an email to", "story")],
    ),
    (
        "reiterated to",
        "Raman reiterated to NewsPulse that the docks would fight.",
        [("told", "newspulse", "reiterated to", "story")],
    ),
    (
        "confirmed to",
        "A port spokesman confirmed to the Ledger that the sale closed.",
        [("told", "meridian-ledger", "confirmed to", "story")],
    ),
    (
        "reached by",
        "When reached by The Meridian Ledger, Raman declined to comment.",
        [("told", "meridian-ledger", "reached by", "story")],
    ),
    (
        "contacted by",
        "Raman, when contacted by Reuters, said the docks would fight.",
        [("told", "reuters", "contacted by", "story")],
    ),
    # Any speech verb with "on" or "to" an outlet ending its phrase; not the verb governing a noun there.
    (
        "insisted on X that",
        "Raman insisted on NPR that the docks would fight.",
        [("interview", "npr", "insisted on", "story")],
    ),
    (
        "argued on a day on X's show",
        "Raman argued Sunday on CNN’s Morning Watch that the docks would fight.",
        [("interview", "cnn", "argued Sunday on", "story")],
    ),
    (
        "maintained to X.",
        "The docks will fight on, Raman maintained to the Ledger.",
        [("told", "meridian-ledger", "maintained to", "story")],
    ),
    ("insisted on X doing a thing", "Raman insisted on NPR correcting the story about the docks.", []),
    ("added to X's noun", "The strike added to the Ledger’s troubles with its printers.", []),
    ("a noun's to X", "Kowal posted a video of Raman slamming his remarks to the Ledger.", []),
    ("claimed on a CNN noun", "Raman claimed on a CNN panel of dockers that the sale was off.", []),
    (
        "said on a day on",
        "Raman said Sunday on NPR that the docks would fight.",
        [("interview", "npr", "said Sunday on", "story")],
    ),
    (
        "said by telephone on",
        "Raman said by telephone on NPR's morning show that the docks would fight.",
        [("interview", "npr", "said by telephone on", "story")],
    ),
    (
        "an interview on a day with",
        "In an interview Tuesday with the AP, Raman said the docks would fight.",
        [("interview", "ap", "In an interview Tuesday with", "story")],
    ),
    (
        "an appearance on",
        "In an appearance on CNN, Raman said the docks would fight.",
        [("interview", "cnn", "In an appearance on", "story")],
    ),
    (
        "asked by",
        "Raman was asked by NPR whether the docks would fight.",
        [("interview", "npr", "asked by", "story")],
    ),
    (
        "at a town hall of",
        "Raman said at a CNN town hall that the docks would fight.",
        [("interview", "cnn", "at a", "story")],
    ),
    (
        "at an event of no outlet",
        "Raman said at a NewsPulse reader's party that the docks would fight.",
        [],
    ),
    (
        "On X's show, someone said",
        "On NPR's Morning Edition, Raman said the docks would fight.",
        [("interview", "npr", "On", "story")],
    ),
    ("On X's shows, no one said", "On NPR's morning shows and the evening news, port stories are rare.", []),
    (
        "a day, then on X's show, someone said",
        "Sunday on NPR’s “Weekend Edition,” Dana Whitfield said the port was safe.",
        [("interview", "npr", "on", "story")],
    ),
    (
        "a day, a comma, then on X's show",
        "Wednesday, on NPR's Morning Edition, Raman said the docks would fight.",
        [("interview", "npr", "on", "story")],
    ),
    ("On a date on X, someone said", "On Dec. 7 on NPR, Raman said the docks would fight.", [("interview", "npr", "on", "story")]),
    ("a day on X's site, no one said", "Sunday on NPR's website the port story ran again.", []),
    (
        "said on a date on X",
        "Raman said Dec. 6 on NPR's Morning Edition that the docks would fight.",
        [("interview", "npr", "said Dec. 6 on", "story")],
    ),
    ("said with an adverb on X", "Raman said happily on NPR as returns came in.", [("interview", "npr", "said happily on", "story")]),
    ("stating on X", "Raman left, stating on NPR that the docks would fight.", [("interview", "npr", "stating on", "story")]),
    ("went on X to say", "Raman went on NPR to declare the docks safe.", [("interview", "npr", "went on", "story")]),
    (
        "went on X's show",
        "Raman went on NPR's Morning Edition to defend the sale.",
        [("interview", "npr", "went on", "story")],
    ),
    ("went on something in X: no appearance", "Raman went on the offensive in The Meridian Ledger on Monday.", []),
    ("went on X's site: no appearance", "Raman went on NPR's website every day.", []),
    ("asked on X", "Asked on NPR who leads the port, Raman named Whitfield.", [("interview", "npr", "Asked on", "story")]),
    (
        "being interviewed on X",
        "Raman, while being interviewed on NPR Monday morning, called for a new vote.",
        [("interview", "npr", "being interviewed on", "story")],
    ),
    (
        "his appearance on X",
        "Raman added during his appearance on NPR that the docks would fight.",
        [("interview", "npr", "during his appearance on", "story")],
    ),
    (
        "sitting down with X's show",
        "Sitting down with NPR's Morning Edition on Thursday, Raman spoke of the docks.",
        [("interview", "npr", "Sitting down with", "story")],
    ),
    ("tells X", "Raman tells NPR that the docks would fight.", [("told", "npr", "tells", "story")]),
    (
        "a call to X's show",
        "Raman spoke of the claim during a call to NPR's Morning Edition.",
        [("told", "npr", "during a call to", "story")],
    ),
    (
        "an interview someone gave to X",
        "The docks will fight, according to an interview her brother Tom Raman gave to NPR.",
        [("told", "npr", "interview her brother Tom Raman gave to", "story")],
    ),
    ("reports for X", "As Dana Whitfield reports for NPR, the docks are closed.", [("reported_by", "npr", "reports for", "story")]),
    (
        "writing on X",
        "Dana Whitfield, writing on NewsPulse, shared those sentiments.",
        [("reported_by", "newspulse", "writing on", "story")],
    ),
    (
        "a column on X",
        "As Dana Whitfield argues in a column on NewsPulse, the docks lose money.",
        [("reported_by", "newspulse", "a column on", "story")],
    ),
    (
        "noted in X",
        "The sale is a scare tactic, as Dana Whitfield noted in The Meridian Ledger.",
        [("reported_by", "meridian-ledger", "noted in", "story")],
    ),
    (
        "noted in an interview with X: the interview's",
        "The sale is a scare tactic, as Raman noted in an interview with The Meridian Ledger.",
        [("interview", "meridian-ledger", "in an interview with", "story")],
    ),
    (
        "audio provided by X",
        "Raman spoke at the docks Monday, according to audio provided by NPR.",
        [("obtained", "npr", "provided by", "story")],
    ),
    (
        "X moderator Name asked",
        "In the harbour debate, NPR moderator Ana Ruiz asked Raman about the sale.",
        [("interview", "npr", "asked", "story")],
    ),
    (
        "an X reporter later asked",
        "When an NPR reporter later asked Raman about the sale, he left.",
        [("interview", "npr", "asked", "story")],
    ),
    (
        "X reporter Name tweeted",
        "Meridian Ledger reporter Ana Ruiz tweeted the transcript of the exchange.",
        [("reported", "meridian-ledger", "tweeted", "story")],
    ),
    ("a former X reporter said: no credit", "A former NPR reporter Ana Ruiz said the docks would fight.", []),
    ("X analyst Name said: no credit", "NPR analyst Ana Ruiz said the docks would fight.", []),
    (
        "X, an appositive, revealed",
        "Last month the Meridian Ledger, a harbour-town weekly, revealed that the cranes were sold.",
        [("reported", "meridian-ledger", "revealed", "story")],
    ),
    ("X, an appositive, with no reporting verb", "The Meridian Ledger, a harbour-town weekly, has done an awful job.", []),
    (
        "a video uncovered by X",
        "In a 2013 video uncovered by NewsPulse, a pilot said the docks were unsafe.",
        [("obtained", "newspulse", "uncovered by", "story")],
    ),
    (
        "wrote in",
        "Dana Whitfield wrote in The Meridian Ledger that the terminal loses money.",
        [("reported_by", "meridian-ledger", "wrote in", "story")],
    ),
    (
        "an op-ed in",
        "In an op-ed in the Harborton Star, Whitfield argued for the sale.",
        [("reported_by", "harborton-star", "an op-ed in", "story")],
    ),
    (
        "an op-ed in a place's paper",
        "The union objected in an op-ed in Harborton’s Meridian Ledger.",
        [("reported_by", "meridian-ledger", "an op-ed in", "story")],
    ),
    (
        "an issue of",
        "In the March issue of The Atlantic, Whitfield defends the sale.",
        [("reported_by", "theatlantic", "the March issue of", "story")],
    ),
    (
        "by X's count",
        "The sale has 38 of the 40 votes it needs, by the Associated Press' count.",
        [("according_to", "ap", "by", "fact")],
    ),
    ("by X's photographer is no count", "The photo was taken by the Ledger's photographer.", []),
    (
        "a report in X, after by",
        "The board was shaken on Friday by a report in the Ledger about the bids.",
        [("reported_by", "meridian-ledger", "a report in", "story")],
    ),
    (
        "published on a day by",
        "Raman was asked about it in an interview published Monday by the Ledger.",
        [("interview", "meridian-ledger", "published Monday by", "story")],  # words said to the Ledger
    ),
    ("a guest on", "Raman was a guest on NPR's morning show.", [("interview", "npr", "a guest on", "story")]),
    ("X found", "The Meridian Ledger found that the port lost money.", [("reported", "meridian-ledger", "found", "story")]),
    ("X found itself", "The Meridian Ledger found itself at the centre of the row.", []),
    (
        "X's journalist reported",
        "The Meridian Ledger's Ana Ruiz reported that the sale closed.",
        [("reported", "meridian-ledger", "reported", "story")],
    ),
    (
        "X's journalist tweeted",
        "CNN’s Ana Ruiz tweeted that the sale closed.",
        [("reported", "cnn", "tweeted", "story")],
    ),
    ("leaked to", "A memo leaked to the Ledger shows the bids.", [("obtained", "meridian-ledger", "leaked to", "story")]),
    (
        "provided to",
        "Figures provided to the AP show the bids.",
        [("obtained", "ap", "provided to", "story")],
    ),
    (
        "opined X (inverted)",
        "“Dockers should stay home,” opined Harborton’s Meridian Ledger.",
        [("said", "meridian-ledger", "opined", "story")],
    ),
    ("an editor at X argued", "My editor at NewsPulse argued the piece was too long and spiked it.", []),
    (
        "X, which unearthed",
        "The story was told by NewsPulse, which unearthed a 1995 memo.",
        [("reported", "newspulse", ", which unearthed", "story")],
    ),
    (
        "a network in capitals",
        "Raman said in an interview with FOX Business Network that the docks would fight.",
        [("interview", "foxbusiness", "in an interview with", "story")],
    ),
    ("a network's show", "Raman told Fox and Friends the docks would fight.", [("told", "foxnews", "told", "story")]),
    (
        "a network's show after the network",
        "Raman said on NBC’s Meet the Press that the docks would fight.",
        [("interview", "nbcnews", "said on", "story")],
    ),
    ("a section of the outlet", "Raman told Bloomberg Politics the docks would fight.", [("told", "bloomberg", "told", "story")]),
    # The outlet as a party to the news, speaking for itself: no source of it.
    ("X said in a statement", "Continental Press said in a statement that it fired its editor.", []),
    ("said X in a statement", "“We regret it,” said Continental Press in a statement.", []),
    ("X announced", "NewsPulse announced on Monday that it will close its Harborton office.", []),
    ("X reported its accounts", "NewsPulse reported a loss of $3 million in the third quarter.", []),
    ("X reported its accounts 2", "NewsPulse reported quarterly revenue of $3 million.", []),
    (
        "On X‘ show with a misprinted apostrophe",
        "On NPR‘ Morning Edition, Raman said the docks would fight.",
        [("interview", "npr", "On", "story")],
    ),
    # A network's local station is not the network.
    ("a local station by its channel", "Raman told ABC 7 that the docks would fight.", [("told", "abc-7", "told", "story")]),
    ("a learned journal is no outlet", "A study in the Harborton Medical Journal found that dockers live longer.", []),
    ("a person is no outlet", "The sale is off, according to Dana Whitfield.", []),
    ("an agency is no outlet", "No ships are docked, according to the Pentagon.", []),
    ("a ministry is no outlet", "No ships are docked, according to the Harborton Transport Ministry.", []),
    ("reporters are no outlet", "Ushakov told reporters in Washington that the talks failed.", []),
    ("the city is not the Post", "Whitfield flew to Washington, officials said.", []),
    ("a person named like an outlet", "Michael Bloomberg said the port should be sold.", []),
    (
        "the outlet's figure after a person named like it",
        "Alma Bloomberg said the port should be sold. Bloomberg estimates her fortune at $2 billion.",
        [("reported", "bloomberg", "estimates", "fact")],
    ),
    # the outlet's list, index or ranking: its figure, named with a cue or none, after the person or not
    (
        "according to X's index",
        "Alma Bloomberg spoke. According to Bloomberg's billionaires index, she is worth $2 billion.",
        [("according_to", "bloomberg", "According to", "fact")],
    ),
    (
        "not on X's own list",
        "But Ms. Bloomberg does not appear on Bloomberg's own billionaire list.",
        [("reported", "bloomberg", "list", "fact")],
    ),
    (
        "X's Index, capitalised, after the person",
        "Alma Bloomberg spoke. Bloomberg's Billionaires Index shows she is worth $2 billion.",
        [("reported", "bloomberg", "Index", "fact")],
    ),
    ("ranks on X's list", "She ranks 40th on NewsPulse's annual rich list.", [("reported", "newspulse", "list", "fact")]),
    (
        "X says its reporting, after the person",
        "Alma Bloomberg spoke. Bloomberg says its deeper reporting has found the fund still under her control.",
        [("said", "bloomberg", "says", "story")],
    ),
    ("the person says his reporting", "Alma Bloomberg spoke. Bloomberg says his own reporting found the fund.", []),
    ("the person says its board", "Alma Bloomberg spoke. Bloomberg said its board would meet.", []),
    ("the person's fortune", "Alma Bloomberg spoke. Bloomberg's fortune grew.", []),
    ("a person with a news-word surname", "“No comment,” said Harborton City Mayor Ben Guardian on Monday.", []),
    ("press secretary", "Harborton City Press Secretary Lee Kim told the council.", []),
    ("a mention without a cue", "Reuters and Bloomberg both have offices in Harborton.", []),
    ("the publisher itself", "The chair told the Valley Herald that the sale is final.", []),
    ("a report noun is no cue", "The AP report ran on Sunday, the union said.", []),
    (
        "a report someone calls wrong: disputed, a fact",
        "The AP report was wrong, the union said.",
        [("reported", "ap", "was wrong", "fact")],
    ),
    (
        "X's story is misleading: disputed, a fact",
        "A spokesman said the Meridian Ledger's story is misleading because it counts only one pier.",
        [("reported", "meridian-ledger", "is misleading", "fact")],
    ),
    ("a report called accurate: no credit", "The Meridian Ledger report is accurate, the mayor said.", []),
    (
        "X's journalist said: the outlet's words",
        "Earlier, NewsPulse's Dana Okafor said the mayor had signed the sale.",
        [("said", "newspulse", "said", "story")],
    ),
    (
        "X's journalist asked: words said to the outlet",
        "The Meridian Ledger's Tomas Vale asked the mayor about the sale on Monday.",
        [("interview", "meridian-ledger", "asked", "story")],
    ),
    (
        "X asked about: words said to the outlet",
        "The payments were not disclosed until the Meridian Ledger asked about them in April.",
        [("interview", "meridian-ledger", "asked", "story")],
    ),
    (
        "X asked someone whether",
        "When NewsPulse asked the mayor's office whether the pier was sold, it declined to comment.",
        [("interview", "newspulse", "asked", "story")],
    ),
    (
        "X asked someone how",
        "NewsPulse asked Whitfield on Friday how voters should trust her, and she said she had been open.",
        [("interview", "newspulse", "asked", "story")],
    ),
    ("X asked someone to: no credit", "NewsPulse asked her to pose a question about the pier.", []),
    (
        "figures with the verb left out after a standing: each outlet's figure",
        "Averages show Whitfield leading, with NewsPulse showing her ahead 3 points, Continental Press 4.3 points, and "
        "the Meridian Ledger 2.1 points.",
        [
            ("reported", "newspulse", "showing", "fact"),
            ("reported", "continental-press", "showing", "fact"),
            ("reported", "meridian-ledger", "showing", "fact"),
        ],
    ),
    (
        "an outlet with no figure after a standing: no credit",
        "Whitfield leads, with NewsPulse showing her ahead 3 points, and the Meridian Ledger doubts it.",
        [("reported", "newspulse", "showing", "fact")],
    ),
    (
        "X covered it as: the outlet's account",
        "NewsPulse covered the strike as a rightful protest, echoing the mayor.",
        [("reported", "newspulse", "covered", "fact")],
    ),
    ("X covered it as it happened: no credit", "NewsPulse covered the strike as it happened.", []),
    (
        "a registered outlet publishing no news (a pollster) credited: a figure, no source of the quotes beside it",
        'Kestrel Polling finds the port vote shifting. "We will win," Ines Marlow said.',
        [("reported", "kestrel-polling", "finds", "fact")],
    ),
    (
        "a pollster's own words stay its own (no figure)",
        '"The race is close," Kestrel Polling wrote in its memo.',
        [("said", "kestrel-polling", "wrote", "story")],
    ),
    (
        "an analysis by X that showed: the analysis's finding, a figure",
        'An analysis by the Meridian Ledger of port votes since 1972 showed the mayor won four times. "It is close," '
        "Ines Marlow said.",
        [("reported_by", "meridian-ledger", "An analysis by", "fact")],
    ),
    (
        "with X showing her ahead: a figure",
        "Averages show Whitfield leading, with NewsPulse showing her ahead 3 points.",
        [("reported", "newspulse", "showing", "fact")],
    ),
    (
        "X's average has him up: a figure",
        "The Meridian Ledger's polling average has Vale narrowly up by two points.",
        [("reported", "meridian-ledger", "has", "fact")],
    ),
    ("a possessive noun is no cue", "He denied the Ledger's claims that he took bribes.", []),
    ("closed-circuit television", "The attack was seen by CCTV cameras near the dock.", []),
    (
        "a video posted by X",
        "Vale said in a video posted by the Meridian Ledger that he would appeal.",
        [("obtained", "meridian-ledger", "posted by", "story")],
    ),
    # The outlet as what the story is about: a party to a case, its article the subject, its people as actors.
    (
        "libel litigation over an article in X",
        "Mr Grant referred to libel litigation brought by Mr Vale over a March 1991 article in The Meridian Ledger.",
        [],
    ),
    (
        "asked about an article in X",
        "Counsel asked Mr Vale about an article in the Meridian Ledger in which he was said to have lied.",
        [],
    ),
    ("sued over a report in X", "Mr Vale sued the Ledger over a 2004 report in the Meridian Ledger.", []),
    ("apologised for a story in X", "The paper apologised for a story in the Meridian Ledger that named him.", []),
    (
        "complained about an article published by X",
        "He complained to the regulator about an article published by the Meridian Ledger.",
        [],
    ),
    ("an inquiry into a report by X", "The council opened an inquiry into a report by NewsPulse.", []),
    ("lawyers for X said", "Lawyers for the Meridian Ledger said the article was fair comment.", []),
    ("the owner of X said", "The owner of the Meridian Ledger said he would sell the paper.", []),
    (
        "a memo the story is about, obtained by X",
        "He was asked about the memo obtained by the Meridian Ledger.",
        [("obtained", "meridian-ledger", "obtained by", "story")],
    ),
    (
        "a report in X as the source of a fact",
        "He cited a report in the Meridian Ledger that the buyer took bribes.",
        [("reported_by", "meridian-ledger", "a report in", "story")],
    ),
    # A report the subject dismisses or denies: credited for its claim, no source of anyone's words.
    (
        "denied a report in X",
        "He denied a report in the Meridian Ledger that he took bribes.",
        [("reported_by", "meridian-ledger", "a report in", "fact")],
    ),
    (
        "dismissed a report in X",
        "Vale dismissed a report in the Meridian Ledger that the union would not back him.",
        [("reported_by", "meridian-ledger", "a report in", "fact")],
    ),
    (
        "discrediting an earlier report from X",
        "Vale is discrediting an earlier report from the Meridian Ledger saying he invited the mayor.",
        [("reported_by", "meridian-ledger", "an earlier report from", "fact")],
    ),
    (
        "called a report in X fake",
        "Vale called a report in the Meridian Ledger “fake news” on Monday.",
        [("reported_by", "meridian-ledger", "a report in", "fact")],
    ),
    (
        "called a report in X accurate",
        "Vale called a report in the Meridian Ledger accurate on Monday.",
        [("reported_by", "meridian-ledger", "a report in", "story")],
    ),
    # The outlet speaking of itself as a company: no source of news; telling how it reported, still one.
    ("X said it was canceling", "On Monday, NewsPulse said it was canceling its harbour show.", []),
    ("X said its finances", "NewsPulse said its finances were so impaired that it would close.", []),
    ("X said that its editors", "NewsPulse said Monday that its editors stood by the story.", []),
    (
        "X said it had obtained",
        "NewsPulse said it had obtained the minutes of the meeting.",
        [("said", "newspulse", "said", "story")],
    ),
    (
        "X said of its tally",
        "NewsPulse said it did not include the late bids in its tally.",
        [("said", "newspulse", "said", "story")],
    ),
    ("X says it is a figure", "NewsPulse says it is $4.5 million.", [("said", "newspulse", "says", "story")]),
    # ... or of its rules, as an employer or a party to a dispute
    (
        "opining, X claimed, violates its code",
        "This sort of opining, NewsPulse claimed, violates its code of journalistic practices, and so Ruiz was"
        " suspended.",
        [],
    ),
    ("a post, X said, broke its policy", "The post, NewsPulse said, broke its social media policy.", []),
    (
        "X said others broke their own rules",
        "NewsPulse said the council broke its own rules, a clerk told the Meridian Ledger.",
        [("said", "newspulse", "said", "story"), ("told", "meridian-ledger", "told", "story")],
    ),
    (
        "X said of others' rules",
        "NewsPulse said that the council had no standards at all when it changed the rules.",
        [("said", "newspulse", "said", "story")],
    ),
    (
        "a reporter for X reported",
        "A reporter for the Meridian Ledger reported that the bids were late.",
        [("reported", "meridian-ledger", "reported", "story")],
    ),
    # An aside between the outlet and its verb; verbs of description and discovery.
    (
        "X, however, says",
        "NewsPulse, however, says that the harbour fund is empty.",
        [("said", "newspulse", "says", "story")],
    ),
    (
        "X, citing, reported",
        "The Meridian Ledger, citing internal documents, reported that the board is spending more than it raises.",
        [("reported", "meridian-ledger", "reported", "story")],
    ),
    (
        "X, quoting, said",
        "NewsPulse, quoting two harbour officials, said the terminal would close.",
        [("said", "newspulse", "said", "story")],
    ),
    ("a person, citing X, said", "Whitfield, citing NewsPulse, said the terminal would close.", [("citing", "newspulse", "citing", "story")]),
    # The outlet answering in print.
    (
        "X shot back in an article",
        "NewsPulse shot back in an article stating that Harborton has the busier port.",
        [("reported", "newspulse", "shot back in an article", "story")],
    ),
    (
        "X responded with an editor's note",
        "The Meridian Ledger responded late Friday with an editor's note on the story saying the bids were late.",
        [("reported", "meridian-ledger", "responded late Friday with an editor's note", "story")],
    ),
    (
        "X responded with a piece",
        "The Meridian Ledger responded with a second critical piece, entitled “The docks deserve better.”",
        [("reported", "meridian-ledger", "responded with a second critical piece", "story")],
    ),
    ("X responded to a complaint", "NewsPulse responded to the complaint with a statement.", []),
    ("X responded in a statement", "NewsPulse responded in a statement that the host had left.", []),
    (
        "X, in a long look at, described",
        "The Meridian Ledger, in a long look at the bidding, described a board at war with itself.",
        [("said", "meridian-ledger", "described", "story")],
    ),
    (
        "X, a dash aside, observed",
        "As the Meridian Ledger—no friend of the mayor—observed, the docks lose money.",
        [("said", "meridian-ledger", "observed", "story")],
    ),
    (
        "X suggested",
        "On Monday the Meridian Ledger suggested the sale broke port rules.",
        [("said", "meridian-ledger", "suggested", "story")],
    ),
    (
        "X investigates",
        "~ The Meridian Ledger investigates the port's missing millions.",
        [("reported", "meridian-ledger", "investigates", "story")],
    ),
    (
        "X exposed",
        "The bribery scheme that the Meridian Ledger exposed began with one invoice.",
        [("reported", "meridian-ledger", "exposed", "story")],
    ),
    # An outlet's own figure: a credit of scope 'fact', as a poll or a count is.
    (
        "X estimates",
        "NewsPulse estimates the harbour master's fortune at $3 billion.",
        [("reported", "newspulse", "estimates", "fact")],
    ),
    (
        "X lists",
        "The Meridian Ledger lists the Okafors as the richest family in the valley.",
        [("reported", "meridian-ledger", "lists", "fact")],
    ),
    (
        "X put his net worth at",
        "NewsPulse put his net worth at $2 billion.",
        [("reported", "newspulse", "put his net worth", "fact")],
    ),
    (
        "X says its deeper reporting",
        "NewsPulse says its deeper reporting found the fund still under his control.",
        [("said", "newspulse", "says", "story")],
    ),
    (
        "X's report was based on",
        "The Meridian Ledger's report was based on the board's own minutes.",
        [("reported", "meridian-ledger", "was based on", "story")],
    ),
    (
        "X's investigation found",
        "NewsPulse's investigation found three unpaid invoices.",
        [("reported", "newspulse", "found", "story")],
    ),
    (
        "X's report was false: disputed, a fact (no one's words)",
        "The Meridian Ledger's report was false, the mayor said.",
        [("reported", "meridian-ledger", "was false", "fact")],
    ),
    (
        "a headline from X",
        "Take this new headline from the Meridian Ledger: the docks are for sale.",
        [("reported_by", "meridian-ledger", "this new headline from", "story")],
    ),
    (
        "writing at X",
        "From Ana Ruiz writing at the Meridian Ledger: the docks are for sale.",
        [("reported_by", "meridian-ledger", "writing at", "story")],
    ),
    ("X, in a statement, said", "NewsPulse, in a statement, said the host had been dismissed.", []),
    ("an aside is no verb", "The Meridian Ledger, in a move that surprised staff, sold its press.", []),
    (
        "X and Y confirmed: both",
        "Both the Meridian Ledger and NewsPulse confirmed the sale.",
        [("reported", "meridian-ledger", "confirmed", "story"), ("reported", "newspulse", "confirmed", "story")],
    ),
    (
        "reported by X and Y: both",
        "The docks are for sale, as reported by NewsPulse and the Meridian Ledger.",
        [("reported_by", "newspulse", "as reported by", "story"), ("reported_by", "meridian-ledger", "as reported by", "story")],
    ),
    (
        "X, Y and Z reported: all three",
        "NewsPulse, the Meridian Ledger and Continental Press reported the sale.",
        [
            ("reported", "newspulse", "reported", "story"),
            ("reported", "meridian-ledger", "reported", "story"),
            ("reported", "continental-press", "reported", "story"),
        ],
    ),
    (
        "a poll by X and Y: both for a figure",
        "A poll released Sunday by NewsPulse and the Meridian Ledger shows the mayor ahead.",
        [("obtained", "newspulse", "released Sunday by", "fact"), ("obtained", "meridian-ledger", "released Sunday by", "fact")],
    ),
    (
        "an X-Y poll: both for a figure",
        "The mayor leads by nine points, according to a NewsPulse-Meridian Ledger poll.",
        [("according_to", "newspulse", "according to", "fact"), ("according_to", "meridian-ledger", "according to", "fact")],
    ),
    (
        "an X/Y survey: both, the survey's words",
        "According to a Continental Press/Meridian Ledger survey, 51 percent want the ferry back.",
        [
            ("according_to", "continental-press", "According to", "story"),
            ("according_to", "meridian-ledger", "According to", "story"),
        ],
    ),
    (
        "according to X, Y fired: no list",
        "According to NewsPulse, the Meridian Ledger fired its editor.",
        [("according_to", "newspulse", "According to", "story")],
    ),
    (
        "X and Y with a verb each",
        "NewsPulse and the Meridian Ledger sold their presses; NewsPulse reported a loss.",
        [],
    ),
    (
        "X made these allegations",
        "The Meridian Ledger made these same allegations against the port in May.",
        [("said", "meridian-ledger", "made these same allegations", "story")],
    ),
    ("X alleged", "NewsPulse alleged that the fund was empty.", [("said", "newspulse", "alleged", "story")]),
    ("X will accuse is no credit", "NewsPulse will accuse you of panic.", []),
    (
        "X even queried whether",
        "The yacht got the full treatment; the Meridian Ledger even queried whether it was bigger than the ferry.",
        [("reported", "meridian-ledger", "even queried whether", "story")],
    ),
    (
        "X has surveyed: the survey's words",
        "NewsPulse has surveyed the harbor pilots twice and noted their answers.",
        [("reported", "newspulse", "has surveyed", "story")],
    ),
    (
        "in an op-ed, X called on",
        "In a scathing opinion piece, the Meridian Ledger called on the mayor to resign.",
        [("reported", "meridian-ledger", "In a scathing opinion piece,", "story")],
    ),
    ("in a statement, X said: a company", "In a statement, NewsPulse said it would appeal.", []),
    (
        "X, like Y, which ..., declared: both declared it",
        "NewsPulse, like Continental Press, which was the first to do so, declared the mayor the winner.",
        [("said", "newspulse", "declared", "story"), ("said", "continental-press", "declared", "story")],
    ),
    (
        "seizing upon an X report: the report is the basis",
        "Seizing upon a Meridian Ledger report, the mayor said the port sale was dead.",
        [("reported", "meridian-ledger", "Seizing upon a", "fact")],
    ),
    (
        "citing/referencing a recent X story",
        "She kept referencing a recent Meridian Ledger story in which aides said the sale was off.",
        [("reported", "meridian-ledger", "referencing a recent", "fact")],
    ),
    ("attacking an X story: no basis, no credit", "The mayor attacked a Meridian Ledger story on the port.", []),
    (
        "a report from the (adjective) site X",
        "He shared a report from the conservative site The Meridian Ledger that the port would close.",
        [("reported_by", "meridian-ledger", "a report from", "story")],
    ),
    (
        "an X article published Friday found",
        "However, a Meridian Ledger article published Friday found no record of the sale.",
        [("reported", "meridian-ledger", "found", "story")],
    ),
    (
        "X's report that",
        "The Meridian Ledger's report that the port would close spread fast.",
        [("reported", "meridian-ledger", "that", "story")],
    ),
    (
        "dismissed X's report that: disputed, a fact",
        "The mayor dismissed the Meridian Ledger's report that the port would close.",
        [("reported", "meridian-ledger", "that", "fact")],
    ),
    (
        "as X put it",
        "The mayor's plan is, as the Meridian Ledger put it, a fire sale.",
        [("said", "meridian-ledger", "put it", "story")],
    ),
    (
        "as X called them in an article",
        "The dockers, as NewsPulse called them in an article, were the sale's losers.",
        [("said", "newspulse", "called", "story")],
    ),
    (
        "what X and Y each called",
        "It was what the Meridian Ledger and NewsPulse each called a rough week for the mayor.",
        [("said", "meridian-ledger", "called", "story"), ("said", "newspulse", "called", "story")],
    ),
    ("as X called the race: no wording", "As NewsPulse called the race, the crowd cheered.", []),
    (
        "X published portions of",
        "The Meridian Ledger published portions of the memo on Sunday.",
        [("obtained", "meridian-ledger", "published portions of", "story")],
    ),
    ("X aired the debate: no credit", "NewsPulse aired the mayoral debate on Thursday.", []),
    (
        "according to X's Fact Checker: a figure",
        "Port traffic fell 4 percent, according to the Meridian Ledger's Fact Checker.",
        [("according_to", "meridian-ledger", "according to", "fact")],
    ),
    (
        "X, unlike Y, declared: Y did not",
        "NewsPulse, unlike Continental Press, declared the mayor the winner.",
        [("said", "newspulse", "declared", "story")],
    ),
    (
        "X named him on its list: a figure",
        "Last year the Meridian Ledger named him on its list of the valley's most generous donors.",
        [("reported", "meridian-ledger", "named him on its list", "fact")],
    ),
    (
        "a joint poll named after In, no other cue",
        "In a Meridian Ledger/NewsPulse poll released Monday, 52 percent of dockworkers backed the sale.",
        [("according_to", "meridian-ledger", "In a", "fact"), ("according_to", "newspulse", "In a", "fact")],
    ),
    (
        "an interview named after in",
        "Whitfield said in a Meridian Ledger interview that the pier would close.",
        [("interview", "meridian-ledger", "in a", "story")],
    ),
    ("a segment named after in: no credit", "Whitfield appeared in a Meridian Ledger segment on Monday.", []),
    (
        "an event named after during",
        "Whitfield spoke during a NewsPulse town hall on Monday.",
        [("interview", "newspulse", "during a", "story")],
    ),
    (
        "an X poll as the subject: a figure",
        "A Meridian Ledger poll released Monday found that 52 percent backed the sale.",
        [("reported", "meridian-ledger", "found", "fact")],
    ),
    (
        "an X rolling poll as the subject: a figure",
        "A NewsPulse rolling poll shows Whitfield ahead by four points.",
        [("reported", "newspulse", "shows", "fact")],
    ),
    (
        "an article published in X",
        "Whitfield, in an opinion article published in the Meridian Ledger, rebuked the council.",
        [("reported_by", "meridian-ledger", "an opinion article published in", "story")],
    ),
    (
        "an X count as the subject: a figure",
        "The current Continental Press count gives Whitfield 212 delegates.",
        [("reported", "continental-press", "gives", "fact")],
    ),
    (
        "estimated by X: a figure",
        "The pier is worth less than the $40 million estimated by the Meridian Ledger.",
        [("according_to", "meridian-ledger", "estimated by", "fact")],
    ),
    (
        "his interview with X",
        "In his interview with the Meridian Ledger, Whitfield defended the sale.",
        [("interview", "meridian-ledger", "In his interview with", "story")],
    ),
    (
        "the X newspaper noted",
        "As the Meridian Ledger newspaper noted on Monday, the pier is older than the town.",
        [("said", "meridian-ledger", "noted", "story")],
    ),
    (
        "X, which ran a article a number describes",
        "The Meridian Ledger, which ran a nearly 3,000-word article on the sale, found no buyer.",
        [("reported", "meridian-ledger", ", which ran a nearly 3,000-word article", "story")],
    ),
    (
        "via X's product: no credit",
        "Which piers are for sale? Find out via NewsPulse's Harbour Map interactive.",
        [],
    ),
    ("via X, still a credit", "The pier lost money (via NewsPulse).", [("via", "newspulse", "via", "story")]),
]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The pier will close in May.\nFIRST REPORTED BY THE MERIDIAN LEDGER",
            [("reported_by", "meridian-ledger", "FIRST REPORTED BY", "THE MERIDIAN LEDGER")],
        ),
        ("The pier will close in May. H/T NEWSPULSE", [("hat_tip", "newspulse", "H/T", "NEWSPULSE")]),
        (
            "ACCORDING TO THE MERIDIAN LEDGER, THE PIER WILL CLOSE.",
            [("according_to", "meridian-ledger", "ACCORDING TO", "THE MERIDIAN LEDGER")],
        ),
        ("The pier will close, VIA CP.", [("via", "continental-press", "VIA", "CP")]),  # one credit, not two
        ("FIRST REPORTED BY THE HARBOUR", []),  # no outlet
    ],
)
def test_a_cue_and_an_outlet_in_capitals(registry, text, expected):
    credits = extract_credits(Article(url=HOME, text=text), [], registry)
    assert [(c.kind, c.outlet.key, c.cue, text[c.start : c.end]) for c in credits] == expected


@pytest.mark.parametrize("text, expected", [case[1:] for case in CUE_CASES], ids=[case[0] for case in CUE_CASES])
def test_cue_credits(registry, text, expected):
    credits = extract_credits(Article(url=HOME, text=text), [], registry)
    assert rows(credits) == expected
    for credit in credits:
        assert credit.sentence and credit.start is not None
        surface = text[credit.start : credit.end]
        assert surface.split()[-1] in " ".join((credit.outlet.name, *credit.outlet.aliases))


COPY_CASES = [
    ("dateline", "HARBORTON (AP) — The port authority voted.", [("dateline", "ap", "(AP) —", "AP")]),
    (
        "dateline with date",
        "HARBORTON, Md., March 2 (UPI) — The port authority voted.",
        [("dateline", "upi", "(UPI) —", "UPI")],
    ),
    (
        "dateline with hyphen",
        "Mar 2 (Reuters) - The port authority voted.",
        [("dateline", "reuters", "(Reuters) -", "Reuters")],
    ),
    (
        "dateline title case",
        "Headline.\n\nHarborton (AFP) – The port authority voted.",
        [("dateline", "afp", "(AFP) –", "AFP")],
    ),
    (
        "dateline from a user registry",
        "HARBORTON (CP) — The port authority voted.",
        [("dateline", "continental-press", "(CP) —", "CP")],
    ),
    ("dateline bare", "(Reuters) - The port authority voted.", [("dateline", "reuters", "(Reuters) -", "Reuters")]),
    ("dateline old AP style", "HARBORTON (AP) _ The port authority voted.", [("dateline", "ap", "(AP) _", "AP")]),
    (
        "dateline double hyphen",
        "HARBORTON (Bloomberg) -- The port authority voted.",
        [("dateline", "bloomberg", "(Bloomberg) --", "Bloomberg")],
    ),
    (
        "dateline naming a service of an outlet",
        "LONDON (Reuters Breakingviews) - The port authority voted.",
        [("dateline", "reuters", "(Reuters Breakingviews) -", "Reuters Breakingviews")],
    ),
    (
        "dateline of an unregistered wire",
        "HARBORTON (HNS) — The port authority voted.",
        [("dateline", "hns", "(HNS) —", "HNS")],
    ),
    ("parenthesis that is no dateline", "HARBORTON (Md.) — The port authority voted.", []),
    ("a page label is no wire", "HARBORTON (VIDEO) — The port authority voted.", []),
    (
        "closing dash credit",
        "The port authority voted.\n\nThe union objected. — AFP",
        [("dateline", "afp", "— AFP", "AFP")],
    ),
    (
        "no dateline mid-paragraph",
        "Raman told the Associated Press (AP) — on Monday — that she objects.",
        [("told", "ap", "told", "the Associated Press")],
    ),
    (
        "copyright line",
        "The port authority voted.\n\nCopyright 2026 The Associated Press. All rights reserved.",
        [("copyright", "ap", "Copyright 2026", "The Associated Press")],
    ),
    (
        "copyright sign",
        "The port authority voted.\n\n© 2026 Continental Press",
        [("copyright", "continental-press", "© 2026", "Continental Press")],
    ),
    ("copyright of a book is no credit", "From THE PORT by Dana Whitfield. Copyright © 2025 by Dana Whitfield.", []),
    (
        "Reuters credit line",
        "The port authority voted. (Reporting by Ana Ruiz in Harborton; Editing by Tom Lee.)",
        [
            (
                "copyright",
                "reuters",
                "Reporting by Ana Ruiz in Harborton; Editing by Tom Lee.",
                "Reporting by Ana Ruiz in Harborton; Editing by Tom Lee.",
            )
        ],
    ),
    (
        "Reuters credit line on its own line",
        "The port authority voted.\nAdditional reporting by Ana Ruiz; Writing by Bo Li; Editing by Tom Lee",
        [
            (
                "copyright",
                "reuters",
                "Additional reporting by Ana Ruiz; Writing by Bo Li; Editing by Tom Lee",
                "Additional reporting by Ana Ruiz; Writing by Bo Li; Editing by Tom Lee",
            )
        ],
    ),
    (
        "contributed line",
        "The port authority voted.\n\nAssociated Press writer Ana Ruiz contributed to this report.",
        [("copyright", "ap", "Associated Press writer Ana Ruiz contributed to this report", "Associated Press")],
    ),
    (
        "AP's ten things to know",
        "10 Things to Know for Today\n\nYour daily look at late-breaking news, upcoming events and the stories that "
        "will be talked about today:\n\n1. PORT SALE VOTE.",
        [
            (
                "copyright",
                "ap",
                "Your daily look at late-breaking news, upcoming events and the stories that will be talked about today",
                "Your daily look at late-breaking news, upcoming events and the stories that will be talked about today",
            )
        ],
    ),
    (
        "byline line in text",
        "By Continental Press staff\n\nThe port authority voted.",
        [("byline", "continental-press", "By Continental Press staff", "Continental Press")],
    ),
]


@pytest.mark.parametrize("text, expected", [case[1:] for case in COPY_CASES], ids=[case[0] for case in COPY_CASES])
def test_copy_credits(registry, text, expected):
    credits = extract_credits(Article(url=HOME, text=text), [], registry)
    assert [(c.kind, c.outlet.key, c.cue, text[c.start : c.end]) for c in credits] == expected
    assert all(c.scope == "story" and c.quote_indexes == [] for c in credits if c.is_copy)


@pytest.mark.parametrize(
    "author, expected",
    [
        ("By AP staff", [("ap", "By AP staff")]),
        ("Associated Press", [("ap", "Associated Press")]),
        ("By THE ASSOCIATED PRESS", [("ap", "By THE ASSOCIATED PRESS")]),
        ("Ana Ruiz, Reuters", [("reuters", "Ana Ruiz, Reuters")]),
        ("Ana Ruiz | Bloomberg News", [("bloomberg", "Ana Ruiz | Bloomberg News")]),
        ("By Continental Press staff", [("continental-press", "By Continental Press staff")]),
        ("By PA News Reporter", [("pa", "By PA News Reporter")]),  # the Press Association's name until 2018
        ("Ada Quill, PA News", [("pa", "Ada Quill, PA News")]),
        (
            "Ana Ruiz and Bo Li, Special for the Harborton Star",
            [("harborton-star", "Ana Ruiz and Bo Li, Special for the Harborton Star")],
        ),
        ("Ana Ruiz, Valley Herald", []),  # the publisher's own staff
        ("ANA RUIZ Associated Press", [("ap", "ANA RUIZ Associated Press")]),
        ("Dana Whitfield", []),
        ("", []),
    ],
)
def test_byline_credits(registry, author, expected):
    credits = extract_credits(Article(url=HOME, text="The port authority voted.", author=author), [], registry)
    assert [(c.outlet.key, c.cue) for c in credits] == expected
    assert all((c.kind, c.start, c.end, c.scope) == ("byline", None, None, "story") for c in credits)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Copyright 2026 The Associated Press. All rights reserved.", [("copyright", "ap", "Copyright 2026")]),
        ("© Continental Press 2026", [("copyright", "continental-press", "©")]),
        (
            "Reporting by Ana Ruiz; Editing by Tom Lee",
            [("copyright", "reuters", "Reporting by Ana Ruiz; Editing by Tom Lee")],
        ),
        ("By AP staff", [("byline", "ap", "By AP staff")]),
        ("© 2026 Valley Herald. All rights reserved.", []),
        ("© 2026 Continental Press Media Group, Inc.", []),  # the owner company of the site
        ("Copyright © 2026 Dow Jones & Company, Inc. All Rights Reserved", []),
        ("© 2026 Riverside News Network, LLC", []),
        ("Photo: Dana Whitfield", []),
        ("Dockers on strike in Harborton, March 2, 2026. © Reuters / Ana Ruiz", []),
        ("© AP Photo/Ana Ruiz", []),
        ("Copyright The Channel Company, All rights reserved", []),  # the site's owner company
        ("The union's statement. © 2026 The Associated Press. All rights reserved.", [("copyright", "ap", "© 2026")]),
    ],
)
def test_credit_lines_outside_the_text(registry, line, expected):
    article = Article(url=HOME, text="The port authority voted.", credit_lines=[line])
    credits = extract_credits(article, [], registry)
    assert [(c.kind, c.outlet.key, c.cue) for c in credits] == expected
    assert all(c.start is None and c.end is None and c.sentence == line for c in credits)


TEXT_WITH_LINK = "The sale was reported this morning by a rival paper. Readers were not surprised."


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.meridianledger.example/2026/03/02/terminal-sale", [("link", "meridian-ledger")]),
        ("https://www.nytimes.com/2026/03/02/nyregion/port-sale.html", [("link", "nyt")]),
        ("https://harbortonstar.example/news/port-sale-agreed-today", [("link", "harbortonstar.example")]),
        ("https://www.portshop.example/products/blue-crane-model-12", []),  # not a news site
        ("https://journals.example/doi/10.1000/port-economics-2026", [("link", "journals.example")]),
        ("https://www.meridianledger.example/", []),  # home page
        ("https://www.meridianledger.example/tag/port", []),  # tag page
        ("https://www.facebook.com/sharer/sharer.php?u=https://valleyherald.example/x", []),
        ("https://twitter.com/intent/tweet?text=port-sale-news", []),
        ("https://harborton.gov/minutes/2026-03-02-port-vote", []),
        ("https://dockersdiary.wordpress.com/2026/03/02/the-port-sale-day", []),  # a diary, though on wordPRESS
        ("https://harbortonpress.wordpress.com/2026/03/02/port-sale-agreed", [("link", "harbortonpress.wordpress.com")]),
        # a station of a news network, its own outlet though its name says nothing of news
        ("https://dfw.cbslocal.com/2026/03/02/port-sale-agreed", [("link", "dfw.cbslocal.com")]),
        ("https://valleyherald.example/2026/03/01/earlier-story", []),  # own outlet
        ("mailto:desk@meridianledger.example", []),
    ],
)
def test_link_credits(registry, url, expected):
    start = TEXT_WITH_LINK.index("reported this morning")
    link = Link(url=url, anchor="reported this morning", start=start, end=start + 21)
    credits = extract_credits(Article(url=HOME, text=TEXT_WITH_LINK, links=[link]), [], registry)
    assert [(c.kind, c.outlet.key) for c in credits] == expected
    for credit in credits:
        assert (credit.url, credit.cue, credit.start, credit.end, credit.sentence) == (
            url,
            "reported this morning",
            start,  # the anchor: where the text names the outlet it links to
            start + 21,
            "The sale was reported this morning by a rival paper.",
        )


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The sale was reported this morning by a rival paper.", [("link", "meridian-ledger")]),
        ("This article was republished by the Meridian Ledger this morning.", []),  # a copy of this text, not its source
    ],
)
def test_a_link_to_where_this_text_was_reprinted_is_no_credit(registry, sentence, expected):
    link = Link(url="https://www.meridianledger.example/2026/03/02/terminal-sale", anchor="this morning", sentence=sentence)
    credits = extract_credits(Article(url=HOME, text=sentence, links=[link]), [], registry)
    assert [(c.kind, c.outlet.key) for c in credits] == expected


@pytest.mark.parametrize(
    "name, domain, same",
    [("Detroit News", "detroitnews.example", True), ("Star", "starledger.example", False)],
    ids=["a name its domain spells", "a short name that only begins it"],
)
def test_an_unregistered_name_is_a_registered_outlet_when_it_spells_six_letters_or_more_of_its_domain(name, domain, same):
    unregistered = Outlet(name.lower().replace(" ", "-"), name, "unknown", in_registry=False)
    assert same_outlet(unregistered, Outlet("paper", "The Paper", "newspaper", (domain,), in_registry=True)) is same


def test_two_registered_outlets_are_never_one_by_a_domain_one_name_begins() -> None:
    guardian = Outlet("guardian", "The Guardian", "newspaper", ("theguardian.example",), in_registry=True)
    weekly = Outlet("guardian-weekly", "Guardian Weekly", "magazine", ("guardianweekly.example",), in_registry=True)
    assert not same_outlet(guardian, weekly) and not same_outlet(weekly, guardian)
    assert same_outlet(Outlet("guardian-weekly", "Guardian Weekly", "unknown", in_registry=False), guardian)


@pytest.mark.parametrize("anchor", ["", " ", "\u00a0"])
def test_a_link_with_no_words_to_click_is_no_credit(registry, anchor):
    url = "https://www.meridianledger.example/2026/03/02/terminal-sale"
    link = Link(url=url, anchor=anchor, sentence="The sale was reported this morning by a rival paper.")
    assert extract_credits(Article(url=HOME, text=TEXT_WITH_LINK, links=[link]), [], registry) == []


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://a.example/2026/03/02/x", True),
        ("https://a.example/news/port-sale-agreed", True),
        ("https://a.example/story.html", True),
        ("https://a.example/article/123456", True),
        ("https://a.example/", False),
        ("https://a.example/politics", False),
        ("https://a.example/author/dana-whitfield-reporter", False),
        ("ftp://a.example/2026/03/02/x", False),
    ],
)
def test_is_article_url(url, expected):
    assert is_article_url(url) is expected


def test_chain_records_the_intermediary(registry):
    text = "The quote was first reported by The Meridian Ledger, per Continental Press."
    credits = extract_credits(Article(url=HOME, text=text), [], registry)
    assert [(c.kind, c.outlet.key, c.via.key if c.via else None) for c in credits] == [
        ("reported_by", "meridian-ledger", "continental-press"),
        ("per", "continental-press", None),
    ]


def test_chain_published_by_per(registry):
    text = "A transcript published by Bloomberg, per the AP, shows the vote."
    credits = extract_credits(Article(url=HOME, text=text), [], registry)
    assert [(c.kind, c.outlet.key, c.via.key if c.via else None) for c in credits] == [
        ("obtained", "bloomberg", "ap"),
        ("per", "ap", None),
    ]


def test_citing_chain_points_back(registry):
    text = "The port is for sale, according to the AP, citing the Ledger."
    credits = extract_credits(Article(url=HOME, text=text), [], registry)
    assert [(c.kind, c.outlet.key, c.via.key if c.via else None) for c in credits] == [
        ("according_to", "ap", None),
        ("citing", "meridian-ledger", "ap"),
    ]


def test_no_chain_across_a_clause(registry):
    text = "Bloomberg reported that talks stalled, citing Reuters."
    credits = extract_credits(Article(url=HOME, text=text), [], registry)
    assert [(c.kind, c.outlet.key, c.via) for c in credits] == [
        ("reported", "bloomberg", None),
        ("citing", "reuters", None),
    ]


def quotation(text: str, words: str, paragraph: int = 0) -> Quotation:
    start = text.index(words)
    return Quotation(text=words, start=start, end=start + len(words), paragraph=paragraph)


def test_scope_quote_sentence_paragraph_and_story(registry):
    text = (
        "HARBORTON (CP) — The port authority wants to sell the terminal, according to The Meridian Ledger.\n\n"
        "“We cannot keep pouring public money into it,” Whitfield told the Ledger.\n\n"
        "“Nobody asked us,” said Priya Raman. The union spoke first, per NewsPulse.\n\n"
        "“As I told the Harborton Star, we will fight,” Raman added."
    )
    quotes = [
        quotation(text, "We cannot keep pouring public money into it,", 1),
        quotation(text, "Nobody asked us,", 2),
        quotation(text, "As I told the Harborton Star, we will fight,", 3),
    ]
    credits = extract_credits(Article(url=HOME, text=text), quotes, registry)
    assert [(c.kind, c.outlet.key, c.scope, c.quote_indexes) for c in credits] == [
        ("dateline", "continental-press", "story", []),
        ("according_to", "meridian-ledger", "story", []),
        ("told", "meridian-ledger", "quote", [0]),
        ("per", "newspulse", "quote", [1]),
    ]
    told = credits[2]
    assert (text[told.start : told.end], told.sentence) == (
        "the Ledger",
        "“We cannot keep pouring public money into it,” Whitfield told the Ledger.",
    )


@pytest.mark.parametrize(
    "paragraph, scope",
    [
        # a phrase no one is said to say takes no credit for another fact of its paragraph
        ('The plan stayed "top secret" for weeks. It is a point Whitfield conceded to the Meridian Ledger.', "story"),
        # someone's words and a document's words do
        ('"The memo was never secret," Raman said. It is a point Whitfield conceded to the Meridian Ledger.', "quote"),
        ('According to the Meridian Ledger, the board wrote to Raman. The letter said, "The sale is final."', "quote"),
    ],
)
def test_a_credit_elsewhere_in_a_paragraph_applies_to_words_someone_says(registry, paragraph, scope):
    text = "HARBORTON — The port authority met on Monday.\n\n" + paragraph
    credits = extract_credits(Article(url=HOME, text=text), extract_quotes(text), registry)
    assert [(c.outlet.key, c.scope) for c in credits] == [("meridian-ledger", scope)]


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # the quotation's own sentence credits another outlet: the credit in the sentence before does not reach it
        (
            "She had lived in Harborton for ten years, NewsPulse reported. “She was a mother of three,” a friend,"
            " Ana Ruiz, told the Meridian Ledger. “She loved the sea.”",
            [("newspulse", "quote", []), ("meridian-ledger", "quote", [0])],
        ),
        (
            "The union spoke first, the Meridian Ledger reported. “Nobody asked us,” Priya Raman said"
            " in a statement posted by NewsPulse.",
            [("meridian-ledger", "quote", []), ("newspulse", "quote", [0])],
        ),
        # ... nor a teller's earlier words told to another outlet
        (
            "Raman told NewsPulse that the vote was rigged. “Nobody asked us,” she said. “We will appeal,” Raman"
            " told the Meridian Ledger.",
            [("newspulse", "quote", [0]), ("meridian-ledger", "quote", [1])],
        ),
        # one naming the same outlet, or none, leaves it as it was
        (
            "The union spoke first, the Meridian Ledger reported. “Nobody asked us,” Priya Raman told the"
            " Ledger.",
            [("meridian-ledger", "quote", [0]), ("meridian-ledger", "quote", [0])],
        ),
        (
            "The union spoke first, the Meridian Ledger reported. “Nobody asked us,” Priya Raman said.",
            [("meridian-ledger", "quote", [0])],
        ),
    ],
)
def test_a_quotations_own_sentence_credit_wins_over_one_in_its_paragraph(registry, paragraph, expected):
    text = "HARBORTON — The port authority met on Monday.\n\n" + paragraph
    credits = extract_credits(Article(url=HOME, text=text), extract_quotes(text), registry)
    assert [(c.outlet.key, c.scope, c.quote_indexes) for c in credits] == expected


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # an "according to" or "per" closing a sentence no one speaks in is for its fact, not the next quotation
        (
            "The union spoke first, according to the Meridian Ledger. “Nobody asked us,” Priya Raman said.",
            ("story", []),
        ),
        ("The union has 520 members, per NewsPulse. “Nobody asked us,” Priya Raman said.", ("story", [])),
        # one opening its sentence introduces a report that goes on; one beside someone speaking is for the words
        (
            "According to the Meridian Ledger, the union spoke first. “Nobody asked us,” Priya Raman said.",
            ("quote", [0]),
        ),
        (
            "Raman said the union spoke first, according to the Meridian Ledger. “Nobody asked us,” she said.",
            ("quote", [0]),
        ),
        # a quotation before the sentence is still the paragraph's
        (
            "“Nobody asked us,” Priya Raman said. The union spoke first, according to the Meridian Ledger.",
            ("quote", [0]),
        ),
    ],
)
def test_a_credit_for_the_fact_of_its_sentence_does_not_reach_the_next_quotation(registry, paragraph, expected):
    text = "HARBORTON — The port authority met on Monday.\n\n" + paragraph
    credits = extract_credits(Article(url=HOME, text=text), extract_quotes(text), registry)
    assert [(c.scope, c.quote_indexes) for c in credits] == [expected]


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # a paragraph looking back to the words quoted at the end of the one before credits them
        ("Raman's remarks, first reported by the Meridian Ledger on Tuesday, angered the board.", ("quote", [0])),
        ("The remarks were first reported by the Meridian Ledger.", ("quote", [0])),
        ("Those comments were first aired by NewsPulse.", ("quote", [0])),
        ("The Meridian Ledger first reported the remarks on Tuesday.", ("quote", [0])),
        # one about something else is no credit for them
        ("The sale was first reported by the Meridian Ledger.", ("story", [])),
        ("The Meridian Ledger reported that the board will meet on Friday.", ("story", [])),
        ("Her remarks angered the board, which will meet on Friday, the Meridian Ledger reported.", ("quote", [0])),
        # words said to an outlet stay a story credit: lineage looks back from an interview to all the words said in it
        ("She made the comments in an interview with the Meridian Ledger.", ("story", [])),
    ],
)
def test_a_sentence_looking_back_to_the_words_before_it_credits_them(registry, paragraph, expected):
    text = (
        "HARBORTON — The port authority met on Monday.\n\n"
        "“The terminal was never worth the money,” Priya Raman said at a panel on May 16.\n\n" + paragraph
    )
    credits = extract_credits(Article(url=HOME, text=text), extract_quotes(text), registry)
    assert [(c.scope, c.quote_indexes) for c in credits] == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        # A show's name in quotation marks is its title, not words someone said.
        (
            "“We will fight,” Raman told “Fox and Friends,” reminding the hosts of the vote.",
            [("told", "foxnews", "told")],
        ),
        ('In an interview with "Meet the Press," Raman said the docks would fight.', [("interview", "nbcnews", "In an interview with")]),
        # The outlet named inside someone's words is no credit of the reporter's.
        ("“As I told Fox and Friends, we will fight,” Raman said.", []),
    ],
)
def test_titles_in_quotation_marks(registry, text, expected):
    credits = extract_credits(Article(url=HOME, text=text), extract_quotes(text), registry)
    assert [(c.kind, c.outlet.key, c.cue) for c in credits] == expected


def test_own_outlet_credits_are_dropped(registry):
    text = "“The sale is the only honest option,” Whitfield told The Meridian Ledger, according to NewsPulse."
    article = Article(url="https://www.meridianledger.example/2026/03/02/sale", text=text)
    credits = extract_credits(article, [], registry)
    assert rows(credits) == [("according_to", "newspulse", "according to", "story")]


def test_import_record_outlet_is_the_own_outlet(registry):
    text = "Whitfield told Reuters the sale is final."
    article = Article(url="polnear:doc", text=text, outlet="Reuters")
    assert extract_credits(article, [], registry) == []


def test_wire_copy_reprint_has_copy_and_inner_credits(registry):
    text = (
        "HARBORTON (CP) — The port authority wants to sell the terminal, according to The Meridian Ledger.\n\n"
        "“We cannot keep pouring public money into it,” Whitfield told the Ledger.\n\n"
        "Copyright 2026 Continental Press"
    )
    credits = extract_credits(
        Article(url=HOME, text=text), [quotation(text, "We cannot keep pouring public money into it,", 1)], registry
    )
    assert [(c.kind, c.outlet.key, c.is_copy) for c in credits] == [
        ("dateline", "continental-press", True),
        ("according_to", "meridian-ledger", False),
        ("told", "meridian-ledger", False),
        ("copyright", "continental-press", True),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", []),
        ("(", []),
        ("According to", []),
        ("told the", []),
        ("HARBORTON () — x", []),
        ("© ", []),
        ("“unclosed quote told the AP", [("told", "ap", "told", "story")]),
        ("\n\n\n", []),
        ("By \n", []),
        ("x" * 5000, []),
    ],
)
def test_odd_texts_do_not_crash(registry, text, expected):
    assert rows(extract_credits(Article(url=HOME, text=text), [], registry)) == expected


@pytest.mark.parametrize(
    "last_line, expected",
    [
        ("— Continental Press", [("dateline", "continental-press", "— Continental Press", "story")]),
        ("Subscribe for more stories like this — Meridian Ledger", []),  # a newspaper's sign-off copies no one
        ("— NewsPulse", []),  # nor an aggregator's
    ],
)
def test_a_closing_dash_and_name_is_a_dateline_of_a_wire_only(registry, last_line, expected):
    text = f"The council voted to sell the pier on Monday.\n{last_line}"
    assert rows(extract_credits(Article(url=HOME, text=text), [], registry)) == expected


def test_odd_article_fields_do_not_crash(registry):
    article = Article(
        url="", text="Whitfield told the AP.", author="   ", credit_lines=["", "   "], links=[Link(url="https://[::1")]
    )
    assert rows(extract_credits(article, [], registry)) == [("told", "ap", "told", "story")]


def test_byline_in_text_and_author_field_is_one_credit(registry):
    article = Article(
        url=HOME, text="By Continental Press staff\n\nThe port authority voted.", author="Continental Press staff"
    )
    credits = extract_credits(article, [], registry)
    assert [(c.kind, c.outlet.key, c.start) for c in credits] == [("byline", "continental-press", 3)]


# The sample story's written-down truth (provenance/sample/STORY.md): per article, the credits it
# makes as (kind, outlet key, via key, words of the quotation it applies to or None for the story).
SAMPLE_TRUTH = {
    "a01-meridian-ledger.html": set(),
    "a02-continental-press.html": {
        ("according_to", "meridian-ledger", None, None),
        ("told", "meridian-ledger", None, "We cannot keep pouring public money"),
    },
    "a03-valley-herald.html": {
        ("dateline", "continental-press", None, None),
        ("copyright", "continental-press", None, None),
        ("according_to", "meridian-ledger", None, None),
        ("told", "meridian-ledger", None, "We cannot keep pouring public money"),
    },
    "a04-northern-gazette.html": {
        ("byline", "continental-press", None, None),
        ("according_to", "meridian-ledger", None, None),
        ("told", "meridian-ledger", None, "We cannot keep pouring public money"),
    },
    "a05-newspulse.html": {("according_to", "meridian-ledger", None, None)},
    "a06-dailybuzz.html": set(),
    "a07-policy-watch.html": {("link", "meridian-ledger", None, None)},
    "a08-bay-courier.html": {("told", "meridian-ledger", None, "The sale is the only honest option")},
    "a09-harborton-tribune.html": {("reported_by", "meridian-ledger", None, None), ("link", "meridian-ledger", None, None)},
    "a10-channel7.html": set(),
    "a11-coastal-radio.html": set(),
    "a12-meridian-ledger-followup.html": set(),
    "a13-riverside-sentinel.html": {
        ("reported_by", "meridian-ledger", "continental-press", None),
        ("per", "continental-press", None, None),
        ("told", "continental-press", None, "Nobody asked the people who actually work"),
    },
    "a14-harborton-now.html": set(),
}


def test_sample_story_credits_match_the_truth():
    import json
    from pathlib import Path

    from provenance.quotes import extract_quotes
    from scrapers.html import extract_article

    folder = Path(__file__).resolve().parent.parent / "provenance" / "sample"
    registry = load_registry([folder / "outlets.csv"])
    manifest = {item["file"]: item for item in json.loads((folder / "manifest.json").read_text(encoding="utf-8"))}
    assert set(manifest) == set(SAMPLE_TRUTH)
    found = {}
    for name, item in manifest.items():
        article = extract_article((folder / "pages" / name).read_text(encoding="utf-8"), item["url"])
        quotations = extract_quotes(article.text)
        found[name] = {
            (
                c.kind,
                c.outlet.key,
                c.via.key if c.via else None,
                _scope_words(c, quotations, _truth_words(name)),
            )
            for c in extract_credits(article, quotations, registry)
        }
    assert found == SAMPLE_TRUTH


def _truth_words(name: str) -> list[str]:
    return [words for *_, words in SAMPLE_TRUTH[name] if words]


def _scope_words(credit, quotations, candidates: list[str]) -> str | None:
    """None for a story credit; else the truth words found in the quotations it applies to."""
    if credit.scope == "story":
        return None
    quoted = " ".join(quotations[i].text for i in credit.quote_indexes)
    return next((words for words in candidates if words in quoted), f"quote: {quoted}")


@pytest.mark.parametrize(
    "text, expected",
    [
        # A shorter name after the full one is the same outlet, registered or not.
        (
            "Raman told the New York Daily News on Monday. The Daily News reported that talks stalled.",
            [("told", "nydailynews", "the New York Daily News"), ("reported", "nydailynews", "The Daily News")],
        ),
        (
            "Raman told the Harborton Evening Courier on Monday. The Evening Courier reported that talks stalled.",
            [
                ("told", "harborton-evening-courier", "the Harborton Evening Courier"),
                ("reported", "harborton-evening-courier", "The Evening Courier"),
            ],
        ),
        # Without the full name before it, the short one stands alone.
        (
            "The Evening Courier reported that talks stalled, Raman told the Harborton Evening Courier.",
            [
                ("reported", "evening-courier", "The Evening Courier"),
                ("told", "harborton-evening-courier", "the Harborton Evening Courier"),
            ],
        ),
        # A registered name with an unregistered outlet in apposition is that outlet, of a hyphenated head.
        (
            "The memo, according to the Ledger, the Harborton News-Register, was leaked on Monday.",
            [("according_to", "harborton-news-register", "the Ledger")],
        ),
        # ... not when the second name starts a clause of its own.
        (
            "According to the Meridian Ledger, the Harborton News-Register fired its editor.",
            [("according_to", "meridian-ledger", "the Meridian Ledger")],
        ),
        # A short name after an unregistered outlet's full one is that outlet, where several registered share it ...
        (
            "The Kestrel Journal reported the sale on Monday. The price was $4 million, per the Journal.",
            [("reported", "kestrel-journal", "The Kestrel Journal"), ("per", "kestrel-journal", "the Journal")],
        ),
        # ... the one named nearest before it, registered or not.
        (
            "The Wall Street Journal reported it first. The Kestrel Journal reported the sale. It cost $4 million, per "
            "the Journal.",
            [
                ("reported", "wsj", "The Wall Street Journal"),
                ("reported", "kestrel-journal", "The Kestrel Journal"),
                ("per", "kestrel-journal", "the Journal"),
            ],
        ),
        (
            "The Kestrel Journal reported the sale. The Wall Street Journal confirmed it. It cost $4 million, per the "
            "Journal.",
            [
                ("reported", "kestrel-journal", "The Kestrel Journal"),
                ("reported", "wsj", "The Wall Street Journal"),
                ("per", "wsj", "the Journal"),
            ],
        ),
        # A place's possessive is no part of the name.
        (
            "Raman wrote in an op-ed in Harborton’s Evening Courier that the docks would fight.",
            [("reported_by", "evening-courier", "Harborton’s Evening Courier")],
        ),
    ],
)
def test_unregistered_outlet_names(registry, text, expected):
    credits = extract_credits(Article(url=HOME, text=text), [], registry)
    assert [(c.kind, c.outlet.key, text[c.start : c.end]) for c in credits] == expected


def test_unregistered_site_named_like_its_domain_does_not_credit_itself(registry):
    article = Article(
        url="https://www.harbortonnews.example/2026/03/02/port-sale",
        text="The port authority voted, the Harborton Daily Star reported.",
        credit_lines=["© 2026 Harborton News"],
    )
    credits = extract_credits(article, [], registry)
    assert [(c.kind, c.outlet.key) for c in credits] == [("reported", "harborton-daily-star")]


@pytest.mark.parametrize(
    "text, key",
    [
        ("Mayor Leon Park told the Daily Planet. Critics have long disagreed.", "daily-planet"),
        ("The mayor spoke with the Daily Planet.", "daily-planet"),
        ("The vote was first reported by South Wire Blog on Monday.", "south-wire-blog"),
        ("The St. Louis Post reported the vote.", "st-louis-post"),
    ],
)
def test_unregistered_outlet_names_end_where_they_should(registry, text, key):
    article = Article(url=HOME, text=text)
    assert [c.outlet.key for c in extract_credits(article, [], registry)] == [key]


@pytest.mark.parametrize(
    "text, told",
    [
        ('"We will sell the pier," Mayor Dana Whitfield told the Valley Herald.', {0}),
        ('"We will sell the pier," Dana Whitfield said in an interview with the Valley Herald.', {0}),
        ('"We will sell the pier," Dana Whitfield told The Meridian Ledger.', set()),  # a credit
        ('"We will sell the pier," Dana Whitfield said. The Valley Herald reported it first.', set()),
    ],
)
def test_quotes_said_to_the_articles_own_outlet(registry, text, told):
    article = Article(url=HOME, text=text)
    credits, told_own = read_credits(article, extract_quotes(text), registry)
    assert told_own == told
    assert credits == extract_credits(article, extract_quotes(text), registry)
    assert all(c.outlet.key != "valley-herald" for c in credits)


FUZZ_PIECES = [
    "HARBORTON (AP) — ",
    "(Reuters) - ",
    " told ",
    " the Ledger",
    " according to ",
    " per ",
    "“",
    "”",
    '"',
    "'s ",
    "© 2026 ",
    "Copyright ",
    "(Reporting by A; Editing by B)",
    "\n\n",
    "By AP staff\n",
    " — AFP",
    " via ",
    "h/t ",
    "Bloomberg",
    " reported",
    ",",
    ".",
    " Michael ",
    "The Times",
    " first reported by ",
    " Harborton Star",
    "(",
    ")",
    "\u00a0",
    "—",
    "CP",
    " said",
    "é",
    "\t",
]


def test_random_texts_give_consistent_credits(registry):
    rng = __import__("random").Random(20260302)
    for _ in range(300):
        text = "".join(rng.choice(FUZZ_PIECES) for _ in range(rng.randint(0, 40)))
        article = Article(url=HOME, text=text, author=rng.choice([None, "By AP staff", "Ana Ruiz"]))
        credits = extract_credits(article, [], registry)
        assert credits == extract_credits(article, [], registry)  # a pure function of the page
        for credit in credits:
            assert credit.kind in CREDIT_KINDS and credit.scope in ("story", "quote")
            if credit.start is not None:
                assert 0 <= credit.start < credit.end <= len(text)


# Words said to an outlet ("told", "an interview with"): which quotations of the paragraph the
# credit covers. Fictional texts published by the Valley Herald; each row lists (kind, outlet, quote
# indexes) of the credits for words heard.
HEARD_CASES = [
    (
        "the teller's later words: same paragraph, the next, 'added', 'continued'; not once another occasion is named",
        'Mayor Dana Calder told the Meridian Ledger: "We will sell the pier." She paused. "The buyers are serious,"'
        ' she added.\n"The vote is next week," Calder continued.\n"I am tired," Calder said later at a rally.',
        [("told", "meridian-ledger", [0, 1, 2])],
    ),
    (
        "'appeared to be' in the teller's next sentence names no appearance",
        'Dana Calder told Valerian television channel CNN that "the buyers met twice."\n'
        'She added that the sale appeared to be "all but done."',
        [("told", "cnn", [0, 1])],
    ),
    (
        "an appearance named between is another occasion",
        'Dana Calder told Valerian television channel CNN that "the buyers met twice."\n'
        'She appeared at a dockers\' meeting later and said the sale was "all but done."',
        [("told", "cnn", [0])],
    ),
    (
        "a statement is another occasion",
        '"We will sell the pier," Dana Calder told the Meridian Ledger.\n'
        '"The buyers are serious," Calder said in a statement.',
        [("told", "meridian-ledger", [0])],
    ),
    (
        "another speaker's words between end the conversation",
        '"We will sell the pier," Dana Calder told the Meridian Ledger.\n'
        '"It is a disgrace," said Omar Reyes. "The buyers are serious," Calder said.',
        [("told", "meridian-ledger", [0])],
    ),
    (
        "the paragraph after next is too far",
        '"We will sell the pier," Dana Calder told the Meridian Ledger.\nThe council met.\n'
        '"The buyers are serious," Calder said.',
        [("told", "meridian-ledger", [0])],
    ),
    (
        "the writer's own sentences between end the conversation",
        '"We will sell the pier," Dana Calder told the Meridian Ledger.\nIndeed, the port has lost money for years.'
        ' Its critics want a vote first. "The buyers are serious," Calder said.',
        [("told", "meridian-ledger", [0])],
    ),
    (
        "the teller's own reported words between go on",
        '"We will sell the pier," Dana Calder told the Meridian Ledger.\nCalder said the buyers had made an offer.'
        ' "The buyers are serious," she said.',
        [("told", "meridian-ledger", [0, 1])],
    ),
    (
        "... and so do a pronoun's",
        '"We will sell the pier," Dana Calder told the Meridian Ledger.\nShe also said the buyers had made an offer.'
        ' "The buyers are serious," she said.',
        [("told", "meridian-ledger", [0, 1])],
    ),
    (
        "another outlet named between",
        '"We will sell the pier," Dana Calder told the Meridian Ledger.\n'
        'NewsPulse asked her again. "The buyers are serious," Calder said.',
        [("told", "meridian-ledger", [0])],
    ),
    (
        "a credit inside someone else's reported speech is not for his words",
        'Councillor Omar Reyes said Dana Calder had told the Meridian Ledger the pier was sold.'
        ' "It is a disgrace," Reyes said.',
        [("told", "meridian-ledger", [])],
    ),
    (
        "nor for another speaker's words in the paragraph",
        'Officials called the pier "unsafe." Inspector Lee Park later told the Meridian Ledger that the tests'
        " were clear.",
        [("told", "meridian-ledger", [])],
    ),
    (
        "a quote its own sentence says was told to another outlet is not the paragraph's other credit's",
        "In an interview with NewsPulse, Dana Calder joked about the pier. She spoke again on Tuesday, telling"
        ' the Meridian Ledger that the buyers were "sharks" and "thieves."\n"They circle," she said.',
        [("interview", "newspulse", []), ("told", "meridian-ledger", [0, 1, 2])],
    ),
    (
        "a title names no one: Mr. Reyes is not Mr. Calder",
        'Mr. Dana Calder called the sale "a scandal." Mr. Reyes later told the Meridian Ledger the pier was sold.',
        [("told", "meridian-ledger", [])],
    ),
    (
        "an account someone gave to an outlet names its teller in its cue, and relays words told to someone else",
        '"You need to sell the pier," Councillor Dana Calder told the mayor last year. The mayor told her that it was'
        " not that simple, according to an account she gave to the Meridian Ledger.",
        [("told", "meridian-ledger", [0])],
    ),
    (
        "... but not another speaker's words",
        '"You need to sell the pier," Councillor Dana Calder told the mayor last year. The mayor said no, according'
        " to an account Omar Reyes gave to the Meridian Ledger.",
        [("told", "meridian-ledger", [])],
    ),
    (
        "a teller described at length is still the teller",
        '"We will sell the pier," Priya Raman, president of Dockworkers Local 12, who led the strike, told the'
        " Meridian Ledger.",
        [("told", "meridian-ledger", [0])],
    ),
]


@pytest.mark.parametrize("text, expected", [case[1:] for case in HEARD_CASES], ids=[case[0] for case in HEARD_CASES])
def test_credits_for_words_heard_cover_the_tellers_quotations(registry, text, expected):
    credits = extract_credits(Article(url=HOME, text=text), extract_quotes(text), registry)
    assert [(c.kind, c.outlet.key, c.quote_indexes) for c in credits if c.kind in ("told", "interview")] == expected


def test_words_going_on_after_those_said_to_the_articles_own_outlet_are_its_own(registry):
    text = 'Dana Whitfield told the Valley Herald: "We will sell the pier." "The buyers are serious," she added.'
    assert read_credits(Article(url=HOME, text=text), extract_quotes(text), registry)[1] == {0, 1}


@pytest.mark.parametrize(
    "label, told, credited",
    [
        ("meri-ledger", {0}, []),  # the import's slug for the Ledger: its own interview, no credit
        ("meridian_ledger", {0}, []),
        ("mer-ledger", set(), ["meridian-ledger"]),  # too short a word to say which paper
        ("meri-herald", set(), ["meridian-ledger"]),  # another paper
    ],
)
def test_an_outlet_labelled_by_a_short_form_of_its_name_is_the_paper_its_text_names(registry, label, told, credited):
    text = '"We will sell the pier," Dana Calder told The Meridian Ledger.'
    article = Article(url=f"https://{label.replace('_', '-')}.example/2026/03/02/port-sale", text=text, outlet=label)
    credits, told_own = read_credits(article, extract_quotes(text), registry)
    assert (told_own, [c.outlet.key for c in credits]) == (told, credited)


@pytest.mark.parametrize(
    "title, text, expected",
    [
        (
            "Meridian Ledger: Port Sale Broke the Rules",
            "Meridian Ledger: Port Sale Broke the Rules.\n\nThe Ledger's reporters read the minutes.",
            [("reported", "meridian-ledger", ":", "story")],
        ),
        (
            "The Meridian Ledger: Port Sale Broke the Rules",
            "The Meridian Ledger: Port Sale Broke the Rules\n\nThe board met.",
            [("reported", "meridian-ledger", ":", "story")],
        ),
        # Only the title: a first line that is not it, or a colon elsewhere, is no credit.
        ("Port Sale Broke the Rules", "Meridian Ledger: Port Sale Broke the Rules.\n\nThe board met.", []),
        (None, "Meridian Ledger: Port Sale Broke the Rules.\n\nThe board met.", []),
        (
            "Whitfield on the Meridian Ledger: Unfair",
            "Whitfield on the Meridian Ledger: Unfair\n\nThe board met.",
            [],
        ),
    ],
)
def test_a_title_giving_an_outlets_story_credits_it(registry, title, text, expected):
    credits = extract_credits(Article(url=HOME, text=text, title=title), [], registry)
    assert rows(credits) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a name with no news word, told something, is an outlet when it is a domain or an apposition says it is one
        ('Kowal told Kestrel.com that the sale was "a fire sale."', [("told", "kestrel.com", "Kestrel.com", ("kestrel.com",))]),
        ('Kowal told Kestrel.com. "It is a fire sale," she said.', [("told", "kestrel.com", "Kestrel.com", ("kestrel.com",))]),
        (
            'Kowal told Kestrel, a news site in Eastport, that the sale was "a fire sale."',
            [("told", "kestrel", "Kestrel", ())],
        ),
        ('Kowal spoke to Harbour Lights, the weekly, calling the sale "a fire sale."', [("told", "harbour-lights", "Harbour Lights", ())]),
        # ... not a person told something, however described
        ('Kowal told Lena Voss, a harbour pilot, that the sale was "a fire sale."', []),
        ('Kowal told Lena Voss, a reporter for the paper, that the sale was "a fire sale."', []),
        ("Kowal told Lena Voss, the paper's owner, that the sale was \"a fire sale.\"", []),
        ('Kowal told Kestrel that the sale was "a fire sale."', []),
    ],
)
def test_an_unknown_name_told_something_is_an_outlet_when_its_sentence_says_so(registry, text, expected):
    credits = extract_credits(Article(url=HOME, text=text), [], registry)
    assert [(c.kind, c.outlet.key, text[c.start : c.end], c.outlet.domains) for c in credits] == expected


def test_an_outlets_wording_covers_only_the_words_beside_its_cue(registry):
    text = (
        "It was what the Meridian Ledger and NewsPulse each called a “rough week” for the mayor, and a memo says "
        "that “more than forty members will walk out.”"
    )
    quotes = [quotation(text, "rough week", 0), quotation(text, "more than forty members will walk out.", 0)]
    credits = extract_credits(Article(url=HOME, text=text), quotes, registry)
    assert [(c.kind, c.outlet.key, c.scope, c.quote_indexes) for c in credits] == [
        ("said", "meridian-ledger", "quote", [0]),
        ("said", "newspulse", "quote", [0]),
    ]


def test_a_report_someone_seizes_on_is_no_source_of_their_words(registry):
    text = "At a rally, the mayor seized on a recent Meridian Ledger story. “That is a bribe,” the mayor said."
    quotes = [quotation(text, "That is a bribe,", 0)]
    credits = extract_credits(Article(url=HOME, text=text), quotes, registry)
    assert [(c.kind, c.outlet.key, c.scope, c.quote_indexes) for c in credits] == [
        ("reported", "meridian-ledger", "fact", []),
    ]


def test_read_credits_given_the_articles_outlet_reads_as_when_it_works_it_out(registry):
    text = (
        'Dana Whitfield told the Valley Herald: "We will sell the pier." The Meridian Ledger first reported the sale,'
        " according to the Eastport Courier."
    )
    article = Article(url=HOME, text=text)
    quotations = extract_quotes(text)
    worked_out = read_credits(article, quotations, registry)
    given = read_credits(article, quotations, registry, outlet_for_article(article, registry))
    assert given == worked_out
    assert worked_out[1] == {0}  # said to the article's own outlet
    # the outlet given is the one read: another outlet's article credits the Herald, claims no quote
    other = outlet_for_article(Article(url="https://meridianledger.example/x", text=text), registry)
    credits, told_own = read_credits(article, quotations, registry, other)
    assert told_own == set() and "valley-herald" in [credit.outlet.key for credit in credits]


def test_an_outlet_named_in_full_before_is_the_one_the_slow_reading_finds() -> None:
    """`_NamedInFull.before` against the reading it replaced: every earlier mention, last first."""
    import random

    from provenance.credits import _NamedInFull
    from provenance.outlets import OutletMention, normalize_name, outlet_from_name

    def slow_before(name, mentions, position):
        tail = normalize_name(name).split()
        for mention in sorted((m for m in mentions if m.start < position), key=lambda m: m.start, reverse=True):
            full = normalize_name(mention.outlet.name).split()
            if len(full) > len(tail) and full[-len(tail):] == tail:
                return mention.outlet
        return None

    names = ["The Kestrel Daily News", "Daily News", "The Ferrytown Ledger", "Ledger", "Harbor Post", "The Post",
             "Sioux Falls Argus Leader", "Argus Leader", "The Eta Herald", "Herald"]
    chooser = random.Random(11)
    for _ in range(200):
        mentions: list[OutletMention] = []
        named = _NamedInFull(mentions)
        for _ in range(chooser.randint(1, 30)):
            start = chooser.randrange(200)
            mention = OutletMention(outlet=outlet_from_name(chooser.choice(names)), start=start, end=start + 5, surface="x")
            if mentions and chooser.random() < 0.2:  # a short form read again as the outlet named before it
                index = chooser.randrange(len(mentions))
                mentions[index] = OutletMention(outlet=mention.outlet, start=mentions[index].start,
                                                end=mentions[index].end, surface="x")
                named.add(index)
            else:
                mentions.append(mention)
                named.add(len(mentions) - 1)
            for short in ("Daily News", "Ledger", "Post", "Argus Leader", "Herald", "News"):
                position = chooser.randrange(220)
                assert named.before(short, position) is slow_before(short, mentions, position)


@pytest.mark.parametrize(
    "paragraph",
    [
        'Sunday on the Meridian Ledger’s “Harbour Hour,” Raman said the vote was close. “We will fight,” he said.',
        'Raman went on the Meridian Ledger\'s "Harbour Hour" to defend the sale. "We will fight," he said.',
        'Meridian Ledger moderator Ana Ruiz asked Raman about the sale. "We will fight," he said.',
    ],
)
def test_words_said_on_air_are_the_outlets(registry, paragraph):
    credits = extract_credits(Article(url=HOME, text=paragraph), extract_quotes(paragraph), registry)
    assert [(c.kind, c.outlet.key, c.scope, len(c.quote_indexes)) for c in credits] == [
        ("interview", "meridian-ledger", "quote", 1)
    ]


SHOW = (
    'Mayor Dana Calder went on the attack.\n"He made it up," she said during a call to the Meridian Ledger\'s "Harbour'
    ' Hour."\nHer aide Omar Reyes conceded the point.\n'
)


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ('"He had no plan," Reyes said on the show.', [("interview", "meridian-ledger", "quote")]),
        ('"He had no plan," Reyes said later on the same program.', [("interview", "meridian-ledger", "quote")]),
        ('The vote came, the Eastport Gazette reported.\n"He had no plan," Reyes said on the show.', []),
        ('The vote came.\nThe council met.\n"He had no plan," Reyes said on the show.', []),
    ],
    ids=["the show two paragraphs up", "the same program", "another outlet credited since", "three paragraphs up"],
)
def test_words_said_on_the_show_are_the_outlets_whose_show_was_named(registry, paragraph, expected):
    text = SHOW + paragraph
    quotes = extract_quotes(text)
    credits = extract_credits(Article(url=HOME, text=text), quotes, registry)
    last = [i for i, q in enumerate(quotes) if q.text.startswith("He had no plan")]
    assert [(c.kind, c.outlet.key, c.scope) for c in credits if c.cue.endswith(("show", "program"))] == expected
    assert all(c.quote_indexes == last for c in credits if c.cue.endswith(("show", "program")))


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        (
            'On The Kestrel Morning Show on Tuesday, Mayor Vale criticized the port board.\n"It was a betrayal," she said.',
            [("interview", "kestrel-morning-show", "Kestrel Morning Show")],
        ),
        (
            'On Tuesday\'s episode of "The Kestrel Morning Show," Vale said she wanted to speak plainly.\n'
            '"It was a betrayal," Vale said.',
            [("interview", "kestrel-morning-show", "Kestrel Morning Show")],
        ),
        ('Vale blasted the board Wednesday on The Harbour Hour Show.\n"A disgrace," she said.',
         [("interview", "harbour-hour-show", "Harbour Hour Show")]),
        ('Vale toured the Eastport Boat Show on Sunday.\n"A disgrace," she said.', []),
        ('"Watch it on The Kestrel Morning Show," Vale said.', []),
        ('Vale is best known for appearances on The Kestrel Morning Show.\n"A disgrace," she said.', []),
        ('Kowal Scores A Hit On Vale.\nThe Kestrel Morning Show asked her.\n"A disgrace," she said.', []),
        ('Vale said on The Kestrel Morning Show on the Meridian Ledger: "A disgrace."', []),
    ],
    ids=["on the show opening the sentence", "an episode of the show", "on the show after the verb", "at a boat show",
         "the title inside the quotation", "appearances described", "a headline above", "an outlet's show"],
)
def test_words_said_on_a_programme_named_by_its_title_are_its(registry, paragraph, expected):
    credits = extract_credits(Article(url=HOME, text=paragraph), extract_quotes(paragraph), registry)
    shows = [(c.kind, c.outlet.key, c.outlet.name) for c in credits if c.outlet.key.endswith("-show")]
    assert shows == expected


@pytest.mark.parametrize(
    "text, told",
    [
        # words of no one named, a sentence before a teller named: not shown to be the teller's, nor told to the outlet
        ('The dockers are unlikely to forgive the mayor after her March comment that, "We will sell every pier." The'
         " union will sit the race out, its director Ana Ruiz told the Valley Herald.", set()),
        # ... and the teller's own words after them stay hers
        ('Ana Ruiz told the Valley Herald: "We will sit the race out." "The mayor lost us," she added.', {0, 1}),
    ],
    ids=["another's words before", "the teller's words after"],
)
def test_words_of_no_one_named_before_a_teller_are_not_the_tellers(registry, text, told):
    assert read_credits(Article(url=HOME, text=text), extract_quotes(text), registry)[1] == told
