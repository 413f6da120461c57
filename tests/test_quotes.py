"""Quotations and speakers: one row per real-world quirk, fictional text, exact values."""

from __future__ import annotations

import pytest

from provenance import speakers
from provenance.models import QUOTE_KINDS, Quotation
from provenance.quotes import ANY_VERB_RE, VERB_RE, extract_quotes, reads_as_title, scan_quotes, title_words
from provenance.speakers import (
    SpeakerIndex,
    drop_common_words,
    find_subject,
    is_capitals_heading,
    is_organisation_name,
    is_person_name,
    mask_nicknames,
    names_by_initials,
    office_name_start,
    printed_alone,
)

INTRO = (
    "Dana Whitfield, chair of the Harborton Port Authority, met Mayor Marcus Oyelaran on Monday.\n"
)
# a British paper in print: no title line, the story opens with its lead
PRINT_LEAD = "A FERRY pilot who ran his boat aground off Kestrel Point was banned from the water for a year yesterday.\n"

# (case, text, [(quote text, speaker, speaker_name, cue, kind), ...]) — every quotation found, in order.
CASES = [
    (
        "quote then speaker",
        INTRO + '"We will rebuild the pier," Whitfield said.',
        [("We will rebuild the pier,", "Whitfield", "Dana Whitfield", "said", "speech")],
    ),
    (
        "a newsletter item's 'More from X:' after a dash names the excerpt's source",
        "Pollsters Ines Okafor and Dana Whitfield looked at the vote.\nHarbor turnout was high all along - More from "
        "Okafor and Whitfield: “The harbour vote was decided by turnout.”",
        [("The harbour vote was decided by turnout.", "Okafor and Whitfield", "Dana Whitfield", None, "speech")],
    ),
    (
        "a newsletter item's 'More from the report:' after a dash: the report's words",
        "The Harbor Institute put out a report.\nSamples must look right - More from the report: “The harbour vote "
        "was decided by turnout.”",
        [("The harbour vote was decided by turnout.", "the report", None, None, "document")],
    ),
    (
        "a curly closing mark with no space before the next sentence ends its sentence: the colon's cue is the next one's",
        "Dale Trumble posted on Friday.\n“Happy harbour day!,” he wrote. “I love sailors!”Former harbour master Jeb Brush "
        "broke down exactly what was wrong with the message to the Harborton Gazette: “What Trumble did was so "
        "insensitive. Not all sailors fish.”",
        [
            ("Happy harbour day!, I love sailors!", "he", "Dale Trumble", "wrote", "document"),
            ("What Trumble did was so insensitive. Not all sailors fish.", "Former harbour master Jeb Brush", "Jeb Brush",
             None, "speech"),
        ],
    ),
    (
        "'called over her shoulder,' before a quotation is the subject's cue, not a naming verb",
        "Dashing into a closed-door luncheon of councillors, Councillor Ines Okafor, Liberal of Port Kestrel, called over "
        "her shoulder, ''His comments are not helping.''",
        [("His comments are not helping.", "Councillor Ines Okafor", "Ines Okafor", "called", "speech")],
    ),
    (
        "'called out,' before a quotation is the subject's cue",
        'The pier opened.\nDale Trumble called out, "We are not done yet."',
        [("We are not done yet.", "Dale Trumble", "Dale Trumble", "called", "speech")],
    ),
    (
        "speaker then colon then quote",
        INTRO + 'Whitfield said: "We will rebuild the pier."',
        [("We will rebuild the pier.", "Whitfield", "Dana Whitfield", "said", "speech")],
    ),
    (
        "inverted verb with a title and apposition",
        '"We will rebuild the pier," said Rep. Jane Roe, a Nebraska Republican.',
        [("We will rebuild the pier,", "Rep. Jane Roe", "Jane Roe", "said", "speech")],
    ),
    (
        "speaker with apposition before the verb",
        '"The vote is Tuesday," Jane Roe, a Nebraska Republican, told reporters.',
        [("The vote is Tuesday,", "Jane Roe", "Jane Roe", "told reporters", "speech")],
    ),
    (
        "the listener of 'told' ends with its sentence",
        '"The vote is Tuesday," Jane Roe told the Harbor Herald. Roe has led the council since May.',
        [("The vote is Tuesday,", "Jane Roe", "Jane Roe", "told the Harbor Herald", "speech")],
    ),
    (
        "split quote kept as one quotation",
        INTRO + "“We will rebuild the pier,” she said, “and we will do it this year.”",
        [("We will rebuild the pier, and we will do it this year.", "she", "Dana Whitfield", "said", "speech")],
    ),
    (
        "a second quote with its own cue is not a continuation",
        INTRO + "“The pier is ours,” Whitfield said. “The pier is the city's,” Oyelaran said.",
        [
            ("The pier is ours,", "Whitfield", "Dana Whitfield", "said", "speech"),
            ("The pier is the city's,", "Oyelaran", "Marcus Oyelaran", "said", "speech"),
        ],
    ),
    (
        "a quote that goes on after 'X said.' is one quotation",
        INTRO + "“The pier is ours,” Whitfield said. “We will not sell it.”",
        [("The pier is ours, We will not sell it.", "Whitfield", "Dana Whitfield", "said", "speech")],
    ),
    (
        "multi-paragraph quote: opening mark on each paragraph, closing on the last",
        INTRO + "Whitfield said: “The pier is finished.\n“We start again in the spring.”\nThe council did not reply.",
        [("The pier is finished. We start again in the spring.", "Whitfield", "Dana Whitfield", "said", "speech")],
    ),
    (
        "guillemets",
        INTRO + "«Nous reconstruirons le quai», Whitfield said.",
        [("Nous reconstruirons le quai", "Whitfield", "Dana Whitfield", "said", "speech")],
    ),
    (
        "low-high marks",
        INTRO + "„Wir bauen den Pier neu“, Whitfield said.",
        [("Wir bauen den Pier neu", "Whitfield", "Dana Whitfield", "said", "speech")],
    ),
    (
        "two apostrophes as marks (archive style)",
        INTRO + "''We will rebuild the pier,'' Whitfield said.",
        [("We will rebuild the pier,", "Whitfield", "Dana Whitfield", "said", "speech")],
    ),
    (
        "a nested single mark next to two apostrophes (archive style)",
        INTRO + "''She told me: 'We are done,''' Oyelaran said.",
        [("She told me: 'We are done,'", "Oyelaran", "Marcus Oyelaran", "said", "speech")],
    ),
    (
        "nested quote inside a quote",
        INTRO + "“She told me ‘never again,’ and I believed her,” Oyelaran said.",
        [("She told me ‘never again,’ and I believed her,", "Oyelaran", "Marcus Oyelaran", "said", "speech")],
    ),
    (
        "apostrophes and primes are not quote marks",
        INTRO + "The union's 6'2\" organizer didn't come to the '90s-era hall. "
        "\"We won't sign,\" Oyelaran said of the city's offer.",
        [("We won't sign,", "Oyelaran", "Marcus Oyelaran", "said", "speech")],
    ),
    (
        "a line break inside a quote (the next line closes it)",
        INTRO + "Oyelaran said: “We will not sell\nwithout a vote of the council.”\nThe vote is set for May.",
        [("We will not sell without a vote of the council.", "Oyelaran", "Marcus Oyelaran", "said", "speech")],
    ),
    (
        "an unclosed mark does not swallow the rest of the article",
        INTRO + "Whitfield called the plan \"unacceptable and walked out.\n"
        "The council meets Monday.\n"
        "“We will vote,” Oyelaran said.",
        [("We will vote,", "Oyelaran", "Marcus Oyelaran", "said", "speech")],
    ),
    (
        "fragment inside the reporter's sentence",
        INTRO + "Whitfield called the lease \"dead in the water\" on Monday.",
        [("dead in the water", "Whitfield", "Dana Whitfield", "called", "fragment")],
    ),
    (
        "a quote with no verb continues the previous speaker",
        INTRO + "“We will rebuild the pier,” Whitfield said.\n“The pier is our future.”",
        [
            ("We will rebuild the pier,", "Whitfield", "Dana Whitfield", "said", "speech"),
            ("The pier is our future.", "Whitfield", "Dana Whitfield", None, "speech"),
        ],
    ),
    (
        "pronoun resolved to the last named person of the right kind",
        INTRO + "“The sale is done,” Whitfield said.\nOyelaran disagreed. “Not without a vote,” he said.",
        [
            ("The sale is done,", "Whitfield", "Dana Whitfield", "said", "speech"),
            ("Not without a vote,", "he", "Marcus Oyelaran", "said", "speech"),
        ],
    ),
    (
        "a pronoun after a name in subject position (a list item's heading)",
        "1\nMarcus Oyelaran On Why The Port Matters.\nIn an interview, the mayor talked about the terminal. "
        "“It belongs to all of us,” he said.",
        [("It belongs to all of us,", "he", "Marcus Oyelaran", "said", "speech")],
    ),
    (
        "a role maps back to the person introduced with it",
        INTRO + "“Not without a vote,” the mayor said.",
        [("Not without a vote,", "the mayor", "Marcus Oyelaran", "said", "speech")],
    ),
    (
        "according to",
        INTRO + "According to Oyelaran, “the council will decide.”",
        [("the council will decide.", "Oyelaran", "Marcus Oyelaran", "according to", "speech")],
    ),
    (
        "X told Y",
        INTRO + "“We are not selling to anyone,” Whitfield told The Meridian Ledger.",
        [("We are not selling to anyone,", "Whitfield", "Dana Whitfield", "told The Meridian Ledger", "speech")],
    ),
    (
        "speaker named in the previous sentence",
        "Priya Raman, president of Dockworkers Local 12, was blunt. “Nobody asked the people on these docks.”",
        [("Nobody asked the people on these docks.", "Priya Raman", "Priya Raman", None, "speech")],
    ),
    (
        "a post is a document",
        INTRO + "Oyelaran wrote on X: “No public asset will be sold without a vote.”",
        [("No public asset will be sold without a vote.", "Oyelaran", "Marcus Oyelaran", "wrote on X", "document")],
    ),
    (
        "a statement is a document",
        INTRO + "“The authority acted within the law,” Whitfield said in a statement.",
        [("The authority acted within the law,", "Whitfield", "Dana Whitfield", "said in a statement", "document")],
    ),
    (
        "a quote in a headline is kept apart",
        "Mayor: “No sale without a vote”\n" + INTRO + "“No sale without a vote,” Oyelaran said.",
        [
            ("No sale without a vote", "Mayor", None, None, "headline"),
            ("No sale without a vote,", "Oyelaran", "Marcus Oyelaran", "said", "speech"),
        ],
    ),
    (
        "scare quotes are kept apart from speech",
        INTRO + "The so-called “efficiency” plan was shelved.",
        [("efficiency", None, None, None, "scare")],
    ),
    (
        "party and state in parentheses",
        '"We will hold hearings," Sen. Ana Ruiz (D-Calif.) said Tuesday.',
        [("We will hold hearings,", "Sen. Ana Ruiz", "Ana Ruiz", "said", "speech")],
    ),
    (
        "a name after two appositions opens the clause",
        "But Tom Varga, the president of Harbor Watch, a group that has sued the authority, said that "
        "\"the damage is done.\"",
        [("the damage is done.", "Tom Varga", "Tom Varga", "said", "fragment")],
    ),
    (
        "a role with its place, and the person introduced with that title",
        "Sen. Ana Ruiz spoke first.\nThe senator from Calleva said the plan was \"a giveaway to the operator.\"",
        [("a giveaway to the operator.", "The senator from Calleva", "Ana Ruiz", "said", "fragment")],
    ),
    (
        "an anonymous source",
        "“They will fold by Friday,” a source familiar with the talks said.",
        [("They will fold by Friday,", "a source familiar with the talks", None, "said", "speech")],
    ),
    (
        "as X put it",
        INTRO + "As Oyelaran put it, “the port belongs to the city.”",
        [("the port belongs to the city.", "Oyelaran", "Marcus Oyelaran", "put it", "speech")],
    ),
    (
        "a speaker label",
        "HARBOR WEEK - Priya Raman: “Nobody asked the people on these docks.”",
        [("Nobody asked the people on these docks.", "Priya Raman", "Priya Raman", None, "speech")],
    ),
    (
        "a quote signed on the next line",
        "Quotable.\n“Nobody asked the people on these docks.”\n— Priya Raman, Harborton.",
        [("Nobody asked the people on these docks.", "Priya Raman", "Priya Raman", "—", "speech")],
    ),
    (
        "a pull quote signed inside its marks: the name line is its speaker, no word of it",
        "Harborton voters waited.\n\"We will rebuild the pier before the winter storms.\nPriya Raman, Harborton Ferry "
        "Union.\"\nThe council met on Monday.",
        [("We will rebuild the pier before the winter storms.", "Priya Raman", "Priya Raman", None, "speech")],
    ),
    (
        "a line closing a quote that is no name stays its words",
        "Harborton voters waited.\n\"We will rebuild the pier before the winter storms.\nNobody Else Will.\"\n"
        "The council met on Monday.",
        [("We will rebuild the pier before the winter storms. Nobody Else Will.", None, None, None, "speech")],
    ),
    (
        "a quote with no cue after a sentence closed by a cue goes to that cue's speaker",
        INTRO + "The pier may stay shut through winter, Oyelaran said. \"We have no money for it.\"",
        [("We have no money for it.", "Oyelaran", "Marcus Oyelaran", None, "speech")],
    ),
    (
        "a delegate's abbreviated title is part of the name, not the name",
        '"This vote is a waste of time," said Del. Ines Okafor, a Democrat.',
        [("This vote is a waste of time,", "Del. Ines Okafor", "Ines Okafor", "said", "speech")],
    ),
    (
        "a person of an organisation speaks, not the organisation",
        '"It was the least bad outcome," Mr. Teodor Bram of the Harborton Ferry Union said.',
        [("It was the least bad outcome,", "Mr. Teodor Bram", "Teodor Bram", "said", "speech")],
    ),
    (
        "a subordinate clause after a quote is no cue",
        INTRO + "The spot ends with footage of Whitfield saying at the hearing, “That makes the port stronger,” when Oyelaran "
        "challenged her.",
        [("That makes the port stronger,", "Whitfield", "Dana Whitfield", "saying", "speech")],
    ),
    (
        "a prepositional opening is skipped for the main clause's speaker",
        INTRO + "In a Facebook message posted Friday, Whitfield said she had \"serious doubts\" about the plan.",
        [("serious doubts", "Whitfield", "Dana Whitfield", "said", "fragment")],
    ),
    (
        "an inverted cue with a description holding digits before the name",
        "“They are 100 percent wrong,” said 9/11 widow Ines Okafor.\n\nThe harbour protest went on.",
        [("They are 100 percent wrong,", "9/11 widow Ines Okafor", "Ines Okafor", "said", "speech")],
    ),
    (
        "the object of 'through' is no subject; a name never runs across a blank line",
        "“We will not move,” said Teodor Bram.\n\nProtesters marching through the streets chanted \"Open the pier!\"",
        [
            ("We will not move,", "Teodor Bram", "Teodor Bram", "said", "speech"),
            ("Open the pier!", "Protesters", None, "chanted", "fragment"),  # a plural of a word for people names no one
        ],
    ),
    (
        "an opening date with its year, then a colon introducing the next paragraph",
        "Harborton argued for months.\n\nOn July 6, 2015, Oyelaran made the following comment:\n\n"
        "“Nobody who works these docks is asking for a miracle.”",
        [("Nobody who works these docks is asking for a miracle.", "Oyelaran", "Oyelaran", None, "speech")],
    ),
    (
        "a quoted show title opening the sentence before the speaker",
        INTRO + 'On "Harbor Week," Mayor Oyelaran, who lost the primary, named two reasons. "The pier is one of them."',
        [
            ("Harbor Week,", None, None, None, "scare"),
            ("The pier is one of them.", "Mayor Oyelaran", "Marcus Oyelaran", None, "speech"),
        ],
    ),
    (
        "a song's words: 'sings' is a cue, and the singer goes on in 'before asking her'",
        '“Keep the harbour lights on,” Lena Okafor sings to the mayor before asking him, “Where do we go from here?”',
        [
            ("Keep the harbour lights on,", "Lena Okafor", "Lena Okafor", "sings", "speech"),
            ("Where do we go from here?", "Lena Okafor", "Lena Okafor", "sings", "speech"),
        ],
    ),
    (
        "'claims' after 'of' is a noun, not a cue with the adjective for a speaker",
        "FactHarbor rated 30% of Republican claims as “false” or “misleading,” compared to 12% of "
        "Democratic claims.",
        [
            ("false", "FactHarbor", "FactHarbor", "claims", "fragment"),
            ("misleading,", "FactHarbor", "FactHarbor", "claims", "fragment"),
        ],
    ),
    (
        "a series of posts saying: their author speaks",
        INTRO + "Whitfield unleashed a series of tweets early Friday saying the mayor had shown “breathtaking "
        "indifference.”",
        [("breathtaking indifference.", "Whitfield", "Dana Whitfield", "saying", "fragment")],
    ),
    (
        "a plural title 'Sens.' before two names",
        "Sens. Teodor Bram and Ines Okafor questioned the plan.\n\n“You blame the dock workers,” Bram said.",
        [("You blame the dock workers,", "Bram", "Teodor Bram", "said", "speech")],
    ),
    (
        "the object of an -ing form before the quote is not its speaker",
        "As the port's director, Dana Whitfield, put it in a memo explaining the deal, “Nobody loses a berth.”",
        [("Nobody loses a berth.", "Dana Whitfield", "Dana Whitfield", "put it in a memo", "document")],
    ),
    (
        "double apostrophes as quote marks bound the subject search (archive style)",
        "''Rents are up a little bit, and so are berths,'' said Mr. Bram, who noted that prices had ''cratered'' before.",
        [
            ("Rents are up a little bit, and so are berths,", "Mr. Bram", "Bram", "said", "speech"),
            ("cratered", "Mr. Bram", "Bram", "said", "fragment"),
        ],
    ),
    (
        "a fragment in a coordinated clause goes to that clause's speaker, not the first one's",
        "The port authority has been warning that it is short of cash, and Mayor Marcus Oyelaran said the "
        "“emergency measures” were unsustainable.",
        [("emergency measures", "Mayor Marcus Oyelaran", "Marcus Oyelaran", "said", "fragment")],
    ),
    (
        "'No. 2' inside an apposition does not end it",
        "Mayor Marcus Oyelaran refused to meet them.\n\nAs Dana Whitfield, the No. 2 at the port, put it: "
        "“This plan will not pass.”",
        [("This plan will not pass.", "Dana Whitfield", "Dana Whitfield", "put it", "speech")],
    ),
    (
        "vox-pop quotes signed after a horizontal bar on the same line, nbsp around it",
        "What readers told us.\n\n“The ferry is late every single week. Nobody answers.” ― Marisol Quant\n"
        "“It was a good night.”\u00a0―\u00a0Teodor Bram.\n",
        [
            ("The ferry is late every single week. Nobody answers.", "Marisol Quant", "Marisol Quant", "—", "speech"),
            ("It was a good night.", "Teodor Bram", "Teodor Bram", "—", "speech"),
        ],
    ),
    (
        "a single-marked quote in a title line that reads as a sentence is headline style",
        "Whitfield says pier 'almost ready' as the vote nears.\n\n"
        "Dana Whitfield said the pier was “almost ready” on Monday.",
        [
            ("almost ready", "Whitfield", "Dana Whitfield", "says", "headline"),
            ("almost ready", "Dana Whitfield", "Dana Whitfield", "said", "fragment"),
        ],
    ),
    (
        "a signed quote opening with an editor's bracket, the signature after a blank line",
        "Quotable.\n\n\"[Dock workers are] tired of waiting for the pier.\"\n\n- Priya Raman.\n\nThe vote is in May.",
        [("[Dock workers are] tired of waiting for the pier.", "Priya Raman", "Priya Raman", "—", "speech")],
    ),
    (
        "a speaker's name alone on the line above",
        "Voices from the docks.\nPriya Raman:\n“Nobody asked the people on these docks.”",
        [("Nobody asked the people on these docks.", "Priya Raman", "Priya Raman", None, "speech")],
    ),
    (
        "a participle clause after an adverb speaks for the sentence's subject",
        "Dana Whitfield has expressed frustration, recently telling a friend that she is \"done with the operator.\"",
        [("done with the operator.", "Dana Whitfield", "Dana Whitfield", "telling a friend", "fragment")],
    ),
    (
        "a surname resolves to the full name met earlier, even after a sentence-first word",
        "For Dana Whitfield, the pitch comes down to money. “We cannot keep losing money,” Whitfield said.",
        [("We cannot keep losing money,", "Whitfield", "Dana Whitfield", "said", "speech")],
    ),
    (
        "a place before the title is not part of the name",
        "“No public asset will be sold,” said Harborton Mayor Marcus Oyelaran.",
        [("No public asset will be sold,", "Harborton Mayor Marcus Oyelaran", "Marcus Oyelaran", "said", "speech")],
    ),
    (
        "a name heading (with age and place) over a list of quotes",
        "Harborton voters told us what matters.\n\nRosa Delgado, 34, Harborton\n\n“I want the pier rebuilt.”\n\n"
        "Tomas Reyes, 61, retired fisherman\n\n“Nobody asks us anything.”\n\n“We vote every time.”",
        [
            ("I want the pier rebuilt.", "Rosa Delgado", "Rosa Delgado", None, "speech"),
            ("Nobody asks us anything.", "Tomas Reyes", "Tomas Reyes", None, "speech"),
            ("We vote every time.", "Tomas Reyes", "Tomas Reyes", None, "speech"),
        ],
    ),
    (
        "a title-case heading over a quote is no speaker",
        "What Voters Want\n\n“Jobs,” one woman said.",
        [("Jobs,", "one woman", None, "said", "speech")],
    ),
    (
        "an inverted cue closing the sentence after a fragment and a second quote",
        INTRO + "Whitfield “did well with dock workers” in 2019, said harbour historian Ines Okafor. "
        "“They were her people.”",
        [
            (
                "did well with dock workers They were her people.",
                "harbour historian Ines Okafor",
                "Ines Okafor",
                "said",
                "fragment",
            )
        ],
    ),
    (
        "a describing cue closing the sentence speaks for the fragment",
        "The ferry crew has been “unfairly blamed” since March and should be paid, the sailors' union says.",
        [("unfairly blamed", "the sailors' union", None, "says", "fragment")],
    ),
    (
        "a reporting verb opening the sentence",
        INTRO + "Said Ines Okafor, who grew up on the docks, “We were all proud of the pier.”",
        [("We were all proud of the pier.", "Ines Okafor", "Ines Okafor", "said", "speech")],
    ),
    (
        "a reporting verb opening a line before a colon",
        INTRO + "Stated Whitfield:\n\n“The pier stays public.”",
        [("The pier stays public.", "Whitfield", "Dana Whitfield", "stated", "speech")],
    ),
    (
        "'Asked a question ..., X said' is no inverted cue",
        INTRO + "Asked a direct question about the pier, Whitfield said, “I take responsibility.”",
        [("I take responsibility.", "Whitfield", "Dana Whitfield", "said", "speech")],
    ),
    (
        "a passive 'was asked by X': the asker speaks",
        INTRO + "Oyelaran was asked by radio host Keme Adjei whether the plan would risk “another decade of delay.”",
        [("another decade of delay.", "radio host Keme Adjei", "Keme Adjei", "asked", "fragment")],
    ),
    (
        "a lone surname opening a sentence is the referent of a later pronoun",
        INTRO + "“We are done,” said Keme Adjei, a harbour pilot.\n"
        "Oyelaran walked out of the meeting, but he also noted the “hard work” of the crews.",
        [
            ("We are done,", "Keme Adjei", "Keme Adjei", "said", "speech"),
            ("hard work", "he", "Marcus Oyelaran", "noted", "fragment"),
        ],
    ),
    (
        "a title in apposition to 'book', with a subtitle",
        INTRO + "Reviewers inspected Whitfield's new book, “Harbor Lights: How a Small Port Beat the Odds,” for clues.",
        [("Harbor Lights: How a Small Port Beat the Odds,", None, None, None, "scare")],
    ),
    (
        "a book's title after its kind, with the author's own cue in the same sentence",
        INTRO + "In her 2019 memoir, “Salt on the Pilings,” Whitfield said the port nearly closed.",
        [("Salt on the Pilings,", None, None, None, "scare")],
    ),
    (
        "a programme told or interviewed by name is not a quotation",
        INTRO + "“The pier opens in May,” Whitfield told “Harbor Morning Live,” before the vote.",
        [
            ("The pier opens in May,", "Whitfield", "Dana Whitfield", "told", "speech"),
            ("Harbor Morning Live,", None, None, None, "scare"),
        ],
    ),
    (
        "a deck in single marks under the title line is a headline, not speech",
        "Harborton council splits over the pier; \nMayor vows 'a pier by spring.'\n\n"
        "The council voted 5-4 on Monday. “We will rebuild it,” Mayor Marcus Oyelaran said.",
        [
            ("a pier by spring.", "Mayor", None, "vows", "headline"),
            ("We will rebuild it,", "Mayor Marcus Oyelaran", "Marcus Oyelaran", "said", "speech"),
        ],
    ),
    (
        "a paper in print opens with its lead, not a title: 'X said: '...'' on the next line is speech",
        "A HARBOUR pilot who ran a ferry aground was banned from the water for a year yesterday.\n"
        "Keme Adjei, 44, who admitted negligence, said: 'I will carry that night with me for ever.'\n"
        "The ferry's owners are suing him.",
        [("I will carry that night with me for ever.", "Keme Adjei", "Keme Adjei", "said", "speech")],
    ),
    # 'he' or 'she' after a person the article leaves unnamed is that person, given by the description
    (
        "a pronoun after an unnamed witness is the witness, not the person named before",
        INTRO + '"We will rebuild the pier," Whitfield said.\n'
        'A witness told the inquiry she saw the ferry hit the rocks. She said: "The pilot was asleep at the wheel."',
        [
            ("We will rebuild the pier,", "Whitfield", "Dana Whitfield", "said", "speech"),
            ("The pilot was asleep at the wheel.", "A witness", None, "said", "speech"),
        ],
    ),
    (
        "a pronoun after 'one neighbour said' is the neighbour",
        PRINT_LEAD + "Teodor Bram, 52, admitted the charge.\n'I am sorry,' said Bram.\n"
        "One neighbour said the engine noise went on for hours. 'It was unbearable,' he said.",
        [
            ("I am sorry,", "Bram", "Teodor Bram", "said", "speech"),
            ("It was unbearable,", "One neighbour", None, "said", "speech"),
        ],
    ),
    (
        "'she' after 'the woman' is the woman when the name before is a man's",
        PRINT_LEAD + "David Bram, 52, admitted the charge.\n"
        "The woman told the court how the boat struck the rocks. She said: 'I thought we would drown.'",
        [("I thought we would drown.", "The woman", None, "said", "speech")],
    ),
    (
        "a pronoun after a description that asked a named person is that person's reply",
        INTRO + 'A reporter asked Oyelaran about the pier. He replied: "We will rebuild it."',
        [("We will rebuild it.", "He", "Marcus Oyelaran", "replied", "speech")],
    ),
    (
        "a description after a name in the paragraph before is that person's epithet",
        PRINT_LEAD + "Ines Okafor, 35, was jailed for a year.\n"
        "The shamed harbour pilot, who sank two boats, said she was sorry.\nShe added: 'I let the town down.'",
        [("I let the town down.", "She", "Ines Okafor", "added", "speech")],
    ),
    (
        "a description in a clause after 'claimed that' is no referent for the next sentence",
        PRINT_LEAD + "Teodor Bram claimed that an officer told him he would be paid. He said: 'I was promised money.'",
        [("I was promised money.", "He", "Teodor Bram", "said", "speech")],
    ),
    # a surname two people share: of two, the one named in full as a subject, not the one named only as an object
    (
        "a shared surname is the one named as a subject, not the film star named as an object in the lead",
        "The harbour-master aunt of film star Ines Okafor told a court today of her anger at being mocked by a colleague.\n"
        "Pc Mara Okafor, 41, said she was shaken when Pc Teodor Bram, 38, jeered at her during a quiz night.\n"
        "Bram denies a charge of using insulting words.\n"
        "Kestrel magistrates were told the officers were off duty at the Anchor Inn with 40 colleagues.\n"
        "Ms Okafor, who joined the force in 1994, said: 'He would not stop laughing at me.'\n"
        "Earlier Pc Okafor told how the room fell silent: 'Nobody said a word.'",
        [
            ("He would not stop laughing at me.", "Ms Okafor", "Mara Okafor", "said", "speech"),
            ("Nobody said a word.", "Pc Okafor", "Mara Okafor", "told how", "speech"),
        ],
    ),
    (
        "a shared surname is the brother who spoke, not the one named first in 'the case of'",
        PRINT_LEAD + "A jury at Kestrel Crown Court returned verdicts in the case of Kevin Stroud, 41, and Ronald Stroud, 42, "
        "both of Harborton.\nThe Stroud brothers were accused of running the ferry firm.\n"
        "Ronald Stroud said after the verdict: 'I never doubted the jury.'\n"
        "He said he and his brother had done nothing wrong.\n"
        "'We built a good firm,' said Mr Stroud, who now runs a boatyard.",
        [
            ("I never doubted the jury.", "Ronald Stroud", "Ronald Stroud", "said", "speech"),
            ("We built a good firm,", "Mr Stroud", "Ronald Stroud", "said", "speech"),
        ],
    ),
    (
        "a surname after a title is the one of two introduced with that title",
        "Film star Ines Okafor said her aunt had been wronged.\nPc Mara Okafor said she was shaken by the jeers.\n"
        "The case was adjourned.\nMagistrates heard from the landlord of the Anchor Inn.\nThe quiz went on until midnight.\n"
        "Pc Okafor said: 'Nobody said a word.'",
        [("Nobody said a word.", "Pc Okafor", "Mara Okafor", "said", "speech")],
    ),
    # Quotes in single marks, as British papers print them (METER): marks that are apostrophes too,
    # quotes nested in the same marks, paragraph breaks lost in print, and a lead instead of a title.
    (
        "single marks: a plural possessive inside the quote does not close it",
        PRINT_LEAD + "The coroner, Ines Harrow, said: 'Nothing can undo the harm suffered by the victims' families. "
        "We must learn from it.'",
        [("Nothing can undo the harm suffered by the victims' families. We must learn from it.", "Ines Harrow",
          "Ines Harrow", "said", "speech")],
    ),
    (
        "single marks: a quote nested in a quote leaves the outer one whole",
        PRINT_LEAD + "Ada Pell, a witness, said: 'I shouted 'stop the boat', and then I ran to the rail.'",
        [("I shouted 'stop the boat', and then I ran to the rail.", "Ada Pell", "Ada Pell", "said", "speech")],
    ),
    (
        "single marks: a nested quote's closing mark closes the outer quote too at the end of its paragraph",
        PRINT_LEAD + "Ada Pell told the court: 'Then he turned to me and asked 'Can we have the keys?'\nThe case continues.",
        [("Then he turned to me and asked 'Can we have the keys?", "Ada Pell", "Ada Pell", "told the court", "speech")],
    ),
    (
        "single marks: an opening mark after a full stop inside a quote is a paragraph break lost in print",
        PRINT_LEAD + "Lars Olsen, the harbour engineer, said: 'The channel was never safe. It should not have opened. "
        "'I warned the council twice and nobody listened.'",
        [("The channel was never safe. It should not have opened. I warned the council twice and nobody listened.",
          "Lars Olsen", "Lars Olsen", "said", "speech")],
    ),
    (
        "a reply introduced after a question introduced with a colon is another speaker's quote",
        PRINT_LEAD + "Counsel Tom Hale asked: 'Did you see him that night?' Mrs Rhea Dunmore replied: 'I did not see anyone.'",
        [
            ("Did you see him that night?", "Counsel Tom Hale", "Tom Hale", "asked", "speech"),
            ("I did not see anyone.", "Mrs Rhea Dunmore", "Rhea Dunmore", "replied", "speech"),
        ],
    ),
    (
        "single marks: a quote broken over two lines (a column break) is one quotation",
        PRINT_LEAD + "Passing sentence, Judge Ama Quist said: 'You will never forget that night.\n"
        "Those who saw the pictures will never forget them.' She rose.",
        [("You will never forget that night. Those who saw the pictures will never forget them.", "Judge Ama Quist",
          "Ama Quist", "said", "speech")],
    ),
    (
        "a paper's lead in capitals telling when is no title: its quote is a fragment, not a headline",
        "A FERRY pilot who ran aground off Kestrel Point had been 'reckless beyond belief', magistrates said "
        "yesterday.\nHe will appeal.",
        [("reckless beyond belief", "magistrates", None, "said", "fragment")],
    ),
    (
        "the line under a paper's lead is no deck under a title",
        "A FERRY pilot who ran aground was banned for a year yesterday.\n"
        "Magistrates said he had been 'reckless beyond belief' that night.\nHe will appeal.",
        [("reckless beyond belief", "Magistrates", None, "said", "fragment")],
    ),
    (
        "single marks throughout: a quoted paragraph standing alone goes on with the speaker, it is no subhead",
        PRINT_LEAD + "Rosa Delgado, a passenger, said: 'The ferry was late again.'\n'Nobody answers the phone at the office.'\n"
        "The council did not reply.",
        [
            ("The ferry was late again.", "Rosa Delgado", "Rosa Delgado", "said", "speech"),
            ("Nobody answers the phone at the office.", "Rosa Delgado", "Rosa Delgado", None, "speech"),
        ],
    ),
    (
        "single marks throughout: a transcript's answer after the witness's name is speech, not a heading",
        PRINT_LEAD + "Counsel Tom Hale asked: 'Is that your boat?'\nMr Owen Pask: 'Yes, my Lord...'\nThe case continues.",
        [
            ("Is that your boat?", "Counsel Tom Hale", "Tom Hale", "asked", "speech"),
            ("Yes, my Lord...", "Mr Owen Pask", "Owen Pask", None, "speech"),
        ],
    ),
    (
        "single marks: an opening mark with no quote of its own leaves the next quote alone",
        PRINT_LEAD + "The mate, Ivo Brandt, who was hit in the arm 'pushed him to the floor. Brandt told Kestrel Crown Court: "
        "'He had been drinking all night.'",
        [("He had been drinking all night.", "Brandt", "Ivo Brandt", "told Kestrel Crown Court", "speech")],
    ),
    (
        "single marks: possessives outside a quote and a closing mark before a word",
        PRINT_LEAD + "The owners called it 'a day's work' and said the pilot's 'bad luck' was to blame.",
        [
            ("a day's work", "The owners", None, "called", "fragment"),
            ("bad luck", "The owners", None, "called", "fragment"),
        ],
    ),
    (
        "single marks: double marks inside a single-marked quote are its words",
        PRINT_LEAD + "Ada Pell told the jury: 'When I saw the rocks I thought \"Oh no\". I felt sick.'\nThe case continues.",
        [("When I saw the rocks I thought \"Oh no\". I felt sick.", "Ada Pell", "Ada Pell", "told the jury", "speech")],
    ),
    (
        "single marks: a quote after 'said:' whose closing mark was lost ends with its paragraph",
        PRINT_LEAD + "Mr Olsen said: 'He made it quite clear that I should keep quiet. It was a salutary conversation.\n"
        "The inquiry continues.",
        [("He made it quite clear that I should keep quiet. It was a salutary conversation.", "Mr Olsen", "Olsen",
          "said", "speech")],
    ),
    (
        "single marks: so does one in the text's last paragraph",
        PRINT_LEAD + "A spokesman for the harbour board said: 'The pilot has a great deal to answer for.",
        [("The pilot has a great deal to answer for.", "A spokesman for the harbour board", None, "said", "speech")],
    ),
    (
        "single marks: an unclosed mark with no cue before it and no sentence in it stays stray",
        PRINT_LEAD + "The mate called him 'careless and arrogant\nThe inquiry continues.",
        [],
    ),
    (
        "the listener named before the colon ('told Mr Justice Quist: '') is not the speaker",
        PRINT_LEAD + "Ivo Brandt, defending, told Mr Justice Quist: 'My client cannot explain it.'",
        [("My client cannot explain it.", "Ivo Brandt", "Ivo Brandt", "told Mr Justice Quist", "speech")],
    ),
    (
        "nor is the listener of a participle ('..., telling Det Con Hale: '')",
        PRINT_LEAD + "The mate said he never saw the rocks, telling Det Con Hale: 'It was too dark to see anything.'",
        [("It was too dark to see anything.", "The mate", None, "telling Det Con Hale", "speech")],
    ),
    (
        "words printed on an object ('the \"...\" hat') are a label, not speech",
        INTRO + "“He will do great things,” Whitfield said, showing off the “Rebuild the Pier Now” cap he gave her.",
        [
            ("He will do great things,", "Whitfield", "Dana Whitfield", "said", "speech"),
            ("Rebuild the Pier Now", None, None, None, "scare"),
        ],
    ),
    (
        "a dateline opening the sentence is not its subject",
        "HARBORTON — Sen. Ana Ruiz (D-Mass.) on Wednesday downplayed the fight — something that has split the "
        "council all week — and said it was “a win for the docks.”",
        [("a win for the docks.", "Sen. Ana Ruiz", "Ana Ruiz", "said", "fragment")],
    ),
    (
        "'Today,' opening the sentence is not its subject",
        "The pier closed in 1990. Today, the Harborton Gazette calls it “the heart of the town.”",
        [("the heart of the town.", "the Harborton Gazette", "Harborton Gazette", "calls", "fragment")],
    ),
    (
        "a participle cue 'by saying, \"' takes the sentence's subject",
        "Oyelaran spoke first. The port director defended the plan by saying, “I am trying to save the pier.”",
        [("I am trying to save the pier.", "The port director", None, "saying", "speech")],
    ),
    (
        "a participle cue ', remarking, \"' after the main clause",
        INTRO + "Whitfield ended the meeting with a joke, remarking, “May the tide be with you.”",
        [("May the tide be with you.", "Whitfield", "Dana Whitfield", "remarking", "speech")],
    ),
    (
        "'Another' opening the sentence is a speaker of its own",
        "“The pier is ours,” one fisherman said. Another tweeted, “The pier belongs to the city.”",
        [
            ("The pier is ours,", "one fisherman", None, "said", "speech"),
            ("The pier belongs to the city.", "Another", None, "tweeted", "document"),
        ],
    ),
    (
        "'From the report:' introduces the quote's source",
        "Oyelaran spoke first. From the report: “In general, ports with more traffic fare better.”",
        [("In general, ports with more traffic fare better.", "the report", None, None, "document")],
    ),
    (
        "'Here's X in 1992:' introduces the speaker",
        "The debate is old.\nHere’s Oyelaran in December 1992: “Our new direction must rest on the docks.”",
        [("Our new direction must rest on the docks.", "Oyelaran", "Oyelaran", None, "speech")],
    ),
    (
        "a share of poll respondents ('21 percent said') is the speaker",
        "Voters were asked if the pier would reopen, to which 21 percent said “not too likely” and 14 percent said “not at all likely.”",
        [
            ("not too likely", "21 percent", None, "said", "speech"),
            ("not at all likely.", "14 percent", None, "said", "speech"),
        ],
    ),
    (
        "'X said that <a long clause>: \"...\"' takes X, not the previous speaker",
        INTRO + "“We will see,” Whitfield said.\n\nMr. Oyelaran said that if viewed through the lens of the port's "
        "budget and its many creditors, some kind of grand bargain might be possible: “Can the city offer the "
        "fishermen something they want?”",
        [
            ("We will see,", "Whitfield", "Dana Whitfield", "said", "speech"),
            ("Can the city offer the fishermen something they want?", "Mr. Oyelaran", "Marcus Oyelaran", "said", "speech"),
        ],
    ),
    (
        "a name followed by a verb and a weekday is not one long name ('Whitfield spoke Tuesday')",
        INTRO + "Whitfield spoke Tuesday at the Grand Hotel in Harborton and called the port board “rotten to the core.”",
        [("rotten to the core.", "Whitfield", "Dana Whitfield", "called", "fragment")],
    ),
    (
        "a title followed by its author",
        INTRO + "The pier fight is told in “Tides of the Harbor” by Ines Okafor.",
        [("Tides of the Harbor", None, None, None, "scare")],
    ),
    (
        "a second title in a list of titles",
        INTRO + "Okafor has starred in “Dock Street” and “Ferry Tales of the North,” among other shows.",
        [("Dock Street", None, None, None, "scare"), ("Ferry Tales of the North,", None, None, None, "scare")],
    ),
    (
        "a first name with an age heading a quote, or signing it on the line below",
        "Harborton voters spoke to us.\n\nRosa, 34, Harborton\n\n“I want the pier back this year.”\n\n"
        "“Nobody asks the fishermen anything.”\nTomas, 61, retired.\n\nThe vote is in May.",
        [
            ("I want the pier back this year.", "Rosa", "Rosa", None, "speech"),
            ("Nobody asks the fishermen anything.", "Tomas", "Tomas", None, "speech"),
        ],
    ),
    (
        "an apposition with no closing comma before the verb",
        "“The pier needs a plan,” Ines Okafor, the harbour historian who founded the dock museum wrote on Sunday.",
        [("The pier needs a plan,", "Ines Okafor", "Ines Okafor", "wrote", "document")],
    ),
    (
        "a fragment with no cue in the sentence after a speaker's quote continues it",
        "“It is a big moment,” said Ines Okafor, a harbour historian. Unless the council objects, "
        "“it is very hard to see how the pier is stopped.”",
        [
            ("It is a big moment,", "Ines Okafor", "Ines Okafor", "said", "speech"),
            ("it is very hard to see how the pier is stopped.", "Ines Okafor", "Ines Okafor", None, "fragment"),
        ],
    ),
    (
        "'an early supporter, Name,' before a colon: 'early' is no time word here",
        INTRO + "An early supporter, Ines Okafor, gave the idea a try in an interview on Tuesday: “The pier is the town.”",
        [("The pier is the town.", "Ines Okafor", "Ines Okafor", None, "speech")],
    ),
    (
        "respondents of a poll: the poll speaks for them",
        "In a Harborton Gazette survey released Monday, 61% of residents said the pier was “worth saving.”",
        [("worth saving.", "a Harborton Gazette survey", None, "said", "fragment")],
    ),
    (
        "an inverted cue with a lower-case description before the name",
        "“Thanks for welcoming us,” said master of ceremonies Keme Adjei, a harbour pilot.",
        [("Thanks for welcoming us,", "master of ceremonies Keme Adjei", "Keme Adjei", "said", "speech")],
    ),
    (
        "an inverted cue with a compound title before the name",
        "“He is reprising that role,” said former Harborton Gov. and Port Authority Chairman Keme Adjei. "
        "“Turnout is the point.”",
        [
            (
                "He is reprising that role,",
                "former Harborton Gov. and Port Authority Chairman Keme Adjei",
                "Keme Adjei",
                "said",
                "speech",
            ),
            ("Turnout is the point.", "former Harborton Gov. and Port Authority Chairman Keme Adjei", "Keme Adjei", None, "speech"),
        ],
    ),
    (
        "an inverted cue whose description goes on with 'that'",
        "“It was all lies,” said one owner of a shop that sells nets.",
        [("It was all lies,", "one owner of a shop", None, "said", "speech")],
    ),
    (
        "a demonstrative opening the clause after the quote is a determiner",
        "“The crew does not like him,” this source told the Gazette.",
        [("The crew does not like him,", "this source", None, "told the Gazette", "speech")],
    ),
    (
        "a quote signed with a dash and a social media handle",
        "Wow. “Very good reporter. Very good reporter, this guy”–@harbormayor taking a question.",
        [("Very good reporter. Very good reporter, this guy", "@harbormayor", None, "—", "speech")],
    ),
    (
        "'can be heard asking': the asker speaks",
        INTRO + "“Will the pier be sold?” a reporter can be heard asking Oyelaran after the meeting.",
        [("Will the pier be sold?", "a reporter", None, "asking", "speech")],
    ),
    (
        "a subject with a prepositional phrase: 'a message on the website reads'",
        INTRO + "“Welcome, sailors!” a message on the port website reads.",
        [("Welcome, sailors!", "a message on the port website", None, "reads", "document")],
    ),
    (
        "a second speaker in the gap between two quotes: no split quote",
        INTRO + "“We are glad you came,” Oyelaran said as a heckler yelled: “Sell it!”",
        [
            ("We are glad you came,", "Oyelaran", "Marcus Oyelaran", "said", "speech"),
            ("Sell it!", "a heckler", None, "yelled", "speech"),
        ],
    ),
    (
        "an age as the head of the subject",
        INTRO + "“What if the pier had a museum?” the 43-year-old asked.",
        [("What if the pier had a museum?", "the 43-year-old", None, "asked", "speech")],
    ),
    (
        "a newsletter item: section label, linked headline, byline, excerpt",
        "FAREWELL—\"The Pier Bar to close in December,\" by the Gazette's Ines Okafor: "
        "\"The Pier Bar, a no-frills club on the docks, will close at the end of December.\"",
        [
            ("The Pier Bar to close in December,", None, None, None, "headline"),
            (
                "The Pier Bar, a no-frills club on the docks, will close at the end of December.",
                "Gazette's Ines Okafor",
                "Ines Okafor",
                "wrote",
                "document",
            ),
        ],
    ),
    (
        "a subject with a relative clause before the verb, and a time word after it",
        INTRO + "A port official who spoke anonymously to discuss the talks said Wednesday, “There are discussions.”",
        [("There are discussions.", "A port official", None, "said", "speech")],
    ),
    (
        "a description, then the name in apposition followed by 'of'",
        "“The odds are against it,” said another leading harbour lawyer, Keme Adjei of the firm Adjei Okafor.",
        [("The odds are against it,", "Keme Adjei", "Keme Adjei", "said", "speech")],
    ),
    (
        "a quote after a comma that ends the subject's own clause",
        INTRO + "Earlier this week, Whitfield shared her worry with an audience at the yacht club, “I do not know who will show up.”",
        [("I do not know who will show up.", "Whitfield", "Dana Whitfield", None, "speech")],
    ),
    (
        "a person's name closing the words before a colon",
        INTRO + "The vote did not surprise harbour pollster Ines Okafor: “Small ports vote for their piers.”",
        [("Small ports vote for their piers.", "Ines Okafor", "Ines Okafor", None, "speech")],
    ),
    (
        "a name after a preposition before a colon is no speaker",
        INTRO + "Whitfield explained the plan to the harbour pilot Keme Adjei: “We will rebuild the pier.”",
        [("We will rebuild the pier.", "Whitfield", "Dana Whitfield", "explained", "speech")],
    ),
    (
        "'Ever since ...,' is an introductory clause",
        INTRO + "Ever since she won the vote, Whitfield has been a fixture at the docks with a simple message: “Keep the pier.”",
        [("Keep the pier.", "Whitfield", "Dana Whitfield", None, "speech")],
    ),
    (
        "a name heading with a description and a colon",
        "We asked voters.\n\nRosa Delgado, 34, a teacher in Harborton:\n\n“I want the pier rebuilt.”",
        [("I want the pier rebuilt.", "Rosa Delgado", "Rosa Delgado", None, "speech")],
    ),
    (
        "a reporting verb printed with a capital after the speaker",
        INTRO + "“Not us, but hard to argue with it!” Whitfield, the head of the port authority, Tweeted on Friday.",
        [("Not us, but hard to argue with it!", "Whitfield", "Dana Whitfield", "Tweeted", "document")],
    ),
    (
        "'in X's words,' before a quote",
        INTRO + "The fair moved to the docks because, in Okafor’s words, “the pier is the town's living room.”",
        [("the pier is the town's living room.", "Okafor", "Okafor", None, "fragment")],
    ),
    (
        "'the mayor's answer was that' before a fragment",
        INTRO + "The mayor’s answer was that “no public asset will be sold,” so the pier stays.",
        [("no public asset will be sold,", "The mayor", "Marcus Oyelaran", None, "fragment")],
    ),
    (
        "'His answer was that' resolves like a pronoun",
        INTRO + "Oyelaran was asked about the sale. His answer was that “nothing has changed at all.”",
        [("nothing has changed at all.", "he", "Marcus Oyelaran", None, "fragment")],
    ),
    (
        "a long insertion between the cue and the quote",
        INTRO + "Whitfield said on the radio on Monday, in reference to the old ferry, a boat built in 1952, "
        "“Next summer, the pier gets a new one.”",
        [("Next summer, the pier gets a new one.", "Whitfield", "Dana Whitfield", "said on the radio", "speech")],
    ),
    (
        "a title in quotes is not speech",
        INTRO + "Whitfield appeared on the show “Harbor Matters” on Sunday.",
        [("Harbor Matters", None, None, None, "scare")],
    ),
    (
        "a surname opening a sentence is not joined to the place that ends the one before",
        "Taps ran dry at the treatment plant on Mill Road. Vantreel, 58, has run the plant since 2009. "
        "Vantreel said he had briefed the council twice.\n"
        "\"What they did to this town is a betrayal, plain and simple,\" he said.",
        [("What they did to this town is a betrayal, plain and simple,", "he", "Vantreel", "said", "speech")],
    ),
    (
        "a surname after a sentence ending in a place resolves to the full name named earlier",
        "Oskar Vantreel runs the treatment plant on Mill Road.\nVantreel said he had briefed the council "
        "on Mill Road. Vantreel, 58, was angry.\n"
        "\"What they did to this town is a betrayal, plain and simple,\" he said.",
        [("What they did to this town is a betrayal, plain and simple,", "he", "Oskar Vantreel", "said", "speech")],
    ),
    (
        "'Neither X nor Y' is no name",
        INTRO + "Neither Whitfield nor Oyelaran took questions. “We will rebuild the pier,” Whitfield said later.",
        [("We will rebuild the pier,", "Whitfield", "Dana Whitfield", "said", "speech")],
    ),
    (
        "a full stop inside the marks, then a described speaker and the verb",
        '"We will comply with every request from the regulators." company spokesman Tobias Renn said on Monday.',
        [("We will comply with every request from the regulators.", "Tobias Renn", "Tobias Renn", "said", "speech")],
    ),
    (
        "a full stop inside the marks, then the speaker: not the dateline's city",
        "PELLHAM (Allied Newswire) — The water board voted to close the east plant on Tuesday. "
        '"Nobody wanted to close the plant." Oskar Vantreel, the board\'s chief engineer, told the Courant.',
        [("Nobody wanted to close the plant.", "Oskar Vantreel", "Oskar Vantreel", "told the Courant", "speech")],
    ),
    (
        "a full stop inside the marks, then the speaker: not the company named before",
        "Ardent Motors will shut its Kessel assembly line in March.\n"
        '"We did not see this coming before the end of the year." Lena Okafor-Brandt told the Kessel Business Journal.',
        [("We did not see this coming before the end of the year.", "Lena Okafor-Brandt", "Lena Okafor-Brandt",
          "told the Kessel Business Journal", "speech")],
    ),
    (
        "a person reporting in the next sentence: no speaker taken from the sentence before",
        "Ardent Motors will shut its Kessel assembly line in March.\n"
        '"We did not see this coming." Lena Okafor-Brandt told the Kessel Business Journal that talks had failed.',
        [("We did not see this coming.", None, None, None, "speech")],
    ),
    (
        "a person reporting in the next sentence: no speaker read after her verb",
        "PELLHAM (Allied Newswire) — The water board voted to close the east plant on Tuesday.\n"
        '"Nobody wanted to close the plant." Oskar Vantreel, the board\'s chief engineer, said the vote was close.',
        [("Nobody wanted to close the plant.", None, None, None, "speech")],
    ),
    (
        "a verb opening a question is no part of the name the pronoun refers to",
        "Harlan Voss, a dock worker, drove from Pellham to ask about the terminal sale. Rubin Adeyemi "
        "answered with figures. Was Voss satisfied with the answer? “Up to a point,” he said.",
        [("Up to a point,", "he", "Harlan Voss", "said", "speech")],
    ),
    (
        "a verb opening a question is no part of the surname's full name",
        INTRO + "Does Whitfield want the terminal sold? “Not at this price,” Whitfield said.",
        [("Not at this price,", "Whitfield", "Dana Whitfield", "said", "speech")],
    ),
    (
        "a word the article prints in lower case is no first name",
        "Rival Tobias Renn mocked the offer on Tuesday; his rival plan drew no bids.\n"
        "“It is a fire sale,” Renn said.",
        [("It is a fire sale,", "Renn", "Tobias Renn", "said", "speech")],
    ),
    (
        "a word, a capital and a full stop end a sentence: the name after them stands alone",
        INTRO + "The council's first plan failed, so it turned to Plan B. Whitfield said the board "
        "agreed. “We will sell the terminal,” Whitfield said.",
        [("We will sell the terminal,", "Whitfield", "Dana Whitfield", "said", "speech")],
    ),
    (
        "a name never runs from a heading into the paragraph after it",
        "Harbor Street\nDana Whitfield, chair of the port authority, spoke on Monday.\n"
        "“We will sell the terminal,” Whitfield said.",
        [("We will sell the terminal,", "Whitfield", "Dana Whitfield", "said", "speech")],
    ),
    (
        "a title-case heading capitalises every word: its run of capitals is no one",
        "Dana Whitfield chairs the port authority and has run it since 2019.\n"
        "Renn’s Team Gives Whitfield ‘One Week’ Warning\n"
        "“One week is plenty of time,” she said on Tuesday.",
        [("One Week", None, None, None, "headline"),
         ("One week is plenty of time,", "she", "Dana Whitfield", "said", "speech")],
    ),
    (
        "a heading's name ends before a word the running text never prints: its verb, capitalised",
        "Penwick Sees ‘Fresh Start’ for the Harbour Board\n"
        "The mayor spoke to councillors on Monday about the port.\n"
        "“The harbour will be busy again by spring,” Mr. Penwick said.",
        [("Fresh Start", "Penwick Sees", "Penwick", None, "headline"),
         ("The harbour will be busy again by spring,", "Mr. Penwick", "Penwick", "said", "speech")],
    ),
    (
        "a surname opening a heading's name is the one person the article names in full with it",
        "Penwick Calls On Okafor To Resign.\nJust after the storm hit the harbour at Kell, Marcus Penwick was calling "
        "for change.\nIn the wake of Mayor Okafor’s remarks following the flood, Penwick called for the mayor to "
        "resign. He said the time for waiting is over, and the town has to act.\nImmediately after the storm, Penwick "
        "issued a statement, “Last night our harbour was flooded. It was the worst storm in years.”",
        [("Last night our harbour was flooded. It was the worst storm in years.", "He", "Marcus Penwick", None, "speech")],
    ),
    (
        "a man's title and a surname are not the woman the article names in full with it",
        "Mr. Penwick opened the new berth on Friday beside the harbour master, Harriet Penwick, and the engineers.\n"
        "“The harbour will be busy again by spring,” Mr. Penwick said.",
        [("The harbour will be busy again by spring,", "Mr. Penwick", "Penwick", "said", "speech")],
    ),
    (
        "a plural noun that 'of' follows is no reporting verb: 'the key states of'",
        "For someone who admitted in a debate that she is “not a natural speaker,” Marta Olander had a good night, "
        "winning the key states of Avonshire and Kell by wide margins.",
        [("not a natural speaker,", None, None, None, "fragment")],
    ),
    (
        "a story's first line is its title, even with a full stop added",
        "Oyelaran Calls Whitfield Finest Port Chief Ever.\n"
        "One of the central claims of Mayor Marcus Oyelaran's speech to the council on Wednesday does not stand up.\n"
        "He told the packed chamber:\n"
        "“There has never been a finer chief of this port than Dana Whitfield, not in a hundred years.”",
        [("There has never been a finer chief of this port than Dana Whitfield, not in a hundred years.", "He",
          "Marcus Oyelaran", "told the packed", "speech")],
    ),
    (
        "a name after its owner's possessive is the name",
        "Pellham’s Ines Okafor asked the chair about the dredging bill on Monday.\n“Who pays for it?” Okafor asked.",
        [("Who pays for it?", "Okafor", "Ines Okafor", "asked", "speech")],
    ),
    (
        "an administrator's title is no part of the name",
        "Port Administrator Ines Okafor spoke after the vote.\n“We will dredge in the spring,” Okafor said.",
        [("We will dredge in the spring,", "Okafor", "Ines Okafor", "said", "speech")],
    ),
    (
        "'he' is a person, not the newspaper named since",
        "Tobias Renn runs the dock union in Pellham.\nThe Harbor Times reported the sale on Monday.\n"
        "“We will strike before we let them sell it,” he said.",
        [("We will strike before we let them sell it,", "he", "Tobias Renn", "said", "speech")],
    ),
    (
        "a page's image label is no one",
        "Harlan Voss, the union's lawyer, filed the appeal on Monday.\nCover Image\n"
        "According to the Ledger, in the Monday filing, Voss outlined the case. "
        "He called the sale “a betrayal of every dock worker in this town.”",
        [("a betrayal of every dock worker in this town.", "He", "Harlan Voss", "called", "fragment")],
    ),
    (
        "an occupation before a name is a title",
        "Journalist Ines Okafor asked about the sale. “Who pays for the dredging?” Okafor asked.",
        [("Who pays for the dredging?", "Okafor", "Ines Okafor", "asked", "speech")],
    ),
    (
        "an institution's word before a name is no part of it ('State' was once no institution word)",
        '"We will rebuild the pier," said former Secretary of State Ana Ruiz.',
        [("We will rebuild the pier,", "former Secretary of State Ana Ruiz", "Ana Ruiz", "said", "speech")],
    ),
    # a title, 'of' and an office, then the name: the office is no part of the name, before or after the verb
    (
        "a title's office before the name, the title opening the sentence",
        'Secretary of State Ana Ruiz said: "We will rebuild the pier."',
        [("We will rebuild the pier.", "Secretary of State Ana Ruiz", "Ana Ruiz", "said", "speech")],
    ),
    (
        "a former title's office before the name, before the verb",
        '"We will rebuild the pier," former Secretary of State Ana Ruiz said.',
        [("We will rebuild the pier,", "former Secretary of State Ana Ruiz", "Ana Ruiz", "said", "speech")],
    ),
    (
        "a title's office before the name, the title capitalised at the sentence's start",
        'Former Secretary of State Ana Ruiz said: "We will rebuild the pier."',
        [("We will rebuild the pier.", "Former Secretary of State Ana Ruiz", "Ana Ruiz", "said", "speech")],
    ),
    (
        "a place as the office after the verb",
        '"We will rebuild the pier," said Mayor of Harborton Ines Okafor.',
        [("We will rebuild the pier,", "Mayor of Harborton Ines Okafor", "Ines Okafor", "said", "speech")],
    ),
    (
        "an office of two words and 'the'",
        '"We will rebuild the pier," Director of the Port Security Agency Harlan Voss said.',
        [("We will rebuild the pier,", "Director of the Port Security Agency Harlan Voss", "Harlan Voss", "said",
          "speech")],
    ),
    (
        "a state of two words as the office",
        '"We will rebuild the pier," said Governor of New York Tobias Renn.',
        [("We will rebuild the pier,", "Governor of New York Tobias Renn", "Tobias Renn", "said", "speech")],
    ),
    (
        "then- before a title with an office",
        '"We will rebuild the pier," then-Secretary of State Ana Ruiz said.',
        [("We will rebuild the pier,", "then-Secretary of State Ana Ruiz", "Ana Ruiz", "said", "speech")],
    ),
    (
        "an acting title with an office",
        'Acting Director of National Intelligence Harlan Voss told reporters: "We will rebuild the pier."',
        [("We will rebuild the pier.", "Acting Director of National Intelligence Harlan Voss", "Harlan Voss",
          "told reporters", "speech")],
    ),
    (
        "a British office with 'the'",
        '"We will rebuild the pier," said Chancellor of the Exchequer Tobias Renn.',
        [("We will rebuild the pier,", "Chancellor of the Exchequer Tobias Renn", "Tobias Renn", "said", "speech")],
    ),
    (
        "a British office with 'for'",
        'Secretary of State for Health Ines Okafor said: "We will rebuild the pier."',
        [("We will rebuild the pier.", "Secretary of State for Health Ines Okafor", "Ines Okafor", "said", "speech")],
    ),
    (
        "a British office with 'for' after the verb",
        '"We will rebuild the pier," said Secretary of State for Health Ines Okafor.',
        [("We will rebuild the pier,", "Secretary of State for Health Ines Okafor", "Ines Okafor", "said", "speech")],
    ),
    (
        "a British leader of the House",
        '"We will rebuild the pier," said Leader of the House Harlan Voss.',
        [("We will rebuild the pier,", "Leader of the House Harlan Voss", "Harlan Voss", "said", "speech")],
    ),
    (
        "an office of parts joined by 'and'",
        '"We will rebuild the pier," Secretary of Health and Human Services Harlan Voss said.',
        [("We will rebuild the pier,", "Secretary of Health and Human Services Harlan Voss", "Harlan Voss", "said",
          "speech")],
    ),
    (
        "an office in lower case",
        '"We will rebuild the pier," said secretary of state Ines Okafor in a speech.',
        [("We will rebuild the pier,", "secretary of state Ines Okafor", "Ines Okafor", "said in a speech", "speech")],
    ),
    (
        "a surname alone after an office, named in full before",
        "Ana Ruiz toured the harbour on Monday.\n"
        '"We will rebuild the pier," Secretary of State Ruiz said.',
        [("We will rebuild the pier,", "Secretary of State Ruiz", "Ana Ruiz", "said", "speech")],
    ),
    (
        "a surname later is the name after the office, not the office and the name",
        "Mayor of Harborton Ines Okafor opened the pier on Monday.\n"
        '"We will rebuild the pier," Okafor said. "It will take a year," she said.',
        [
            ("We will rebuild the pier,", "Okafor", "Ines Okafor", "said", "speech"),
            ("It will take a year,", "she", "Ines Okafor", "said", "speech"),
        ],
    ),
    (
        "a name, then its place: the name",
        '"We will rebuild the pier," Sen. Tobias Renn of New York said.',
        [("We will rebuild the pier,", "Sen. Tobias Renn", "Tobias Renn", "said", "speech")],
    ),
    (
        "a first name ending in -ly opening the sentence is no adverb ('Finally,')",
        'Sally Renn, director of Pellham Age Concern, said: "We will rebuild the pier."',
        [("We will rebuild the pier.", "Sally Renn", "Sally Renn", "said", "speech")],
    ),
    (
        "a first name ending in -ly after 'But'",
        'But Sally Renn, director of Pellham Age Concern, said: "We will rebuild the pier."',
        [("We will rebuild the pier.", "Sally Renn", "Sally Renn", "said", "speech")],
    ),
    (
        "a surname ending in -ing opening the sentence is no participle",
        'Ines Manning runs the trust.\nManning, a Democrat, said: "We will rebuild the pier."',
        [("We will rebuild the pier.", "Manning", "Ines Manning", "said", "speech")],
    ),
    (
        "an adverb opening the sentence is no name",
        'Finally, Ines Okafor said: "We will rebuild the pier."',
        [("We will rebuild the pier.", "Ines Okafor", "Ines Okafor", "said", "speech")],
    ),
    (
        "the one 'of' governs is not the speaker: a lawyer of a person",
        'Ines Okafor runs the trust.\n"We will rebuild the pier," said a lawyer of Ines Okafor.',
        [("We will rebuild the pier,", "a lawyer of Ines Okafor", None, "said", "speech")],
    ),
    (
        "the one 'of' governs is not the speaker: an organisation after a description",
        '"We will rebuild the pier," said director of Pellham Age Concern.',
        [("We will rebuild the pier,", "director of Pellham Age Concern", None, "said", "speech")],
    ),
    (
        "a pronoun before anyone speaks is no place named after 'in'",
        'The rally was held in Market Square on Monday.\n"We will rebuild the pier," she said.',
        [("We will rebuild the pier,", "she", None, "said", "speech")],
    ),
    (
        "a pronoun before anyone speaks is no words of the title",
        "Dock Worker Shouts 1 Rude Word At Rally, Instantly Has Everyone’s Attention.\n"
        "The woman who started it all spoke to the Ledger on Monday.\n“It just came out of my mouth,” she said.",
        [("It just came out of my mouth,", "she", None, "said", "speech")],
    ),
    (
        "a pronoun before anyone speaks is the person named before, wherever she was",
        'Ines Okafor spoke in Market Square on Monday.\n"We will rebuild the pier," she said.',
        [("We will rebuild the pier,", "she", "Ines Okafor", "said", "speech")],
    ),
    (
        "a pronoun before anyone speaks is no name inside a quoted title",
        "The Ledger ran an editorial on the plans of Tomas Penwick, entitled “Mr. Penwick Is Not a Bold "
        "Harbour-Builder,” last week.\n"
        "On Thursday, Penwick unloaded on the Ledger at a breakfast in Dunmore. “Check where its writers were on the "
        "ferry,” he said.",
        [("Mr. Penwick Is Not a Bold Harbour-Builder,", None, None, None, "scare"),
         ("Check where its writers were on the ferry,", "he", "Tomas Penwick", "said", "speech")],
    ),
    (
        "a pronoun before anyone speaks is no one the quotation itself names",
        "Allies could help turn out the base for Sen. Ines Okafor, they’ve suggested.\nBut Okafor isn’t interested.\n"
        "“Uh, no. I had Joni [Reyes] and Shelley [Moore Ashby] up. … This is about me,” she said, when asked.",
        [("Uh, no. I had Joni [Reyes] and Shelley [Moore Ashby] up. … This is about me,", "she", "Ines Okafor", "said",
          "speech")],
    ),
    (
        "a name opening a sentence inside a quotation is no referent for a later pronoun",
        "Pellham councillor Ruth Abana, 60, won on Tuesday.\n"
        "“We will rebuild the pier,” Abana said.\n"
        "“Thank you all. Dana Whitfield ran a fine race,” she said.",
        [("We will rebuild the pier,", "Abana", "Ruth Abana", "said", "speech"),
         ("Thank you all. Dana Whitfield ran a fine race,", "she", "Ruth Abana", "said", "speech")],
    ),
    (
        "a reporting verb inside a quotation names no speaker for a later pronoun",
        "Rep. Tomas Penwick, a delegate backing the mayor, has spoken with many other delegates.\n"
        "“It was close. But one weighs one's own experience. Mine told me that she would be the best mayor,” he said.\n"
        "“Absolutely not,” he said of a switch.",
        [("It was close. But one weighs one's own experience. Mine told me that she would be the best mayor,", "he",
          "Tomas Penwick", "said", "speech"),
         ("Absolutely not,", "he", "Tomas Penwick", "said", "speech")],
    ),
    (
        "a word for someone unnamed opening a sentence is no surname",
        'The meeting in Dunmore ran late.\nSomeone shouted, "Rebuild the pier now!"',
        [("Rebuild the pier now!", "Someone", None, "shouted", "speech")],
    ),
    (
        "a surname typed with another apostrophe is the name printed before it",
        "Harbour Commissioner Dana O’Rourke opened the pier on Monday.\n“The pier is safe,” said O'Rourke.",
        [("The pier is safe,", "O'Rourke", "Dana O’Rourke", "said", "speech")],
    ),
    (
        "initials in capitals are no referent for a later 'he'",
        "On the Harbour Front League, also known as HFL or HFC, Tobin Marsh hewed to the mayor's line, noting that the "
        'harbour board and HFL are rivals. "Let them fight each other and pick up the pieces," he said.',
        [("Let them fight each other and pick up the pieces,", "he", "Tobin Marsh", "said", "speech")],
    ),
    (
        "a country whose people the article names is no surname",
        "Norvania condemned the launch on Monday, and Norvanian diplomats left the talks.\n"
        'Norvania said it was "deeply alarmed" by the test.',
        [("deeply alarmed", "Norvania", None, "said", "fragment")],
    ),
    (
        "a newsletter's heading in capitals stays the words' source (the people index takes it for no one)",
        'WHAT IS BREWING.\nHARBOUR TOWN ENDS PIER TAX "The council voted on Thursday to end the pier tax for good." '
        "[Gazette]",
        [("The council voted on Thursday to end the pier tax for good.", "HARBOUR TOWN ENDS PIER TAX",
          "HARBOUR TOWN ENDS PIER TAX", None, "speech")],
    ),
    (
        "a narrator after 'with' speaks the words after 'saying:'",
        'The new ad opens with a narrator saying: "The harbour town deserves better roads."',
        [("The harbour town deserves better roads.", "a narrator", None, "saying", "speech")],
    ),
    (
        "a word for a crowd opening a sentence is no surname",
        'The meeting in Dunmore ran late.\nOthers shouted, "Rebuild the pier now!"',
        [("Rebuild the pier now!", "Others", None, "shouted", "speech")],
    ),
    (
        "a described speaker whose marks no mention bears out is the one person the paragraph names before",
        "Ruth Abana and Tomas Penwick met in Dunmore on Monday.\n"
        "“We will rebuild the pier,” Abana said.\n"
        "Yet it was unclear whether Penwick would agree. The Harborton senator emailed supporters saying: "
        "“The struggle continues.”",
        [("We will rebuild the pier,", "Abana", "Ruth Abana", "said", "speech"),
         ("The struggle continues.", "The Harborton senator", "Tomas Penwick", "saying", "speech")],
    ),
    (
        "a described speaker after a paragraph naming two people is the last one quoted, as before",
        "Ruth Abana, Mara Vell and Tomas Penwick met in Dunmore on Monday.\n"
        "“We will rebuild the pier,” Abana said.\n"
        "Yet it was unclear whether Penwick or Vell would agree. The Harborton senator emailed supporters saying: "
        "“The struggle continues.”",
        [("We will rebuild the pier,", "Abana", "Ruth Abana", "said", "speech"),
         ("The struggle continues.", "The Harborton senator", "Ruth Abana", "saying", "speech")],
    ),
    (
        "a term quoted inside an apposition after the name does not hide the verb after it",
        "Delegates in Dunmore were upbeat.\n“We’ve had better meetings than this one,” Harborton delegate Tomas "
        "Penwick, wearing a straw hat and “Abana” campaign pins, said as confetti fell.",
        [("We’ve had better meetings than this one,", "Harborton delegate Tomas Penwick", "Tomas Penwick", "said",
          "speech"),
         ("Abana", None, None, None, "scare")],
    ),
    (
        "an organisation 'of' its field, then a title and a name",
        '"We will rebuild the pier," Harborton Chamber of Commerce President Ana Ruiz said.',
        [("We will rebuild the pier,", "Harborton Chamber of Commerce President Ana Ruiz", "Ana Ruiz", "said",
          "speech")],
    ),
    (
        "an organisation 'of' its field, then a title and a name, after the verb",
        '"We will rebuild the pier," said Harborton Chamber of Commerce President Ana Ruiz.',
        [("We will rebuild the pier,", "Harborton Chamber of Commerce President Ana Ruiz", "Ana Ruiz", "said",
          "speech")],
    ),
    (
        "an organisation speaking keeps its name",
        "The Harborton Port Authority said in a statement: “The pier is closed.”",
        [("The pier is closed.", "The Harborton Port Authority", "Harborton Port Authority", "said in a statement",
          "document")],
    ),
    (
        "a party member described is no organisation",
        "“The pier is closed,” a Harborton Republican said.",
        [("The pier is closed,", "a Harborton Republican", None, "said", "speech")],
    ),
    (
        "a question's verb is no first name",
        INTRO + "Can Whitfield win the vote?\nWhitfield has made it clear. “I am ready,” Whitfield said.",
        [("I am ready,", "Whitfield", "Dana Whitfield", "said", "speech")],
    ),
    (
        "a description before the one name a paper gives: that name is the person's",
        "The model plane hit Adam as he and his father looked on. Horrified Marcus cradled Adam in his arms.\n"
        "Marcus wept as he told the inquest about the plane.\nHe said: “We were looking at another model.”",
        [("We were looking at another model.", "He", "Marcus", "said", "speech")],
    ),
    (
        "British police titles are written without full stops",
        "Det Supt Tobias Renn said: “The search goes on.”",
        [("The search goes on.", "Det Supt Tobias Renn", "Tobias Renn", "said", "speech")],
    ),
    (
        "an occupation a paper prints before a name",
        "Neurosurgeon Ines Okafor said: “It was a long operation.”",
        [("It was a long operation.", "Neurosurgeon Ines Okafor", "Ines Okafor", "said", "speech")],
    ),
    (
        "a name of seven words",
        INTRO + "Harborton County Circuit Judge Emmet G. Vantreel ruled on Tuesday.\n"
        "“The records must be released,” Vantreel said.",
        [("The records must be released,", "Vantreel", "Emmet G. Vantreel", "said", "speech")],
    ),
    (
        "a suffix stays with the name",
        INTRO + "Port Commissioner Oskar B. Vantreel Jr. spoke first.\n“We will rebuild,” Vantreel said.",
        [("We will rebuild,", "Vantreel", "Oskar B. Vantreel Jr.", "said", "speech")],
    ),
    (
        "a contraction in a quotation is no one 'he' can be",
        INTRO + "Senate Majority Whip Tobias Renn (R-Vt.) responded by standing on the floor.\n"
        "“I’ll tell you what shameful is,” he said.",
        [("I’ll tell you what shameful is,", "he", "Tobias Renn", "said", "speech")],
    ),
    (
        "a description's nationality is borne out near the person it names",
        "Ruritanian President Oskar Vantreel met Mayor Dana Whitfield on Monday. “It went well,” Whitfield said. "
        "“We agree,” the Ruritanian leader said.",
        [("It went well,", "Whitfield", "Dana Whitfield", "said", "speech"),
         ("We agree,", "the Ruritanian leader", "Oskar Vantreel", "said", "speech")],
    ),
    (
        "a party's member is the one printed with the party",
        "Sen. Tobias Renn (R-Vt.) and Sen. Ana Ruiz (D-Mass.) spoke on Monday. “No,” the Democrat said. "
        "“Yes,” the Vermont Republican said.",
        [("No,", "the Democrat", "Ana Ruiz", "said", "speech"),
         ("Yes,", "the Vermont Republican", "Tobias Renn", "said", "speech")],
    ),
    (
        "a party's member is the one its paragraph names last when no one is printed with a party",
        "Mayor Dana Whitfield spoke on Monday. “No,” the Democrat said.",
        [("No,", "the Democrat", "Dana Whitfield", "said", "speech")],
    ),
    (
        "a party's member with a state is not the last one named when nothing prints the state with them",
        "Rep. Tobias Renn spoke on Monday.\nIn a letter to the mayor, Ana Ruiz, the Vermont Republican asks for "
        "“a full inquiry.”",
        [("a full inquiry.", "the Vermont Republican", None, "asks", "fragment")],
    ),
    (
        "a party's member is no one printed with the other party",
        "Sen. Tobias Renn (R-Vt.) spoke on Monday. “No,” the Democrat said.",
        [("No,", "the Democrat", None, "said", "speech")],
    ),
    (
        "a party's member is one printed with the party in its paragraph before the last one named",
        "Sen. Ana Ruiz, a Democrat from Maine, opposed the sale. “It is a giveaway,” said Mayor Tobias Renn. "
        "“No,” the Democrat said.",
        [("It is a giveaway,", "Mayor Tobias Renn", "Tobias Renn", "said", "speech"),
         ("No,", "the Democrat", "Ana Ruiz", "said", "speech")],
    ),
    (
        "a description's state picks the senator printed with it",
        "Sen. Tobias Renn (R-Vt.) and Sen. Ana Ruiz (D-Mass.) spoke on Monday. “No,” the Vermont senator said.",
        [("No,", "the Vermont senator", "Tobias Renn", "said", "speech")],
    ),
    (
        "a description's state that the only senator's contradicts names no one",
        "Sen. Ana Ruiz (D-Mass.) spoke on Monday. “No,” the Vermont senator said.",
        [("No,", "the Vermont senator", None, "said", "speech")],
    ),
    (
        "an owner is not the one described: 'the mayor's spokesman' is no last speaker",
        "Tobias Renn will attend the hearing on Monday.\n“He will speak first,” the mayor’s spokesman said.",
        [("He will speak first,", "the mayor’s spokesman", None, "said", "speech")],
    ),
    (
        "what is said of the owner is no mark of the one described",
        "Spokeswoman Ines Okafor sent a note. Dana Whitfield read it. "
        "“The mayor will not attend,” the former mayor’s spokeswoman said.",
        [("The mayor will not attend,", "the former mayor’s spokeswoman", "Ines Okafor", "said", "speech")],
    ),
    (
        "'the vice president' is not 'the president'",
        "Vice President Dana Whitfield spoke first. President Marcus Oyelaran spoke next. "
        "“We agree,” the vice president said.",
        [("We agree,", "the vice president", "Dana Whitfield", "said", "speech")],
    ),
    (
        "one named only by a title and a surname is a person a pronoun can take",
        "Admiral Vantreel spoke to reporters in his office on Monday. Mayor Dana Whitfield was not there.\n"
        "“There is a natural tension,” he said.",
        [("There is a natural tension,", "he", "Vantreel", "said", "speech")],
    ),
    (
        "a British justice is 'the judge'",
        "Mr Justice Vantreel sentenced him on Monday.\n“You are a danger,” the judge said.",
        [("You are a danger,", "the judge", "Vantreel", "said", "speech")],
    ),
    (
        "a British justice is 'the judge' after counsel spoke",
        "Ruth Ambley QC told Mr Justice Tennant that the money had gone.\n“He took every penny,” she said.\n"
        "Later, the judge said: “This is a grave matter.”",
        [
            ("He took every penny,", "she", "Ruth Ambley", "said", "speech"),
            ("This is a grave matter.", "the judge", "Tennant", "said", "speech"),
        ],
    ),
    (
        "a name with QC after it is counsel, as is 'Counsel' alone",
        "Mr Justice Tennant heard the case.\nDesmond Harrow, QC, for the bank, said the loan was void.\n"
        "The judge said: “Go on.”\nCounsel added: “The jury will hear from the bank.”\nThe QC said: “There is more.”",
        [
            ("Go on.", "The judge", "Tennant", "said", "speech"),
            ("The jury will hear from the bank.", "Counsel", "Desmond Harrow", "added", "speech"),
            ("There is more.", "The QC", "Desmond Harrow", "said", "speech"),
        ],
    ),
    (
        "a lord who is one of the judges, and a judge named after 'the Recorder,', are 'the judge'",
        "The trial opened before Lord Tarrant, who will be one of three judges hearing the case.\n"
        "Simon Brack, for the Crown, said: “The evidence is strong.”\nThe judge said: “We will sit until Friday.”\n"
        "The Recorder, Mr Alan Morrow, spoke later.\nMary Fenn said: “We will appeal.”\nThe judge replied: “So be it.”",
        [
            ("The evidence is strong.", "Simon Brack", "Simon Brack", "said", "speech"),
            ("We will sit until Friday.", "The judge", "Tarrant", "said", "speech"),
            ("We will appeal.", "Mary Fenn", "Mary Fenn", "said", "speech"),
            ("So be it.", "The judge", "Alan Morrow", "replied", "speech"),
        ],
    ),
    (
        "a description opening the sentence of a cue speaks, not the quote before's speaker",
        "Joan Pike, a neighbour, said: “It was a real shock.”\n"
        "Yesterday another girl ordered to have treatment by the High Court two years ago told Child M: "
        "“One day you will thank them.”",
        [
            ("It was a real shock.", "Joan Pike", "Joan Pike", "said", "speech"),
            ("One day you will thank them.", "another girl", None, "told Child M", "speech"),
        ],
    ),
    (
        "a reporting verb's bare form after a modal is a cue",
        "The scheduling was so odd that a spokesman for Dana Rusk could only quip: “Christmas Eve was booked.”",
        [("Christmas Eve was booked.", "a spokesman for Dana Rusk", None, "quip", "speech")],
    ),
    (
        "'his counsel' is not he",
        "Oskar Vantreel, 41, was jailed on Monday.\n“He is sorry,” his counsel said.",
        [("He is sorry,", "his counsel", None, "said", "speech")],
    ),
    (
        "a police force is no one 'she' can be",
        "Harborton Police arrested him.\n“We acted fast,” she said.",
        [("We acted fast,", "she", None, "said", "speech")],
    ),
    (
        "a people is no one 'she' can be",
        "“We will rebuild the pier,” Marcus Oyelaran said.\n"
        "A day earlier, at a forum for Asian American and Pacific Islander voters, he took questions.\n"
        "“Why now?” she asked.",
        [
            ("We will rebuild the pier,", "Marcus Oyelaran", "Marcus Oyelaran", "said", "speech"),
            ("Why now?", "she", None, "asked", "speech"),
        ],
    ),
    (
        "an army is no one 'he' can be, even after the one who spoke",
        "“We will rebuild the pier,” Oskar Vantreel said.\nThe work went to the Royal Engineers and the British Army.\n"
        "Harborton Movement members marched.\n“It is our future,” he said.",
        [
            ("We will rebuild the pier,", "Oskar Vantreel", "Oskar Vantreel", "said", "speech"),
            ("It is our future,", "he", "Oskar Vantreel", "said", "speech"),
        ],
    ),
    (
        "a surname ending like a demonym is a person's ('Calabrese')",
        "Radio host Rob Calabrese spoke on Monday. Marcus Oyelaran did not.\n"
        "Calabrese told the Ledger he was pleased.\n“I am in disbelief,” he said.",
        [("I am in disbelief,", "he", "Rob Calabrese", "said", "speech")],
    ),
    (
        "a description after a name's comma that goes on to its verb is the subject, not an apposition",
        "Dana Whitfield runs for governor.\nIn an interview with radio hosts Oskar Vantreel and Ines Okafor, "
        "the Democratic candidate stated that the plan was “divisive” and “reckless.”",
        [
            ("divisive", "the Democratic candidate", "Dana Whitfield", "stated", "fragment"),
            ("reckless.", "the Democratic candidate", "Dana Whitfield", "stated", "fragment"),
        ],
    ),
    (
        "a description is borne out by the words the article says of a person after her name",
        "On Thursday evening Dana Whitfield delivered her speech as the Democratic nominee, painting her rival, "
        "Marcus Oyelaran, as reckless.\n“A man you can bait with a tweet is not a man we can trust,” said the "
        "Democratic nominee.",
        [("A man you can bait with a tweet is not a man we can trust,", "the Democratic nominee", "Dana Whitfield",
          "said", "speech")],
    ),
    (
        "'the Senate minority leader' is not whoever the Senate is printed near",
        "Marcus Oyelaran won his seat in the Senate in 2010.\nDana Whitfield (D-Nev.) blasted Oyelaran. "
        "“It shows a lack of character,” the Senate minority leader said.",
        [("It shows a lack of character,", "the Senate minority leader", "Dana Whitfield", "said", "speech")],
    ),
    (
        "'hosts' before two names is the role of the first",
        "Morning show hosts Oskar Vantreel and Ines Okafor spoke with Dana Whitfield on Monday.\n“Why now?” the host said.",
        [("Why now?", "the host", "Oskar Vantreel", "said", "speech")],
    ),
    (
        "a surname alone is the one the article tells of, not a brother named since as an object",
        "Oskar Vantreel, the mayor, met his older brother, Piet, for dinner in 1970.\n"
        "The story of Piet Vantreel, who died in 1981, is seldom told.\n"
        "Piet, as he was known, “was caught in the middle,” Mr. Vantreel said.",
        [("was caught in the middle,", "Mr. Vantreel", "Oskar Vantreel", "said", "fragment")],
    ),
    (
        "a surname alone is not a son named before as an owner",
        "Oskar Vantreel began posting on Monday.\nIn an interview, his son Piet Vantreel said the attacks would go on.\n"
        "Piet Vantreel’s comments came after his father posted a new nickname.\n“It will be fun!” Vantreel posted.",
        [("It will be fun!", "Vantreel", "Oskar Vantreel", "posted", "document")],
    ),
    (
        "a surname alone is the one of that name who is the subject in its paragraph",
        "Oskar Vantreel runs the port.\nAt the rally, his sister Ines Vantreel spoke first. “We will win,” Vantreel said.",
        [("We will win,", "Vantreel", "Ines Vantreel", "said", "speech")],
    ),
    (
        "a surname alone is the only one of that name in its paragraph, even named as an object",
        "Tobi Vantreel leads the occupiers.\nIn his videos, Okafor is seen speaking during a march with Ines Vantreel "
        "about taking a hard stand. “Go to the refuge,” Vantreel says to Okafor on camera.",
        [("Go to the refuge,", "Vantreel", "Ines Vantreel", "says", "speech")],
    ),
    (
        "'Ms.' and 'Mr.' before a surname two people share give no one a sex",
        "Ghita Okafor and her husband, Tobi Okafor, spoke on Monday.\n“I am a mother,” Ms. Okafor said.\n"
        "Marcus Oyelaran, the mayor, said the Okafors were right. Mr. Okafor and Mrs. Okafor were treated badly. "
        "“It is a disgrace,” he said.",
        [
            ("I am a mother,", "Ms. Okafor", "Ghita Okafor", "said", "speech"),
            ("It is a disgrace,", "he", "Marcus Oyelaran", "said", "speech"),
        ],
    ),
    (
        "a plural opening a sentence is no one 'he' can be",
        "Marcus Oyelaran spoke on Monday.\nAllies say “he will not fight,” recalling a remark.\n"
        "“It is the biggest fairy tale,” he said.",
        [
            ("he will not fight,", "Allies", "Allies", "say", "fragment"),
            ("It is the biggest fairy tale,", "he", "Marcus Oyelaran", "said", "speech"),
        ],
    ),
    (
        "a plural opening a sentence is no one 'he' can be, and no one else is",
        "Dana Whitfield spoke on Monday.\nAnalysts said the vote was close.\n“We saw people hit,” he said.",
        [("We saw people hit,", "he", None, "said", "speech")],
    ),
    (
        "a four-letter plural opening a sentence is no one 'she' can be",
        "Tamsin Rooke sang on Monday. Fans laughed at Tamsin Rooke.\n“It was fine,” she said.",
        [("It was fine,", "she", "Tamsin Rooke", "said", "speech")],
    ),
    (
        "an unlisted verb of a clause joined by 'and' after the quotation is no cue: the one before speaks",
        "Ines Okafor looked through a hole in the fence.\n"
        "She said “Hello”, and a few seconds later Vantreel’s phone rang and he disappeared indoors.",
        [("Hello", "She", "Ines Okafor", "said", "speech")],
    ),
    (
        "the name before an apposition with a relative clause speaks, not the one who spoke before",
        "Ines Okafor told the court she was hurt.\nMr Vantreel said that they were “deliberately selective” in court.\n"
        "After the hearing Pc Okafor, a mother of two who has been a police officer since 1993 said: “It has been hard.”",
        [
            ("deliberately selective", "Mr Vantreel", "Vantreel", "said", "fragment"),
            ("It has been hard.", "the hearing Pc Okafor", "Pc Okafor", "said", "speech"),
        ],
    ),
    (
        "'the' and a role after a clause naming one person is that person, not one introduced with the role",
        "Republican presidential candidates Ben Carson and Tobias Renn took the stage.\n"
        "Tobias Renn was asked a question about the police.\n"
        'Renn then repeated the idea of the "Harbor Effect." Port Director Piet Vantreel coined this term when he tied '
        "crime to fear.\nIf the Harbor Effect existed, streets would be less safe.\n"
        "When the moderator pointed out that Renn hadn't answered the question, the candidate said families of "
        'victims file lawsuits.\n"They sue," he said.',
        [("Harbor Effect.", None, None, None, "scare"), ("They sue,", "he", "Tobias Renn", "said", "speech")],
    ),
    (
        "'Mr' and a surname is a man: not the only woman named in full with it when 'Mrs' stands for her",
        "Her daughter Helen Okafor told the court her mother had been well.\nMrs Okafor said: “We were confused.”\n"
        "Her husband Tobi described the doctor as rude.\n“He was unhelpful,” said Mr Okafor.",
        [
            ("We were confused.", "Mrs Okafor", "Helen Okafor", "said", "speech"),
            ("He was unhelpful,", "Mr Okafor", "Okafor", "said", "speech"),
        ],
    ),
    (
        "'Mr and Mrs' before a surname prints both sexes: 'Mrs' is not the husband named in full",
        "Frank Renn, 52, and his wife Sandra, 53, said they would sue.\nMr and Mrs Renn had planned to sue the publican.\n"
        "Mrs Renn said: “It was just a few who made our lives a misery.”",
        [("It was just a few who made our lives a misery.", "Mrs Renn", "Renn", "said", "speech")],
    ),
    (
        "a title's sex does not overrule the name lists' guess when the article titles the surname one way only",
        "Lee Ostrow, a law professor, studied the court.\n“It is rare,” Ms. Ostrow said.",
        [("It is rare,", "Ms. Ostrow", "Lee Ostrow", "said", "speech")],
    ),
    (
        "the first of a pair named with one surname is a person of it: 'Mrs' is June, not the son",
        "Adam Renn, of Harborton, suffers from a rare illness.\n"
        "The money will cover the loss of earnings of his parents, June and Steven Renn, who care for him.\n"
        "After the hearing, Mrs Renn said: “This has been a long battle.”",
        [("This has been a long battle.", "Mrs Renn", "June Renn", "said", "speech")],
    ),
    (
        "a month before a surname is a first name, after a first name a surname; before a name after 'In' a date",
        "Ferry reporter April Okafor pressed Ruth May, the harbour minister, on fares.\n"
        "“When will fares fall?” April Okafor asked.\n“Not this year,” May said. “The board sets them,” she said.\n"
        "In May Oyelaran said the vote was set.\n“The vote is set,” he said.",
        [
            ("When will fares fall?", "April Okafor", "April Okafor", "asked", "speech"),
            ("Not this year,", "May", "Ruth May", "said", "speech"),
            ("The board sets them,", "she", "Ruth May", "said", "speech"),
            ("The vote is set,", "he", "Oyelaran", "said", "speech"),
        ],
    ),
    (
        "the first of a pair off the name lists before a listed first name and one surname is a person of it",
        "A boy of 14 was cleared of harming Adam Renfrew, aged nine.\n"
        "Tilly and Charles Renfrew plan to appeal.\n“We cannot understand it,” said Mrs Renfrew, 39.",
        [("We cannot understand it,", "Mrs Renfrew", "Tilly Renfrew", "said", "speech")],
    ),
    (
        "a description of one person before a cue joined by 'and' speaks, not a name of the sentence before",
        "Tobias Renn and Piet Vantreel were jailed for the attack on the pier.\n"
        "According to Okafor, Vantreel kicked the boy's hands away. As he struggled in the water, one of the men ran "
        "down and shouted: “Go on, you are almost there.”\n"
        "A consultant anaesthetist fought back tears as, head bowed, he composed himself and added: “Wake up.”\n"
        "“I have never heard a speech like it,” said one of the defence lawyers.",
        [
            ("Go on, you are almost there.", "one of the men", None, "shouted", "speech"),
            ("Wake up.", "A consultant anaesthetist", None, "added", "speech"),
            ("I have never heard a speech like it,", "one of the defence lawyers", None, "said", "speech"),
        ],
    ),
    (
        "a relative clause after a name speaks for the quotation it runs on to, not one a comma closes before it",
        "Dana Whitfield and Tobias Renn met the board.\n"
        "Later in the broadcast, Whitfield praised preacher Ines Kowal, who has vowed not to sail this year because of "
        "the operator's “support of night sailing.”\n"
        "Whitfield also attacked Inspector Jill Amsel, who led the inquiry, saying: “She was not equal to it.”\n"
        "Renn spoke of rivals Sam Poole and Tom Okafor, who say he lacks the experience.\n"
        "He added, “Despite what people say, it was our best night.”",
        [
            ("support of night sailing.", "Ines Kowal", "Ines Kowal", "vowed", "fragment"),
            ("She was not equal to it.", "Whitfield", "Dana Whitfield", "saying", "speech"),
            ("Despite what people say, it was our best night.", "He", "Tobias Renn", "added", "speech"),
        ],
    ),
    (
        "'the' and a role after a When-clause opening a sentence that follows a closing quote mark",
        "Republican presidential candidates Ben Carson and Tobias Renn took the stage.\n"
        "Tobias Renn was asked about the police.\n"
        'Renn then repeated the idea of the "Harbor Effect." Port Director Piet Vantreel coined this term when he tied '
        'crime to fear.\nVantreel called the idea "a sham." When the moderator pointed out that Renn hadn\'t answered the '
        'question, the candidate said families of victims file lawsuits.\n"They sue," he said.',
        [
            ("Harbor Effect.", None, None, None, "scare"),
            ("a sham.", "Vantreel", "Piet Vantreel", "called", "fragment"),
            ("They sue,", "he", "Tobias Renn", "said", "speech"),
        ],
    ),
    (
        "a verb in -ed after the name opening the sentence before ends the name: its subject goes on",
        "Dana Whitfield was joined on Monday by Buddy Okafor, a baker.\nOkafor praised Whitfield’s leadership after the "
        "storm.\n“We need someone who will cut through it.”",
        [("We need someone who will cut through it.", "Okafor", "Buddy Okafor", None, "speech")],
    ),
    (
        "the one the sentence before asks answers, not the one asking",
        "Defending counsel Piet Vantreel QC questioned Tobi Okafor.\n"
        "Mr Vantreel asked Mr Okafor for his reaction to suggestions that he was greedy.\n"
        "“When I started the litigation all I wanted was an apology.”\nHe told the jury: “I deserve vindication.”",
        [
            ("When I started the litigation all I wanted was an apology.", "Mr Okafor", "Tobi Okafor", None, "speech"),
            ("I deserve vindication.", "He", "Tobi Okafor", "told the jury", "speech"),
        ],
    ),
    (
        "a surname that is a first name and s is no plural: 'he' can be it",
        "Richards, 43, of Harborton, told the court he had left the club.\n“I was glad to go,” he said.",
        [("I was glad to go,", "he", "Richards", "said", "speech")],
    ),
    (
        "a surname ending in s that the article writes 'Holmes, who' is a person's: 'he' can be it",
        "Holmes, who had a cocaine habit, boasted about his trade.\n“It is the dirtiest profession,” he said.",
        [("It is the dirtiest profession,", "he", "Holmes", "said", "speech")],
    ),
    (
        "an unlisted verb after words its sentence already reports goes on with the sentence",
        INTRO + 'Whitfield called the levy "a scandal," an extraordinary rebuke that stunned the council.',
        [("a scandal,", "Whitfield", "Dana Whitfield", "called", "fragment")],
    ),
    (
        "'a reference to drones that were directed' after a reported fragment is no cue",
        INTRO + 'Whitfield said she began calling the ferry crews to "help get eyes up," a reference to surveillance drones '
        "that were directed toward the pier.",
        [("help get eyes up,", "Whitfield", "Dana Whitfield", "said", "fragment")],
    ),
    (
        "the crowd applauding after a reported fragment did not say it",
        INTRO + 'When Oyelaran said he would "protect our ferry crews," the crowd applauded loudly.',
        [("protect our ferry crews,", "Oyelaran", "Marcus Oyelaran", "said", "fragment")],
    ),
    (
        "an unlisted verb after a fragment nothing before reports is its cue",
        INTRO + 'The pier would be rebuilt "no matter what," Whitfield fumed.',
        [("no matter what,", "Whitfield", "Dana Whitfield", "fumed", "fragment")],
    ),
    (
        "a surname that is a common word ('Will') speaks when the article names the person in full",
        "Columnist George Will wrote about the ferry this week.\n"
        'Citing the storm and "reveries about an easy job," Will urged voters to back the levy.\n'
        '"The storm is a reminder," Will wrote.',
        [
            ("reveries about an easy job,", "Will", "George Will", "urged", "fragment"),
            ("The storm is a reminder,", "Will", "George Will", "wrote", "document"),
        ],
    ),
    (
        "a surname that is a preposition ('From') speaks after its verb and before it",
        '"We won fewer seats than any party," said Al From, who founded the council.\n'
        'The circumstances are changed now. "It is a different world," From said.',
        [
            ("We won fewer seats than any party,", "Al From", "Al From", "said", "speech"),
            ("It is a different world,", "From", "Al From", "said", "speech"),
        ],
    ),
    (
        "a reporting verb in a clause opened by 'after' gives way to the main clause's",
        INTRO + "Later in the hearing, after the Pell interview concluded, Whitfield stated of the audit that "
        "the report “wasn’t good.” Adding, “Now, it is never that bad.”",
        [
            ("wasn’t good.", "Whitfield", "Dana Whitfield", "stated", "fragment"),
            ("Now, it is never that bad.", "Whitfield", "Dana Whitfield", None, "speech"),
        ],
    ),
    (
        "a long 'After X argued ...,' clause does not speak for the main clause's fragment",
        INTRO + "After Oyelaran argued that the levy should not be cut but paid for with money saved from the ferry "
        "budget and the pier fund and the harbour reserve the council set up last spring, Whitfield said only that his "
        "“numbers don’t add up.”",
        [("numbers don’t add up.", "Whitfield", "Dana Whitfield", "said", "fragment")],
    ),
    (
        "a cue before a colon introduces the next quotation, not words its sentence already reports",
        INTRO + 'His wife had warned him not to get too rough in his attacks, to act "mayoral," but Oyelaran said he '
        'answered: "When you have incoming, you can\'t be too mayoral."',
        [
            ("mayoral,", "His wife", None, "warned", "fragment"),
            ("When you have incoming, you can't be too mayoral.", "he", "Marcus Oyelaran", "answered", "speech"),
        ],
    ),
    (
        "a state's abbreviation after a place opening the sentence is no speaker, nor is the verb after one",
        "Dana Voss spoke on Monday.\nAt a conference that month in Aspen, Colo., the Stanford graduate ended her "
        'speech by quoting a poet: "Every obstacle yields to stern resolve."',
        [("Every obstacle yields to stern resolve.", "the Stanford graduate", None, None, "speech")],
    ),
    (
        "'former' must be borne out",
        "Dana Whitfield spoke on Monday. “No,” the former mayor said.",
        [("No,", "the former mayor", None, "said", "speech")],
    ),
    (
        "the person before 'of' speaks, not the object of 'of'",
        PRINT_LEAD + 'The driver of the bus told police: "I did not see the car."\n'
        '"I was only doing my job," the policewoman aunt of footballer Tamsin Rooke told the court.',
        [
            ("I did not see the car.", "The driver", None, "told police", "speech"),
            ("I was only doing my job,", "the policewoman aunt", None, "told the court", "speech"),
        ],
    ),
    (
        "a count after 'of' leaves the description's apposition read as before",
        "Dana Voss spoke on Monday. Asked about it, the 34-year-old mother of three replied, “It is meant for everyone.”",
        [("It is meant for everyone.", "Dana Voss", "Dana Voss", None, "speech")],
    ),
    (
        "a venue printed only after 'the' is no one 'she' can be",
        'Fans filled the Harborton Dome Arena on Friday.\n"We are thrilled," she said.\n'
        'The Kestrel Quay Stadium was empty.\n"We are not," she said.',
        [("We are thrilled,", "she", None, "said", "speech"), ("We are not,", "she", None, "said", "speech")],
    ),
    (
        "a person named beside a venue still is",
        'The Harborton Dome Arena was full when Tamsin Rooke came on.\n"We won," she said.',
        [("We won,", "she", "Tamsin Rooke", "said", "speech")],
    ),
    (
        "a role leading a reporting verb right after its holder is named is the one 'he' stands for",
        "Voss campaign manager Tomas Reyes drew fire.\n“It was far from No. 1,” Bill Millis said.\n"
        "When the Herald asked Reyes about the remarks, the campaign manager said he needed to speak to the "
        "candidate first. “Why don’t I call you back,” he told the Herald.",
        [
            ("It was far from No. 1,", "Bill Millis", "Bill Millis", "said", "speech"),
            ("Why don’t I call you back,", "he", "Tomas Reyes", "told the Herald", "speech"),
        ],
    ),
    (
        "a verdict in the speaker's one word is their quote: dismissed ... as",
        INTRO + "Oyelaran dismissed the report as “absurd.” The council meets on Friday.",
        [("absurd.", "Oyelaran", "Marcus Oyelaran", "dismissed", "fragment")],
    ),
    (
        "hailed ... as, and defended ... as being",
        INTRO + "Whitfield hailed the vote as “historic,” and Oyelaran later defended his remarks as being "
        "\"sarcastic.\"",
        [
            ("historic,", "Whitfield", "Dana Whitfield", "hailed", "fragment"),
            ("sarcastic.", "Oyelaran", "Marcus Oyelaran", "defended", "fragment"),
        ],
    ),
    (
        "a term named, not said, is nobody's words: nickname, dubbed, slogan, known as",
        INTRO + "The cough has earned the nickname of “harbor dockers’ lung.” In the ferries it has been dubbed "
        "“salt deck fever.” The terminal, known as “the old grain shed,” was sold.\n"
        "The van belonged to Quayside Wares, which uses the slogan “the friendly face of the quay” on its vans.",
        [
            ("harbor dockers’ lung.", None, None, None, "scare"),
            ("salt deck fever.", None, None, None, "scare"),
            ("the old grain shed,", None, None, None, "scare"),
            ("the friendly face of the quay", None, None, None, "scare"),
        ],
    ),
    (
        "a passive naming verb with its agent after the quote is no term named",
        INTRO + "Oyelaran was branded “the worst landlord on the quay” yesterday by a judge.",
        [("the worst landlord on the quay", "Oyelaran", "Marcus Oyelaran", "branded", "fragment")],
    ),
    (
        "a term its speaker is said to name stays theirs",
        INTRO + "Oyelaran dubbed the deal “the sale of the century.”",
        [("the sale of the century.", "Oyelaran", "Marcus Oyelaran", "dubbed", "fragment")],
    ),
    (
        "a work called by its title is nobody's words, in a foreign language too, and so is the title again, bare",
        INTRO + 'A troupe is staging a popular play called "Los Hijos del Muelle," or "Sons of the Pier," at the Quay '
        'Theatre.\n\n"We laugh at our own troubles," said Whitfield, who plays the harbor master.\n\n'
        '"Sons of the Pier" gently mocks the owners of the port.',
        [
            ("Los Hijos del Muelle,", None, None, None, "scare"),
            ("Sons of the Pier,", None, None, None, "scare"),
            ("We laugh at our own troubles,", "Whitfield", "Dana Whitfield", "said", "speech"),
            ("Sons of the Pier", None, None, None, "scare"),
        ],
    ),
    (
        "a work named by what is said of it: nominated, on a channel, by its author, its year",
        INTRO + "''The Tide Line'' was nominated for a best picture award. ''Salt and Water,'' on Channel Nine, is a "
        "harbor drama. One of her recent reads, ''The Long Quay,'' by J.K. Marlowe, stayed with her. ''Pier Lights'' "
        "(1985) opened the season.",
        [
            ("The Tide Line", None, None, None, "scare"),
            ("Salt and Water,", None, None, None, "scare"),
            ("The Long Quay,", None, None, None, "scare"),
            ("Pier Lights", None, None, None, "scare"),
        ],
    ),
    (
        "a work named as a show, on a channel, in a list of hits, before the work it names, or called by its kind",
        INTRO + "Whitfield named “Harbor Nights” as her favorite TV show. Oyelaran also hosts a radio show, writes a "
        "column and leads “Quayside with Marcus” on Tidewave, a local channel.\n"
        'The band added harbor hits including "Marea Alta" and "Low Tide Blues." Whitfield posted the “Harbor Law” '
        'syllabus online. A collection from the cartoonist Ines Kowal called "Gulls!: 30 Years of the Quay" sold out.',
        [
            ("Harbor Nights", None, None, None, "scare"),
            ("Quayside with Marcus", None, None, None, "scare"),
            ("Marea Alta", None, None, None, "scare"),
            ("Low Tide Blues.", None, None, None, "scare"),
            ("Harbor Law", None, None, None, "scare"),
            ("Gulls!: 30 Years of the Quay", None, None, None, "scare"),
        ],
    ),
    (
        "a title its speaker is said to say stays theirs, even after the work was named",
        INTRO + 'A troupe is staging a play called "Rough Water" at the Quay Theatre.\n\n"Rough Water," Whitfield '
        'said of the season. Oyelaran called the pier "The Jewel of the Quay."',
        [
            ("Rough Water", None, None, None, "scare"),
            ("Rough Water,", "Whitfield", "Dana Whitfield", "said", "speech"),
            ("The Jewel of the Quay.", "Oyelaran", "Marcus Oyelaran", "called", "fragment"),
        ],
    ),
    (
        "two-relative-clauses-two-speakers",
        "Grace Holloway and Peter Lund oppose the harbour deal.\n\nContrast that with Holloway, who has called the deal "
        '"madness," and Lund, who says it is "ruinous."',
        [
            ("madness,", "Holloway", "Grace Holloway", "called", "fragment"),
            ("ruinous.", "Lund", "Peter Lund", "says", "fragment"),
        ],
    ),
    (
        "may-opens-no-name",
        'Kate Brenner runs the Ashby flood office.\n\nMay Brenner said: "The river rose faster than anyone expected."',
        [("The river rose faster than anyone expected.", "Brenner", "Kate Brenner", "said", "speech")],
    ),
    (
        "unnamed-consultant-surgeon",
        "Mary Colby, 44, died in March. Her husband, Tom Colby, told the inquest she was in pain.\n\n"
        'The consultant surgeon told the court: "She was very ill."',
        [("She was very ill.", "The consultant surgeon", None, "told the court", "speech")],
    ),
    (
        "retired-surgeon-an-epithet",
        'Alma Veit ran the Dunmore clinic for years. Now she sits on the board.\n\n"We must grow," the retired surgeon said.',
        [("We must grow,", "the retired surgeon", "Alma Veit", "said", "speech")],
    ),
    (
        "a-setting-between-the-name-and-its-verb",
        "Ines Okafor and Tomas Reyes ran for mayor.\n\nThe break was complete when Reyes in his opening speech called "
        'the council "a closed shop" and left.',
        [("a closed shop", "Reyes", "Tomas Reyes", "called", "fragment")],
    ),
    (
        "a-day-between-the-name-and-its-verb",
        "Ines Okafor thanked the union.\n\nThe bus is such a presence on the trail that Okafor during a Sunday thanked "
        'its drivers "for their support."',
        [("for their support.", "Okafor", "Ines Okafor", None, "fragment")],
    ),
    (
        "an-interjection-opening-a-sentence-is-no-speaker",
        'The ferry board met on Monday.\n\nWait, it gets better:\n\n"The board sets the fares every year and nobody '
        'may question them."',
        [("The board sets the fares every year and nobody may question them.", None, None, None, "speech")],
    ),
    (
        "an-adverb-opening-a-sentence-is-no-antecedent",
        "Tomas Reyes wants a new pier.\n\nDomestically, Reyes's plan drew a sharp reply from Mayor Ines Okafor, who "
        'called it "a fantasy."',
        [("a fantasy.", "Mayor Ines Okafor", "Ines Okafor", "called", "fragment")],
    ),
    (
        "a-surname-in-ly-is-a-name",
        'Marta Kelly chairs the board.\n\nKelly, who called the plan "a fantasy," left early.',
        [("a fantasy,", "Kelly", "Marta Kelly", "called", "fragment")],
    ),
    (
        "a-participle-phrase-between-subject-and-verb",
        'Ines Okafor runs the port.\n\nAnother harbour source speaking to Coast Radio said, "The agents are looking at '
        'the contracts."\n\nA second pilot talking with reporters said "the engines failed."',
        [
            ("The agents are looking at the contracts.", "Another harbour source", None, "said", "speech"),
            ("the engines failed.", "A second pilot", None, "said", "speech"),
        ],
    ),
    (
        "a-noun-in-ing-inside-a-title",
        'Ines Okafor left the board.\n\n"I am proud of this port," former port planning director Anna Veit wrote.',
        [("I am proud of this port,", "Anna Veit", "Anna Veit", "wrote", "document")],
    ),
    (
        "a-participle-and-its-object-between-subject-and-verb",
        "Ines Okafor was jailed in May.\n\nOn Monday, lawyers representing the harbour board told the court that the "
        'claim was "without any merit at all".',
        [("without any merit at all", "lawyers", None, "told", "fragment")],
    ),
    (
        "one-from-a-place-and-its-state",
        "Tomas Reyes toured the state on Monday.\n\nReyes is assuring voters he is tough after a woman in Dunmore, "
        'Kestrelshire, told him she worries he is "too soft" on crime.\n\n"We need change," a voter from Ames, Iowa, said.',
        [
            ("too soft", "a woman", None, "told", "fragment"),
            ("We need change,", "a voter", None, "said", "speech"),
        ],
    ),
    (
        "a-place-and-its-state-after-an-object",
        "Keith Okafor lost his claim.\n\nMr Okafor who ran a repair shop in Ames, Iowa, alleged that his minders had "
        "promised he would be 'handsomely' paid.",
        [("handsomely", "his minders", None, "promised", "headline")],
    ),
    (
        "a-time-ago-between-subject-and-verb",
        'The harbour board less than two weeks ago said that "top secret" papers had been lost.\n\nThe port authority '
        'three days ago said the pier was "unsafe for use".',
        [
            ("top secret", "The harbour board", None, "said", "fragment"),
            ("unsafe for use", "The port authority", None, "said", "fragment"),
        ],
    ),
    (
        "a-quotation-closing-inside-another-before-its-cue",
        "Carl Okafor wrote the book.\n\nNancy's \"single most defining role was 'helping my husband,'\" Okafor says, a "
        "job for a president.\n\n\"She said 'no,'\" Okafor says.",
        [
            ("single most defining role was 'helping my husband,'", "Okafor", "Carl Okafor", "says", "fragment"),
            ("She said 'no,'", "Okafor", "Carl Okafor", "says", "speech"),
        ],
    ),
    (
        "a pronoun with no speaker before it skips a page's buttons run together and mis-decoded bytes",
        "Dana Whitfield runs the harbour board.\n\nFlagShareLikeReplyMara Ostend\n\n\u00c2\u00a1n\n\n"
        '"The pier will stand," she said.',
        [("The pier will stand,", "she", "Dana Whitfield", "said", "speech")],
    ),
    (
        "'the lawyer', 'the barrister' and 'his solicitor' are the one named as counsel",
        "Mr Justice Tennant heard the libel case.\nDesmond Harrow QC, for Mr Okafor, cross-examined Tobi Vantreel.\n"
        "“Did you not say he was a thief?” the lawyer asked.\nMr Vantreel replied: “I may have.”\n"
        "“You knew it was false,” the barrister said.\nAfterwards Mr Okafor left the court.\n"
        "His solicitor said: “He is vindicated.”",
        [
            ("Did you not say he was a thief?", "the lawyer", "Desmond Harrow", "asked", "speech"),
            ("I may have.", "Mr Vantreel", "Tobi Vantreel", "replied", "speech"),
            ("You knew it was false,", "the barrister", "Desmond Harrow", "said", "speech"),
            ("He is vindicated.", "His solicitor", "Desmond Harrow", "said", "speech"),
        ],
    ),
    (
        "the owner of a noun for speech said the words it holds, not the sentence's subject",
        "Tobin Marsh ran for mayor of Harborton.\nInes Okafor attacked Marsh’s call for “a total ban on ferries.”\n"
        "Voters recalled Tobin Marsh’s “forty percent” comment.\nOkafor said Marsh’s remarks that “the port is dead” "
        "were false.\nIn Marsh’s description of the ferrymen as “lazy crooks,” she heard contempt.\n"
        "Okafor said Marsh’s comments “are based on his opinion.”",
        [
            ("a total ban on ferries.", "Marsh", "Tobin Marsh", None, "fragment"),
            ("forty percent", "Tobin Marsh", "Tobin Marsh", None, "fragment"),
            ("the port is dead", "Marsh", "Tobin Marsh", None, "fragment"),
            ("lazy crooks,", "Marsh", "Tobin Marsh", None, "fragment"),
            ("are based on his opinion.", "Okafor", "Ines Okafor", "said", "fragment"),
        ],
    ),
    (
        "a body that speaks is no abstract noun for its ending in -ion, in the singular or the plural",
        "The Harborton Ledger hosted a debate party.\nThe conservative publication has been outspoken in its opposition "
        'to Tobin Marsh, arguing he is "a political opportunist who would sink the port."\nLocal fishing '
        'associations said the plan was "a disgrace."',
        [
            ("a political opportunist who would sink the port.", "The conservative publication", None, "arguing",
             "fragment"),
            ("a disgrace.", "Local fishing associations", None, "said", "fragment"),
        ],
    ),
    (
        "one named after 'said' that closes a sentence of reported speech is the one a later 'she said' is",
        '"We will cut the fees," Dana Whitfield said.\nHarbour fees have risen, too, said Ines Okafor, an economist at '
        'Kestrel University. "About a third of the cost is fuel," she said.',
        [
            ("We will cut the fees,", "Dana Whitfield", "Dana Whitfield", "said", "speech"),
            ("About a third of the cost is fuel,", "she", "Ines Okafor", "said", "speech"),
        ],
    ),
    (
        "people described as the subject of the clause before a participle speak in it, not an earlier clause's subject",
        "Ines Okafor spoke just down the street from the harbour, where about 50 protesters had gathered on Wednesday "
        'morning, chanting "no contract, no peace" after the talks failed.\nMayor Tobin Marsh rounded out the list of '
        'candidates interviewed, citing "the ferry" as his favourite.',
        [
            ("no contract, no peace", "protesters", None, "chanting", "fragment"),
            ("the ferry", "Mayor Tobin Marsh", "Tobin Marsh", "citing", "fragment"),
        ],
    ),
    (
        "counsel before any is named is the next one introduced, not the last",
        "Tobi Vantreel told the libel trial he was given gifts by Ines Okafor.\nHis counsel, Mr Desmond Harrow QC, asked "
        "him: “Did you regard the gifts as payment?”\nLater Ms Okafor's counsel, Mr Piet Marsh QC, cross-examined him.",
        [("Did you regard the gifts as payment?", "His counsel", "Desmond Harrow", "asked", "speech")],
    ),
    (
        "a role other than a court's named only later is someone else: 'the actor' is the one named before",
        "Tobias Renn talks about his show.\nIn a conversation about his new show, the actor called it “a history "
        "lesson.”\nLater, actor Robin Vantreel called his own show “a joke.”",
        [
            ("a history lesson.", "the actor", "Tobias Renn", "called", "fragment"),
            ("a joke.", "Robin Vantreel", "Robin Vantreel", "called", "fragment"),
        ],
    ),
    (
        "a pronoun that takes the last person named gives that person its sex: a later 'she' is someone else",
        "Mary Ostend wrote the song for the harbour festival.\nHer son, filmmaker Robin Vantreel, remembers it. "
        '"It was hard," he said. "She kept singing," Vantreel laughed.\nDespite everything, the singer went on. '
        '"I was obsessed," she said.',
        [
            ("It was hard,", "he", "Robin Vantreel", "said", "speech"),
            ("She kept singing,", "Vantreel", "Robin Vantreel", "laughed", "speech"),
            ("I was obsessed,", "she", "Mary Ostend", "said", "speech"),
        ],
    ),
    (
        "a surname contracted with 'has' opening a sentence is its subject, no owner",
        '"We will win," Marcus Oyelaran said.\nAt the debate, Tobin Marsh lit into Dana Whitfield.\nMarsh\'s been '
        'making the case for weeks. "You have never run a port," he said.',
        [
            ("We will win,", "Marcus Oyelaran", "Marcus Oyelaran", "said", "speech"),
            ("You have never run a port,", "he", "Tobin Marsh", "said", "speech"),
        ],
    ),
    (
        "a titled name after a verb mid-sentence is its object: the pronoun after is the sentence's subject",
        "Dale Trumble and Victor Vasko arrived.\nMr. Trumble said having Mr. Vasko treat him with respect is good. "
        "''We get along,'' he said.",
        [("We get along,", "he", "Dale Trumble", "said", "speech")],
    ),
    (
        "a titled name after 'met' is its object, whom a pronoun passes over for the one who met",
        'Dale Trumble and Victor Vasko arrived.\nMr. Trumble met Mr. Vasko in Harborton on Monday. "We agreed on the '
        'pier," he said.',
        [("We agreed on the pier,", "he", "Dale Trumble", "said", "speech")],
    ),
    (
        "a name after a preposition and an initial is an object: the speaker of its sentence is the pronoun's",
        "''The levy is a fine tax,'' said Ian Kessel, a former adviser to Governor Walter P. Brandt and a port director. "
        "But ''it is a poor use of capital,'' he added.",
        [
            ("The levy is a fine tax,", "Ian Kessel", "Ian Kessel", "said", "speech"),
            ("it is a poor use of capital,", "he", "Ian Kessel", "added", "fragment"),
        ],
    ),
    (
        "a titled name after a verb with no one before it in its sentence stays the pronoun's referent",
        'Dale Trumble and Victor Vasko arrived.\nThe crowd cheered for Mr. Vasko in Harborton on Monday. "We agreed '
        'on the pier," he said.',
        [("We agreed on the pier,", "he", "Victor Vasko", "said", "speech")],
    ),
    (
        "a titled name after a comma opening the main clause is its subject",
        'Dale Trumble and Victor Vasko arrived.\nMr. Vasko spoke first. In Harborton on Monday, Mr. Trumble said the '
        'pier was safe. "We agreed," he said.',
        [("We agreed,", "he", "Dale Trumble", "said", "speech")],
    ),
    (
        "a role leading the main clause after a When-clause naming one person is that person, though no one was named "
        "by the role before",
        'Dale Trumble was asked about the ferries.\nTrumble then repeated the "pilot effect." Port Director Ken Vasko '
        "coined this term when he blamed rising delays on cautious pilots.\nThe ferry was no more dangerous in May.\n"
        "When the moderator pointed out that Trumble hadn't answered the question, the candidate said families sue.\n"
        '"They sue," he said.',
        [
            ("pilot effect.", "Trumble", "Dale Trumble", None, "fragment"),
            ("They sue,", "he", "Dale Trumble", "said", "speech"),
        ],
    ),
    (
        "a titled surname contracted with 'has' mid-sentence is no subject the next pronoun takes",
        '"We will win," Marcus Oyelaran said of Tobin Marsh.\n"I don\'t expect that to change because Mr. Marsh\'s '
        'got more attention," he added.',
        [
            ("We will win,", "Marcus Oyelaran", "Marcus Oyelaran", "said", "speech"),
            ("I don't expect that to change because Mr. Marsh's got more attention,", "he", "Marcus Oyelaran", "added",
             "speech"),
        ],
    ),
    (
        "a full name's first word on the longer list of given names gives its sex: 'she' passes over Kurt",
        'Elise Marrow said the harbour vote was close.\nKurt Danvers disagreed: "It was not." "We counted twice," she '
        'said.',
        [
            ("It was not.", "Kurt Danvers", "Kurt Danvers", None, "speech"),
            ("We counted twice,", "she", "Elise Marrow", "said", "speech"),
        ],
    ),
    (
        "a number word ends no one's name: a nickname 'Lawrence Two' is no man a later 'he' can be",
        'Ines Okafor told the inquiry that Sergeant Mark Tolliver had called her Lawrence Two at the depot. She '
        'claimed that he said: "There are dodgy people around here."',
        [("There are dodgy people around here.", "he", "Mark Tolliver", "said", "speech")],
    ),
    (
        "a word in -s before 'to' or a determiner is the verb after a one-word subject, not a plural of a description",
        'Jim Brandine leads the agency.\nBrandine expects to produce three rockets. "Adding another is not possible."\n'
        'Kestrel reveals a few facts: "The ferry lost money."',
        [
            ("Adding another is not possible.", "Brandine", "Jim Brandine", None, "speech"),
            ("The ferry lost money.", "Kestrel", "Kestrel", None, "speech"),
        ],
    ),
    (
        "the country an envoy is sent to is no word of the name after it",
        'Another diplomat, former special envoy to Veloria Tobin Marsh, changed his account. "It was improper," Marsh '
        'said.\nThe ambassador to the Harbour League Ines Okafor disagreed. "It was not," Okafor said.',
        [
            ("It was improper,", "Marsh", "Tobin Marsh", "said", "speech"),
            ("It was not,", "Okafor", "Ines Okafor", "said", "speech"),
        ],
    ),
    (
        "an adverb joining a sentence to the one before is no speaker: 'Further' is no one",
        "Many in the harbour fear that to pause is to surrender. Further repression in the region will provoke the kind "
        "of resistance that some have called the “Kestrelisation” of the city.",
        [("Kestrelisation", None, None, None, "scare")],
    ),
    (
        "a question's verb before its subject is no word of the speaker as named",
        "Would there have been hearings against Marsh? Would Tobin Marsh have pleaded to keep the “whistleblower’s” "
        "identity secret?",
        [("whistleblower’s", "Tobin Marsh", "Tobin Marsh", "pleaded", "fragment")],
    ),
    (
        "a subhead's words are no one's for the quotation after it; a headline's person is",
        "Ines Okafor: ‘I Am Tired Of Waiting For The Ferry’\n\"The ferry is late again,\" she said.\nThe console is "
        "cheap if you buy it now.\nNew Release: Last Chance to Buy Harbour Quest and Get Credit\n\"Harbour Quest is "
        "the best game in the series.\" Read our review.",
        [
            ("I Am Tired Of Waiting For The Ferry", "Ines Okafor", "Ines Okafor", None, "headline"),
            ("The ferry is late again,", "she", "Ines Okafor", "said", "speech"),
            ("Harbour Quest is the best game in the series.", None, None, None, "speech"),
        ],
    ),
    (
        "a description with a name in apposition, itself described, is the named person",
        'Tobin Marsh spoke last. "We will win," exhorted Marsh\'s introducer, actress Ines Okafor.\nMarsh\'s '
        'introducer, actress Ines Okafor, said: "We will win again."\n"I was upset," said the 33-year-old Oyelaran, '
        'of Harbour Road, Pellham.\nThe couple, via Pellham Police, said: "We are relieved."',
        [
            ("We will win,", "Ines Okafor", "Ines Okafor", "exhorted", "speech"),
            ("We will win again.", "Ines Okafor", "Ines Okafor", "said", "speech"),
            ("I was upset,", "the 33-year-old Oyelaran", None, "said", "speech"),
            ("We are relieved.", "The couple", None, "said", "speech"),
        ],
    ),
    (
        "a word in -ed after an owner's name and before 'to' is its verb, no word of the speaker",
        "Pellham's Chief Minister Tobin Marsh turned to Twitter last month to describe his city as a “gas chamber.”",
        [("gas chamber.", "Chief Minister Tobin Marsh", "Tobin Marsh", "describe", "fragment")],  # ('describe' a cue now)
    ),
    (
        "'an academic named X' is who the noun is, no cue; the participle after X's relative clause is X's, no cue",
        "The governor was campaigning for a 64-year-old teacher named Tomas Brandt, who is running for the council and "
        "who worked the room, praising \"the mayor's honesty\" as he promised to fix the roads.\nThe talk of the night "
        "was about Brandt, who is the loudest on stage, saying \"Roads should not wait.\"\nMr Hale attacked Detective "
        "Inspector Ines Voss, who led the inquiry, saying: \"She never looked at the evidence.\"\nAda Quill named Pell "
        "Okafor a \"coward\" on air.",
        [
            ("the mayor's honesty", "Tomas Brandt", "Tomas Brandt", None, "fragment"),
            ("Roads should not wait.", "Brandt", "Tomas Brandt", "saying", "fragment"),
            ("She never looked at the evidence.", "Mr Hale", "Hale", "saying", "speech"),
            ("coward", "Ada Quill", "Ada Quill", "named", "fragment"),
        ],
    ),
    (
        "a person named after a description opening the sentence is its subject, whom a later pronoun is; not a "
        "relative, two people or a place",
        'Tobin Marsh opened the meeting on Tuesday. "We will rebuild the pier," Marsh said.\nA senior aide, Ines '
        'Okafor, defended the plan later that day. "The money is there," she said.\nTennis great Dana Whitfield '
        'remembered the old pier. "I learned to swim there," she said.\nHarbor strategist Rosa Delgado agreed. "It '
        'is overdue," she said.\nNell Quill spoke last. Her sister, Ada Quill, was away. "I am glad," Ms. Quill '
        'said.\nMs. Quill then left. The two aides, Ada Quill and Ines Okafor, stayed. "We stay," she said.\nShe '
        'will visit Rosa Hill on Friday. "I am ready," she said.',
        [
            ("We will rebuild the pier,", "Marsh", "Tobin Marsh", "said", "speech"),
            ("The money is there,", "she", "Ines Okafor", "said", "speech"),
            ("I learned to swim there,", "she", "Dana Whitfield", "said", "speech"),
            ("It is overdue,", "she", "Rosa Delgado", "said", "speech"),
            ("I am glad,", "Ms. Quill", "Nell Quill", "said", "speech"),
            ("We stay,", "she", "Nell Quill", "said", "speech"),
            ("I am ready,", "she", "Nell Quill", "said", "speech"),
        ],
    ),
    (
        "'her lawyer' is counsel for the woman last named: not counsel for another, for the prosecution or named "
        "paragraphs later",
        "Ines Roe, 54, and Tobin Marsh, 43, were jailed yesterday at Pellham Crown Court.\nAda Quill QC, for Mrs Roe, "
        "and Oskar Hale QC, for Mr Marsh, had asked for mercy.\nMrs Roe wept in the dock. Her lawyer said: \"She "
        "has lost everything.\"\n\nNell Poe, 61, was jailed at Kestrel Crown Court. She was described by her lawyer as "
        "'penniless and broken'.\nDana Vask, QC, for the prosecution, said: \"She planned it all.\"\nThe judge "
        "spoke for an hour.\nThe court heard from many witnesses.\nRosa Lind QC, for the defence, said: \"He "
        "regrets it.\"",
        [
            ("She has lost everything.", "Her lawyer", "Ada Quill", "said", "speech"),
            ("penniless and broken", "her lawyer", None, "described", "fragment"),
            ("She planned it all.", "Dana Vask", "Dana Vask", "said", "speech"),
            ("He regrets it.", "Rosa Lind QC", "Rosa Lind", "said", "speech"),
        ],
    ),
    (
        "a fragment's own clause speaks: not the clause joined after it, nor the sentence's first before ', while'",
        'Okafor said he would make the pier "shine like gold," for instance, and Marsh vowed to "tear the whole '
        'thing" down.\nMarsh suggested that nobody could win, while Okafor said that the "stakes are too high" for '
        'the town.\nGov. Ada Quill on Monday signed an order, while Tobin Marsh, the former mayor, proposed we "wake '
        'up and smell the coffee" and said more.\nInes Okafor, the port director, said she expects Marsh, Quill, and '
        'Hale to "stand together" this year.\nVillagers waved placards saying "Go Home", Mr and Mrs Vask claimed.',
        [
            ("shine like gold,", "Okafor", "Ines Okafor", "said", "fragment"),
            ("tear the whole thing", "Marsh", "Tobin Marsh", "vowed", "fragment"),
            ("stakes are too high", "Okafor", "Ines Okafor", "said", "fragment"),
            ("wake up and smell the coffee", "Tobin Marsh", "Tobin Marsh", None, "fragment"),
            ("stand together", "Ines Okafor", "Ines Okafor", "said", "fragment"),
            ("Go Home", "Mrs Vask", "Vask", "claimed", "fragment"),
        ],
    ),
    (
        "a quotation between dashes is an aside of the clause before it, not the words of the subject after it",
        'Dana Whitfield spoke first. "We will rebuild it," she said.\nWhen Marsh finally wrapped up — "I will fight '
        'for you, and I will win for you!" — the balloons cascaded down on the crowd.\nAnd although former governor '
        'Ines Okafor lamented his gaffes - "does he have to keep doing this?" - voters in Pellham who watched the '
        'debate said they were unfazed.\n"We will win," the mayor said — "and soon."',
        [
            ("We will rebuild it,", "she", "Dana Whitfield", "said", "speech"),
            ("I will fight for you, and I will win for you!", "Marsh", "Marsh", None, "speech"),
            ("does he have to keep doing this?", "Ines Okafor", "Ines Okafor", "lamented", "fragment"),
            ("We will win, and soon.", "the mayor", None, "said", "speech"),
        ],
    ),
    (
        'a British title with no full stop opens a sentence as its subject, whom a later pronoun is',
        "Ines Roe, 54, was jailed for fraud at Pellham Crown Court. Ada Quill, for the prosecution, spoke first.\n"
        'Mrs Roe wept in the dock. She said: "I am sorry for what I did."\n'
        'Tobin Marsh and Oskar Vask were fined. Dr Vask shrugged. He said: "It was worth it."',
        [
            ('I am sorry for what I did.', 'She', 'Ines Roe', 'said', 'speech'),
            ('It was worth it.', 'He', 'Oskar Vask', 'said', 'speech'),
        ],
    ),
    (
        'letters after a name (QC, MP, OBE, PhD) are no part of it; a suffix is',
        'Rosa Lind QC, for the defence, said: "He regrets it."\n'
        'Tobin Marsh MP said: "We will win the seat."\n'
        'Ines Okafor OBE said: "It was an honour."\n'
        'Ada Quill, PhD, said: "The data are clear."\n'
        'Defence counsel Nell Poe QC said: "There is more."\n'
        'Oskar Vask Jr., the mayor, said: "We agree."',
        [
            ('He regrets it.', 'Rosa Lind QC', 'Rosa Lind', 'said', 'speech'),
            ('We will win the seat.', 'Tobin Marsh MP', 'Tobin Marsh', 'said', 'speech'),
            ('It was an honour.', 'Ines Okafor OBE', 'Ines Okafor', 'said', 'speech'),
            ('The data are clear.', 'Ada Quill', 'Ada Quill', 'said', 'speech'),
            ('There is more.', 'Defence counsel Nell Poe QC', 'Nell Poe', 'said', 'speech'),
            ('We agree.', 'Oskar Vask Jr.', 'Oskar Vask Jr.', 'said', 'speech'),
        ],
    ),
    (
        "a cue in several words ending in an infinitive before a colon is the subject's",
        'Tobin Marsh went so far as to say: "The pier is doomed."\n'
        'Ines Okafor took to Twitter to say: "It is not."\n'
        'Ada Quill stood up to say: "Both are wrong."\n'
        'The email goes on to say: "Vote early."',
        [
            ('The pier is doomed.', 'Tobin Marsh', 'Tobin Marsh', 'say', 'speech'),
            ('It is not.', 'Ines Okafor', 'Ines Okafor', 'say', 'speech'),
            ('Both are wrong.', 'Ada Quill', 'Ada Quill', 'say', 'speech'),
            ('Vote early.', 'The email', None, 'say', 'document'),
        ],
    ),
    (
        "a chant is the crowd its sentence names, not the person named before it; those who chanted keep it",
        'Tobin Marsh spoke about the pier, and at one point the crowd loudly reprised the chant "Sink the pier!" that rang out all week.\n'
        'Marsh roused the crowd to spontaneous chants of "Lock her out!"\n'
        'Ines Okafor joked, "You are all wrong," drawing loud jeers and "MARSH!" chants.\n'
        'Pellham High School fans also chanted, "Build a pier," the Pellham Gazette reports.\n'
        'Suspicion fell on Oskar Vask after he was alleged to have been overheard chanting "The pier is ours."',
        [
            ('Sink the pier!', 'the crowd', None, None, 'fragment'),
            ('Lock her out!', 'the crowd', None, None, 'fragment'),
            ('You are all wrong,', 'Ines Okafor', 'Ines Okafor', 'joked', 'speech'),
            ('MARSH!', None, None, None, 'fragment'),
            ('Build a pier,', None, None, None, 'speech'),
            ('The pier is ours.', 'he', 'Tobin Marsh', 'alleged', 'fragment'),
        ],
    ),
    (
        "a fragment in a clause opening its sentence is not joined to the main clause's quotation",
        'After Marsh said the town had "less advanced schools," Okafor said: "That is false. I went to them."\n'
        'Acknowledging that Okafor "says a lot of silly stuff," though, Marsh did suggest that the pier could wait.\n'
        'Claiming she had "ruined" the pier, he warned the council.\n'
        'Speaking to "Pellham Tonight" on Monday, Okafor refrained from attacking him.\n'
        'Tobin Marsh spoke. Ending "the old ways." Passing a budget.\n'
        '"We will win," Marsh said, "and soon."',
        [
            ('less advanced schools,', 'Marsh', 'Tobin Marsh', 'said', 'fragment'),
            ('That is false. I went to them.', 'Okafor', 'Okafor', 'said', 'speech'),
            ('says a lot of silly stuff,', 'Marsh', 'Tobin Marsh', 'acknowledging', 'fragment'),
            ('ruined', 'he', 'Tobin Marsh', 'claiming', 'fragment'),
            ('Pellham Tonight', None, None, None, 'scare'),
            ('the old ways.', None, None, None, 'fragment'),
            ('We will win, and soon.', 'Marsh', 'Tobin Marsh', 'said', 'speech'),
        ],
    ),
    (
        "an adverb of time or manner opening a sentence is no word of the name after it",
        'Councillor Tobin Marsh spoke first. "We will not wait," he said.\n'
        'Later Marsh added: "The pier must open by spring."\n'
        'Separately Marsh told reporters: "No more delays."\n'
        'Afterwards Marsh said: "It went well."\n'
        'Tonight Harbortrust went further and called the plan "an extreme measure" for the town.',
        [
            ('We will not wait,', 'he', 'Tobin Marsh', 'said', 'speech'),
            ('The pier must open by spring.', 'Marsh', 'Tobin Marsh', 'added', 'speech'),
            ('No more delays.', 'Marsh', 'Tobin Marsh', 'told reporters', 'speech'),
            ('It went well.', 'Marsh', 'Tobin Marsh', 'said', 'speech'),
            ('an extreme measure', 'Harbortrust', 'Harbortrust', 'called', 'fragment'),
        ],
    ),
    (
        "a verb whose object is asked to say the words is no word of the speaker",
        'The mayor urged residents to say: "We want the pier open."\n'
        'The harbour master called on all members to tell the council: "Keep it shut."',
        [
            ('We want the pier open.', 'The mayor', None, 'say', 'speech'),
            ('Keep it shut.', 'The harbour master', None, 'tell the council', 'speech'),
        ],
    ),
    (
        "people before 'of' speak for the body after it, and their plural is no surname",
        'The council met on Monday to vote on the pier.\n'
        'Proponents of the new pier, however, say it would act as "a lifeline."\n'
        'Leaders of the union have said they want "a fair deal" for all.\n'
        'On Monday the head of the harbour board accused the council of "playing games."\n'
        'Critics say the plan is "a folly."',
        [
            ('a lifeline.', 'Proponents', None, 'say', 'fragment'),
            ('a fair deal', 'Leaders', None, 'said', 'fragment'),
            ('playing games.', 'the head', None, 'accused', 'fragment'),
            ('a folly.', 'Critics', None, 'say', 'fragment'),
        ],
    ),
    (
        "capitalised words between 'a' and a noun describe the noun and name no one 'she' can be",
        'A Roman Catholic priest denied assaulting a woman in Pellham.\n'
        'The woman, a devout Catholic, claims she was hurt by the priest.\n'
        '"It was like a knife in me," she said.\n'
        'Later a Robert Marsh campaign aide spoke. "We are sorry," Marsh said.',
        [
            ('It was like a knife in me,', 'The woman', None, 'said', 'speech'),
            ('We are sorry,', 'Marsh', 'Robert Marsh', 'said', 'speech'),
        ],
    ),
    (
        "a plural subject's cue closing the sentence after a fragment",
        'The council met on Monday to vote on the pier.\n'
        'The pier is "a public danger" fostered by Marsh, the harbour groups say.\n'
        'The plan is "a folly" at this cost, critics argue.',
        [
            ('a public danger', 'the harbour groups', None, 'say', 'fragment'),
            ('a folly', 'critics', None, 'argue', 'fragment'),
        ],
    ),
    (
        "the name a description is 'known as' ends it",
        'The council met on Monday to vote on the pier.\n'
        '"There never was an order," said the harbour chief known as Bob, speaking for the first time.',
        [
            ('There never was an order,', 'the harbour chief known as Bob', None, 'said', 'speech'),
        ],
    ),
    (
        "'Mr Justice X' is a man, whom 'she' is not",
        'High Court judge Mr Justice Pellow heard the claim.\n'
        'Ines Okafor spoke for the trust. She said the pier was "a danger to all".',
        [
            ('a danger to all', 'She', 'Ines Okafor', 'said', 'fragment'),
        ],
    ),
    (
        'a surname named alone opens the sentence whose second verb introduces a quotation',
        "Boos rained down when Marsh spoke of the mayor.\n"
        'Marsh gestured as if to stop the noise, then leaned in and boomed: "Let us win in November."',
        [
            ('Let us win in November.', 'Marsh', 'Marsh', 'boomed', 'speech'),
        ],
    ),
]


def as_rows(quotes: list[Quotation]) -> list[tuple]:
    """The compared fields of each quotation."""
    return [(q.text, q.speaker, q.speaker_name, q.cue, q.kind) for q in quotes]


@pytest.mark.parametrize("text,expected", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_extract_quotes(text: str, expected: list[tuple]) -> None:
    assert as_rows(extract_quotes(text)) == expected


@pytest.mark.parametrize("text,expected", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_offsets_point_at_the_printed_words(text: str, expected: list[tuple]) -> None:
    for quote in extract_quotes(text):
        assert quote.kind in QUOTE_KINDS
        assert quote.spans and quote.start == quote.spans[0][0] and quote.end == quote.spans[-1][1]
        assert quote.text == " ".join(text[start:end] for start, end in quote.spans)
        if len(quote.spans) == 1:
            assert text[quote.start : quote.end] == quote.text
        assert quote.paragraph == text.count("\n", 0, quote.start)


def test_split_quote_spans() -> None:
    text = "“We will rebuild the pier,” Dana Whitfield said, “and we will do it this year.”"
    (quote,) = extract_quotes(text)
    assert quote.spans == [(1, 26), (50, 78)]
    assert [text[start:end] for start, end in quote.spans] == ["We will rebuild the pier,", "and we will do it this year."]


@pytest.mark.parametrize(
    "text",
    [
        'Share this: <iframe width="560" height="315" src="https://video.example/embed/pier" title="Harbour video">',
        'Mayor Dana Whitfield said the sale was final. <img alt="The pier at dusk, before the sale" src="pier.jpg">',
    ],
    ids=["embed code", "an image's alt text"],
)
def test_attribute_values_of_markup_left_in_the_text_are_no_quotations(text: str) -> None:
    assert extract_quotes(text) == []


@pytest.mark.parametrize(
    "between, speaker",
    [("", "Dana Whitfield"), (" Opponents gathered outside.", None)],
    ids=["the next sentence", "a sentence between"],
)
def test_a_fragment_with_no_cue_continues_the_quote_of_the_sentence_just_before_only(between: str, speaker: str | None) -> None:
    text = f'"We will sell the pier," Dana Whitfield said.{between} It is "a quiet robbery".'
    assert [(quote.kind, quote.speaker) for quote in extract_quotes(text)] == [
        ("speech", "Dana Whitfield"), ("fragment", speaker),
    ]


@pytest.mark.parametrize("length, found", [(4000, [4000]), (4001, [])], ids=["4,000 characters", "one more: unclosed"])
def test_a_quotation_of_up_to_4000_characters_is_kept(length: int, found: list[int]) -> None:
    inside = ("We will sell the pier and the sheds. " * 120)[: length - 1] + "."
    assert [len(quote.text) for quote in extract_quotes(f'Dana Whitfield said: "{inside}"')] == found


@pytest.mark.parametrize("parts, spans", [(4, [4]), (5, [4, 1])], ids=["four parts join", "a fifth starts another"])
def test_a_split_quotation_joins_up_to_four_parts(parts: int, spans: list[int]) -> None:
    things = ["pier", "sheds", "cranes", "boats", "slipway"][:parts]
    text = f'"We will sell the {things[0]}," Dana Whitfield said. ' + " ".join(f'"We will sell the {thing}."' for thing in things[1:])
    quotes = extract_quotes(text)
    assert [len(quote.spans) for quote in quotes] == spans
    assert {quote.speaker for quote in quotes} == {"Dana Whitfield"}


def test_paragraph_break_lost_in_print_spans() -> None:
    text = "Lars Olsen said: 'The channel was unsafe. 'I warned them.'"
    (quote,) = extract_quotes(text)
    assert [text[start:end] for start, end in quote.spans] == ["The channel was unsafe.", "I warned them."]


def test_closing_single_mark_before_a_word_closes_when_nothing_else_can() -> None:
    # 'berths' allegations' reads like a possessive, but no later mark could close the quote
    text = "The 'cash for berths' allegations were aired on Channel 9's Harbour Watch. Roe's 'no comment' followed."
    assert [text[q.spans[0][0] : q.spans[-1][1]] for q in scan_quotes(text)] == ["cash for berths", "no comment"]


@pytest.mark.parametrize(
    "title,kind",
    [
        (None, "headline"),  # no title given: a short first line is taken for one
        ("Pier 'almost ready', says Whitfield", "headline"),  # the given title is the first line
        ("Council splits over the Harborton pier", "fragment"),  # the title is elsewhere: the first line is the lead
    ],
)
def test_title_field_tells_a_lead_from_a_title(title: str | None, kind: str) -> None:
    text = "Pier 'almost ready', says Whitfield.\nThe council votes on Monday."
    (quote,) = extract_quotes(text, title)
    assert (quote.text, quote.kind) == ("almost ready", kind)


def test_multi_paragraph_spans() -> None:
    text = "Whitfield said: “The pier is finished.\n“We start again in the spring.”"
    (quote,) = extract_quotes(text)
    assert quote.spans == [(17, 38), (40, 69)]
    assert quote.paragraph == 0


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\"",
        "“",
        "”",
        "''",
        "\"\"\"\"\"",
        "“unclosed " * 2000,
        "” closing first “ then open",
        "a\n\n\n“\n“\n“",
        "He said: “" + "word " * 5000,
        "'single' ‘marks’ ' ‘ ’ 'odd",
    ],
    ids=["empty", "one mark", "one opening", "one closing", "two apostrophes", "five marks", "many unclosed",
         "reversed", "opening marks on empty paragraphs", "huge unclosed", "single marks"],
)
def test_bad_input_never_crashes(text: str) -> None:
    quotes = extract_quotes(text)
    for quote in quotes:
        assert 0 <= quote.start <= quote.end <= len(text)
        assert quote.end - quote.start < 5000


def test_scan_quotes_pairs_within_paragraphs() -> None:
    text = "He said \"one\" and \"two.\"\nA stray \" mark.\n\"Three,\" she said."
    assert [text[q.spans[0][0] : q.spans[-1][1]] for q in scan_quotes(text)] == ["one", "two.", "Three,"]


def test_random_mixtures_of_marks_never_crash(caplog: pytest.LogCaptureFixture) -> None:
    import logging
    import random

    pieces = ["“", "”", '"', "''", "``", "‘", "’", "'", "«", "»", "„", "\n", "\n\n", " ", ", ", ". ", ": ",
              "said", "told reporters", "according to", "Dana Whitfield", "Whitfield", "he", "she", "the mayor",
              "Mr.", "(D-Calif.)", "—", "6'2\"", "don't", "word", "Harbor", "called", "a", "the"]
    generator = random.Random(20260302)
    for _ in range(2000):
        text = "".join(generator.choice(pieces) + generator.choice(["", " "]) for _ in range(generator.randint(0, 60)))
        for quote in extract_quotes(text):
            assert 0 <= quote.start <= quote.end <= len(text)
            assert quote.text == " ".join(text[start:end] for start, end in quote.spans)
            assert quote.kind in QUOTE_KINDS
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR] == []


@pytest.mark.parametrize(
    "text,count",
    [
        (" ".join(f"“Quote number {i},” Dana Whitfield said." for i in range(3000)), 3000),
        ('"a b" ' * 3000, 3000),
        ("“" * 50000, 0),
        ("Alpha Beta Gamma Delta " * 20000, 0),
    ],
    ids=["one paragraph of many quotes", "many adjacent short quotes", "only opening marks", "only names"],
)
def test_long_repetitive_texts(text: str, count: int, monkeypatch) -> None:
    # each is a few hundred kilobytes, every quotation analysed (the cap raised); the work done on them is counted in
    # test_hostile_texts
    monkeypatch.setattr("provenance.quotes.MAX_QUOTATIONS", 10_000)
    assert len(extract_quotes(text)) == count


def test_an_article_has_at_most_max_quotations_analysed() -> None:
    notes: list[str] = []
    assert len(extract_quotes('"a b" ' * 3000, notes=notes)) == 1000
    assert notes == ["2,000 quotations after the first 1,000 not analysed (from offset 6,000)"]


COMMON = {"ban", "rich", "new", "plan", "rival", "will", "parents", "rush", "democratic"}.__contains__  # words the article prints in lower case


def test_an_outlet_that_spoke_is_no_referent_for_a_later_pronoun(monkeypatch) -> None:
    monkeypatch.setattr(speakers, "registry_outlet_names", lambda: frozenset({"quayline"}))
    text = (
        "“The pier is closed,” Quayline said in a statement.\n"
        "Earlier, Tomas Vantreel appeared on a radio show in Dunmore.\n"
        "“It was a hard week,” he told the hosts."
    )
    assert [(q.speaker, q.speaker_name) for q in extract_quotes(text)] == [
        ("Quayline", "Quayline"), ("he", "Tomas Vantreel"),
    ]


@pytest.mark.parametrize(
    "run,name",
    [
        ("Does Rubin", "Rubin"),
        ("Even Dana Whitfield", "Dana Whitfield"),
        ("Rival Tobias Renn", "Tobias Renn"),
        ("Plan B. Whitfield", "Whitfield"),
        ("Ban Ki-soo", "Ban Ki-soo"),  # a surname first: one name word would be left
        ("Rich Heffernan", "Rich Heffernan"),
        ("Will Okafor", "Will Okafor"),
        ("New Harbor Times", "New Harbor Times"),  # names an institution, not a person
        ("Rafael Edmundo Cruz", "Rafael Edmundo Cruz"),  # a first name not on the list, but not a common word
        ("Dana B. Whitfield", "Dana B. Whitfield"),
        ("RIVAL TOBIAS RENN", "RIVAL TOBIAS RENN"),  # capitals say nothing in a heading
        # openers that are never first names: a question, an adverb, a heading's adjective, a team
        ("Can Whitfield", "Whitfield"),
        ("Maybe Whitfield", "Whitfield"),
        ("Yesterday Okafor", "Okafor"),
        ("Derelict Whitfield", "Whitfield"),
        ("Team Whitfield", "Whitfield"),
        ("Dad Marcus", "Marcus"),
        # a word of descriptive form describes whoever follows, even one name
        ("Asserting Whitfield", "Whitfield"),
        ("Unemployed Oskar", "Oskar"),
        ("Jobless Oskar", "Oskar"),
        ("Callous Vantreel", "Vantreel"),
        ("Interestingly Vantreel", "Vantreel"),
        ("Mother-of-three Dana Whitfield", "Dana Whitfield"),
        ("Texas-based Dana Whitfield", "Dana Whitfield"),
        # not names of that form, nor short words ending so
        ("Irving Vantreel", "Irving Vantreel"),
        ("Murshed Vantreel", "Murshed Vantreel"),
        ("Family Vantreel", "Family Vantreel"),
        # a word printed in lower case before a first name, an institution's word before a first name
        ("Parents Marcus", "Marcus"),
        ("Rush Vantreel", "Rush Vantreel"),  # no first name left
        ("State Dana Whitfield", "Dana Whitfield"),
        ("Democratic National Convention", "Democratic National Convention"),
    ],
)
def test_drop_common_words(run: str, name: str) -> None:
    assert " ".join(drop_common_words(run.split(), COMMON)) == name


@pytest.mark.parametrize(
    "tokens,expected",
    [
        ("Dana Whitfield", True),
        ("Sterling Vantreel", True),
        # words of NON_PERSON_WORDS with an s at either end ('State' was read as 'tate')
        ("Sunday", False),
        ("Harborton State", False),
        ("Senate", False),
        ("Mill Street", False),
        ("Harborton School", False),
        ("Videos", False),  # a plural of one
        ("New Hampshire", False),  # a state
        ("April Okafor", True),  # a month that is a first name, before a surname
        ("Ruth May", True),  # a month after a first name
        ("May 2016", False),
        ("March Madness", False),  # a month no one is named
    ],
)
def test_is_person_name(tokens: str, expected: bool) -> None:
    assert is_person_name(tokens.split()) is expected


@pytest.mark.parametrize(
    "tokens,expected",
    [
        ("Harborton Gazette", True),
        ("Harborton Port Authority", True),
        ("CNN", True),
        ("Harborton Republican", False),  # a person described
        ("Mill Street", False),  # a place
        ("House", False),
        ("Senate Ranking Democrat Dana Whitfield", False),  # a person's name ends the run
    ],
)
def test_is_organisation_name(tokens: str, expected: bool) -> None:
    assert is_organisation_name(tokens.split()) is expected


@pytest.mark.parametrize(
    "token,expected",
    [
        ("Vantreel", True), ("Nothing", False), ("I’ll", False), ("We're", False), ("N.Y.", False), ("Ruritanians", False),
        ("Marovicans", False), ("Someone", False), ("Mine", False), ("Others", False), ("Hundreds", False),
        ("Okaf\u00c3\u00b3r", False),  # bytes decoded wrongly
    ],
)
def test_is_lone_surname(token: str, expected: bool) -> None:
    # one word the article names no one by: a surname standing alone, or not ('nothing' is printed in lower case)
    index = SpeakerIndex("Nothing is settled, and nothing will be. Vantreel and the Ruritanians agree.")
    assert index.is_lone_surname(token) is expected


def test_initials_in_capitals_are_no_surname_but_a_transcripts_label_is() -> None:
    index = SpeakerIndex("CHEW filed a request on Monday.\nKOWAL: We will rebuild the pier.\n")
    assert not index.is_lone_surname("CHEW")
    assert index.is_lone_surname("KOWAL")


@pytest.mark.parametrize(
    "tokens,expected",
    [
        ("CHEW", True), ("Purple Harbour PAC", True), ("HFL Pier", True), ("CEO", False), ("HARBOUR TOWN TAX", False),
        ("Navy SEAL Tobin Marsh", False), ("G.K. Okafor", False), ("Dana Whitfield", False),
    ],
)
def test_names_by_initials(tokens: str, expected: bool) -> None:
    assert names_by_initials(tokens.split()) is expected


@pytest.mark.parametrize(
    "tokens,expected",
    [("HARBOUR TOWN ENDS PIER TAX", True), ("Navy SEAL Tobin Marsh", False), ("Henry VIII", False), ("Purple PAC", False)],
)
def test_is_capitals_heading(tokens: str, expected: bool) -> None:
    assert is_capitals_heading(tokens.split()) is expected


@pytest.mark.parametrize(
    "words,lower_before,name",
    [
        ("State Ana Ruiz", False, "Ana Ruiz"),
        ("State Hillary Rodham Ruiz", False, "Hillary Rodham Ruiz"),  # a first name on the list before a middle name
        ("National Intelligence Harlan B. Voss Jr.", False, "Harlan B. Voss Jr."),
        ("New York Tobias de Renn", False, "Tobias de Renn"),
        ("West Virginia Tobias Renn", False, "Tobias Renn"),  # 'Virginia' is a first name, and ends the state
        ("New York Renn", False, "Renn"),  # a state, then a surname
        ("Homeland Security", False, None),  # the office alone
        ("Harborton", False, None),
        ("Ines Okafor", True, "Ines Okafor"),  # after lower-case office words ('secretary of state Ines Okafor')
    ],
)
def test_office_name_start(words: str, lower_before: bool, name: str | None) -> None:
    # the name in the capitalised words ending a title's office ('Secretary of State Ana Ruiz')
    split = words.split()
    start = office_name_start(split, lower_before)
    assert (None if start is None else " ".join(split[start:])) == name


@pytest.mark.parametrize(
    "text,names",
    [
        ("Mayor of Harborton Ines Okafor opened the pier.", {"Ines Okafor": {"mayor"}}),
        ("Secretary of State for Health Ines Okafor opened the pier.", {"Ines Okafor": {"secretary"}}),
        ("The Director of Port Security opened the pier.", {}),  # an office names no one
        ("Secretary of Homeland Security Harlan Voss opened the pier.", {"Harlan Voss": {"secretary"}}),
        ("A lawyer of Ines Okafor opened the pier.", {"Ines Okafor": set()}),  # a person after 'of'
        ("Sen. Tobias Renn of New York opened the pier.", {"Tobias Renn": {"senator"}}),
    ],
)
def test_names_after_an_office(text: str, names: dict[str, set[str]]) -> None:
    # the people an article names, with their roles: never the office with the name ('Harborton Ines Okafor')
    index = SpeakerIndex(text)
    assert {name: person.roles for name, person in index.persons.items()} == names


@pytest.mark.parametrize(
    "text,names",
    [
        ("In May Tobias Renn left the board.", {"Tobias Renn"}),
        ("Since June Ruth Amsel has led it.", {"Ruth Amsel"}),
        ("The May Day parade passed Ruth Amsel.", {"Ruth Amsel"}),
        ("Last April Ines Kowal and April Okafor met.", {"Ines Kowal", "April Okafor"}),
        ("June Okafor met Ruth May on Monday.", {"June Okafor", "Ruth May"}),
        ("April D. Okafor asked.", {"April D. Okafor"}),
        # a month opening words that are no name
        ("May God bless the harbour.", set()),
        ("April Fools Day came early at the Harborton Gazette.", set()),
    ],
)
def test_a_month_names_no_one_after_in_since_last_or_the_nor_before_words_no_surname(text: str, names: set[str]) -> None:
    assert set(SpeakerIndex(text).persons) == names


@pytest.mark.parametrize(
    "text,names",
    [
        ("Tilly and Charles Renfrew plan to appeal.", {"Charles Renfrew", "Tilly Renfrew"}),
        ("The farm, run by Tilly and Charles Renfrew, failed.", {"Charles Renfrew", "Tilly Renfrew"}),
        # a surname printed alone elsewhere, a place, a list, a band
        ("Tapes of talks between Okafor and Charles Renfrew were played. Okafor denied it.", {"Charles Renfrew"}),
        ("Ines Kowal, our editor in Harborton and Charles Renfrew wrote it.", {"Ines Kowal", "Charles Renfrew"}),
        ("Kowal and Okafor and Susan Renn agreed.", {"Susan Renn"}),
        ("He played for the Gullwings and Charles Renfrew.", {"Charles Renfrew"}),
    ],
)
def test_the_first_of_a_pair_off_the_name_lists(text: str, names: set[str]) -> None:
    assert set(SpeakerIndex(text).persons) == names


@pytest.mark.parametrize(
    "text,verb,subject",
    [
        (
            "After the hearing Pc Okafor, a mother of two who has been a police officer since 1993 said it was hard.",
            "said",
            "the hearing Pc Okafor",
        ),
        (
            "Among them were relatives of Piet Vantreel, of St Helens, Kestrelshire, a care worker who in August was "
            "jailed for 12 years.\nHis daughter, Ines Vantreel, 24, protested.",
            "jailed",
            "a care worker",  # a place before the apposition is no one: the relative clause's own antecedent
        ),
    ],
)
def test_subject_before_an_apposition_with_a_relative_clause(text: str, verb: str, subject: str) -> None:
    found = find_subject(text, 0, text.find(verb), SpeakerIndex(text))
    assert found is not None and found[0] == subject


@pytest.mark.parametrize(
    ("text", "speaker", "name"),
    [
        # an owner's possessive is no name: the family, the campaign speak
        ("Police shot Orrin Vask on Monday. Vask's family has called on police to release the videos "
         '"as a matter of plain fairness" and to resign.', "Vask's family", None),
        ("Ferries were banned. Tobin Marsh's campaign said the ban was \"a gift to the bridge lobby.\"",
         "Tobin Marsh's campaign", None),
        # a noun after a possessive is no verb: not 'the rally denounced candidate Tobin Marsh’s'; the call's
        # owner said the words
        ("Led by Mayor Ana Ruiz, the rally denounced candidate Tobin Marsh’s call for \"a total ban on ferries.\"",
         "Tobin Marsh", "Tobin Marsh"),
        # a word for nothing, a preposition opening the sentence, an abstract noun: no speaker
        ('Nothing really changed in the Harborton debate: Ines Okafor was calmer, even if she kept her passion for '
         '"a new bridge for the valley."', None, None),
        ('Across town, "shouting from the rooftops" for the Marsh campaign, is Wayne Kettle, a canvasser.', None, None),
        ("The vote is Tuesday. Indeed, the disruptions have become as much a fixture of the rallies as the chants and "
         'promises to "build the bridge" - so routine that aides prepare.', None, None),
        # a plural of a word for a person describes some people: it is the speaker, but names no one
        ('Tobin Marsh won the vote. Aides say the former mayor plans to "actively support" Okafor.', "Aides", None),
    ],
)
def test_no_speaker_or_name_from_possessives_words_for_nothing_prepositions_or_abstract_nouns(
    text: str, speaker: str | None, name: str | None
) -> None:
    quote = extract_quotes(text)[-1]
    assert (quote.speaker, quote.speaker_name) == (speaker, name)


PORTUGUESE_STORY = (
    "Quando a balsa chegou ao porto de Vila Serena, os moradores esperavam havia duas horas. Quando você fala sobre "
    "a balsa nova, o pessoal da ilha reclama: “Que história é essa de esperar mais um ano?” Depois, os pescadores fizeram uma reunião "
    "no mercado e decidiram escrever uma carta ao governo do estado. Ninguém sabe quando a nova balsa vai chegar, "
    "mas todos querem uma resposta até sexta-feira, segundo a associação dos moradores da ilha."
)
ENGLISH_STORY = (
    "When the ferry reached the harbour at Vila Serena, the residents had been waiting for two hours. The mayor, "
    "Orla Fenwick, spoke to reporters in the square. “We will not accept any more delays,” she said. Later the "
    "fishermen met at the market and decided to write a letter to the state government. Nobody knows when the new "
    "ferry will arrive, but everyone wants an answer by Friday, according to the islanders' association."
)


@pytest.mark.parametrize(
    "text, language, speakers",
    [
        (PORTUGUESE_STORY, "pt-BR", [(None, None)]),  # was 'Quando', a sentence's first word, as a name
        (PORTUGUESE_STORY, None, [(None, None)]),  # the text tells, with no tag
        (ENGLISH_STORY, "de", [("she", "Orla Fenwick")]),  # an English edition tagged German
        (ENGLISH_STORY, None, [("she", "Orla Fenwick")]),
        ('Kestrel reveals a few facts: "The ferry lost money."', "pt", [("Kestrel", "Kestrel")]),  # too short to tell
    ],
)
def test_no_speakers_in_a_text_in_another_language(text: str, language: str | None, speakers: list[tuple]) -> None:
    """A text in another language keeps its quotations but not the speakers the English rules read into it."""
    quotes = extract_quotes(text, None, language)
    assert [(q.speaker, q.speaker_name) for q in quotes] == speakers


@pytest.mark.parametrize(
    "text, word, expected",
    [
        ("The plan was shelved.", "plan", True),
        ("The planner spoke.", "plan", False),  # inside a longer word
        ("The counter-plan and the plan's cost.", "plan", False),  # a hyphen or an apostrophe joins it to a word
        ("A counter-plan, then a plan.", "plan", True),  # a later printing stands alone
        ("plan", "plan", True),  # the whole text
        ("_plan plan2 ’plan", "plan", False),  # '_', a digit and a curly apostrophe join too
        ("Plans for the plan\u00e9", "plan", False),  # an accented letter joins
        ("the u.s. plan", "u.s.", True),  # a word with full stops in it
        ("", "plan", False),
    ],
)
def test_printed_alone_finds_a_word_between_non_word_characters(text: str, word: str, expected: bool) -> None:
    assert printed_alone(text, word) is expected
    assert SpeakerIndex(text).is_common_word(word) is expected


@pytest.mark.parametrize(
    "line, title",
    [
        ("Pier 'almost ready', says Whitfield", "Pier almost ready says Whitfield"),
        ("Pier almost ready", "Pier almost ready says Whitfield"),  # the line stops short of the title
        ("Pier almost ready says Whitfield today", "Pier almost ready says Whitfield"),  # and runs past it
        ("Council splits over the Harborton pier", "Pier almost ready"),
        ("", ""),
        ("  --  ", ""),
    ],
)
def test_reads_as_title_compares_the_words_title_words_gives(line: str, title: str) -> None:
    text = f"News>\n{line}\nThe council votes on Monday."
    start = text.index("\n") + 1
    end = text.index("\n", start)
    assert reads_as_title(text, start, end, title_words(title)) is (title_words(line) == title_words(title))


@pytest.mark.parametrize(
    "presenting, speaker",
    [
        ("Then there’s Whitfield.", "Omar Whitfield"),  # a sentence presenting him: the next 'he'
        ("So there was Mr. Whitfield last week, at the pier.", "Omar Whitfield"),
        ("There is a harbour beyond the pier.", "Tomas Vale"),  # no one presented: the last named man
        ("", "Tomas Vale"),
    ],
)
def test_a_sentence_presenting_someone_gives_the_next_pronoun(presenting: str, speaker: str) -> None:
    text = (
        "Former Kestrel aide Omar Whitfield published a column. Governor Tomas Vale himself has praised the plan.\n\n"
        f"{presenting}\n\n"
        "“Kind of bewildering why the council folks are laying out the plan,” he wrote last October.\n\n"
        "“Too forced?” He tweeted when the council ended a debate."
    )
    quotes = extract_quotes(text)
    assert [(q.text, q.speaker_name) for q in quotes] == [
        ("Kind of bewildering why the council folks are laying out the plan,", speaker),
        ("Too forced?", speaker),
    ]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (  # a title inside the reporter's sentence, then the quotation the cue introduces
            "Whitfield closed the hearing with a nod to the blockbuster “Harbor Nights” sequel, remarking, “Thank you, "
            "and may the tide be with you.”",
            [("Harbor Nights", None, "scare"), ("Thank you, and may the tide be with you.", "Dana Whitfield", "speech")],
        ),
        (  # a show's title, the answer given on it
            "“I expect to be questioned,” Whitfield said on “Harbor Talk Today.” “But not like this.”",
            [
                ("I expect to be questioned,", "Dana Whitfield", "speech"),
                ("Harbor Talk Today.", None, "scare"),
                ("But not like this.", "Dana Whitfield", "speech"),
            ],
        ),
        (  # a term of two words: the quotation after it is no part of it
            "Whitfield said the vote was “too early,” adding, “We need another month.”",
            [("too early,", "Dana Whitfield", "fragment"), ("We need another month.", "Dana Whitfield", "speech")],
        ),
        (  # a list of quoted titles is no quotation whose cue was lost
            "Whitfield named “Tide Runners,” “Kestrel Point,” “Salt Fever” and “Dock Nine” as her favourite shows.",
            [("Tide Runners,", None, "scare"), ("Kestrel Point,", None, "scare"), ("Salt Fever", None, "scare"),
             ("Dock Nine", None, "scare")],
        ),
        (  # a title opening the answer: still one split quotation
            "Whitfield named a favourite. “‘Tide Runners,’” she said, “although I missed the last season!”",
            [("‘Tide Runners,’ although I missed the last season!", "Dana Whitfield", "speech")],
        ),
        (  # the word yelled is said, and the sentence's subject shouts the next
            "Several bystanders yelled “Hypocrites” at Whitfield and shouted: “Go home to your families.”",
            [("Hypocrites", "Several bystanders", "fragment"), ("Go home to your families.", "Several bystanders", "speech")],
        ),
    ],
)
def test_a_title_or_term_in_the_sentence_is_not_joined_to_the_next_quotation(sentence: str, expected: list[tuple]) -> None:
    quotes = extract_quotes(INTRO + sentence)
    assert [(q.text, q.speaker_name or q.speaker, q.kind) for q in quotes] == expected


@pytest.mark.parametrize(
    "sentence, speaker, cue",
    [
        # an -ing after a message noun is a participle: the one who issued the message speaks
        ("Harborton Mayor Tomas Vale issued a statement saying: “We won the pier tonight and we thank you all.”",
         "Harborton Mayor Tomas Vale", "saying"),
        ("Tomas Vale released a statement saying the pier “does not have the capacity to take every ferry.”",
         "Tomas Vale", "saying"),
        # (a sign held up is its bearer's: test_a_sign_or_website_shown_is_its_bearers)
        ("Ines Kowal held up a sign saying “Piers against Vale, because we have seen this before.”", "Ines Kowal", "saying"),
        # an -ing after an adjective and a determiner is still no verb
        ("Ines Kowal, a creative writing professor, said the pier was “a disgrace to the whole town.”", "Ines Kowal", "said"),
        # 'succeed' is no past tense: the participle's subject is the president, not the subject of 'succeed'
        ("The president left no doubt of his commitment to helping Ms. Kowal succeed him, saying that “there has "
         "never been anyone more qualified than Ines Kowal” to run the pier.", "The president", "saying"),
    ],
)
def test_a_participle_after_a_message_noun_and_no_past_tense_in_eed(sentence: str, speaker: str, cue: str) -> None:
    (quote,) = extract_quotes("The pier opened on Monday.\n" + sentence)
    assert (quote.speaker, quote.cue) == (speaker, cue)


@pytest.mark.parametrize(
    "sentences, expected",
    [
        (  # a question put to someone is not theirs, and the answer after it is no second part of it
            "Mary Kowal was asked, “Would you have told her it is not a good idea?” She answered, “I have no idea.”",
            [("Would you have told her it is not a good idea?", None, "asked"), ("I have no idea.", "Mary Kowal", "answered")],
        ),
        (  # the asker 'by' names asks it
            "John Vale was asked by Mary Kowal: “Is the pier late?” He said: “No, it is not late at all.”",
            [("Is the pier late?", "Mary Kowal", "asked"), ("No, it is not late at all.", "John Vale", "said")],
        ),
        (  # the question first, the passive after it
            "“Is the pier late?” John Vale was asked. “No, not at all,” he said.",
            [("Is the pier late?", None, "asked"), ("No, not at all,", "John Vale", "said")],
        ),
        (  # the one told hears the words
            "The harbour court was told the pilot was “a danger to every ferry in the bay.”",
            [("a danger to every ferry in the bay.", None, "told")],
        ),
        (  # and another verb of the sentence may still name who spoke them
            "The harbour court was told the pilot had shouted “go back to where you came from” at the ferry.",
            [("go back to where you came from", "the pilot", "shouted")],
        ),
        (  # one told in a clause of the sentence still speaks its main clause
            "After being told to leave, John Vale said the pier was “a disgrace to the whole town.”",
            [("a disgrace to the whole town.", "John Vale", "said")],
        ),
        (  # an exclamation its cue introduces ends there: the next sentence's subject did not say it
            "John Vale emailed Mary Kowal, telling her, “you are a star player and we need you!” She replied that it was "
            "an “honor to serve the whole town.”",
            [("you are a star player and we need you!", "John Vale", "emailed"), ("honor to serve the whole town.", "Mary Kowal", "replied")],
        ),
        (  # with no cue before it, the one named after a question still says it
            "“Too forced?” John Vale tweeted when the council ended its debate.",
            [("Too forced?", "John Vale", "tweeted")],
        ),
    ],
)
def test_a_question_put_to_someone_and_one_its_cue_introduces(sentences: str, expected: list[tuple]) -> None:
    quotes = extract_quotes("Mary Kowal and John Vale met at the pier.\n" + sentences)
    assert [(q.text, q.speaker_name or q.speaker, q.cue) for q in quotes] == expected


@pytest.mark.parametrize(
    "sentences, expected",
    [
        (  # a nickname inside a name is no quotation, and the person is named without it
            'Harborton weaver Marta "Pip" Olander carried a banner. "I cried the whole way," she said.',
            [("I cried the whole way,", "she", "Marta Olander", "said")],
        ),
        (  # the answer after the cue keeps its speaker, named after a description and a title, before a party
            '"This is a big night for our next mayor, Dana Kell!" Kell\'s cousin, state Del. Rhoda "Ro" Bexley '
            '(D-Hampton), shouted to the crowd. "The city is watching. We have her back."',
            [
                ("This is a big night for our next mayor, Dana Kell!", "Del. Rhoda Bexley", "Rhoda Bexley", "shouted"),
                ("The city is watching. We have her back.", "Del. Rhoda Bexley", "Rhoda Bexley", None),
            ],
        ),
        (  # curly marks, the surname alone after
            "Former ranger Tomas “Tig” Warrell found both issues disqualifying. “She goes home,” Warrell stated.",
            [("She goes home,", "Warrell", "Tomas Warrell", "stated")],
        ),
        (  # single marks, as British papers print them; the named speaker printed without the nickname
            "'We held the line,' said Bill 'Mad Dog' Tarrant, 52.",
            [("We held the line,", "Bill Tarrant", "Bill Tarrant", "said")],
        ),
        (  # a nickname quoted inside a quotation is printed as it was
            '"I met Joe "Bud" Tarrant at the pier," said Mary Kowal.',
            [('I met Joe "Bud" Tarrant at the pier,', "Mary Kowal", "Mary Kowal", "said")],
        ),
    ],
)
def test_a_nickname_inside_a_name_is_part_of_the_name(sentences: str, expected: list[tuple]) -> None:
    quotes = extract_quotes("The pier opened on Monday.\n" + sentences)
    assert [(q.text, q.speaker, q.speaker_name, q.cue) for q in quotes] == expected


@pytest.mark.parametrize(
    "text, masked",
    [
        ('Mary "Pip" Olander spoke.', 'Mary       Olander spoke.'),  # a given name first
        ("George W. “Dubya” Tarrant spoke.", "George W.         Tarrant spoke."),  # an initial
        ("The squad.\n\nBill 'Mad Dog' Tarrant spoke.", "The squad.\n\nBill           Tarrant spoke."),  # a line's first
        ("Read \"How It Works\" Magazine", "Read \"How It Works\" Magazine"),  # a title-case heading
        ('Cells That "Taste" Danger', 'Cells That "Taste" Danger'),
        ('Submit "Take Your Best Shot" Photo', 'Submit "Take Your Best Shot" Photo'),
        ('He said "Yes" Monday.', 'He said "Yes" Monday.'),  # a lower-case word is no first name
        ('Marta "Pip," Olander said.', 'Marta "Pip," Olander said.'),  # a quotation's comma
        ('Marta "Pip’ Olander', 'Marta "Pip’ Olander'),  # marks that do not pair
    ],
)
def test_mask_nicknames_blanks_only_a_nickname_between_first_name_and_surname(text: str, masked: str) -> None:
    assert mask_nicknames(text) == masked
    assert len(mask_nicknames(text)) == len(text)


@pytest.mark.parametrize(
    "cue",
    [
        "Kell's cousin, state Del. Rhoda Bexley, said.",  # a title's full stop ends no sentence
        "Kell's cousin, Rhoda Bexley (D-Hampton), said.",  # a party and state after the apposed name
        "Kell's cousin, state Del. Rhoda Bexley (D-Hampton), said.",
    ],
)
def test_the_name_in_apposition_to_a_description_after_a_title_or_before_a_parenthesis(cue: str) -> None:
    (quote,) = extract_quotes('"We won the night, friends," ' + cue)
    assert quote.speaker_name == "Rhoda Bexley"


@pytest.mark.parametrize(
    "sentence, speaker, cue",
    [
        # the words in the complement of an owned noun for speech are its owner's, further on than right after it
        ("Mayor Ines Kowal blamed the press for Tobin Marsh's claim that the council “sold the pier” to a ferry firm.",
         "Tobin Marsh", "claim"),
        ("The council was shaken by Tobin Marsh's conclusion that its members were “extremely careless.”",
         "Tobin Marsh", "conclusion"),
        ("Tobin Marsh's campaign slogan is “Piers for all.”", "Tobin Marsh", "slogan"),
        ("Marsh's catch phrase in that race against Kowal was that Kowal “would say anything to win.”", "Marsh", "catch phrase"),
        ("Tobin Marsh won partly because of Ines Kowal's patronizing suggestion at a debate that he was “likable enough.”",
         "Ines Kowal", "suggestion"),
        ("Judge Lind called Tobin Marsh's assertion of a “claim of right” over the pier “disturbing.”", "Tobin Marsh", "assertion"),
        # 'his' and 'her': the person of that sex the sentence names before, not one a determiner makes a modifier
        ("As the debate went on, Tobin Marsh stood by his comment Monday that “piers hate us,” to jeers.", "Tobin Marsh", "comment"),
        ("Ines Kowal, a Marsh supporter, stirred anger with her remark that “there is a special place for quitters.”",
         "Ines Kowal", "remark"),
    ],
)
def test_the_complement_of_an_owned_noun_for_speech_is_the_owners(sentence: str, speaker: str, cue: str) -> None:
    quotes = [q for q in extract_quotes("The pier opened on Monday.\n" + sentence) if q.kind == "fragment"]
    assert (quotes[0].speaker, quotes[0].cue) == (speaker, cue)


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        # a verdict on the words is said of them: the one who says it
        ("Spokeswoman Ines Kowal said that Tobin Marsh's claim that the pier is unsafe is “simply not true.”", "Spokeswoman Ines Kowal"),
        ("In a statement, the council said that Marsh's description was “false.”", "the council"),
        # the words a describer calls them
        ("Tobin Marsh's remark in 2008 describing Ines Kowal's statement that she opposed the pier as “the biggest fairy "
         "tale I have seen.”", "Tobin Marsh's remark"),
        # another speaker's verb between
        ("Tobin Marsh's claim that Ines Kowal said the pier was “rotten” drew jeers.", "Ines Kowal"),
        # a verb, not a noun: the plan promises
        ("Her economic plan promises to “lift up every harbour town.”", "Her economic plan"),
    ],
)
def test_no_owner_for_words_said_of_an_owned_noun_or_by_another_verb(sentence: str, speaker: str) -> None:
    quotes = [q for q in extract_quotes("The pier opened on Monday.\n" + sentence) if q.kind != "scare"]
    assert quotes[0].speaker == speaker


@pytest.mark.parametrize(
    "sentence, speaker, cue",
    [
        # an -s word before a reporting verb is a plural noun, and before an auxiliary too where no listed verb is
        ("Multiple news reports said the mayor was “furious.”", "Multiple news reports", "said"),
        ("Federal dock unions have long campaigned against contractors doing jobs that are “inherently public.”",
         "Federal dock unions", None),
        # not after a pronoun, nor a verb before an auxiliary of the clause it governs
        ("What Marsh claims are “lies,” Kowal said.", "Kowal", "said"),
        ("Closures are a trend the foundation predicts will go on “for the next few years.”", "the foundation", "predicts"),
    ],
)
def test_a_plural_noun_before_a_verb_is_no_verb(sentence: str, speaker: str, cue: str) -> None:
    (quote,) = extract_quotes("The pier opened on Monday.\n" + sentence)
    assert (quote.speaker, quote.cue) == (speaker, cue)


def test_his_after_a_sentence_opened_on_his_is_not_the_name_between() -> None:
    text = ("Tobin Marsh spoke to the Gazette about Jeffrey Lind.\nAll his care to end his friendship with Lind contradicts "
            "his claim in the same interview that the pair were “not close”.")
    quote = next(q for q in extract_quotes(text) if q.text.startswith("not close"))
    assert quote.speaker_name == "Tobin Marsh"


@pytest.mark.parametrize(
    "story, speaker",
    [
        # the pair leads the sentence before: 'him' and 'his' are the one man named after them
        ("Mr. Lind and Mr. Vale, who have been rivals for years, teamed up against Mr. Marsh. They were hard on him over "
         "his comments that he would be a “neutral guy” on the pier.", "Tobin Marsh"),
        ("Mr. Lind and Mr. Vale spoke at the pier with Mr. Marsh. Later he noted that it was “a fine day for it.”",
         "Tobin Marsh"),
        # two others named after the pair, or none: one of the pair, as before
        ("Mr. Lind and Mr. Vale, who have been rivals for years, spoke of Tobin Marsh and Abel Roe. Later he noted that it "
         "was “a fine day for it.”", "Jeffrey Lind"),
        ("Mr. Lind and Mr. Vale spoke at the pier on Monday. Later he noted that it was “a fine day for it.”",
         "Oren Vale"),
    ],
)
def test_a_pronoun_after_a_pair_is_the_one_other_named(story: str, speaker: str) -> None:
    text = "Jeffrey Lind, Oren Vale, Tobin Marsh and Abel Roe came to the pier.\n" + story
    quote = next(q for q in extract_quotes(text) if q.kind in ("fragment", "speech"))
    assert quote.speaker_name == speaker


def test_his_opening_the_last_item_of_a_list_is_the_first_items_owner() -> None:
    text = ("Tobin Marsh and Jeffrey Lind met on Monday.\nLind and his aides will attack with the arguments they trust: "
            "Marsh's seizures of piers, the 1999 admission that he was “very pro-ferry,” and his confusing argument in "
            "favor of “free tolls” for all.")
    quote = next(q for q in extract_quotes(text) if q.text.startswith("free tolls"))
    assert (quote.speaker_name, quote.cue) == ("Tobin Marsh", "argument")


@pytest.mark.parametrize(
    "sentence, quoted, speaker, cue",
    [
        # a participle clause going on from a named person's participle is that person's, not the sentence subject's
        ("I'm old enough to remember Mayor Tobin Marsh going on the radio on May 2, 1981, declaring a “war on rust” "
         "against the ferry firms, and telling listeners that “we need to build piers.”", "war on rust", "Mayor Tobin Marsh",
         "declaring"),
        ("I'm old enough to remember Mayor Tobin Marsh going on the radio on May 2, 1981, declaring a “war on rust” "
         "against the ferry firms, and telling listeners that “we need to build piers.”", "we need", "Mayor Tobin Marsh",
         "telling listeners"),
        # a verb between: not the named participle's subject
        ("Ines Kowal recalled Tobin Marsh going on the radio, and she said on Monday, adding that it was “a mistake.”",
         "a mistake", "Ines Kowal", "recalled"),
    ],
)
def test_a_participle_going_on_from_a_named_persons_participle(sentence: str, quoted: str, speaker: str, cue: str) -> None:
    quote = next(q for q in extract_quotes("The pier opened on Monday.\n" + sentence) if q.text.startswith(quoted))
    assert (quote.speaker, quote.cue) == (speaker, cue)


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        # a website, a sign or a banner put up or carried: who put it up or carries it speaks
        ("The Pierwatch campaign on Tuesday released a parody website asking for a “ferry to nowhere” wing of the pier.",
         "The Pierwatch campaign"),
        ("Ines Kowal held up a sign saying “Piers for people.”", "Ines Kowal"),
        ("About 200 dockers were waving banners saying “No more tolls.”", "dockers"),
        # a sign no one is said to carry speaks for itself, as before
        ("At the gate a sign saying “Keep out” hung from the fence.", "a sign"),
        # done by someone another moved to do it: the one who does it, not the mover
        ("Kowal called the ferry firms lazy. This prompted the tabloid to do a cover saying “Sail, Kowal!” on Friday.",
         "the tabloid"),
        ("The Pier Herald decided to do a cover saying “Sail, Kowal!” on Friday.", "The Pier Herald"),
    ],
)
def test_a_sign_or_website_shown_is_its_bearers(sentence: str, speaker: str) -> None:
    quote = next(q for q in extract_quotes("The pier opened on Monday.\n" + sentence))
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        "The ad shows an empty pier. “Where is Tobin Marsh? He skipped the vote,” a voice over says as the tide comes in.",
        "The 30 second ad ends with a voice over saying: “Tolls for ferries. Cash for himself. Can Pierton trust Marsh?”",
    ],
)
def test_a_voice_over_is_a_noun(text: str) -> None:
    # 'over' after 'voice' is part of the noun, not a preposition ending the phrase before the verb
    (quote,) = extract_quotes(text)
    assert quote.speaker == "a voice over"


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        # an occasion its owner opens or ends with words is the verb's object: the verb's subject speaks
        ("Ines Kowal started out their third debate saying “of course” Marsh can run the pier.", "Ines Kowal"),
        ("Tobin Marsh ended his speech saying “the tolls will go.”", "Tobin Marsh"),
        # not an occasion: what carries words speaks, as before
        ("Ines Kowal started their campaign with a letter saying “the tolls will go.”", "a letter"),
    ],
)
def test_an_occasion_opened_with_words_is_its_openers(sentence: str, speaker: str) -> None:
    (quote,) = extract_quotes("The pier opened on Monday.\n" + sentence)
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    "sentence, speaker_name",
    [
        # a participle after a clause ending an occasion says how it ended: the one who ended it speaks
        ("“Too cute?” He tweeted when Ines Kowal ended a pier debate last May with a nod to a hit film, remarking, "
         "“Good night, and mind the tide.”", "Ines Kowal"),
        # a reporting verb after the occasion's clause: its subject, as before
        ("“Too cute?” He tweeted when Ines Kowal ended a pier debate last May, and he said he laughed, remarking, "
         "“Good night, and mind the tide.”", "Tobin Marsh"),
        # not an occasion: the reporting verb's subject, as before
        ("“Too cute?” He tweeted when Ines Kowal ended her career last May with a nod to a hit film, remarking, "
         "“Good night, and mind the tide.”", "Tobin Marsh"),
    ],
)
def test_a_participle_after_an_occasion_ended_is_its_enders(sentence: str, speaker_name: str) -> None:
    quotes = extract_quotes("Tobin Marsh often mocks his rival online.\n" + sentence)
    assert quotes[-1].speaker_name == speaker_name


@pytest.mark.parametrize(
    "sentence, speaker_name",
    [
        # a registered outlet whose name ends in a role word is the outlet, not the last person named
        ("Yet coverage was merciless: The New Hampshire Union Leader said Mr. Kowal had been “rocked” by Mr. Marsh.",
         "New Hampshire Union Leader"),
        # a role in capitals is still the person who holds it
        ("Later the Senate Majority Leader said the bill was “rocked” by Mr. Marsh.", "Tobin Marsh"),
    ],
)
def test_an_outlet_named_with_a_role_word_is_the_outlet(sentence: str, speaker_name: str) -> None:
    text = "Senate Majority Leader Tobin Marsh hit Ben Kowal hard in the debate.\n" + sentence
    (quote,) = extract_quotes(text)
    assert quote.speaker_name == speaker_name


def test_a_pronoun_after_a_pair_of_both_sexes_is_its_one_of_that_sex() -> None:
    text = ("Ines Kowal, Jeffrey Lind and the singer Tas Owen came to the pier.\nMs. Kowal and Mr. Lind, the cousin of the "
            "singer Tas Owen, had planned to move there, and she said: “We will still go.”")
    (quote,) = extract_quotes(text)
    assert quote.speaker_name == "Ines Kowal"


@pytest.mark.parametrize(
    "sentence, speaker, speaker_name",
    [
        # words read back as the speaker stop at a clause's verb: its subject speaks
        ("Senator Tobin Marsh lost the vote. The Pierton senator emailed supporters saying: “The tide turns.”",
         "The Pierton senator", "Tobin Marsh"),
        ("Mr. Marsh attacked Ines Kowal. Kowal’s campaign shrugged off Marsh’s comments, telling reporters, “Nobody on her "
         "team ever asked for his endorsement.”", "Kowal’s campaign", None),
        ("On Tuesday, Mr. Tobin Marsh deflected numerous questions about the pier before saying, “It is time to stop "
         "attacking the ferry crews.”", "Mr. Tobin Marsh", "Tobin Marsh"),
        ("A harbour authority report issued on Monday said the pier was “unsafe for any vessel.”",
         "A harbour authority report", None),
        # a name after the verb that an infinitive follows does what the infinitive says
        ("Tobin Marsh runs the ferry line. Amid criticism, dropping fares allowed Marsh to claim that the line wants to "
         "be “a service that feels much less crowded.”", "Marsh", "Tobin Marsh"),
        # a modifier after a determiner, an owner or an adverb is no verb
        ("An unnamed official said the pier was “unsafe for any vessel.”", "An unnamed official", None),
        ("Kowal’s embattled campaign said the pier was “unsafe for any vessel.”", "Kowal’s embattled campaign", None),
        ("The newly elected mayor said the pier was “unsafe for any vessel.”", "The newly elected mayor", None),
    ],
)
def test_a_clause_is_no_speaker_its_subject_is(sentence: str, speaker: str, speaker_name: str | None) -> None:
    quotes = extract_quotes("The pier closed on Monday.\n" + sentence)
    assert (quotes[-1].speaker, quotes[-1].speaker_name) == (speaker, speaker_name)


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        # a part of a group named before 'of' speaks: the part with its group, not the whole group
        ("About 40 percent of Pierton voters said the pier was “a waste of money.”", "About 40 percent of Pierton voters"),
        ("Only 61 per cent of ferry users said the timetable was “good enough.”", "Only 61 per cent of ferry users"),
        ("The vast majority of residents say the pier is “a waste of money.”", "The vast majority of residents"),
        ("Most of the fishermen said the pier was “a waste of money.”", "Most of the fishermen"),
        ("Two-thirds of the councillors said the pier was “a waste of money.”", "Two-thirds of the councillors"),
        ("The share of residents saying “the pier must go” rose by 12 points.", "The share of residents"),
        ("An average of 10 percent of registered voters reported “no opinion” on the pier.",
         "An average of 10 percent of registered voters"),
        ("The pier, which 40 percent of voters called “a waste of money,” closed.", "40 percent of voters"),
        ("Some of the fishermen said the pier was “a waste of money.”", "Some of the fishermen"),
        ("“It was awful,” one of the witnesses said.", "one of the witnesses"),
        ("“There won’t be a ferry,” said one of those advisers, who spoke on the condition of anonymity.",
         "one of those advisers"),
        ("“It was awful,” said one of Marsh’s aides.", "one of Marsh’s aides"),
        # not a part: the group or the person, as before
        ("The driver of the ferry said the pier was “a waste of money.”", "The driver"),
        ("Critics of the pier said it was “a waste of money.”", "Critics"),
    ],
)
def test_a_part_of_a_group_speaks_with_its_group(sentence: str, speaker: str) -> None:
    # (an apposition 'one of the ...' after a name leaves the name the speaker:
    # test_an_apposed_part_leaves_the_name_the_speaker)
    quotes = extract_quotes("The pier closed on Monday.\n" + sentence)
    assert (quotes[-1].speaker, quotes[-1].speaker_name) == (speaker, None)


@pytest.mark.parametrize(
    "paragraph, words, speaker_name",
    [
        # a closing mark typed for the opening one at a paragraph's start opens the quote
        ("”Mr. Marsh embodies the worst of Pierton,” wrote Ines Kowal.", "Mr. Marsh embodies the worst of Pierton,",
         "Ines Kowal"),
        ("” … in the case of the pier, the vote is lost,” wrote Ines Kowal.", "… in the case of the pier, the vote is lost,",
         "Ines Kowal"),
        ("” ... in the case of the pier, the vote is lost,” wrote Ines Kowal.",
         "... in the case of the pier, the vote is lost,", "Ines Kowal"),
        # after an invisible direction mark pasted from a comment thread
        ("\u202a”Sorry Tobin, you should have voted no!!” posted Ines Kowal.", "Sorry Tobin, you should have voted no!!",
         "Ines Kowal"),
    ],
)
def test_a_closing_mark_opening_a_paragraph_opens_a_quote(paragraph: str, words: str, speaker_name: str) -> None:
    (quote,) = extract_quotes("Readers answered the mayor.\n" + paragraph + "\nThe pier closed.")
    assert (quote.text, quote.speaker_name) == (words, speaker_name)


def test_a_closing_mark_with_an_ellipsis_inside_a_line_still_closes() -> None:
    (quote,) = extract_quotes("Ines Kowal said the pier was “a waste” … and the vote ended.")
    assert quote.text == "a waste"


@pytest.mark.parametrize(
    "paragraph, words",
    [
        # one opening mark typed twice opens one quote
        ("\"“You don’t win the pier vote by the wards you win,” Ines Kowal responded.",
         "You don’t win the pier vote by the wards you win,"),
        ("““You don’t win the pier vote by the wards you win,” Ines Kowal responded.",
         "You don’t win the pier vote by the wards you win,"),
    ],
)
def test_an_opening_mark_typed_twice_opens_one_quote(paragraph: str, words: str) -> None:
    (quote,) = extract_quotes("The vote was close.\n" + paragraph + "\nThe pier closed.")
    assert (quote.text, quote.speaker_name) == (words, "Ines Kowal")


@pytest.mark.parametrize(
    "sentence, kind",
    [
        # a term named by a passive naming verb with no agent is no one's words
        ("Doctors hope to harness what’s today typically called “harbor medicine” in Pierton.", "scare"),
        ("The patient was diagnosed with what is called “ferry lung,” a rare illness.", "scare"),
        ("Both oppose a toll formula called the “chained fare” that would raise prices.", "scare"),
        ("At the last minute, a sample came in called “Pier Lights” and it stayed.", "scare"),
        # the subject of an active naming verb still speaks
        ("A spokesman called “the vote a disgrace.”", "fragment"),
        ("Ines Kowal said the pier was what she called “a waste of money.”", "fragment"),
    ],
)
def test_a_term_named_with_no_one_naming_it_is_a_scare_quote(sentence: str, kind: str) -> None:
    quotes = extract_quotes("The pier closed on Monday.\n" + sentence)
    assert quotes[-1].kind == kind


@pytest.mark.parametrize(
    "sentence, speaker, speaker_name",
    [
        # words read back as the speaker stop at a present tense that is no plural noun: its subject speaks
        ("Ines Kowal accuses Tobin Marsh of running a “fiction-filled campaign” for the pier.", "Ines Kowal", "Ines Kowal"),
        ("Kowal’s letter makes a plain case: “Pierton cannot afford the pier.”", "Kowal’s letter", None),
        ("The group seeks to stop the pier through what it calls “sensible harbour laws.”", "The group", None),
        # a plural noun after a name is no verb
        ("Pierton voters said the pier was “a waste of money.”", "Pierton voters", None),
    ],
)
def test_a_present_tense_clause_is_no_speaker_its_subject_is(sentence: str, speaker: str, speaker_name: str | None) -> None:
    quotes = extract_quotes("Tobin Marsh wants a new pier.\n" + sentence)
    assert (quotes[-1].speaker, quotes[-1].speaker_name) == (speaker, speaker_name)


@pytest.mark.parametrize(
    "paragraph, cue, speaker_name",
    [
        # 'commented' reports, as 'remarked' does; 'comments' only opening the words after a quote, before a name
        ("A friend of the mayor, Ines Kowal, commented: “The pier is finished.”", "commented", "Ines Kowal"),
        ("“We are truly excited about the pier,” comments Ines Kowal of the harbour board.", "comments", "Ines Kowal"),
        # the noun is no cue
        ("Ines Kowal defended her comments. “The pier is finished,” she said.", "said", "Ines Kowal"),
    ],
)
def test_comment_verbs_are_cues(paragraph: str, cue: str, speaker_name: str) -> None:
    quotes = extract_quotes("The pier closed on Monday.\n" + paragraph)
    assert (quotes[-1].cue, quotes[-1].speaker_name) == (cue, speaker_name)


def test_an_apposed_part_leaves_the_name_the_speaker() -> None:
    # ('states' is a reporting verb too: the words before it, 'one of the', name no one)
    text = ("The pier closed.\n“It is an invasion of the harbour,” Ines Kowal, the attorney general of Kent, one of the "
            "states suing the board, said on Monday.")
    (quote,) = extract_quotes(text)
    assert quote.speaker_name == "Ines Kowal"


ANALYST = "“The pier will close,” said Orrel Quint, a harbour analyst.\n"  # a first name the lists give no sex


@pytest.mark.parametrize(
    "story, speaker",
    [
        # 'she' for one of no known sex: the woman leading a later sentence, not one it names after her
        (ANALYST + "On Monday, Ines Okafor criticized harbour officer Marta Bell for closing the pier. “This is "
         "unbearable,” she said.", "Ines Okafor"),
        # no one spoke before: the one leading the sentence that names the last one named
        ("On Monday, Ines Okafor criticized harbour officer Helga Brandt for fining Orrel Quint, a ferry captain. “This "
         "is unbearable,” she said.", "Ines Okafor"),
        # the sentence's own subject first, then its opening clause's
        (ANALYST + "At a Helga Brandt campaign rally, Ines Okafor stayed silent. “It is a waste,” she said.", "Ines Okafor"),
        (ANALYST + "When Jeffrey Marsh visited his editor Ines Okafor at her office, he would leave notes. “Life was "
         "short,” she recalled.", "Ines Okafor"),
        # the referent stays: a sentence led by 'she' or by the referent, or naming her as a modifier
        (ANALYST + "She said she would rather see the money spent on Ines Okafor's ferry. “It is a waste,” she said.",
         "Orrel Quint"),
        (ANALYST + "Given that she could win, Ines Okafor's plan deserves a look. “It is a waste,” she said.", "Orrel Quint"),
        (ANALYST + "On Monday, Quint met Ines Okafor on the pier. “It is a waste,” she said.", "Orrel Quint"),
        (ANALYST + "On Monday, the Ines Okafor campaign stayed silent. “It is a waste,” she said.", "Orrel Quint"),
        # nor the pronoun's own sentence, nor the owners named before the referent in its own
        (ANALYST + "Choosing between Ines Okafor and Tobin Marsh is “a false choice,” she said.", "Orrel Quint"),
        ("The letter to Ines Okafor's office came from Orrel Quint, a ferry captain. “I am concerned,” she wrote.",
         "Orrel Quint"),
    ],
)
def test_a_pronoun_for_someone_of_no_known_sex_is_one_of_its_sex_leading_a_later_sentence(story: str, speaker: str) -> None:
    quote = next(q for q in extract_quotes("The pier.\n" + story) if q.speaker == "she")
    assert quote.speaker_name == speaker


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        # 'As X, an apposition holding a quoted title, put it,': X, not the speaker before
        ("As Ines Okafor, professor of maritime law at Harborton and author of ''The Unwritten Pier,'' put it, "
         "''Councillors should remember that a compromise today may be far better.''", "Ines Okafor"),
        ("As Ines Okafor, professor of maritime law at Harborton and author of “The Unwritten Pier,” put it, "
         "“Councillors should remember that a compromise today may be far better.”", "Ines Okafor"),
        ("As Ms. Okafor, the author of “The Unwritten Pier,” puts it: “Councillors should remember that a compromise "
         "today may be far better.”", "Ms. Okafor"),
        # no title in the apposition: the verb's subject, as before
        ("As Ines Okafor, professor of maritime law at Harborton, put it, “Councillors should remember that a compromise "
         "today may be far better.”", "Ines Okafor"),
    ],
)
def test_as_someone_with_an_apposition_put_it(sentence: str, speaker: str) -> None:
    text = "Ines Okafor teaches at Harborton.\n“The pier is old,” said Tobin Marsh.\n" + sentence
    quote = next(q for q in extract_quotes(text) if q.text.startswith("Councillors"))
    assert (quote.speaker, quote.cue) == (speaker, "puts it" if "puts it" in sentence else "put it")


@pytest.mark.parametrize(
    "after, name",
    [
        # the description resolved to no one before: the one named first in the next sentence with its role
        ("The statement was attributed to Dr. Ines Okafor, though it reads like a press release.", "Ines Okafor"),
        ("Dr. Ines Okafor signed the statement, which Tobin Marsh released.", "Ines Okafor"),
        # not one printed without the role, nor one named before the description
        ("The statement was attributed to Ines Okafor, though it reads like a press release.", None),
        ("The statement was attributed to Dr. Rhoda Vane, though it reads like a press release.", None),
    ],
)
def test_a_description_is_the_one_the_next_sentence_introduces_with_its_role(after: str, name: str | None) -> None:
    text = ("Rhoda Vane treated the crew last year.\n"
            "According to her longtime personal physician, Mayor Marsh had “astonishingly excellent” results. " + after)
    (quote,) = [q for q in extract_quotes(text) if q.text.startswith("astonishingly")]
    assert (quote.speaker, quote.speaker_name) == ("her longtime personal physician", name)


@pytest.mark.parametrize(
    "after, speaker",
    [
        # the name before 'of' and a body whose name holds 'for' (and 'and' after it)
        ("Jeffrey Lewis of the Harborton Center for Nonproliferation Studies wrote in December.", "Jeffrey Lewis"),
        ("Jeffrey Lewis of Harborton's Center for Nonproliferation and Peace Studies wrote.", "Jeffrey Lewis"),
        ("Jeffrey Lewis of the Harborton Center wrote in December.", "Jeffrey Lewis"),
        # words running past 90 characters before the verb when an institution's name ends them
        ("harbour experts David Albright and Serena Kelleher-Vane of Harborton's Institute for Science and Port Security "
         "wrote in September.", "Serena Kelleher-Vane"),
        # as before: two people joined by 'and', one named before the place
        ("Ines Okafor and Tobin Marsh said.", "Tobin Marsh"),
        ("Ines Okafor of Harborton and Tobin Marsh said.", "Tobin Marsh"),
    ],
)
def test_a_name_before_of_and_a_body_named_with_for(after: str, speaker: str) -> None:
    (quote,) = extract_quotes("The pier.\n“A staged weapon would seem to be a stretch,” " + after)
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    "story, speaker",
    [
        # a description the apposition after it names by a pair: the last of the pair, as 'A and B said' is
        ("The mayor lost.\nMayor Kell's biographers, Dana and Jeanne Whitfield, wrote that Kell \"had a tin ear.\"",
         "Jeanne Whitfield"),
        ('The vote was lost.\n"He had a tin ear," Henry Kell\'s biographers, David and Jeanne Whitfield, wrote.',
         "Jeanne Whitfield"),
        ('The vote was lost.\n"He had a tin ear," the mayor\'s lawyers, Ines Okafor and Tobin Marsh, said.', "Tobin Marsh"),
        # as before: one person named in apposition, or a pair of surnames no one is named by in full
        ('The vote was lost.\n"He had a tin ear," the mayor\'s lawyer, Tobin Marsh, said.', "Tobin Marsh"),
        ('The vote was lost.\n"He had a tin ear," the mayor\'s lawyers, Okafor and Marsh, said.', "the mayor's lawyers"),
    ],
)
def test_a_description_named_by_a_pair_in_apposition(story: str, speaker: str) -> None:
    (quote,) = extract_quotes(story)
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        # an apposition whose closing comma is missing: the person it describes, not the body nor the role
        ("Anthony Ekwe, president and CEO of Harborton Restaurant Association stated, “It’s a math problem.”",
         "Anthony Ekwe"),
        ("Anthony Ekwe, president of the Harborton Restaurant Association stated, “It’s a math problem.”",
         "Anthony Ekwe"),
        ("Anthony Ekwe, executive director of Harbour Trust said, “It’s a math problem.”", "Anthony Ekwe"),
        # as before: the apposition closed, or a subject after it that is someone's name
        ("Anthony Ekwe, president and CEO of Harborton Restaurant Association, stated, “It’s a math problem.”",
         "Anthony Ekwe"),
        ("Speaking of Tobin Marsh, chairman of Harbour Trust Anthony Ekwe said, “It’s a math problem.”", "Anthony Ekwe"),
    ],
)
def test_an_apposition_missing_its_closing_comma(sentence: str, speaker: str) -> None:
    (quote,) = extract_quotes("The pier.\nTobin Marsh and Anthony Ekwe met.\n" + sentence)
    assert quote.speaker_name == speaker


@pytest.mark.parametrize(
    "sentence, speaker, cue",
    [
        # 'repeated', 'cut in' and 'broke in' are cues: the next speaker's, not a split quotation's second part
        ('"Well, yes. I am going to look at a lot of people..." Okafor said. "Grizzly Adams?" Marsh repeated.',
         "Marsh", "repeated"),
        ("“Tell her,” Okafor said.\n“Don’t forget Tom,” her husband cut in.", "her husband", "cut in"),
        ("“Tell her,” Okafor said.\n“Not now,” Tobin Marsh broke in.", "Tobin Marsh", "broke in"),
        ("“There are issues,” Shane Shook said.\nSpeaking at the pier, harbour spokesman Tobin Marsh repeated that the "
         "board opposed the plan.\nCritics should not wave around words like “maybe”, he told reporters.", "Tobin Marsh",
         "told reporters"),
    ],
)
def test_repeated_and_cutting_in_are_cues(sentence: str, speaker: str, cue: str | None) -> None:
    quote = extract_quotes("The pier.\n" + sentence)[-1]
    assert (quote.speaker_name or quote.speaker, quote.cue) == (speaker, cue)


@pytest.mark.parametrize(
    "words, verb",
    [
        ("Marsh repeated that the board opposed it", "repeated"),
        ("Marsh repeated accusations", "repeated"),
        # a passive 'repeated' is no one's verb: "Barrett's dictum (repeated to me over the years) was"
        ("his dictum (repeated to me over the years) was", None),
        ("an idea repeated by Marsh", None),
        ('Renn then repeated the idea of the "Harbor Effect."', None),
    ],
)
def test_a_passive_repeated_is_no_reporting_verb(words: str, verb: str | None) -> None:
    for pattern in (VERB_RE, ANY_VERB_RE):
        found = pattern.search(words)
        assert (found.group() if found else None) == verb


@pytest.mark.parametrize(
    "story, speakers",
    [
        # a straight mark after a comma and before a capital, no space on either side, closes an open quotation
        ('"Trump says different things to different audiences,"Ines Okafor, who is chairman of Harbour Pac said in a '
         'statement. "More and more, he is the kind of politician voters fear."', ["Ines Okafor", "Ines Okafor"]),
        ('"The pier will sink,"Okafor said. "It is old."', ["Okafor"]),  # (one quotation split by its cue)
        # and opens one when none is open, as before
        ('Okafor said,"It will rain." Then she left.', ["Okafor"]),
    ],
)
def test_a_closing_mark_with_no_space_before_a_name(story: str, speakers: list[str]) -> None:
    quotes = extract_quotes("The pier.\n" + story)
    assert [quote.speaker for quote in quotes] == speakers


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        # a description of one person by two roles joined with 'and': the whole description
        ("The influential delegate and conservative activist, who backs Marsh, warned of a “ferocious” battle ahead.",
         "The influential delegate and conservative activist"),
        ("The longtime harbour pilot and union organiser warned of a “ferocious” battle ahead.",
         "The longtime harbour pilot and union organiser"),
        # a capitalised modifier before the first role
        ("The Harborton harbour pilot and former secretary warned of a “ferocious” battle ahead.",
         "The Harborton harbour pilot and former secretary"),
        ("The Democratic front-runner and former governor warned of a “ferocious” battle ahead.",
         "The Democratic front-runner and former governor"),
        # as before: two people, or a role and a name
        ("The mayor and her aides warned of a “ferocious” battle ahead.", "her aides"),
    ],
)
def test_a_description_by_two_roles(sentence: str, speaker: str) -> None:
    text = "The pier.\n“It’s not a political problem,” Ines Okafor said on Sunday.\n" + sentence
    quote = extract_quotes(text)[-1]
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    "opening, speaker",
    [
        # a noun the opening phrase names before its second participle is not the sentence's subject
        ("In an article posted on the harbour website, the Pier, and widely circulated online, ", "Shen Xincheng"),
        ("In an article posted on the harbour website, the Pier, and then reprinted, ", "Shen Xincheng"),
        # as before
        ("In an article posted on the harbour website, ", "Shen Xincheng"),
        ("", "Shen Xincheng"),
    ],
)
def test_a_noun_inside_an_opening_phrase_is_no_subject(opening: str, speaker: str) -> None:
    text = ('The pier.\n"The pier is old," Jun wrote.\n' + opening + "Shen Xincheng, a doctoral candidate at the "
            'Harborton Institute of Technology, urged people not to rush, even if observers see Marsh as "crazy."')
    quote = extract_quotes(text)[-1]
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    "sentence, speaker, cue",
    [
        # the subject of an absolute phrase ('with X -ing') holding the quotation speaks, not the main clause's
        ("Even after videos surfaced, the Okafor campaign has denied it happened, with Vane taking to Twitter to call "
         "Fields “totally delusional” for the accusation.", "Vane", "taking"),
        ("The attack sparked a debate over how the city responds to violence, with Senator John Kell telling reporters "
         "on Thursday he viewed Okafor as “directly responsible” for the attack.", "Senator John Kell", "telling reporters"),
        # as before: a sign's bearer, and a clause with no absolute phrase
        ("About 200 protesters gathered at the pier, with signs saying “Dump Marsh.”", "signs", "saying"),
        ("The Okafor campaign has denied it happened, calling the claim “totally delusional.”", "The Okafor campaign",
         "denied"),
    ],
)
def test_the_subject_of_an_absolute_phrase(sentence: str, speaker: str, cue: str) -> None:
    quote = extract_quotes("The pier.\n“It is fine,” Rick Vane said.\n" + sentence)[-1]
    assert (quote.speaker, quote.cue) == (speaker, cue)


@pytest.mark.parametrize(
    "sentence, speaker, cue",
    [
        # 'what X called "..."': X names the thing, not the subject of the clause after the quotation
        ("In 2009, under what Mr. Hedge called ''the prior economy model,'' the Marsh Landing Country Club, a private "
         "course, charged a fee.", "Mr. Hedge", "called"),
        ("The board has fought what Tobin Marsh calls “a rigged system,” Ines Okafor said.", "Tobin Marsh", "calls"),
        ("The board has fought what the mayor has called “a rigged system,” Ines Okafor said.", "the mayor", "has called"),
        # not a pronoun standing for a body, nor a thing: as before
        ("The group has fought for what it calls “sensible harbour laws,” Ines Okafor said.", "Ines Okafor", "said"),
    ],
)
def test_what_someone_called(sentence: str, speaker: str, cue: str) -> None:
    quote = extract_quotes("The pier.\n“It is fine,” Rick Vane said.\n" + sentence)[-1]
    assert (quote.speaker, quote.cue) == (speaker, cue)


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # a quote nested in the same double marks stays inside the quote around it
        ('Ines Kowal tweeted, "Witnesses say the driver shouted "Stop the ferry!" as he ran."',
         [("Witnesses say the driver shouted \"Stop the ferry!\" as he ran.", "Ines Kowal")]),
        ('"I do think a buyer who walks in and says, "I\'d like 10,000 tickets," is suspicious," Tobin Marsh said.',
         [("I do think a buyer who walks in and says, \"I'd like 10,000 tickets,\" is suspicious,", "Tobin Marsh")]),
        ("“The pier’s deal “has to do with the wards” and nothing else,” wrote Ines Kowal.",
         [("The pier’s deal “has to do with the wards” and nothing else,", "Ines Kowal")]),
        # as before: an opening mark whose quote never closes was stray; two quotes side by side stay two
        ('The "pier fund and "the wards" matter, Ines Kowal said.', [("the wards", "Ines Kowal")]),
        ('"The pier is lost," Ines Kowal said, and "the wards" agreed.', [("The pier is lost,", "Ines Kowal"), ("the wards", "Ines Kowal")]),
    ],
)
def test_a_quote_nested_in_the_same_double_marks_stays_inside(paragraph: str, expected: list[tuple]) -> None:
    quotes = extract_quotes("The pier closed.\n" + paragraph + "\nThe vote is on Monday.")
    assert [(quote.text, quote.speaker_name) for quote in quotes] == expected


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # a double-marked quote whose closing mark was lost ends with its paragraph after a cue
        ("More from Ines Kowal: “The pier is a starting point for the wards. The vote is another.",
         [("The pier is a starting point for the wards. The vote is another.", "Ines Kowal")]),
        # before a bracketed source at the paragraph's end
        ("More from Ines Kowal: “The pier is a starting point for the wards. The vote is another. [Courant.]",
         [("The pier is a starting point for the wards. The vote is another.", "Ines Kowal")]),
        # the second part of a split quote after its cue
        ("“The pier is no ordinary pier,” said Kowal. “Its history and its wards deserve the closest look.",
         [("The pier is no ordinary pier, Its history and its wards deserve the closest look.", "Kowal")]),
        ("“The pier is no ordinary pier,” Ines Kowal said. “Its history and its wards deserve the closest look.",
         [("The pier is no ordinary pier, Its history and its wards deserve the closest look.", "Ines Kowal")]),
        # as before: no cue before the mark, or no sentence ended, and the unclosed mark was stray
        ("The pier is “a starting point for the wards. The vote is another.", []),
        ("More from Ines Kowal: “The pier is a starting point for the wards and", []),
        # in double marks a quote going on with no mark is the commoner slip: a reporting verb's colon is not enough
        ("Ines Kowal said: “The pier is a starting point for the wards. The vote is another.", []),
    ],
)
def test_a_double_marked_quote_whose_closing_mark_was_lost(paragraph: str, expected: list[tuple]) -> None:
    quotes = extract_quotes("The pier closed.\n\n" + paragraph + "\n\nThe vote is on Monday.")
    assert [(quote.text, quote.speaker_name) for quote in quotes] == expected


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # an archive's ''...'' quote closing in parentheses, its closing marks printed as '.'
        ("(A port spokesman said that, ''At this point, any estimate of the vote is a passing snapshot.'.')",
         [("At this point, any estimate of the vote is a passing snapshot.", "A port spokesman")]),
        # a sentence opening with a parenthesis names its own speaker
        ("The board says its count found 2,400 piers, against Kowal's 1,864. (Kowal says it tracks 500 more ''ferry "
         "fortunes.'')", [("ferry fortunes.", "Kowal")]),
        ("The board says its count found 2,400 piers, against Kowal's 1,864. (Kowal says it tracks 500 more ''ferry "
         "fortunes.'.')", [("ferry fortunes.", "Kowal")]),
        # as before: an apostrophe and a full stop elsewhere close nothing
        ("The ferry's crew said it was ''the last run'' of the pier's season.", [("the last run", "The ferry's crew")]),
    ],
)
def test_an_archives_closing_marks_in_parentheses_and_a_sentence_opening_with_one(
    paragraph: str, expected: list[tuple]
) -> None:
    quotes = extract_quotes("The pier closed.\n\n" + paragraph + "\n\nThe vote is on Monday.")
    assert [(quote.text, quote.speaker) for quote in quotes] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # an active naming verb with its object before a term: its subject says the term
        ("There have been sharper remarks, such as when Kowal knocked Marsh on the pier and called him a “moderate,” a "
         "subtle dig.", ("fragment", "Kowal")),
        ("For instance: that Kowal also misjudged the harbour master, having referred to him as a “reformer.” They also "
         "cite the ferry.", ("fragment", "Kowal")),
        ('When Ms. Kowal tried to defend her remarks calling the harbour board "strong" when it closed the pier, she failed.',
         ("fragment", "Ms. Kowal")),
        # as before: a thing named, not its namer's words; a term no one is said to say
        ("Ines Kowal joined a group called the “Pier Friends” last year.", ("scare", None)),
        ("Ines Kowal knocked Marsh on the pier, a “moderate” man.", ("scare", None)),
    ],
)
def test_a_term_after_an_active_naming_verb_and_its_object_is_its_subjects(sentence: str, expected: tuple) -> None:
    (quote,) = extract_quotes("The pier closed on Monday.\n\n" + sentence)
    assert (quote.kind, quote.speaker) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a passive naming or verdict verb before the quote, its agent after: the agent's words
        ("While the wardens faced criticism for the long inquiry — often labeled as a “witch hunt” by Harborton "
         "Democrats — it seems Kowal is right.", ("fragment", "Harborton Democrats", "labeled")),
        ('The pier was branded "a disgrace" by Sen. Ines Kowal on Monday.', ("fragment", "Sen. Ines Kowal", "branded")),
        ('This feature of the board has been called "strategic ambiguity" by Tobin Marsh, a professor at Harborton.',
         ("fragment", "Tobin Marsh", "called")),
        ('The bill, dubbed "the Kowal rule" by its critics, passed.', ("fragment", "its critics", "dubbed")),
        ('Kowal visited the old prison, dubbed the "Harbor Hilton" by American servicemen held there.',
         ("fragment", "American servicemen", "dubbed")),
        ('The libel action was halted after the harbour tycoon was branded "the biggest crook in town" by his former head '
         "of security yesterday.",
         ("fragment", "his former head of security", "branded")),
        # as before: a term named with no agent is a scare quote; an active naming verb's subject says it
        ('The pier has been dubbed "salt alley" since the storm.', ("scare", None, None)),
        ('Kowal called the pier "a disgrace" by any measure.', ("fragment", "Kowal", "called")),
    ],
)
def test_the_agent_of_a_passive_naming_verb_says_the_term(sentence: str, expected: tuple) -> None:
    (quote,) = extract_quotes("The pier closed on Monday.\n\n" + sentence)
    assert (quote.kind, quote.speaker, quote.cue) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a work with its author as the subject: the whole phrase, not nobody
        ("A projection by the consulting firm Harbor Economics, prepared for the pier lobby, predicted that a “large "
         "number of workers” would lose pay.", "A projection by the consulting firm Harbor Economics"),
        ("A letter from the Harbor Legion obtained by The Associated Press warns that “any further talk will be through "
         "our lawyer.”", "A letter from the Harbor Legion obtained by The Associated Press"),
        ("In addition, a fundraising email sent out by Kowal on Tuesday night warned of the “tough fight ahead.”",
         "a fundraising email sent out by Kowal"),
        ("Meanwhile, a story by the website Harbor Watch says that “already more than a hundred wardens are poised to "
         "break with him.”", "a story by the website Harbor Watch"),
        # as before: a preposition's object that no work heads is no subject
        ("The crowd by the pier shouted “shame.”", "The crowd"),
    ],
)
def test_a_work_and_its_author_as_the_subject(sentence: str, expected: str) -> None:
    (quote,) = extract_quotes("The pier closed on Monday.\n\n" + sentence)
    assert quote.speaker == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # 'portray' and 'characterize' name a thing in the subject's words, as 'describe' does, in every form
        ("Long before Harborton officials started to portray the closure as a “workplace” issue, the pier was shut.",
         ("fragment", "Harborton officials", "portray")),
        ('The mayor has staked her term on the pier, portraying the wardens, in particular, as "vandals" and thieves.',
         ("fragment", "The mayor", "portraying")),
        ('Corporate lobbyists describe such work as "a different cup of tea" than the usual.',
         ("fragment", "Corporate lobbyists", "describe")),
        ('Kowal characterizes herself as a "change warrior" on the pier.', ("fragment", "Kowal", "characterizes")),
        # the subject of a relative clause whose words run on past a comma between two adjectives
        ("Marsh's gloomy tone was a contrast to the sunny introduction by his daughter Ines Marsh, who portrayed him as a "
         'generous, magnanimous executive who would be "the people\'s champion" on the pier.', ("fragment", "Ines Marsh", "portrayed")),
        # as before: a relative clause that a comma before a preposition closes is no speaker of the main clause's words
        ("Mr Roe spoke at length. He had alerted researcher Ben Hale, who suggested making the film at the centre of the "
         'action, of the "crucial importance of being impartial".', ("fragment", "He", "suggested")),
        # as before: one word no one is said to say is a scare quote; and a passive 'portrayed as' with no agent
        ('The pier is a "workplace" now.', ("scare", None, None)),
        ('Kowal denied she was part of what has been portrayed as an outside or "irregular" channel.', ("scare", None, None)),
    ],
)
def test_portraying_and_characterizing_verbs_name_a_fragment(sentence: str, expected: tuple) -> None:
    (quote,) = extract_quotes("The pier closed on Monday.\n\n" + sentence)
    assert (quote.kind, quote.speaker, quote.cue) == expected


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # a split quote whose cue ends a sentence before its short second part is prose, however capitalised
        ("“This is sophomoric,” Alicia Powe wrote on Young Conservatives. “Blacklisted?”",
         [("This is sophomoric, Blacklisted?", "document", "Alicia Powe")]),
        ("“Here comes Big Daddy,” she said, clapping. “The Donald. Big Daddy.”",
         [("Here comes Big Daddy, The Donald. Big Daddy.", "speech", "she")]),
        # as before: a short capitalised line with no cue is a headline
        ("Harbor Watch Calls Pier “A Disgrace”", [("A Disgrace", "headline", None)]),
    ],
)
def test_a_split_quote_with_its_cue_sentence_is_no_headline(paragraph: str, expected: list[tuple]) -> None:
    quotes = extract_quotes("The pier closed on Monday.\n\nNot everyone is on board.\n\n" + paragraph + "\n\nThe vote is on Monday.")
    assert [(quote.text, quote.kind, quote.speaker) for quote in quotes] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the subject of an absolute phrase with an 'of' or 'for' after its head: the whole description
        ('Marsh turned on Kowal, with the campaign of the former mayor of Pellham saying she was "not a real reformer."',
         ("the campaign of the former mayor of Pellham", "saying")),
        ('The vote closed, with a spokesman for the mayor telling reporters the pier was "a disgrace."',
         ("a spokesman for the mayor", "telling reporters")),
        # as before: a share of a group
        ('The vote closed, with 61 percent of voters saying the pier was "a disgrace."', ("61 percent of voters", "saying")),
    ],
)
def test_an_absolute_phrases_subject_with_its_complement(sentence: str, expected: tuple) -> None:
    (quote,) = extract_quotes("The pier closed on Monday.\n\n" + sentence)
    assert (quote.speaker, quote.cue) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a cue closing the sentence after a fragment whose comma stands inside the marks
        ("His first shift involved ''a painful waxing incident,'' well before Tom Hale made that gag famous in ''The Late "
         "Show,'' Mr. Oppen noted.", ("a painful waxing incident,", "Mr. Oppen", "noted")),
        ('His first shift involved "a painful waxing incident," well before the storm, Kowal recalled.',
         ("a painful waxing incident,", "Kowal", "recalled")),
        # as before: a noun like a verb after 'of' is no cue; the sentence's subject rates the words
        ('Harbor Watch rated 32% of Marsh claims as "false" or "pants on fire," compared to 11% of Kowal claims.',
         ("pants on fire,", "Harbor Watch", None)),
    ],
)
def test_a_closing_cue_after_a_fragment_whose_comma_is_inside_the_marks(sentence: str, expected: tuple) -> None:
    quotes = extract_quotes("The pier closed on Monday.\n\n" + sentence)
    assert expected in [(quote.text, quote.speaker, quote.cue) for quote in quotes]


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # an outlet's name with its kind in lower case after it: the whole name
        ("” … in the case of Pellham, the Kowal train has already left the station,” wrote Harbor magazine.",
         ("Harbor magazine", "wrote")),
        ("“The Kowal train has already left the station,” wrote Time magazine.", ("Time magazine", "wrote")),
        # as before: a plural after the name
        ("“The train has left,” said Pellham wardens.", ("Pellham wardens", "said")),
    ],
)
def test_an_outlet_named_with_its_kind(paragraph: str, expected: tuple) -> None:
    quote = extract_quotes("The pier closed on Monday.\n\n" + paragraph + "\n\nThe vote is on Monday.")[0]
    assert (quote.speaker, quote.cue) == expected


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # a paragraph opening with a double mark whose closing mark was lost before an inverted cue: it ends at the comma
        ('"There wasn\'t a lot of help for parents in the early days about their papers, said Kessel, whose group is '
         "pushing for bills.", [("There wasn't a lot of help for parents in the early days about their papers", "Kessel")]),
        ('"There wasn\'t a lot of help for parents back then, Ines Kowal said. Her group is pushing for bills.',
         [("There wasn't a lot of help for parents back then", "Ines Kowal")]),
        # as before: no cue, or a mark opening inside the paragraph, and the unclosed mark was stray
        ('"There wasn\'t a lot of help for parents in the early days about their papers.', []),
        ('Kowal wrote "There wasn\'t a lot of help for parents back then, said Kessel, whose group is pushing.', []),
    ],
)
def test_a_closing_mark_lost_before_an_inverted_cue(paragraph: str, expected: list[tuple]) -> None:
    quotes = extract_quotes("The pier closed.\n\n" + paragraph + "\n\nThe vote is on Monday.")
    assert [(quote.text, quote.speaker) for quote in quotes] == expected


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # a right double mark typed for a left one right after a reporting verb's comma opens the quote
        ("He says,” there are a lot of wardens who never get listened to.”",
         [("there are a lot of wardens who never get listened to.", "He", "says")]),
        ("“We won,” Kowal said,” and we will win again.”", [("We won, and we will win again.", "Kowal", "said")]),
        # as before: a right mark after a comma closes an open quote
        ("“We won,” Kowal said.", [("We won,", "Kowal", "said")]),
    ],
)
def test_a_right_mark_opening_after_a_cues_comma(paragraph: str, expected: list[tuple]) -> None:
    quotes = extract_quotes("The pier closed.\n\n" + paragraph + "\n\nThe vote is on Monday.")
    assert [(quote.text, quote.speaker, quote.cue) for quote in quotes] == expected
