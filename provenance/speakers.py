"""Speakers: people named in an article, noun phrases before and after reporting verbs, resolution."""

from __future__ import annotations

import bisect
import functools
import itertools
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from provenance.outlets import builtin_outlets

LOGGER = logging.getLogger(__name__)

TITLE_GENDER = {
    "mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "sir": "m",
    "dame": "f", "lord": "m", "lady": "f", "king": "m", "queen": "f", "prince": "m", "princess": "f",
    "congressman": "m", "congresswoman": "f", "spokesman": "m", "spokeswoman": "f", "chairman": "m",
    "actor": "m", "actress": "f", "businessman": "m", "businesswoman": "f", "councilman": "m", "councilwoman": "f",
    "chairwoman": "f", "father": "m", "mother": "f", "brother": "m", "sister": "f", "baron": "m", "baroness": "f",
    "headmaster": "m", "headmistress": "f", "wpc": "f", "dad": "m", "mum": "f", "mom": "f",
}
# Titles written before a name, and the role word a later mention uses ("Sen. X" ... "the senator"); a
# Recorder (a British court's judge) is 'the judge'.
TITLE_ROLES = {
    "sen.": "senator", "sen": "senator", "senator": "senator", "sens.": "senator", "reps.": "congressman",
    "rep.": "congressman",
    "rep": "congressman", "representative": "congressman", "congressman": "congressman",
    "congresswoman": "congresswoman", "gov.": "governor", "gov": "governor", "governor": "governor",
    "president": "president", "mayor": "mayor", "secretary": "secretary", "judge": "judge",
    "justice": "justice", "gen.": "general", "general": "general", "dr.": "doctor", "dr": "doctor",
    "chairman": "chairman", "chairwoman": "chairwoman", "chair": "chair", "speaker": "speaker",
    "minister": "minister", "chancellor": "chancellor", "commissioner": "commissioner",
    "sheriff": "sheriff", "chief": "chief", "director": "director", "spokesman": "spokesman",
    "spokeswoman": "spokeswoman", "spokesperson": "spokesperson", "manager": "manager",
    "attorney": "attorney", "lawyer": "lawyer", "adviser": "adviser", "advisor": "adviser",
    "leader": "leader", "candidate": "candidate", "nominee": "nominee", "pastor": "pastor",
    "rev.": "reverend", "professor": "professor", "prof.": "professor", "detective": "detective",
    "officer": "officer", "councilman": "councilman", "councilwoman": "councilwoman", "host": "host",
    "anchor": "anchor", "ambassador": "ambassador", "treasurer": "treasurer", "executive": "executive",
    "ceo": "executive", "founder": "founder", "president-elect": "president", "strategist": "strategist",
    "pollster": "pollster", "analyst": "analyst", "economist": "economist", "author": "author",
    "composer": "composer", "actor": "actor", "actress": "actress", "singer": "singer", "writer": "writer",
    "novelist": "novelist", "artist": "artist", "coach": "coach", "prosecutor": "prosecutor",
    "defendant": "defendant", "witness": "witness", "inspector": "inspector", "constable": "constable",
    "historian": "historian", "scientist": "scientist", "researcher": "researcher", "activist": "activist",
    "organizer": "organizer", "organiser": "organiser", "consultant": "consultant", "banker": "banker",
    "businessman": "businessman", "businesswoman": "businesswoman", "entrepreneur": "entrepreneur",
    "columnist": "columnist", "editor": "editor", "reporter": "reporter", "correspondent": "correspondent",
    "broker": "broker", "owner": "owner", "landlord": "landlord", "farmer": "farmer", "teacher": "teacher",
    "diplomat": "diplomat", "physician": "doctor", "del.": "delegate", "det.": "detective", "atty.": "attorney",
    "supt.": "superintendent", "cpl.": "corporal", "pvt.": "private", "amb.": "ambassador",
    "lt.": "lieutenant", "col.": "colonel", "sgt.": "sergeant", "capt.": "captain",
    "journalist": "journalist", "comedian": "comedian", "billionaire": "billionaire", "filmmaker": "filmmaker",
    "rabbi": "rabbi", "alderman": "alderman", "counsel": "counsel", "whip": "whip", "barrister": "barrister",
    "solicitor": "solicitor",
    "administrator": "administrator", "superintendent": "superintendent", "lt": "lieutenant", "col": "colonel",
    # British police and court titles, written without full stops ('Det Supt Bryan Craddock', 'PC Hendricks')
    "pc": "constable", "wpc": "constable", "det": "detective", "insp": "inspector", "insp.": "inspector",
    "supt": "superintendent", "sgt": "sergeant", "sergeant": "sergeant", "dci": "inspector", "qc": "counsel",
    "mp": "mp", "prof": "professor", "recorder": "judge", "coroner": "coroner", "magistrate": "magistrate",
    "bailiff": "bailiff", "councillor": "councillor", "deputy": "deputy", "captain": "captain", "admiral": "admiral",
    "assemblyman": "assemblyman", "assemblywoman": "assemblywoman", "co-anchor": "anchor",
    # occupations a paper prints before a name ('Neurosurgeon Brian Simpson', 'CHEF Marco Pierre White')
    "doctor": "doctor", "surgeon": "surgeon", "neurosurgeon": "surgeon", "pathologist": "pathologist",
    "anaesthetist": "anaesthetist", "anesthetist": "anaesthetist", "headmaster": "headmaster",
    "headmistress": "headmistress", "headteacher": "headteacher", "chef": "chef", "tycoon": "tycoon",
    "shopkeeper": "shopkeeper", "student": "student", "tourist": "tourist", "bodybuilder": "bodybuilder",
    "hacker": "hacker", "eyewitness": "witness", "drifter": "drifter",
}
# Nouns for a person the article may leave unnamed ('a witness', 'the driver', 'one neighbour'), with the
# sex some of them give; 'he' or 'she' after such a description is that person, not someone named before.
DESCRIPTION_GENDER = {
    "man": "m", "woman": "f", "boy": "m", "girl": "f", "wife": "f", "husband": "m", "son": "m",
    "daughter": "f", "widow": "f", "widower": "m", "grandmother": "f", "grandfather": "m", "uncle": "m",
    "aunt": "f", "nephew": "m", "niece": "f", "girlfriend": "f", "boyfriend": "m", "fiancee": "f", "fiancé": "m",
    "fiancée": "f", "grandson": "m", "granddaughter": "f", "stepfather": "m", "stepmother": "f", "mum": "f",
    "mother": "f", "father": "m", "brother": "m", "sister": "f",
}
PERSON_NOUNS = frozenset(
    "person driver neighbour neighbor resident passenger victim friend source official aide relative "
    "witness juror pilot motorist pedestrian worker employee colleague member voter supporter protester "
    "customer patient nurse soldier veteran fan parent cousin partner teenager youth pensioner onlooker "
    "bystander survivor householder shopper solicitor barrister spokesperson insider staffer adviser "
    "advisor lawmaker legislator politician guard policeman policewoman paramedic "
    "firefighter caller viewer listener reader participant attendee delegate narrator announcer".split()
) | frozenset(DESCRIPTION_GENDER) | frozenset(word for word in TITLE_ROLES if word.isalpha())
DESCRIPTION_OPENERS = frozenset("a an the one another".split())  # not 'his brother': a relative is often named
# An indefinite article before capitalised words and a noun after them: the words describe the noun
MODIFIER_BEFORE_RE = re.compile(r"(?<![\w'’-])(?i:an?)[^\S\n]+\Z")
NOUN_AFTER_RE = re.compile(r"[^\S\n]+[a-z]")
# Nouns for people who speak for a body or a cause named after 'of': 'Proponents of the bill', 'the head of the committee'
GROUP_HEADS = frozenset(
    "proponents opponents leaders critics backers advocates supporters members officials executives spokesmen "
    "representatives head chief leader chairman chairwoman president director founder".split()
)
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady rev. prof. baroness".split())
PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "his": "m"}
PLAIN_PRONOUNS = frozenset("he she they we i it you who".split())
DETERMINERS = frozenset(
    "the a an his her their its our my your this that these those another one two three several many "
    "some both all other any each every no".split()
)
# Lower-case words that end a backward noun-phrase read.
STOP_WORDS = frozenset(
    "and but or nor so yet that which who whom whose when where while as because if since though although "
    "after before until unless than then also later once again has have had would will could should "
    "might may must can did does do is was were are be been being not never just even only still now "
    "to of in on at by for from with about into over under against between through during without "
    "is was it's he's she's what how why there here said says say told tells added".split()
)
SKIP_BEFORE_VERB = frozenset(
    "also later then again once previously recently repeatedly reportedly simply has have had would will "
    "is are was were been be may might must can could should "
    "could did does not never just even still now first further quickly flatly bluntly finally today long "
    "yesterday earlier often always sometimes frequently heard seen".split()
)
NON_PERSON_WORDS = frozenset(
    "house party committee department news times post street university court senate congress campaign "
    "foundation association inc corp company council authority city county state states station "
    "agency office administration institute center centre group network journal review magazine press "
    "service services union bank fund commission board bureau ministry republicans democrats republican "
    "democratic democrat gop fbi cia nato un eu america american americans states monday tuesday wednesday "
    "thursday friday saturday sunday january february march april may june july august september october "
    "november december church school college hospital tribune herald gazette ledger courier sentinel radio "
    "channel tv television twitter facebook instagram reuters afp ap cnn fox msnbc abc nbc cbs npr bbc war "
    "image photo video advertisement banner caption gallery newsletter corps daily police league club alliance "
    "watch".split()  # and page furniture: 'Cover Image'
)
# Words for no one or nothing ('Nothing really changed', 'Nobody said'): no speaker and no surname
NEGATIVE_PRONOUNS = frozenset("nothing nobody none neither no-one noone everything something anything".split())
# Words for someone unnamed, or for what is one's own, that open a sentence as a surname would ('Someone called it a
# "quiet revolution"', '"... Mine told me ...," he said'): no one's name
UNNAMED_PRONOUNS = frozenset("someone somebody anyone anybody everyone everybody mine yours hers ours theirs".split())
CROWD_WORDS = frozenset("others people hundreds thousands dozens millions".split())  # 'Others shouted', 'Hundreds chanting'
# Heads of abstract nouns ('the disruptions', 'his willingness'): no speaker, unless a body that speaks (in the
# singular or the plural: 'the conservative publication', 'the prosecution', 'civil rights organizations')
ABSTRACT_ENDINGS = ("ness", "ity", "ities", "ism", "isms", "ion", "ions")
SPEAKING_BODIES = frozenset(
    "organization organisation federation confederation institution delegation opposition administration commission "
    "coalition convention association foundation union legion publication corporation congregation prosecution "
    "mission legation".split()
)
MONTHS = frozenset("january february march april may june july august september october november december".split())
# Months that are first names: 'April Ryan', 'June Warren', 'August Wilson' (not 'May': 'May God bless America')
MONTH_FIRST_NAMES = frozenset("april june august".split())
DATE_ONLY_MONTH = "may"  # opens no person's name: 'May Brown said' is Brown speaking in May ('Theresa May' ends one)
# Words before a month that make it a date, not a first name, when a capitalised word follows it: 'In May Trump said'
DATE_BEFORE_MONTH = frozenset(
    "in of last next this early late mid since until till by through throughout the each every that during".split()
)
WORD_JUST_BEFORE_RE = re.compile(r"([\w'’-]+)[^\S\n]+\Z")
# Words of NON_PERSON_WORDS that are an organisation's whole name: 'CNN said' names its speaker.
ORGANISATION_WORDS = frozenset("congress senate fbi cia nato un eu gop reuters afp ap cnn msnbc abc nbc cbs npr bbc".split())
# Words that make a name an organisation's ('Fox News', 'State Department'), unlike a party member, a
# place or a day ('a New Hampshire Republican', 'Mexico City', 'Wall Street').
ORGANISATION_NOUNS = ORGANISATION_WORDS | frozenset(
    "house party committee department news times post university court campaign foundation association inc "
    "corp corps company council authority agency office administration institute center centre group network "
    "journal review magazine press service services union bank fund commission board bureau ministry church "
    "school college hospital tribune herald gazette ledger courier sentinel radio channel tv television daily "
    "police league club alliance watch".split()
)
SENTENCE_STARTERS = frozenset(
    "the a an in on at but and or so yet this that these those it its he she they we i you his her their "
    "our my your there here when while after before if as since although though because however meanwhile "
    "still also then now what who why how where for from with by to of not no yes one some many most "
    "according asked said says stated added wrote explained continued noted replied tweeted recalled warned "
    "concluded declared insisted more most amid despite among during following like unlike under over against without "
    "within throughout speaking led given neither either eleven twelve ten nine eight seven six five four three two "
    "it's it’s that's that’s there's there’s here's here’s what's what’s he's he’s she's she’s "
    # adverbs joining a sentence to the one before: 'Further repression will provoke what some have called "..."'
    "further furthermore moreover additionally likewise similarly instead otherwise thus hence therefore "
    "nevertheless nonetheless indeed "
    # adverbs of time or manner opening a sentence before its subject, never a first name: 'Later Marsh added',
    # 'Separately Marsh told reporters' (a word in -ly that is a first name, 'Kelly', 'Beverly', is none of these)
    "later earlier again afterward afterwards elsewhere next soon once sometimes often today tonight yesterday "
    "finally eventually ultimately initially originally previously subsequently recently separately privately "
    "publicly personally repeatedly immediately shortly briefly simultaneously".split()
)
TITLE_ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|Sen|Rep|Reps|Sens|Gov|Gen|Lt|Col|Sgt|Capt|Rev|Prof|St|Jr|Sr|Hon|Adm|Maj|Cmdr|Gens|Ft|Mt|Msgr|"
    "Del|Det|Atty|Supt|Cpl|Pvt|Amb|Govs|Pres|Fr|Sec|Esq"
)
# A word with a full stop is part of a name only as an initial or a title ('John F. Kennedy', 'Sen.
# Roe'); any other ('on Mill Road. Vantreel said') ends a sentence, and no name spans a sentence end.
# (a capitalised word with a lower-case letter in it, read in one run: `[A-Z][\w'’-]*[a-z][\w'’-]*` tried every place to
# split a word, and a word of 78,000 letters cost two minutes, fuzz25)
NAME_TOKEN = rf"(?:(?:[A-Z]|{TITLE_ABBREVIATIONS})\.|[A-Z](?=[\w'’-]*[a-z])[\w'’-]*|[A-Z]{{2,}}(?=\s+[A-Z][a-z]))"
PARTICLE = r"(?:de|da|del|della|van|von|der|den|le|la|bin|al|ibn|du|dos|di|st\.)"
# Spaces only: an analysed text has one paragraph per line, and no name runs from one paragraph into
# the next ('... after World War I.' / 'Clinton is ...'; a heading 'The Street' / 'Donald Trump, who ...').
NAME_GAP = r"[^\S\n]+"
# Up to eight words: 'U.S. District Judge Emmet G. Sullivan', 'Vice President Joseph R. Biden Jr.'
NAME_RE = re.compile(rf"\b(?=[A-Z]){NAME_TOKEN}(?:{NAME_GAP}(?:{PARTICLE}{NAME_GAP})?{NAME_TOKEN}){{1,7}}")
ABBREVIATION = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Reps|Sens|Gov|Gen|Lt|Col|Sgt|Capt|Rev|Prof|St|Jr|Sr|Hon|Adm|Maj|Cmdr|Gens|Ft|Mt|Msgr|Del|Det|Atty|Supt|Cpl|Pvt|Amb)\.|No\.(?=\s?\d)|(?:[A-Z]\.)+"
TOKEN_RE = re.compile(rf"{ABBREVIATION}|[^\W_][\w'’-]*(?:\.(?=\w))?[\w'’-]*|''|[,;:()\[\]—–.!?\"“”]")
SENTENCE_INTRO_RE = re.compile(
    r"\s*(?:(?:(?:But|And|Still|Yet|Then|Later|Now|So|Meanwhile|Instead|Also|However|Earlier|Afterward|Afterwards)"
    r",?\s+|(?:Today|Tonight|Again|Elsewhere|Separately|Eventually|Subsequently|Previously|Initially|Privately|Publicly)"
    r",?\s+(?=[A-Z])|(?:Yesterday|Last night)\s+(?=[a-z])|"  # 'Yesterday another girl ... told', as British papers print it
    r"(?:Today|Yesterday|Tonight|Separately|Similarly|Likewise|Indeed|Ultimately|Finally),\s+|(?i:On|In|At|During|After|Before|Amid|Despite|Following|Speaking|Asked|Led by|Given|With|Without|Under|"
    r"Like|Unlike|Since|Ever since|Long before|For|Throughout|Within|Outside|Inside|Earlier|Later|When|While|As|Once|Just|Last|This)"
    r"\s+(?:[^,\"“”]|,\s\d{4}(?=,)|,\s[A-Z][a-z]{1,4}\.(?=,)){1,80},\s+|"  # 'On July 6, 2015, ', 'In Aspen, Colo., '
    r"(?:On|In|At|During)\s+(?:[A-Z][\w'’-]*['’]s\s+)?[\"“][^\"“”\n]{1,50}[\"”],?\s+|"  # 'On "Face the Nation," '
    r"[A-Z][a-z]+(?:ing|ly)\b[^,\"“”]{0,150},\s+|[A-Z][A-Za-z0-9 .,]{1,30}\([A-Za-z ]{1,12}\)\s*[-–—]+\s*"
    r"|[A-Z][A-Z'’.]+(?:\s[A-Z][A-Z'’.]+){0,3}(?:,\s+[A-Z][A-Za-z.]{1,12})?\s+[-–—]+\s*)){0,3}"  # dateline 'LA CROSSE, Wis. — ' 
)
# A sentence's first word read as an adverb or a participle ('Finally,', 'Speaking ...,'), maybe a name ('Sally')
# A preposition of place before a name: 'in Palo Alto', 'at Market Square'
PLACE_BEFORE_RE = re.compile(r"(?i:\b(?:in|at|near|outside|inside|across|throughout|around))[^\S\n]+(?:the[^\S\n]+)?\Z")
INTRO_WORD_RE = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:ing|ly)\b")
NAME_MODIFIERS = frozenset(
    "former retired then late acting outgoing incoming interim longtime veteran fellow republican democratic "
    "conservative liberal independent undecided presidential".split()
)
POSSESSIVE_ENDINGS = ("'s", "’s", "s'", "s’")
OWNER_PREFIX_RE = re.compile(r"(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*(?:['’]s|s['’])\s+(?=[A-Z])")
AGE_NOUN_RE = re.compile(r"\d{1,3}-year-old")
DEMONSTRATIVES = frozenset("that this these those".split())
# The name in apposition after a description, with the words of its own description ('Clinton's introducer, actress
# Jamie Lee Curtis, said'; not a determiner's: ', a Nebraska Republican,')
APPOSITIVE_NAME_RE = re.compile(
    r"(?:\s+(?:at|of|for|in|from)\s+[^,.;]{1,40})?,\s+"
    r"(?:(?!(?:a|an|the|his|her|their|its|one|and|or|but|of|in|at|on|from|for|by|to|with|via|near|that|who|whom|which)\s)"
    r"[a-z][\w-]*(?<!ed)\s+){0,3}"
    r"((?:[A-Z][\w'’-]*\.?\s+){1,3}[A-Z][\w'’-]*[a-z])"
    r"(?=(?:\s*\([^()\n]{1,40}\))?\s*(?:,|\.|$|\s+(?:said|says|told|added|of|at|from)\b))"  # ('(D-Hampton)')
)
WORD_BEFORE_RE = re.compile(r"([a-z][\w-]*)\s+$")
# An apposition after a name closes as a phrase does: 'Jane Roe, the mayor, said', '..., a Nebraska Republican.'
# A role and a comma before a name: 'the judge, Sir Rhys Davies', 'The Recorder, Mr Alan Morrow'
ROLE_BEFORE_COMMA_RE = re.compile(r"(?<![\w-])(?:[Tt]he)\s+([A-Za-z][\w-]*),\s+$")
# Letters after a name that give a role: Queen's (King's) Counsel ('Ruth Ambley QC', 'Desmond Browne, QC')
POST_NOMINAL_ROLES = frozenset({"QC", "KC"})
# Letters after a name for an office, an honour or a degree, which no later mention repeats
POST_NOMINALS = POST_NOMINAL_ROLES | frozenset(
    "MP MEP MSP MLA JP PhD Ph.D. Ph.D MD M.D. M.D DDS CPA RN Esq Esq. OBE MBE CBE KBE DBE GBE FRS".split()
)
POST_NOMINAL_RE = re.compile(r",?[^\S\n]+[QK]C\b")
# Whom counsel pleads for, after the name: 'Desmond Browne QC, for Mr Hamilton', 'Anthony Gee, QC, for the prosecution',
# 'Ruth Ambley, prosecuting', 'X, representing Mrs Roe'
COUNSEL_CLIENT_AFTER_RE = re.compile(
    r"[^\S\n]*,?[^\S\n]*(?:[QK]C\b[^\S\n]*,?[^\S\n]*)?(?:who[^\S\n]+(?:is|was)[^\S\n]+)?"
    r"(?:(?P<prosecution>prosecuting\b|for[^\S\n]+the[^\S\n]+(?:prosecution|Crown)\b)"
    r"|(?:for|representing|defending)[^\S\n]+(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?[^\S\n]+)?(?P<client>[A-Z][\w'’-]+(?:[^\S\n]+[A-Z][\w'’-]+)*))"
)
PROSECUTION = "prosecution"
TITLED_SURNAME_RE = re.compile(r"(?<![\w'’-])(?P<title>Mr|Mrs|Ms|Miss)\.?[^\S\n]+(?P<surname>[A-Z][\w'’-]+)")
# One of a group named by its role after a name: 'Lord Tarrant, who will be one of three judges hearing the case'
ONE_OF_ROLES_RE = re.compile(r",\s+(?:who (?:is|was|will be)\s+)?one of (?:the|two|three|four|five|several|\w+'s)\s+(?:\w+\s+)?([a-z]+)s\b")
APPOSITION_RE = re.compile(r",\s+(?:the|a|an|who is the|who is a|who is)\s+([^,.;()\n]{1,180})(?=[,.;()]|\n|$)")
LOWER_WORD_RE = re.compile(r"[a-z][\w-]*")
CAPITALISED_RUN_RE = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]+(?:[^\S\n]+[A-Z][\w'’-]+)*")
CLAUSE_BREAK_RE = re.compile(r"[.!?;:,()\n\"“”—–]")
THE_BEFORE_RE = re.compile(r"(?i:\bthe)[^\S\n]+\Z")
# a name, 'of', and the capitalised words opening a body's name ('Jeffrey Lewis of the James Martin Center', 'Serena
# Vergantini of Washington's Institute') before its 'for' or 'and', and the 'for' itself before an 'and'
ORGANISATION_OF_RE = re.compile(
    r"[A-Z][\w'’-]*[a-z][^\S\n]+of[^\S\n]+(?:the[^\S\n]+|[A-Z][\w'’-]*['’]s[^\S\n]+)?(?:[A-Z][\w'’-]*[^\S\n]+)*[A-Z][\w'’-]*"
    r"(?:[^\S\n]+for(?:[^\S\n]+[A-Z][\w'’-]*)+)?[^\S\n]*\Z"
)
ORGANISATION_FOR_RE = re.compile(r"[A-Z][\w'’-]*[^\S\n]+for(?:[^\S\n]+[A-Z][\w'’-]*)+[^\S\n]*\Z")
# 'he' or 'she' as a sentence's subject
SUBJECT_PRONOUN_RE = re.compile(r"(?<![\w'’-])(?:[Hh]e|[Ss]he)(?![\w'’-])")
# A name leading a pair of people ('Mr. Rubio and Mr. Cruz, who ..., had moments'): the pair acts, not the one
PAIR_AFTER_RE = re.compile(
    r"(?:[A-Z][\w'’.-]*[^\S\n]+){0,3}[A-Z][\w'’-]*[^\S\n]+and[^\S\n]+(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.?[^\S\n]+)?"
    r"(?P<second>[A-Z][\w'’-]+)"
)
PAIR_BEFORE_RE = re.compile(
    r"(?<![\w'’-])(?P<first>[A-Z][\w'’-]*)[^\S\n]+and[^\S\n]+(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.?[^\S\n]+)?"
    r"(?:[A-Z][\w'’.-]*[^\S\n]+){0,3}\Z"
)
BARE_AT_BEFORE_RE = re.compile(r"(?i:\bat)[^\S\n]+\Z")  # 'lashed out at Reince Priebus': a person, not a place
SUBORDINATE_OPENING_RE = re.compile(r"\s*(?:When|After|As|Before|While|Once|Though|Although|If)\s")
PLURAL_NOUN_RE = re.compile(r"[a-z]{3,}[^su]s")
SHORT_PLURAL_RE = re.compile(r"[a-z]{2}[^su]s")  # 'Fans', 'Cops' opening a sentence (not a description's word: 'Obama rips')
PREPOSITIONS = frozenset(
    "on in at to for with by from about into onto over under against toward towards through across around along "
    "past near behind".split()
)
DOCUMENT_NOUNS = frozenset(
    "statement release letter memo email e-mail tweet post note op-ed column ad video message report".split()
)
ISSUED_RE = re.compile(
    r"\b(?:issued|released|sent|sent out|posted|published|put out|wrote|penned|tweeted|shared|unleashed|fired off)\s+$"
)
# What shows words to the public rather than sends them, and the verbs of putting it up or carrying it
# Nouns written as two words whose second is a particle ('a voice over says'), which would end a noun phrase
PARTICLE_COMPOUNDS = frozenset({("voice", "over")})
SHOWN_NOUNS = frozenset("website site cover sign banner placard poster billboard flyer mailer".split())
SHOWN_RE = re.compile(
    r"\b(?:issued|released|sent|sent out|posted|published|put out|put up|launched|ran|unveiled|did|do|does|doing|"
    r"carrying|carried|holding|held|held up|holding up|waving|waved|displaying|displayed)\s+$"
)
# The object of a verb of moving someone to act, before the infinitive's 'to': 'prompted the tabloid to '
MOVED_AGENT_BEFORE_RE = re.compile(
    r"\b(?P<verb>[a-z]+)[^\S\n]+(?P<agent>(?:the|a|an|its|his|her|their)[^\S\n]+(?:[\w'’-]+[^\S\n]+){0,2}?[\w'’-]+)"
    r"[^\S\n]+to[^\S\n]+\Z"
)
# An occasion, which speaks no words of its own ('their ninth debate saying'), and the verbs of opening or closing it
OWNING_DETERMINERS = frozenset("his her their its our my".split())
OCCASION_NOUNS = frozenset("debate speech remarks rally address interview appearance event meeting hearing session".split())
ING_VERB_RE = re.compile(r"[a-z]{2,}ing\b")
VERB_BEFORE_OBJECT_RE = re.compile(
    r"\b(?:started|starts|start|opened|opens|open|began|begins|begin|ended|ends|end|closed|closes|close|"
    r"wrapped up|wraps up|kicked off|kicks off|finished|finishes)(?:[^\S\n]+(?:out|off|up))?[^\S\n]+\Z"
)
LEADING_THE_RE = re.compile(r"\A(?i:the)\s+")
SERIES_BEFORE_RE = re.compile(r"\b(?:a|an|the)\s+(?:series|string|barrage|flurry|pair|stream|volley)\s+of\s+$")
CONNECTED_ADJECTIVES = frozenset("familiar close involved briefed knowledgeable aligned loyal opposed".split())
SUBJECT_POSITION_RE = re.compile(r"(?:\n|[.!?][\"”’']?\s)\s*$")
# A description opening a sentence before the name of its subject: 'A senior aide, Ines Okafor, defended', 'Tennis
# great Ines Okafor remembered' (the name then followed by its comma or a verb in lower case); not a relative
# ('Her husband, Tobin Okafor, was free', 'His friend Tobin Okafor started'), who is often named in passing
DESCRIBED_SUBJECT_BEFORE_RE = re.compile(
    r"(?:\A|\n|[.!?][\"”’']?[^\S\n])[^\S\n]*"
    r"(?:(?P<apposed>(?:A|An|The|One|Another)[^\S\n]+[^,.;:!?\n\"“”()]{1,60}),"
    r"|(?!(?:His|Her|Their|Its|My|Our|This|That|These|Those|It|She|He|They|We|I)\b)[A-Z][a-z]+(?:[^\S\n]+[a-z][\w'’-]*){0,2}"
    r"[^\S\n]+(?P<head>[a-z][\w'’-]*))[^\S\n]+\Z"
)
DESCRIBED_SUBJECT_AFTER_RE = re.compile(r",|[^\S\n]+[a-z]")
PERSON_HEAD_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ate")  # 'pollster', 'consultant', 'candidate'
DESCRIPTION_HEADS = frozenset("great icon legend star host chief boss expert pundit".split())  # 'Tennis great X'
NOT_BEFORE_SUBJECT = PREPOSITIONS | frozenset(
    "of and or but than as like said says told tells after before when while since until during because if".split()
)
PRONOUN_DETERMINERS = frozenset("another some many several both".split())
PHRASE_ENDING_VERBS = frozenset(
    "calls called says said tells told writes wrote reports reported describes described notes noted adds added".split()
)
# Verbs that make the words after a name's comma a clause of their own, not an apposition describing it
CLAUSE_VERBS = frozenset(
    "says said tells told states stated adds added notes noted argues argued insists insisted asks asked "
    "explains explained warns warned claims claimed writes wrote is was are were has had will would".split()
)
RELATIVE_WORDS = frozenset("who whom whose which that".split())
NAME_BREAKERS = frozenset("says said tells told is was are were has had will would to and of or vs than".split())
PUNCTUATION_TOKENS = frozenset(",;:()[]—–.!?\"“”") | {"''"}  # '' is a quote mark in some archives
TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday week month year night morning afternoon "
    "evening weekend today yesterday tonight".split()
)
FORWARD_STOPS = frozenset(
    "in on at during who which whose after before when as while of for and but told said says added "
    "last this late early yesterday today tonight monday tuesday wednesday thursday friday saturday sunday "
    "noting adding saying referring according".split()
)
FIRST_NAMES_M = frozenset(
    "aaron adam alan albert alex alexander andrew anthony ben benjamin bernie bill bob brad brian bruce "
    "carl carlos charles chris christopher chuck dan daniel david dennis dick don donald doug douglas "
    "ed edward eric frank gary george greg gregory harry henry howard ian jack jacob james jason jeb jeff "
    "jeffrey jerry jim jimmy joe john johnny jon jonathan jose joseph josh juan justin keith ken kevin "
    "larry lee luis marco marcus mark martin matt matthew michael mike mitch mitt nathan newt nick "
    "patrick paul pete peter phil ralph randy ray reince richard rick rob robert roger ron ronald "
    "rudy russell ryan sam samuel scott sean sergei stephen steve steven ted thomas tim timothy tom "
    "tony travis vladimir walter william xi barack hakeem reince corey jared mohammed muhammad ahmed "
    "ali omar hassan jorge pedro pablo antonio francisco marco mario luigi pierre jean jacques hans "
    "boris dmitry ivan kim tucker sean lindsey alfred fred wilfred manfred irving sterling channing ned reed "
    "mohamed muhammed luke".split()
)
FIRST_NAMES_F = frozenset(
    "alice amanda amy ana andrea angela ann anna anne barbara betsy betty carly carol caroline catherine "
    "chelsea christine claire cynthia dana deborah debbie diana diane dianne donna dorothy elizabeth ellen "
    "emily emma eva gina hannah heather helen hillary huma ivanka jane janet jennifer jessica jill joan "
    "joy judith judy julia julie karen kate katherine kathleen kathy kellyanne kelly kim laura lauren "
    "linda lisa liz lucy maria marie martha mary megan melania melissa michelle nancy natalie nicole "
    "nikki olivia pam pamela patricia paula priya rachel rebecca rosa ruth sally samantha sandra sara "
    "sarah sharon shirley sophie stephanie susan suzanne teresa theresa tina virginia wendy yvonne "
    "elaine ivana marla gennifer paula juanita kathleen loretta sheila debbie nina jo hope stormy "
    "omarosa sarah huckabee beverly kimberly holly molly polly dolly shelly mildred heidi gabriela june april".split()
)


# Capitalised words that open a sentence, a heading or a description but never a name: 'Does Whitfield
# ...?', 'Even Dana Whitfield said', 'Can Sanders take a punch?', 'Maybe Trump is', 'Yesterday Amor, 53,
# was', 'Team Trump', 'Dad Neil', 'Derelict Obama and Clinton'.
NOT_NAME_OPENERS = frozenset(
    "does did do is was are were has had have could should would shall must see thanks whatever "
    "several both another each every either neither even only just can cannot can't can’t maybe perhaps "
    "first yesterday today tonight earlier besides absent let be team camp real dear sorry thank dad mum mom "
    "fascist derelict evil sad mad drunken jubilant".split()
)
# The verbs of NOT_NAME_OPENERS that open a question before its subject: 'Would Adam Schiff have pleaded'
AUXILIARY_OPENERS = frozenset(
    "does did do is was are were has had have could should would shall must can cannot can't can’t".split()
)
# A capitalised word that describes the person after it by its form: a participle or an adjective
# ('Asserting Clinton', 'Unemployed Albert', 'Jobless Albert', 'Callous Roberts') or an adverb
# ('Interestingly Blocher'), not 'Family', 'Daily' or 'Murshed', 'Saeed'; names of that form are on
# the first-name lists ('Irving', 'Beverly').
DESCRIPTIVE_WORD_RE = re.compile(r"(?i)[a-z]{3,}(?:ing|(?<![hmej])ed|less|ous|ful)|[a-z]{6,}ly")
DESCRIPTIVE_ENDINGS = ("ing", "ed", "less", "ous", "ful", "ly")

FIRST_NAMES = FIRST_NAMES_M | FIRST_NAMES_F
# Words that make a capitalised run a group, a people, a force, a movement or a place, never one person
# 'he' or 'she' can be: 'Pacific Islander', 'Young Latinos', 'British Army', 'Trump Train', 'Buena Park'
# (each also read in its plural).
GROUP_WORDS = frozenset(
    "army navy marine marines force forces guard troops militia brigade regiment battalion fleet legion "
    "movement train caucus coalition alliance front league club team crew brotherhood "
    "islander latino latina hispanic american asian african european arab native netizen yorker londoner "
    "voter supporter technologies "
    "park avenue road square island valley river lake mountain beach bay coast province region district "
    "act".split()
)
PLACE_OPENERS = frozenset("fort mount mt. port lake cape".split())
# A plural demonym: 'Syrians', 'Americans', 'Europeans', 'Koreans'
PEOPLE_PLURAL_RE = re.compile(r"[A-Z][a-z]+(?:ians|icans|eans)")
# The first of a pair of first names before one surname: 'June and ' before 'Steven Warren'; `before` a name's
# word ('Donald Trump and ' before 'Ted Cruz' has no first name of its own there)
PAIR_FIRST_RE = re.compile(r"(?P<before>[A-Z][\w'’.-]*[^\S\n]+)?(?<![\w'’.-])(?P<first>[A-Z][a-z][\w'’-]*)[^\S\n]+and[^\S\n]+\Z")
# What may stand before the first of a pair named with one surname: a sentence's start, a comma, a preposition
# or 'that' ('Libby and Charles McFall plan', ', Dann and Nikki Worden of Corona', 'run by Esther and Martin Evans',
# 'heard that Esther and Martin Evans set up'); not a determiner, a number, an adjective or a list's 'and' ('the
# Beatles and Gary Glitter', '98 Degrees and Justin Timberlake posters', 'a devout Catholic and Donald Trump
# supporter', 'Panetta and Biden and Susan Rice')
PAIR_OPENING_RE = re.compile(r"(?:\A|\n|[.!?:,][\"”’']?[^\S\n]+|(?<![\w'’-])(?:by|of|with|for|to|from|that)[^\S\n]+)\Z")
# A lone surname opening a line or sentence, not followed by another capitalised word: 'Trump called it',
# 'Was Voss satisfied?'
SUBJECT_SURNAME_RE = re.compile(
    r"(?:^|\n|[.!?][\"”’']?[ \t\u00a0]+)[ \t\u00a0]*"
    rf"(?:(?:{'|'.join(sorted(word.capitalize() for word in NOT_NAME_OPENERS))})[ \t\u00a0]+)?"
    r"(?:(?P<title>Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.?[ \t\u00a0]+)?"
    r"(?P<surname>[A-Z][a-z][\w'’-]*)(?=[ \t\u00a0]+[a-z])"
)
# A sentence presenting someone, with no verb of theirs: 'Then there's Axelrod.', 'So there was Mr. Hannity last week':
# whom a 'He' after it stands for, as a surname opening a sentence is
PRESENTED_SURNAME_RE = re.compile(
    r"(?:^|\n|[.!?][\"”’']?[ \t\u00a0]+)[ \t\u00a0]*(?:(?:Then|And|But|Now|So|Finally|Also)[ \t\u00a0]+)?"
    r"[Tt]here(?:['’]s|[ \t\u00a0]+(?:is|was))[ \t\u00a0]+"
    r"(?:(?P<title>Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.?[ \t\u00a0]+)?"
    r"(?P<surname>[A-Z][a-z][\w'’-]*)(?=[.,;:!?—–]|[ \t\u00a0]+(?:last|this|again|too|himself|herself|yesterday)\b)"
)

# The word after "Christie's" that makes it "Christie has" or "Christie is", no owner: 'Christie's been making the case'
CONTRACTED_VERB_RE = re.compile(
    r"[ \t\u00a0]+(?:been|got|gotten|not|never|gone|going|done|become|trying|getting|doing|saying|making|already|"
    r"still|also|just|always|now|said|told|made|won|lost|seen|taken|given|spent|known|called|asked|come)\b"
)

TITLE_STOP_BEFORE_RE = re.compile(r"(?<![\w.])(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.[ \t\u00a0]+\Z")
# The prepositions that make the name or noun after them an object, no subject: the word before a name whose title
# the subject pattern took for a sentence's end (OBJECT_WORD_RE), and the word right before a participle's noun
# (OBJECT_BEFORE_RE)
OBJECT_PREPOSITIONS = (
    "of to with for on by about from at in into onto against between among like than over under toward towards behind "
    "without upon via during after before"
).split()
# The word before a name whose title or initial the subject pattern took for a sentence's end, when it makes the name
# an object, not a subject: a preposition or a verb ('Mr. Trump said having Mr. Putin treat him', 'and as such
# nominated Mr. Kim', 'Mr. Trumble met Mr. Vasko in')
OBJECT_WORD_RE = re.compile(
    "(?:" + "|".join(OBJECT_PREPOSITIONS) + r"|met|told|beat|saw|see|show|ask|meet|let|made|gave|sent|thank|urge|help|"
    r"support|endorse|nominate|praise|criticize|attack|defeat|replace|join|[a-z]{2,}(?<!morn|even)(?:ed|ing))"
)


def described_subject(text: str, start: int, end: int) -> bool:
    """Whether the name between two offsets is the subject of a sentence that a description of that person opens:
    'A senior aide, Ines Okafor, defended the plan', 'Tennis great Ines Okafor remembered' (not 'Speaking to Ines
    Okafor, Marsh said', 'She will visit Capitol Hill')."""
    if text.endswith(POSSESSIVE_ENDINGS, start, end) or not DESCRIBED_SUBJECT_AFTER_RE.match(text, end):
        return False  # ("Harbor candidate Ines Okafor's doctor is": the doctor)
    floor = max(0, start - 80)
    boundary = max(text.rfind(mark, floor, start) for mark in ".!?\n")  # (the description holds none of them)
    if boundary < 0 and floor > 0:
        return False
    before = DESCRIBED_SUBJECT_BEFORE_RE.match(text, max(boundary, 0), start)
    if before is None:
        return False
    if before.group("apposed") is not None and any(word in COUNT_WORDS | {"both"} for word in before.group("apposed").split()):
        return False  # 'The two accused, Ines Okafor, 47, and Tobin Marsh': no one person
    head = before.group("head")
    if head is not None and head not in PERSON_NOUNS | DESCRIPTION_HEADS and not head.endswith(PERSON_HEAD_ENDINGS):
        return False  # ('She will visit Capitol Hill', 'These include Blair Effron'): no description of a person
    words = re.findall(r"[\w'’-]+", before.group().casefold())
    return not any(word in NOT_BEFORE_SUBJECT or word.endswith(("ing", "ed")) for word in words)


@functools.lru_cache(maxsize=16384)  # an article names the same people again and again
def garbled_name(name: str) -> bool:
    """Whether a name read from the page is no one's: words run together, small letters with two or more
    capitals inside ('FlagShareLikeReplyAni Vrabel', a comment widget's buttons; not 'Navy SEAL Tobin Marsh'), or a
    sign no name holds ('\u00c2\u00a1n', bytes decoded wrongly). 'McDonald', 'DeSantis', "O'Rourke", 'Jean-Luc'
    and 'Smith-MacDonald' are names."""
    parts = [part for word in name.split() for part in re.split(r"[-'\u2019]", word)]  # 'Smith-MacDonald' is two
    return any(
        sum(char.isupper() for char in part[1:]) >= 2 and any(char.islower() for char in part) for part in parts
    ) or bool(GARBLED_SIGN_RE.search(name))


GARBLED_SIGN_RE = re.compile(r"[^\w\s.'\u2019-]|[\u00c2\u00c3]")


@dataclass
class Person:
    """A person named in the article."""

    name: str
    gender: str | None = None
    roles: set[str] = field(default_factory=set)
    spoke: bool = False  # named (not 'he' or 'she') as the speaker of a quote or a reporting verb

    @property
    def institution(self) -> bool:
        """Whether the name is an organisation's or a place's ('New York Times', 'Secret Service'): no 'he' or 'she'.

        A month opens or ends a person's name ('June Warren', read from 'June and Steven Warren'; 'Theresa May'); a
        name by initials is an organisation's ('CHEW', 'Harbour PAC'), and a heading in capitals no one's ('FULL TEXT')."""
        tokens = self.name.split()
        return names_an_institution(tokens) or names_by_initials(tokens) or is_capitals_heading(tokens)


GIVEN_NAMES_FILE = Path(__file__).resolve().parent / "data" / "given_names.txt"


def read_given_names(path: Path) -> dict[str, str]:
    """Given names and their sex ('m' or 'f') from lines 'm NAME NAME ...' ('#' opens a comment)."""
    sexes: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        sex, _, names = line.partition(" ")
        if sex in ("m", "f"):
            sexes.update(dict.fromkeys(names.split(), sex))
    return sexes


GIVEN_NAME_SEXES = read_given_names(GIVEN_NAMES_FILE)


@functools.lru_cache(maxsize=16384)
def given_name_gender(first_word: str, *, alone: bool = False) -> str | None:
    """'m', 'f' or None from the first word of a full name: the short lists of common first names, then the longer
    list of given names (data/given_names.txt). The one place a name gives a sex: the speakers, `people` and the
    clusters all ask it (`people` and the clusters leave out first names given to both sexes, `UNISEX_FIRST_NAMES`).

    Only a full name's first word is looked up in the longer list ('Kurt Volker', 'Elise Stefanik'); a word printed
    `alone` only in the short lists ('dad Alan', not 'Mr Justice Kay' nor 'Admiral Harris'): the lists make no word a
    name."""
    lowered = first_word.casefold()
    if lowered in FIRST_NAMES_F:
        return "f"
    if lowered in FIRST_NAMES_M:
        return "m"
    return None if alone else GIVEN_NAME_SEXES.get(lowered)


# First names given to men and women alike: they tell `people` and the clusters nothing of the sex ('Chris' may be
# Christine); the speakers, who have 'he' and 'she' to go by, read the short lists' sex for them.
UNISEX_FIRST_NAMES = (FIRST_NAMES_M & FIRST_NAMES_F) | frozenset(
    "alex chris dana jamie jean jesse jo jordan kelly kim lee leslie pat robin sam sandy taylor terry".split()
)


# A quoted nickname between a first name and a surname: 'Marcia "Cia" Price', 'John “Tig” Tiegen', 'David
# 'Diamonds' Francis'. Its marks open no quotation and the name is the person's (`mask_nicknames`).
NICKNAME_RE = re.compile(
    r"(?<![\w.'’-])(?P<first>[A-Z][a-z][\w'’-]*|[A-Z]\.)[ \u00a0]+"
    r"(?P<open>[\"“‘'])(?P<nick>(?:[A-Z]\.){1,3}|[A-Z][\w'’-]*(?:[ \u00a0][A-Z][\w'’-]*){0,2})(?P<close>[\"”’'])"
    r"[ \u00a0]+(?P<surname>[A-Z][\w'’-]*[a-z])(?![\w'’-])"
)
# a lower-case word, a comma or a short title before the first name: the name stands in a sentence ('state Del.
# Rhoda "Ro" Bexley', 'weaver Marta "Pip" Olander'), not in a title-case heading
PROSE_BEFORE_NAME_RE = re.compile(r"(?:(?<![\w'’-])[a-z][\w'’-]*|,|(?<![\w.])[A-Z][a-z]{1,4}\.)[ \u00a0]+\Z")
NICKNAME_MARK_RE = re.compile(r"[\"“‘'](?=[A-Z])")
NICKNAME_CLOSES = {'"': '"', "“": "”", "‘": "’", "'": "'"}


def mask_nicknames(text: str) -> str:
    """The text with each quoted nickname inside a name blanked, marks and all, offsets kept ('Marcia "Cia" Price'
    reads 'Marcia       Price'): the first word a given name or an initial, or after a word of a sentence, or the surname
    printed again alone, so that a title-case heading ('Read "How It Works" Magazine') keeps its quotation."""
    masked = None
    for mark in NICKNAME_MARK_RE.finditer(text):  # (the marks first: the name's pattern at every capital costs more)
        at = mark.start()
        if at < 3 or text[at - 1] not in " \u00a0" or not (text[at - 2].islower() or text[at - 2] == "."):
            continue
        word_start = at - 1
        while word_start > max(0, at - 30) and not text[word_start - 1].isspace():
            word_start -= 1
        match = NICKNAME_RE.match(text, word_start, at + 80)
        if match is None or match.start("open") != at:
            continue
        first, surname = match["first"], match["surname"]
        if NICKNAME_CLOSES[match["open"]] != match["close"] or first.casefold() in SENTENCE_STARTERS:
            continue
        if surname.casefold() in SENTENCE_STARTERS or surname.casefold() in LEADING_TITLE_WORDS:
            continue
        if not (
            first.endswith(".")
            or given_name_gender(first) is not None
            or PROSE_BEFORE_NAME_RE.search(text, max(0, match.start() - 40), match.start())
            or surname_printed_elsewhere(text, surname, match.start("surname"))
        ):
            continue
        if masked is None:
            masked = list(text)
        masked[match.start("open"):match.end("close")] = " " * (match.end("close") - match.start("open"))
    return text if masked is None else "".join(masked)


def surname_printed_elsewhere(text: str, surname: str, at: int) -> bool:
    """Whether the text prints the surname as a word somewhere else than at `at`."""
    return any(
        match.start() != at for match in re.finditer(rf"(?<![\w'’-]){re.escape(surname)}(?![\w'’-])", text)
    )


LEADING_TITLE_WORDS = frozenset(TITLE_ROLES) | HONORIFICS | {"vice", "former", "lt.", "state"}


def strip_leading_words(phrase: str) -> str:
    """Keep the name in a capitalised run: 'Harborton Mayor Marcus Oyelaran' -> 'Mayor Marcus Oyelaran', 'For Dana X' -> 'Dana X'."""
    tokens = phrase.split()
    while len(tokens) > 2 and tokens[0].casefold() in SENTENCE_STARTERS:
        tokens = tokens[1:]  # 'For Dana Whitfield, the pitch ...': a capitalised first word of the sentence
    phrase = " ".join(tokens)
    for index in range(len(tokens) - 2, 0, -1):
        if tokens[index].casefold() in TITLE_ROLES or tokens[index].casefold() in HONORIFICS:
            # ('Mr Justice Buckley': the man's title before the judge's, which gives his sex)
            while index > 0 and (
                tokens[index - 1].casefold() in TITLE_ROLES
                or tokens[index - 1].casefold() in ("vice", "former", "lt.")
                or tokens[index - 1].casefold() in HONORIFICS
            ):
                index -= 1
            return " ".join(tokens[index:])
    return phrase


HEADING_WORD_RE = re.compile(r"[^\W_][\w'’-]*")
MAX_HEADING_CHARS = 200  # twenty words
HEADING_SMALL_WORDS = frozenset("a an and as at by for from in of on or the to vs with".split())


def heading_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each title-case line: 'Port Chief Gives Council One Week', not a sentence.

    Three to twenty words, nearly all capitalised (small words aside), and no full stop at the end.
    A heading capitalises every word, so a run of three capitals there ('Team Gives Whitfield') is
    a name only when it starts with a known first name.
    """
    found = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        stripped = line.strip()
        if start == 0:
            stripped = stripped.removesuffix(".")  # a story's first line is its title, a full stop added or not
        if len(stripped) > MAX_HEADING_CHARS or stripped.endswith((".", "!", "?", ":", ",", ";")):
            start = end + 1
            continue  # most lines are paragraphs: no need to count their words
        words = HEADING_WORD_RE.findall(stripped)
        if 3 <= len(words) <= 20:
            capitals = sum(1 for word in words if word[0].isupper() or word[0].isdigit())
            small = sum(1 for word in words if word.casefold() in HEADING_SMALL_WORDS)
            if capitals + small >= 0.9 * len(words) and capitals >= 0.6 * len(words):
                found.append((start, end))
        start = end + 1
    return found


INITIAL_RE = re.compile(r"[A-Z]\.")
SUFFIXES = frozenset("Jr Jr. Sr Sr. II III IV".split())


@functools.lru_cache(maxsize=4096)
def surname_of(name: str) -> str:
    """The last word of a name but for a suffix: 'Joseph R. Biden Jr.' -> 'Biden'."""
    words = name.split()
    return words[-2] if len(words) > 2 and words[-1] in SUFFIXES else words[-1]


def is_first_name(token: str) -> bool:
    """Whether a token is on the short list of common first names."""
    return token.casefold() in FIRST_NAMES


def drop_common_words(tokens: list[str], is_common: Callable[[str], bool]) -> list[str]:
    """The name in a capitalised run that starts with an ordinary word (`is_common`: printed in lower case).

    'Does Whitfield' -> 'Whitfield', 'Rival Tobias Renn' -> 'Tobias Renn', 'Plan B. Whitfield' ->
    'Whitfield' (a word, a capital and a full stop end a sentence), 'Jobless Albert' -> 'Albert'
    (see `describes`); 'Ban Ki-soo' and 'Rich Heffernan' stay: a word of the article starts a
    longer run only when a name of two words, or a first name, is left after it.
    """
    while tokens and tokens[0].casefold() in NOT_NAME_OPENERS:
        tokens = tokens[1:]
    for index in range(1, len(tokens) - 1):
        before = tokens[index - 1]
        if INITIAL_RE.fullmatch(tokens[index]) and not is_first_name(before) and is_common(before.casefold()):
            tokens = tokens[index + 1 :]
            break
    while len(tokens) >= 2 and tokens[0].casefold() not in FIRST_NAMES and describes(tokens[0], tokens[1:], is_common):
        tokens = tokens[1:]
    return tokens


def describes(word: str, name: list[str], is_common: Callable[[str], bool]) -> bool:
    """Whether a capitalised word before a person's name describes that person rather than being a first name.

    A word the article prints in lower case starts a run of three ('Rival Tobias Renn') or stands
    before a first name ('Parents Brian'), as does an institution's word ('State Hillary Clinton'); a
    word of descriptive form (DESCRIPTIVE_WORD_RE) or a compound with a lower-case part
    ('Mother-of-three Carol', 'Texas-based Matt Mackowiak') stands before any name.
    """
    lowered = word.casefold()
    if lowered in FIRST_NAMES:
        return False
    if (lowered.endswith(DESCRIPTIVE_ENDINGS) and DESCRIPTIVE_WORD_RE.fullmatch(word)) or (
        "-" in word and any(part.islower() for part in word.split("-")[1:])
    ):
        return is_person_name(name)
    institution = is_institution_word(word) and not names_by_month([word, *name], 0)  # 'April Ryan'
    if is_first_name(name[0]):
        # 'State Hillary Clinton'; 'Dad Neil', 'Parents Brian'
        return (institution or is_common(lowered)) and is_person_name(name)
    # 'New York Times', 'Democratic National Convention' name no one
    return (
        len(name) >= 2 and not word.isupper() and not institution and is_common(lowered) and is_person_name(name)
    )


def names_a_group(tokens: list[str]) -> bool:
    """Whether a run of capitalised words ends in a word of a group, a people or a place (GROUP_WORDS, 'Syrians'):
    'British Army', 'Pacific Islander'; not 'Navy SEAL Tobin Marsh'."""
    if not tokens:
        return False
    if len(tokens) > 1 and tokens[0].casefold() in PLACE_OPENERS:
        return True  # 'Fort Wayne', 'Lake Charles', 'Cape Breton'
    last = strip_possessive(tokens[-1].rstrip(".,"))
    word = last.casefold()
    return word in GROUP_WORDS or (word.endswith("s") and word[:-1] in GROUP_WORDS) or PEOPLE_PLURAL_RE.fullmatch(last) is not None


def names_an_institution(tokens: list[str]) -> bool:
    """Whether a run of capitalised words holds a word of NON_PERSON_WORDS, or its plural ('Islamic State', 'Videos').

    A month in a name's place is no such word: one that is also a first name before a surname ('April Ryan',
    'June Warren', 'April D. Ryan'), any after a first name ('Theresa May'). Whether it is a date there instead
    ('In May Trump said') the text before it tells (`dated_months`)."""
    return any(is_institution_word(token) and not names_by_month(tokens, index) for index, token in enumerate(tokens))


def names_by_month(tokens: list[str], index: int) -> bool:
    """Whether the month `tokens[index]` is part of a person's name: 'April' in 'April Ryan', 'May' in 'Theresa May'."""
    word = tokens[index].casefold()
    if word not in MONTHS or len(tokens) < 2:
        return False
    if index == 0:  # a surname, maybe after an initial, follows: not 'April Fools Day', 'June Brides Fair'
        surname = tokens[-1]
        return (
            word in MONTH_FIRST_NAMES
            and (len(tokens) == 2 or (len(tokens) == 3 and INITIAL_RE.fullmatch(tokens[1]) is not None))
            and surname[:1].isupper()
            and not is_institution_word(surname)
        )
    return index == len(tokens) - 1 and is_first_name(tokens[index - 1])


def dated_months(text: str, match: re.Match[str], tokens: list[str]) -> int:
    """How many of a name's `tokens`, the words ending a run of capitals (`match`), a date before the name takes:
    a month after a word of DATE_BEFORE_MONTH and what comes before it ('In May Trump said', 'since June Warren
    left', 'The May Day parade', 'Last April Ines Kowal'); none in 'April Ryan asked' or 'with April Ryan'."""
    if not any(token.casefold() in MONTHS for token in tokens[:-1]):
        return 0  # most names: no month to look before
    before = WORD_JUST_BEFORE_RE.search(text, max(0, match.start() - 20), match.start())  # not '... in.\nMay Roe'
    words = [*(before.groups() if before else ()), *match.group().split()]
    offset = len(words) - len(tokens)  # the words before the tokens: the one before the run and those dropped
    for index in range(len(tokens) - 1):
        if tokens[index].casefold() in MONTHS and offset + index > 0 and words[offset + index - 1].casefold() in DATE_BEFORE_MONTH:
            return index + 1
    return 0


@functools.lru_cache(maxsize=16384)
def is_institution_word(token: str) -> bool:
    """'State', 'Senate's', 'Videos': a word of NON_PERSON_WORDS, or its plural."""
    word = strip_possessive(token.casefold().rstrip(".,"))
    return word in NON_PERSON_WORDS or (word.endswith("s") and word[:-1] in NON_PERSON_WORDS)


def strip_possessive(token: str) -> str:
    """'Clinton’s' -> 'Clinton', 'Sanders’' -> 'Sanders'."""
    token = token.removesuffix("’s").removesuffix("'s")
    return token[:-1] if token.endswith(("s’", "s'")) else token


def split_title(phrase: str) -> tuple[list[str], list[str]]:
    """Separate leading titles ('Sen.', 'Mr.', 'President') from the name tokens, and drop the letters after a name
    ('QC', 'MP', 'OBE': `strip_post_nominals`)."""
    tokens = phrase.split()
    titles = []
    while tokens and tokens[0].casefold() in LEADING_TITLE_WORDS:
        titles.append(tokens.pop(0))
    return titles, strip_post_nominals(tokens)


def strip_post_nominals(tokens: list[str]) -> list[str]:
    """A name's words without the letters printed after it, which are no part of the name: 'Rosa Lind QC', 'Tobin
    Marsh MP', 'Ines Okafor OBE', 'Ada Quill, PhD' (a suffix stays: 'Joseph R. Biden Jr.')."""
    end = len(tokens)
    while end > 1 and tokens[end - 1].strip(",") in POST_NOMINALS:
        end -= 1
    return tokens[:end] if end < len(tokens) else tokens


def title_roles(titles: list[str]) -> list[str]:
    """The roles titles give: 'Sen.' -> senator; 'Vice President' -> vice president, not president."""
    roles = []
    for index, title in enumerate(titles):
        role = TITLE_ROLES.get(title.casefold())
        if role is not None:
            roles.append(f"vice {role}" if index and titles[index - 1].casefold() == "vice" else role)
    return roles


def split_after_opener(titles: list[str], tokens: list[str]) -> tuple[list[str], list[str]]:
    """Titles that a dropped opener stood before join the others: ('Yesterday') 'Recorder John Mitting'."""
    cut = 0
    while len(tokens) - cut > 1 and tokens[cut].casefold() in LEADING_TITLE_WORDS:
        cut += 1
    return (titles + tokens[:cut], tokens[cut:]) if cut else (titles, tokens)


CAPITALS_WORD_RE = re.compile(r"(?![IVXL]+\Z)[A-Z]{3,}")  # 'TEXT', 'PAC', 'USA'; not a numeral ('III', 'VIII')


def is_capitals_word(token: str) -> bool:
    """A word of three capitals or more, but a numeral: 'TEXT', 'PAC', 'CHEW's'."""
    return CAPITALS_WORD_RE.fullmatch(strip_possessive(token.rstrip(",:"))) is not None


def is_capitals_heading(tokens: list[str]) -> bool:
    """Whether capitalised words are a heading in capitals, no one's name: 'FULL TEXT', 'HARBOUR TOWN ENDS PIER TAX' (not
    'G.K. Roe', 'Navy SEAL Tobin Marsh')."""
    return sum(map(is_capitals_word, tokens)) > 1


def names_by_initials(tokens: list[str]) -> bool:
    """Whether capitalised words name an organisation by its initials: a word in capitals alone ('CHEW', 'HFL') or
    beside words that are not, ending the name or before its last word ('Harbour PAC', 'Norvanian CDC', 'HFL Pier');
    not a heading in capitals ('FULL TEXT') nor a title before a name ('Navy SEAL Tobin Marsh')."""
    capitals = [is_capitals_word(token) for token in tokens]
    if len(tokens) == 1:
        return capitals[0] and tokens[0].casefold() not in TITLE_ROLES  # (not 'CEO')
    if sum(capitals) != 1:
        return False  # (two words in capitals or more: a heading, `is_capitals_heading`)
    return len(tokens) - capitals.index(True) <= 2  # (not 'Navy SEAL Tobin Marsh': a name after a title in capitals)


NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve".split())


def is_person_name(tokens: list[str]) -> bool:
    """Whether capitalised tokens look like a person's name rather than an organisation or a place."""
    if not tokens:
        return False
    if tokens[-1].casefold() in NUMBER_WORDS:
        return False  # a nickname or a thing's name, no one's surname: 'Lawrence Two', 'Apollo Eleven'
    if tokens[0].casefold() in SENTENCE_STARTERS or " ".join(tokens) in STATE_ABBREVIATIONS:
        return False  # (a state: 'New Hampshire')
    return not names_an_institution(tokens)


def is_organisation_name(tokens: list[str]) -> bool:
    """Whether capitalised tokens name an organisation that can speak: 'Fox News', 'State Department', 'CNN'.

    Two words or more holding a word of ORGANISATION_NOUNS, or one word that is an organisation's
    whole name (ORGANISATION_WORDS); a lone 'House', 'a New Hampshire Republican' or 'Wall Street' is none.
    """
    if not tokens or tokens[0].casefold() in SENTENCE_STARTERS:
        return False
    if names_by_initials(tokens):
        return True  # 'CHEW said', 'Harbour PAC'
    words = [strip_possessive(token.casefold().rstrip(".,")) for token in tokens]
    if len(tokens) == 1:
        return words[0] in ORGANISATION_WORDS
    # 'Senate Intelligence Ranking Democrat Dianne Feinstein' ends in a person's name
    return any(word in ORGANISATION_NOUNS for word in words) and not is_first_name(tokens[-2])


# A post held in a country or a body, before its name and the holder's: 'envoy to Ukraine Kurt Volker', 'ambassador to
# the European Union Gordon Sondland'
POSTED_TO_BEFORE_RE = re.compile(
    r"(?<![\w-])(ambassador|envoy|emissary|representative)[^\S\n]+to[^\S\n]+(?:the[^\S\n]+)?\Z", re.IGNORECASE
)
# A title's office ('Secretary of State', 'Mayor of London', 'Chancellor of the Exchequer', 'Secretary of
# State for Health', 'Secretary of Health and Human Services'), and the name holding it that follows.
OFFICE_JOINERS = frozenset("of for and".split())
OFFICE_WORDS_BEFORE = ("of ", "the ", "for ", "and ")
PARTICLES = frozenset("de da del della van von der den le la bin al ibn du dos di".split())
# Words a title opens with before its role: 'former', 'then-Secretary', 'Acting Director', 'U.S. Secretary'
TITLE_PREFIXES = frozenset("former acting then interim outgoing incoming".split())


def is_office_role(token: str) -> bool:
    """Whether a word is a title an office follows with 'of': 'Secretary', 'mayor', 'then-Secretary', 'Secretary-General', 'Head'."""
    word = token.casefold().rsplit("-", 1)[-1]
    return word.isalpha() and (word in TITLE_ROLES or word == "head")


def ends_state(words: list[str], end: int) -> bool:
    """Whether the word at `end` ends a state's name: 'Texas', the 'York' of 'New York'."""
    return any(" ".join(words[start : end + 1]) in STATE_ABBREVIATIONS for start in range(end + 1))


def office_name_start(words: list[str], lower_before: bool, is_known: Callable[[list[str]], bool] | None = None) -> int | None:
    """Where the name starts in the capitalised words ending a title's office, None if no name ends them.

    'State Hillary Rodham Clinton' -> 1, 'National Intelligence James R. Clapper Jr.' -> 2, 'New York
    Bill de Blasio' -> 2, 'London Sadiq Khan' -> 1, 'New York Cuomo' -> 2; 'Homeland Security' -> None.
    A word of the office comes first unless lower-case office words stand before them ('secretary of
    state Hillary Clinton': all are the name); then a name is a first name, initials and particles, a
    surname and a suffix, with a first name on the list before it ('Hillary Rodham Clinton'), or a
    surname alone after a state. A full name the article gives elsewhere (`is_known`) wins, and one the
    words make whole is no office ('a lawyer of Jane Roe'); else a surname it names someone by may
    stand alone ('Secretary of State Clinton').
    """
    lowest = 0 if lower_before else 1
    clean = [strip_possessive(word) for word in words]
    if is_known is not None:
        if not lower_before and is_known(clean):
            return None  # 'a lawyer of Jane Roe': a person, and no office
        known = next((start for start in range(lowest, len(words) - 1) if is_known(clean[start:])), None)
        if known is not None:
            return known
    start = read_office_name(words, lowest)
    if start is None and is_known is not None and len(words) - 1 >= lowest and is_known(clean[-1:]):
        return len(words) - 1
    return start


def read_office_name(words: list[str], lowest: int) -> int | None:
    """Where a name starts by its form in the words ending an office, from `lowest` on (`office_name_start`)."""
    if lowest == 0:
        return 0 if is_person_name(words) else None
    end = len(words) - 1 if len(words) > 2 and words[-1] in SUFFIXES else len(words)
    first = end - 2
    while first >= lowest and (INITIAL_RE.fullmatch(words[first]) or words[first] in PARTICLES):
        first -= 1
    if end - 2 >= lowest and ends_state(words, end - 2) and is_person_name(words[end - 1 :]):
        return end - 1  # 'Governor of New York Cuomo': a state, then a surname
    if first < lowest or ends_state(words, first):
        return None  # one word after the office
    if first > lowest and is_first_name(words[first - 1]) and not is_first_name(words[first]) and not ends_state(words, first - 1):
        first -= 1  # 'Hillary Rodham Clinton', not 'West Virginia Terry McAuliffe'
    name = words[first:]
    if is_institution_word(name[0]) or not is_person_name(name):
        return None
    return first


def office_holder(
    tokens: list[tuple[str, int]], at: int, text: str, is_known: Callable[[list[str]], bool] | None = None
) -> tuple[int, int] | None:
    """The name after a title and its office, as token indices [first, end): 'Secretary of State Hillary Clinton'.

    `tokens[at]` is the role, followed by 'of' and the office: lower-case words ('secretary of state'),
    capitalised ones ('Mayor of London'), or parts joined by 'of', 'for' and 'and' ('Chancellor of the
    Exchequer', 'Secretary of State for Health', 'Secretary of Health and Human Services'). The name is
    the end of the last capitalised run (`office_name_start`); None when there is none ('the Secretary
    of State said', 'a lawyer of Jane Roe'). After a role in lower case, a description more often than
    a title, the name opens with a known first name or is one the article gives: 'director of Age
    Concern England' names no 'Concern England'.
    """
    if at + 2 >= len(tokens) or tokens[at + 1][0] != "of" or not is_office_role(tokens[at][0]):
        return None
    position = at + 2
    run: list[int] = []
    lower_before = False  # lower-case office words right before the run
    lower_words = 0
    while position < len(tokens):
        word, offset = tokens[position]
        if "\n" in text[tokens[position - 1][1] : offset]:
            break  # a name never runs into the next paragraph
        following = tokens[position + 1][0] if position + 1 < len(tokens) else ""
        if word[:1].isupper() and word not in PUNCTUATION_TOKENS:
            run.append(position)
        elif word in PARTICLES and run and following[:1].isupper():
            run.append(position)  # 'Mayor of New York Bill de Blasio'
        elif word == "the" and tokens[position - 1][0] in OFFICE_JOINERS:
            pass
        elif word in OFFICE_JOINERS and (run or lower_before) and (
            following[:1].isupper() or following == "the" or (lower_before and not run and following[:1].islower())
        ):
            if run and office_name_start([tokens[i][0] for i in run], lower_before) is not None:
                break  # 'Secretary of State Hillary Clinton and President ...': the name is read
            run, lower_before = [], False
        elif word[:1].islower() and word.isalpha() and not run and lower_words < 3 and word not in STOP_WORDS:
            lower_before = True
            lower_words += 1
        else:
            break
        position += 1
    if not run:
        return None
    words = [tokens[i][0] for i in run]
    start = office_name_start(words, lower_before, is_known)
    if start is None:
        return None
    if not lower_before and tokens[at][0].rsplit("-", 1)[-1][:1].islower() and not is_first_name(words[start]):
        if is_known is None or not is_known([strip_possessive(word) for word in words[start:]]):
            return None  # 'Sally Greengross, director of Age Concern England, said': a description, not a title
    return run[start], run[-1] + 1


def ends_in_titled_name(words: list[str]) -> bool:
    """Whether capitalised words end in a title and a name of two words or more: 'Commerce President Ana Ruiz'."""
    return any(
        word.casefold() in TITLE_ROLES and len(words) - spot > 2 and is_person_name(words[spot + 1 :])
        for spot, word in enumerate(words)
    )


def title_start(tokens: list[tuple[str, int]], at: int) -> int:
    """The first token of the title whose role is `tokens[at]`: 'former', 'Acting', 'U.S.' (up to three words)."""
    start = at
    while start > 0 and at - start < 3:
        word = tokens[start - 1][0]
        lowered = word.casefold()
        if word in PUNCTUATION_TOKENS or lowered in SENTENCE_STARTERS or lowered in NOT_NAME_OPENERS:
            break
        if not (word[:1].isupper() or lowered in TITLE_PREFIXES):
            break
        start -= 1
    return start


def read_office_title(
    tokens: list[tuple[str, int]], at: int, text: str, is_known: Callable[[list[str]], bool] | None = None
) -> tuple[int, int] | None:
    """The name held by a title opening at `tokens[at]`, as token indices [first, end): 'former Secretary of
    State Hillary Clinton', 'the Mayor of London Sadiq Khan'. The role is one of the title's first four
    words; a description ('the spokesman of Mayor Jane Roe') holds the name it governs, not its own.
    """
    first = at + 1 if tokens[at][0].casefold() in DETERMINERS else at
    role = next(
        (
            spot
            for spot in range(first, min(first + 4, len(tokens) - 2))
            if tokens[spot + 1][0] == "of" and is_office_role(tokens[spot][0])
        ),
        None,
    )
    if role is None or title_start(tokens, role) > first:
        return None
    held = office_holder(tokens, role, text, is_known)
    if held is None:
        return None
    described = first > 0 and tokens[first - 1][0].casefold() in DETERMINERS
    if described and any(tokens[spot][0].casefold() in TITLE_ROLES for spot in range(role + 2, held[0])):
        return None
    return held


def printed_alone(text: str, word: str) -> bool:
    """Whether the text prints the word with no letter, digit, apostrophe or hyphen either side of it.

    What a pattern of the word between `[\\w'’-]` lookarounds finds, with str.find: a pattern per word asked
    about cost a compilation each (hundreds over PolNeAR's texts) and a scan of the whole text.
    """
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not _joins_word(text[start - 1])) and (end == len(text) or not _joins_word(text[end])):
            return True
        start = text.find(word, start + 1)
    return False


def word_positions(text: str, word: str) -> list[int]:
    """Where the text prints the word with no letter, digit, apostrophe or hyphen either side of it (`printed_alone`)."""
    found = []
    start = text.find(word) if word else -1
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not _joins_word(text[start - 1])) and (end == len(text) or not _joins_word(text[end])):
            found.append(start)
        start = text.find(word, start + 1)
    return found


def _joins_word(char: str) -> bool:
    """Whether a character continues a word for `printed_alone`: a letter, a digit, '_', an apostrophe or a hyphen."""
    return char.isalnum() or char in "_'’-"


APOSTROPHE_FORMS = {"’": "'", "‘": "'", "ʼ": "'"}  # typographic apostrophes, each for the typed one
APOSTROPHES = str.maketrans(APOSTROPHE_FORMS)


def token_key(token: str) -> str:
    """A name word for looking up: case and the apostrophe's form folded ("O’Rourke" and "O'Rourke" are one name)."""
    return token.casefold().translate(APOSTROPHES)


class TokenIndex(dict):
    """Mentions by name word, looked up by `token_key`: a page may type "Dana O’Rourke", then "O'Rourke said"."""

    def get(self, token: str, default: list | None = None) -> list | None:  # type: ignore[override]
        return super().get(token_key(token), default)

    def setdefault(self, token: str, default: list) -> list:  # type: ignore[override]
        return super().setdefault(token_key(token), default)

    def __contains__(self, token: object) -> bool:
        return isinstance(token, str) and super().__contains__(token_key(token))


class SpeakerIndex:
    """People named in one article, and the reporting subjects in order, for resolving speakers."""

    def __init__(self, text: str, quoted: Iterable[tuple[int, int]] = ()) -> None:
        self.text = text
        # the spans between quotation marks (a quotation's words, a quoted title or term): a name read there is no
        # referent for a later 'he' ('the editorial, entitled "Mr. Penwick Is Not a Bold Harbour-Builder,"')
        self.quoted: list[tuple[int, int]] = []
        for start, end in sorted(quoted):
            if self.quoted and start <= self.quoted[-1][1]:
                self.quoted[-1] = (self.quoted[-1][0], max(end, self.quoted[-1][1]))  # (a quotation inside another)
            else:
                self.quoted.append((start, end))
        self.quoted_starts = [start for start, _ in self.quoted]
        self.persons: dict[str, Person] = {}
        self.by_token: dict[str, list[tuple[int, Person]]] = TokenIndex()
        self.by_role: dict[str, list[tuple[int, Person]]] = {}
        self.history_positions: list[int] = []
        self.history: list[tuple[int, Person | None, str]] = []
        self.subject_mentions: list[tuple[int, Person]] = []
        self.object_mentions: set[int] = set()  # subject mentions placed as an object (`placed_as_object`)
        self.headings = heading_lines(text)
        self.heading_starts = [start for start, _ in self.headings]  # in text order: `in_heading` bisects them
        self.outside_headings: dict[str, bool] = {}  # word -> the text prints it outside its headings
        self.common_words: dict[str, bool] = {}  # word -> printed in lower case in the article
        self.spans: dict[int, tuple[int, int]] = {}  # position of a mention -> the words describing it
        self.named_at: dict[int, set[int]] | None = None  # id of a Person -> where by_token names it
        self.name_starts: list[int] | None = None  # where by_token names anyone, in order
        self.office_titles: dict[int, tuple[int, int, int, str] | None] = {}  # start of a role -> `office_title_at`
        self.scan_names()
        self.scan_subject_surnames()
        for position, person in self.subject_mentions:
            self.add_history(position, person, person.name)

    def in_quotation(self, position: int) -> bool:
        """Whether a position lies between quotation marks (a quotation's words, a quoted title or term)."""
        spot = bisect.bisect_right(self.quoted_starts, position) - 1
        return spot >= 0 and position < self.quoted[spot][1]

    def in_heading(self, position: int) -> bool:
        """Whether a position lies in a title-case line (a headline or subhead)."""
        spot = bisect.bisect_right(self.heading_starts, position) - 1
        return spot >= 0 and position < self.headings[spot][1]

    def named_outside_headings(self, name: str | None) -> bool:
        """Whether the article names a person anywhere but in its title-case lines ('New Release: Last Chance to
        Buy ...' names no one its running text does)."""
        person = self.persons.get(name or "")
        return person is not None and any(
            other is person and not self.in_heading(spot) for entries in self.by_token.values() for spot, other in entries
        )

    def heading_name_words(self, tokens: list[str]) -> list[str]:
        """A heading's name up to a word the running text never prints: 'Obama Sees', 'Lynch Closes', 'Tim Allen Just
        Got' are 'Obama', 'Lynch' and 'Tim Allen' (a heading capitalises its verbs). A first name and the word after
        it stay a name the heading alone prints ('Ines Okafor: "I Am Tired"')."""
        if not tokens:
            return tokens
        for cut in range(2 if given_name_gender(tokens[0]) is not None else 1, len(tokens)):
            word = strip_possessive(tokens[cut].rstrip("."))
            if word not in self.outside_headings:  # each heading asked again of the same words: a text of 1,000
                # headings took 23 s, 2,000 three minutes (fuzz25)
                self.outside_headings[word] = any(not self.in_heading(at) for at in word_positions(self.text, word))
            if not self.outside_headings[word]:
                return tokens[:cut]
        return tokens

    def heading_surname(self, token: str) -> Person | None:
        """Whom a surname opening a heading's name stands for ('Trump Calls On Obama To Resign' over 'Donald Trump'):
        the one person the article names in full so, when it titles the surname alone nowhere ('Obama Sees ...' over
        'Mr. Obama' and 'Michelle Obama' is neither of them by name)."""
        named = {id(person): person for _, person in self.by_token.get(token.casefold(), ()) if surname_of(person.name) == token}
        titled = rf"(?<![\w'’-])(?:Mr|Mrs|Ms|Miss|Dr|President)\.?[^\S\n]+{re.escape(token)}(?![\w'’-])"
        if len(named) != 1 or re.search(titled, self.text):
            return None
        return next(iter(named.values()))

    def is_common_word(self, word: str) -> bool:
        """Whether the article prints this (lower-case) word in lower case somewhere ('plan', 'rival')."""
        found = self.common_words.get(word)
        if found is None:
            found = self.common_words[word] = printed_alone(self.text, word)
        return found

    def is_lone_surname(self, token: str) -> bool:
        """Whether one capitalised word the article names no one by may be a surname standing alone.

        Not a word it prints in lower case ('Nothing', 'Research') or any preposition or word for no one or
        anyone unnamed ('Across', 'Nobody', 'Someone', 'Mine'), a plural of a word for a person ('Aides'), a
        contraction ('I'm', 'We're'), an abbreviation ('N.Y.'), a people ('Syrians', 'Mexicans'), a garbled
        word ('\u00c2\u00a1n', bytes decoded wrongly), initials in capitals ('CHEW', `is_acronym`) or a country
        whose people or language the article names (`is_place`).
        """
        word = token.casefold()
        contraction = re.match(r"(\w+)['’]", word)
        return (
            is_person_name([token])
            and not token.endswith(".")
            and not word.endswith("ians")  # 'Syrians', 'Russians': a people
            and not PEOPLE_PLURAL_RE.fullmatch(token)  # 'Mexicans', 'Koreans'
            and not garbled_name(token)
            and not (contraction and contraction.group(1) in PLAIN_PRONOUNS)
            and word not in STOP_WORDS | PREPOSITIONS | NEGATIVE_PRONOUNS | UNNAMED_PRONOUNS | CROWD_WORDS  # 'Across'
            and word.removesuffix("s") not in PERSON_NOUNS  # 'Aides', 'Officials': a description of some people
            and not (word in GROUP_HEADS and word.endswith("s"))  # 'Critics', 'Proponents'
            and not self.is_common_word(word)
            and not self.is_acronym(token)
            and not self.is_place(token)
        )

    def is_acronym(self, token: str) -> bool:
        """Whether a word is printed in capitals, an organisation's or a group's initials ('CHEW filed', 'HFL'), and
        never as a transcript's label for a speaker ('KOWAL: We will.')."""
        return (
            len(token) > 1
            and token.isupper()
            and re.search(rf"(?:\A|\n)[^\S\n]*{re.escape(token)}:", self.text) is None
        )

    def is_place(self, token: str) -> bool:
        """Whether a word names a country or a region: the article prints its people or its language ('Norvanian' for
        'Norvania', 'Teslandese' for 'Tesland')."""
        if token[-1:] in "aeiouy":
            forms = [token + "n"] + [token[:-1] + ending for ending in ("an", "ian", "ese")]  # 'Italian', 'Mexican'
        else:
            forms = [token + "ese", token + "i"]  # not 'Penwickian': an adjective of a person's name
        return any(printed_alone(self.text, form) for form in forms)

    def scan_subject_surnames(self) -> None:
        """A known surname opening a sentence ('Trump called it ...') or presented by one ('Then there's Axelrod.') is a
        referent for later pronouns."""
        matches = itertools.chain(SUBJECT_SURNAME_RE.finditer(self.text), PRESENTED_SURNAME_RE.finditer(self.text))
        for match in sorted(matches, key=lambda match: match.start("surname")):
            token = match.group("surname")
            if (
                token.endswith(("'s", "’s"))
                and CONTRACTED_VERB_RE.match(self.text, match.end("surname"))
                and not TITLE_STOP_BEFORE_RE.search(self.text, max(0, match.start("surname") - 6), match.start("surname"))
            ):
                # "Christie's been making the case": Christie has, no owner (not "because Mr. Trump's got", whose full
                # stop is the title's, mid-sentence)
                token = token[:-2]
            if token.casefold() not in self.by_token:
                continue
            # the title, or the one whose full stop the pattern took for a sentence's end ('and Mrs. Okafor were')
            before = self.text[max(0, match.start() - 4) : match.start() + 1].split()
            title = match.group("title") or (before[-1].rstrip(".") if before and before[-1].endswith(".") else "")
            gender = TITLE_GENDER.get(title.casefold())
            person = self.lookup_token(token, match.start("surname"), gender)
            if (
                person is not None
                and not (gender and person.gender != gender and self.shares_surname(token))
                and not self.in_quotation(match.start("surname"))
            ):
                # ('Mr. Okafor' with 'Ghita Okafor' and 'Tobi Okafor' named, neither known a man: no referent; nor a
                # name leading a quotation's sentence: the quotation's speaker is the one a later pronoun stands for)
                self.subject_mentions.append((match.start("surname"), person))
                if not match.group("title") and self.placed_as_object(match.start()):
                    self.object_mentions.add(match.start("surname"))

    def placed_as_object(self, stop: int) -> bool:
        """Whether a surname the subject pattern read after the full stop of a title or an initial at `stop` ('Mr.
        Putin', 'Vladimir V. Putin') is no sentence's opening but an object: its name run follows a preposition or a
        verb ('said having Mr. Putin treat him', 'nominated Mr. Kim four years ago')."""
        if ABBREVIATION_END_RE.search(self.text, max(0, stop - 8), stop + 1) is None:
            return False  # (a real sentence's end)
        run = NAME_RUN_BEFORE_RE.search(self.text, max(0, stop - 80), stop + 1)
        word = WORD_JUST_BEFORE_RE.search(self.text, max(0, run.start() - 20), run.start()) if run else None
        return word is not None and OBJECT_WORD_RE.fullmatch(word.group(1)) is not None

    def scan_names(self) -> None:
        """Collect full names ('Dana Whitfield', 'Sen. Ted Cruz') with titles, roles and gender."""
        text = self.text
        described: list[tuple[int, int, str, list[str]]] = []  # single names after a description or a title
        partnered: list[tuple[int, str]] = []  # (start, surname) of full names opening with a listed first name
        headed: list[tuple[int, str]] = []  # (start, surname) opening a heading's name: 'Trump Calls On Obama'
        for match in NAME_RE.finditer(text):
            if " " not in match.group():
                continue  # one capitalised word is no full name
            if (
                MODIFIER_BEFORE_RE.search(text, max(0, match.start() - 4), match.start())
                and NOUN_AFTER_RE.match(text, match.end())
                and not is_first_name(match.group().split()[0])
            ):
                continue  # 'A Roman Catholic priest', 'an Old Bailey jury': words describing a noun, no one named (not 'a
                # Bernie Sanders rally', which names him)
            heading = self.in_heading(match.start())
            # (a name in an office's words follows a word joining them: 'of', 'the', 'for', 'and')
            office = self.office_title_at(match.start()) if text.endswith(OFFICE_WORDS_BEFORE, 0, match.start()) else None
            if office is not None:
                _, name_start, name_end, role = office
                if match.end() <= name_start:
                    continue  # the office's words: 'Homeland Security' in 'Secretary of Homeland Security Jeh Johnson'
                # 'Mayor of London Sadiq Khan': the name after the office, not 'London Sadiq Khan'
                titles, tokens = [role], text[max(name_start, match.start()) : min(name_end, match.end())].split()
                run = tokens
            else:
                titles, tokens = split_title(strip_leading_words(match.group()))
                tokens = tokens[dated_months(text, match, tokens) :]  # 'In May Trump said', 'Last April Ines Kowal'
                if not titles and len(tokens) > 1 and tokens[0].casefold() == DATE_ONLY_MONTH:
                    tokens = tokens[1:]  # 'May Brown said': Brown, in May
                for cut in range(1, len(tokens)):
                    if tokens[cut].casefold() in SENTENCE_STARTERS or tokens[cut].casefold() in NAME_BREAKERS:
                        if cut == len(tokens) - 1 and not heading and (is_first_name(tokens[cut - 1]) or (cut == 1 and is_person_name(tokens))):
                            break  # 'George Will', 'Al From' in running text: a surname that is a common word
                        tokens = tokens[:cut]  # 'Marcus Oyelaran On Why The Port Matters': a title-case heading
                        break
                owned = [i for i, token in enumerate(tokens[:-1]) if token.endswith(POSSESSIVE_ENDINGS)]
                if owned:
                    tokens = tokens[owned[-1] + 1 :]  # "NASA's Steve Clarke": the name after the owner
                    if names_an_institution(tokens):
                        continue  # "Trump's Islamic State plan"
                posted = POSTED_TO_BEFORE_RE.search(text, max(0, match.start() - 40), match.start())
                if posted is not None and len(tokens) > 2 and not titles:
                    start = office_name_start(tokens, False, self.knows)
                    if start:
                        # 'special envoy to Ukraine Kurt Volker': the country he is sent to, then his name
                        titles, tokens = [posted.group(1)], tokens[start:]
                run = tokens
                tokens = drop_common_words(tokens, self.is_common_word)
                if len(tokens) > 1 and tokens[0].casefold() in LEADING_TITLE_WORDS:
                    titles, tokens = split_after_opener(titles, tokens)
                if heading and len(run) > 2 and not is_first_name(tokens[0] if tokens else ""):
                    continue  # 'Team Gives Whitfield': a title-case heading capitalises every word
                if heading and len(tokens) > 1:
                    cut = self.heading_name_words(tokens)
                    if len(cut) == 1 and cut[0] == run[0]:
                        headed.append((match.start(), strip_possessive(cut[0])))
                        continue
                    tokens = cut
            if len(tokens) == 1 and not heading and ((len(run) > 1 and run[0].casefold() not in DETERMINERS) or titles):
                # 'Jobless Albert', 'Horrified Alan': a person the article names by one word ('Mrs. Roe': her sex)
                if titles or (self.is_lone_surname(tokens[0]) and not tokens[0].endswith(POSSESSIVE_ENDINGS)):
                    described.append((match.start(), match.end(), strip_possessive(tokens[0]), titles))
                continue
            if len(tokens) < 2 or not is_person_name(tokens) or tokens[0].endswith("."):
                continue
            if tokens[-1].endswith((".", "’s", "'s")) and not re.fullmatch(r"[A-Z]\.|[JS]r\.", tokens[-1]):
                tokens[-1] = tokens[-1].rstrip(".").removesuffix("’s").removesuffix("'s")
            name = " ".join(tokens)
            person = self.persons.get(name)
            if person is None:
                person = Person(name, given_name_gender(tokens[0]))
                self.persons[name] = person
            for title in titles:
                lowered = title.casefold()
                if lowered in TITLE_GENDER and person.gender is None:
                    person.gender = TITLE_GENDER[lowered]
            for role in title_roles(titles) if titles else ():
                self.add_role(role, match.start(), person)
            self.note_role_words(match.start(), match.end(), person)
            if len(tokens) > 1 and match.group().startswith(tokens[0]):
                self.scan_pair_first(match.start(), surname_of(name))
                if is_first_name(tokens[0]):
                    partnered.append((match.start(), surname_of(name)))
            for token in (surname_of(name), tokens[0]) if len(tokens) > 1 else (tokens[0],):
                self.by_token.setdefault(token.casefold(), []).append((match.start(), person))
            if (
                SUBJECT_POSITION_RE.search(text, max(0, match.start() - 3), match.start())
                or match.start() == 0
                or described_subject(text, match.start(), match.end())
            ) and not self.in_quotation(match.start()):
                # a name opening a line or a sentence, or after a description opening it, is in subject position:
                # a referent for later pronouns
                self.subject_mentions.append((match.start(), person))
        for position, token in headed:
            person = self.heading_surname(token)
            if person is None:
                continue
            self.by_token.setdefault(token.casefold(), []).append((position, person))
            self.subject_mentions.append((position, person))
        for position, end, token, titles in described:
            # one name after a description or a title: the person the article names so, else a new one
            gender = next((TITLE_GENDER[t.casefold()] for t in titles if t.casefold() in TITLE_GENDER), None)
            person = self.lookup_token(token, position, gender, title_roles(titles))
            if person is not None and person.gender is None and gender and not self.shares_surname(token):
                person.gender = gender  # 'Mrs. Clinton': the sex of the Clinton named in full (of the only one)
            # ('Lockerbie judge Lord Sutherland', 'Lord Tarrant, one of three judges', 'Mr Robinson, the judge')
            roles = title_roles(titles) + (self.role_words(position, end)[0] if titles else [])
            if person is not None and titles:
                for role in roles:
                    # a court's roles only ('Mr Justice Parker' after 'Jonathan Parker'): 'Dr. Carson' keeps Ben
                    # Carson 'the retired neurosurgeon'
                    if role in COURT_ROLES and role not in person.roles:
                        self.add_role(role, position, person)
                continue  # 'Mr. Trump' stays a mention of the Trump named in full
            if titles and (not roles or not self.is_lone_surname(token)):
                continue  # 'Mrs. Roe' alone: her sex, as every surname alone
            if person is None:
                # 'WPC Hendricks', 'Admiral Harris': the only name a person with a role gets
                person = self.persons.setdefault(token, Person(token, gender or given_name_gender(token, alone=True)))
            for role in roles:
                self.add_role(role, position, person)
            self.by_token.setdefault(token.casefold(), []).append((position, person))
            if (
                SUBJECT_POSITION_RE.search(text, max(0, position - 3), position) or position == 0
            ) and not self.in_quotation(position):
                self.subject_mentions.append((position, person))
        for start, surname in partnered:
            self.scan_pair_first(start, surname, listed=False)

    def scan_pair_first(self, start: int, surname: str, *, listed: bool = True) -> None:
        """The first of a pair named with one surname ('June and Steven Warren', 'Ted and Heidi Cruz') is a person of
        that surname too: June Warren. A first name the name lists know, after no name of its own ('Donald
        Trump and Ted Cruz', 'Mr and Mrs Warren' name no such person); not `listed`, after all names are read, a word
        the article names no one by, before a listed first name ('Libby and Charles McFall'; not 'Trump and Ted Cruz'
        when Donald Trump is named; see `unlisted_pair_first`)."""
        if not self.text[max(0, start - 40):start].rstrip().endswith("and"):
            return  # most names: no pair before them (and the search below tries every start in its window)
        pair = PAIR_FIRST_RE.search(self.text, max(0, start - 40), start)
        if pair is None or pair.group("before"):
            return
        first = pair.group("first")
        if listed != is_first_name(first) or not (listed or self.unlisted_pair_first(first, pair.start("first"))):
            return
        name = f"{first} {surname}"
        person = self.persons.get(name)
        if person is None:
            person = self.persons[name] = Person(name, given_name_gender(first))
        for token in (surname, first):
            self.by_token.setdefault(token.casefold(), []).append((pair.start("first"), person))

    def unlisted_pair_first(self, word: str, start: int) -> bool:
        """Whether a capitalised word off the name lists before 'and' and a full name at `start` is a first name of that
        name's surname ('Libby and Charles McFall'): the article prints it nowhere else ('between Grobbelaar and Chris
        Vincent' with 'Grobbelaar said' after), nor after a preposition of place ('in Brussels and Alex Richardson'),
        and it is no word the article prints in lower case, no title and no name of anyone else."""
        lowered = word.casefold()
        return (
            lowered not in self.by_token
            and lowered not in LEADING_TITLE_WORDS
            and lowered not in NOT_NAME_OPENERS
            and not word.endswith("-")
            and self.is_lone_surname(word)
            and re.search(rf"(?<![\w'’-]){re.escape(word)}(?![\w-])(?![^\S\n]+and[^\S\n])", self.text) is None
            and PAIR_OPENING_RE.search(self.text, max(0, start - 20), start) is not None
        )

    def knows(self, words: list[str]) -> bool:
        """Whether the article names someone so: a full name it gives ('Hillary Clinton'), or a word it names someone by."""
        return " ".join(words) in self.persons or (len(words) == 1 and words[0].casefold() in self.by_token)

    def office_title_at(self, position: int) -> tuple[int, int, int, str] | None:
        """The title with an office whose words hold `position` ('London' or 'Sadiq' in 'Mayor of London Sadiq
        Khan'): where the title starts, where the name holding it starts and ends, and the title's role word
        nearest the name ('Mayor'; in 'the spokesman of Mayor Jane Roe' that is hers). A capitalised title
        with no name ends at its office ('the Director of National Intelligence said')."""
        floor = max(0, position - 80)
        of = self.text.rfind(" of ", floor, position)
        while of != -1:
            start = max(self.text.rfind(" ", floor, of), self.text.rfind("\n", floor, of)) + 1
            if (start > 0 or floor == 0) and is_office_role(self.text[start:of]):
                found = self.office_titles.get(start, ())
                if found == ():
                    found = self.office_titles[start] = self.read_office_title_at(start)
                return found if found is not None and found[0] <= position < found[2] else None
            of = self.text.rfind(" of ", floor, of)
        return None

    def read_office_title_at(self, start: int) -> tuple[int, int, int, str] | None:
        """The title with an office whose role word starts at `start` (`office_title_at`)."""
        tokens = [(m.group(), m.start()) for m in TOKEN_RE.finditer(self.text, start, start + 160)][:16]
        held = office_holder(tokens, 0, self.text)
        if held is None:
            # 'the Director of National Intelligence said': a title's office names no one ('a lawyer of Jane Roe' may)
            office = 3 if len(tokens) > 3 and tokens[2][0] == "the" else 2
            run = list(itertools.takewhile(lambda token: token[0][:1].isupper(), tokens[office:]))
            if not run or not tokens[0][0].rsplit("-", 1)[-1][:1].isupper() or is_first_name(run[0][0]):
                return None
            end = run[-1][1] + len(run[-1][0])
            return start, end, end, ""
        role = next(
            (word for word, _ in reversed(tokens[: held[0]]) if word.casefold() in TITLE_ROLES),
            tokens[0][0].rsplit("-", 1)[-1],
        )
        end = tokens[held[1] - 1]
        return start, tokens[held[0]][1], end[1] + len(end[0]), role

    def note_role_words(self, start: int, end: int, person: Person) -> None:
        """Roles from the words around a name: 'campaign manager Jane Roe', 'Jane Roe, the mayor'."""
        roles, gender = self.role_words(start, end)
        for role in roles:
            self.add_role(role, start, person)
        if gender and person.gender is None:
            person.gender = gender

    def role_words(self, start: int, end: int) -> tuple[list[str], str | None]:
        """The roles and the sex the words around a name give: 'campaign manager Jane Roe', 'Jane Roe, the mayor',
        'the judge, Sir Rhys Davies', 'Ruth Ambley QC' (counsel), 'Lord Tarrant, who will be one of three judges'."""
        roles, gender = [], None
        before = self.text[max(0, start - 40) : start]
        match = WORD_BEFORE_RE.search(before) or ROLE_BEFORE_COMMA_RE.search(before)
        word = match.group(1).casefold() if match else ""
        if word in TITLE_ROLES or (word.endswith("s") and word[:-1] in TITLE_ROLES):
            roles.append(TITLE_ROLES[word if word in TITLE_ROLES else word[:-1]])  # 'hosts Joe Roe and Ann Poe'
        after = self.text[end : end + 200]
        if self.text[start:end].rsplit(None, 1)[-1] in POST_NOMINAL_ROLES or POST_NOMINAL_RE.match(after):
            roles.append("counsel")  # 'Ruth Ambley QC', 'Desmond Browne, QC'
        one_of = ONE_OF_ROLES_RE.match(after)
        if one_of and one_of.group(1).casefold() in TITLE_ROLES:
            roles.append(TITLE_ROLES[one_of.group(1).casefold()])
        match = APPOSITION_RE.match(after)
        words = LOWER_WORD_RE.findall(match.group(1)) if match else []
        own = list(itertools.takewhile(lambda word: word not in RELATIVE_WORDS, words))  # not 'a lawyer who was'
        if not CLAUSE_VERBS.isdisjoint(own):
            return roles, gender  # 'with Mika Brzezinski, the candidate stated that ...': a new clause's subject, no apposition
        for word in words[:6]:
            if word in TITLE_ROLES:
                roles.append(TITLE_ROLES[word])
            if word in TITLE_GENDER and gender is None:
                gender = TITLE_GENDER[word]
        return roles, gender

    def add_role(self, role: str, position: int, person: Person) -> None:
        """Remember that a person was introduced with a role word."""
        person.roles.add(role)
        self.by_role.setdefault(role, []).append((position, person))

    def lookup_token(
        self, token: str, position: int, gender: str | None = None, roles: Iterable[str] = ()
    ) -> Person | None:
        """The person a single name token ('Whitfield') refers to: the latest mention before, else the first after.

        With a title's `gender` ('Mrs Warren'), one of that sex or of none known; if only people of the other are
        named, no one when the article titles the surname for both sexes ('Mr Gee' beside 'Jacqueline Gee' and 'Mrs
        Gee' is her husband), else they ('Ms. Epstein' is 'Lee Epstein', whom the name lists take for a man).

        With a title's `roles` ('Pc Campbell'), one introduced with such a title if anyone is ('Pc Sonia
        Campbell', not her niece 'supermodel Naomi Campbell')."""
        entries = self.by_token.get(token.casefold().removesuffix("’s").removesuffix("'s"))
        if not entries:
            return None
        candidates = [entry for entry in entries if gender is None or entry[1].gender in (None, gender)]
        if not candidates:
            if self.titled_both_sexes(token):
                return None  # 'Mr Gee' beside 'Mrs Gee' when only 'Jacqueline Gee' is named in full: her husband
            # 'Ms. Epstein' is 'Lee Epstein': the name lists' guess of a sex is no title; but 'Mr. Obama' is not the
            # 'Michelle Obama' named once, a first name given to women only
            candidates = [entry for entry in entries if not self.sexed_first_name(entry[1])]
            if not candidates:
                return None
        roles = set(roles)
        if roles:
            candidates = [entry for entry in candidates if entry[1].roles & roles] or candidates
        before = sorted((entry for entry in candidates if entry[0] <= position), key=lambda entry: entry[0])
        if before:
            # Prefer the person whose full name matches the surname (last token) over a first-name match.
            surname = [entry for entry in before if token_key(surname_of(entry[1].name)) == token_key(token)]
            return self.bearer_of((surname or before), position, strip_possessive(token))
        return candidates[0][1]

    @staticmethod
    def sexed_first_name(person: Person) -> bool:
        """Whether a person's full name opens with a first name the name lists give one sex ('Michelle'), not one
        given to both ('Lee')."""
        first = person.name.split()[0] if " " in person.name else ""
        return bool(first) and first.casefold() not in UNISEX_FIRST_NAMES and given_name_gender(first) is not None

    def titled_both_sexes(self, token: str) -> bool:
        """Whether the article prints a surname after a man's title and after a woman's ('Mr Gee', 'Mrs Gee', 'Mr and
        Mrs Walters')."""
        word = re.escape(strip_possessive(token))
        pattern = rf"\b(Mr|Mrs|Ms|Miss)\.?[^\S\n]+(?:and[^\S\n]+(Mr|Mrs|Ms|Miss)\.?[^\S\n]+)?{word}(?![\w-])"
        titles = [title for pair in re.findall(pattern, self.text) for title in pair if title]
        return len({TITLE_GENDER[title.casefold()] for title in titles}) == 2

    def bearer_of(self, named: list[tuple[int, Person]], position: int, token: str) -> Person:
        """Which of the people named so (in order, before `position`) the name `token` alone at `position` is.

        Names that may be one person ('Donald J. Trump', 'Donald Trump'; `people.may_be_one_person`)
        or that are no one's (`is_rival`: 'Top Clinton', 'AG Mukasey') do not compete: the latest
        named. Two or more people ('Donald J. Trump' and 'Freddy Trump'): the one the name alone
        last stood for, in this paragraph or the one before, when it came after the last full name
        there ('Mr. Trump said ... / Mr. Trump added'); else the one named last in the paragraph or
        the one before, as a subject or a speaker ('Bill Clinton said'; not 'the brother of Ron
        Howard', 'Chelsea Clinton and her husband', nor an owner: 'Eric Trump's comments came after
        his father ...'), or the only one named in the paragraph before the name alone is printed
        there ('a march with Ammon Bundy ... Bundy says'); else the one the
        article is about: named in its title, or else named first. A paper calls the other by a
        fuller name ('Eric Trump said') away from where it names them.
        """
        if all(person.name.split()[0] == named[0][1].name.split()[0] for _, person in named):
            return named[-1][1]  # (most often: one person, or one first word)
        from provenance.people import may_be_one_person, parse_name  # (people reads names with this module's words)

        rivals = [(spot, person) for spot, person in named if self.is_rival(person, spot) and not self.in_heading(spot)]
        people: list[Person] = []
        for _, person in rivals:
            if not any(may_be_one_person(parse_name(person.name), parse_name(other.name)) for other in people):
                people.append(person)
        if len(people) < 2:
            return named[-1][1]
        paragraph = self.text.rfind("\n", 0, position) + 1
        previous = self.text.rfind("\n", 0, max(0, paragraph - 1)) + 1
        spot, person = rivals[-1]
        lone = self.lone_mention(token, max(previous, spot + 1), position)
        if lone is not None:
            at, gender = lone
            earlier = [entry for entry in named if entry[0] < at and (gender is None or entry[1].gender in (None, gender))]
            if earlier:
                return self.bearer_of(earlier, at, token)
        if spot >= previous and self.named_as_subject(person, spot) and not self.named_as_owner(person, spot):
            return person
        here = [(at, other) for at, other in rivals if at >= paragraph]
        if (
            here
            and len({other.name.split()[0].casefold() for _, other in here}) == 1
            and self.lone_mention(token, paragraph, here[0][0]) is None
            and not self.named_as_owner(person, spot)
        ):
            return person  # the only one of that name in the paragraph: '... a march with Ammon Bundy. "...," Bundy says'
        standing = [
            (at, other)
            for at, other in rivals
            if any(self.named_as_subject(one, spot) and not self.governed(spot) for spot, one in rivals if one is other)
            and not other.name.split()[0].casefold().removesuffix("s") in TITLE_ROLES  # 'Professors Foner': two
        ]
        if len(people) == 2 and len({id(other) for _, other in standing}) == 1:
            # of two, the one named in full as a subject or a speaker, not the one named only as an object or an
            # apposition ('The policewoman aunt of supermodel Naomi Campbell told ...' ... 'Pc Sonia Campbell, 36,
            # said'; 'the case of Kevin Jones, 41, and Russell Jones' ... 'Russell Jones said')
            return standing[-1][1]
        title = self.text[: self.text.find("\n") % (len(self.text) + 1)]
        about = [person for person in people if person.name in title]
        principal = parse_name((about[0] if len(about) == 1 else rivals[0][1]).name)
        return next(
            (person for _, person in reversed(rivals) if may_be_one_person(principal, parse_name(person.name))),
            rivals[0][1],
        )

    def lone_mention(self, token: str, start: int, end: int) -> tuple[int, str | None] | None:
        """The last place in [start, end) printing `token` alone as a person ('Mr. Trump', 'Trump said', 'Trump,'),
        not as a word of a longer name or a noun's modifier ('the Trump family'), with the sex its title gives."""
        found = None
        at = self.text.find(token, start, end)
        while at != -1:
            edges = self.text[at - 1 : at] + self.text[at + len(token) : at + len(token) + 1]
            if any(char.isalnum() or char in "_'’-" for char in edges):
                at = self.text.find(token, at + 1, end)
                continue  # part of a longer word
            before = self.text[max(0, at - 20) : at].split()
            word = before[-1] if before and self.text[at - 1 : at].isspace() else ""
            after = LONE_NAME_AFTER_RE.match(self.text, at + len(token))
            if word.casefold() in TITLE_GENDER or word.casefold() in HONORIFICS or (
                after is not None and not (word[:1].isupper() and word[-1:].isalpha())
            ):
                found = (at, TITLE_GENDER.get(word.casefold()))
            at = self.text.find(token, at + 1, end)
        return found

    def subject_surname(self, token: str) -> bool:
        """Whether the article prints this word as one person's: after a title ('Mr Holmes', 'Sen. Holmes'), or
        before 'who' or an age ('Holmes, who had ...', 'Holmes, 43,')."""
        word = re.escape(token)
        pattern = rf"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.?[^\S\n]+{word}\b|\b{word},[^\S\n]+(?:who\b|\d)"
        return re.search(pattern, self.text) is not None

    def names_in_full(self, token: str) -> bool:
        """Whether the article gives someone a full name ending in this word ('Bernie Sanders' for 'Sanders')."""
        return any(
            " " in person.name and token_key(surname_of(person.name)) == token_key(token)
            for _, person in self.by_token.get(token.casefold(), [])
        )

    def shares_surname(self, token: str) -> bool:
        """Whether the article names two people or more by this surname in full ('Ghazala Khan', 'Humayun Khan')."""
        first_words = {
            person.name.split()[0].casefold()
            for _, person in self.by_token.get(token.casefold(), [])
            if " " in person.name and token_key(surname_of(person.name)) == token_key(token)
        }
        return len(first_words) > 1

    def named_as_subject(self, person: Person, spot: int) -> bool:
        """Whether the name printed at `spot` opens a sentence or is a speaker's ('former president Bill Clinton said'),
        not an object or an apposition ('the brother of Ron Howard')."""
        low = bisect.bisect_left(self.history_positions, spot - MAX_TITLE_CHARS)
        high = bisect.bisect_right(self.history_positions, spot + len(person.name))
        if any(self.history[index][1] is person for index in range(low, high)):
            return True
        before = self.text[max(0, spot - 20) : spot].split()
        if before and before[-1].casefold() in PREPOSITIONS | {"of"}:
            return False  # 'a photo of Heidi Cruz contrasted with ...'
        surname = surname_of(person.name)
        at = self.text.find(surname, spot, spot + 120)
        verb = VERB_AFTER_NAME_RE.match(self.text, at + len(surname)) if at != -1 else None
        return verb is not None and verb.group(1) not in STOP_WORDS and verb.group(1) not in PREPOSITIONS  # 'Hillary Clinton rebuffed'


    def governed(self, spot: int) -> bool:
        """Whether the name printed at `spot` is the object of 'of' or a preposition, after at most two lower-case
        words ('a photo of Heidi Cruz', 'the aunt of supermodel Naomi Campbell', 'with his brother Freddy Trump')."""
        before = CLAUSE_BREAK_RE.split(self.text[max(0, spot - 40) : spot])[-1].split()
        for word in reversed(before[-3:]):
            if word.casefold() in PREPOSITIONS or word == "of":
                return True
            if not word[:1].islower() or word.endswith(("ed", "s")) and word not in DETERMINERS:
                return False  # ('Mayor Jane Roe', 'he told Jane Roe', 'said Jane Roe'): a verb or a name comes first
        return False

    def named_as_owner(self, person: Person, spot: int) -> bool:
        """Whether the name printed at `spot` is an owner's: "Eric Trump's comments"."""
        surname = surname_of(person.name)
        at = self.text.find(surname, spot, spot + 120)
        return at != -1 and self.text.startswith(POSSESSIVE_ENDINGS, at + len(surname))

    def is_rival(self, person: Person, spot: int) -> bool:
        """Whether a name printed at `spot` is a person's full name that another of that surname could be told from.

        Not a run opening with a word the article prints in lower case ('Top Clinton', 'Will Sanders'),
        a state ('Wisconsin Trump'), an abbreviation ('AG Mukasey'), a description ('Vermonter Bernie
        Sanders', 'Liberal Oscar-winner Sarandon') or a heading's run of words ('Hillary Clinton Slams
        Donald Trump').
        """
        tokens = person.name.split()
        first = tokens[0]
        return (
            2 <= len(tokens) <= (3 if self.in_heading(spot) else 5)
            and self.is_personal(person)
            and not first.isupper()
            and first not in STATE_ABBREVIATIONS
            and not self.is_common_word(first.casefold())
            and not (len(tokens) > 2 and is_first_name(tokens[1]) and not is_first_name(first))
            and not any("-" in token and not token.split("-")[-1][:1].isupper() for token in tokens[:-1])
        )

    def resolve_description(self, words: list[str], head: str, position: int) -> Person | None:
        """The person a description names: 'the senator', 'the Florida senator', 'the Russian leader'.

        First a person whose mentions bear out the description's marks (`description_marks`): the
        latest introduced with the head's role, else the latest named (for a role, one introduced
        with no other; any for a generic head such as 'leader'); else, as for a description without
        marks, the latest introduced with the role or the last person in subject position, unless
        their mentions contradict a mark (a 'Florida senator' printed '(R-Texas)') or do not bear
        out 'former'. An owner ('his counsel', 'the prime minister's spokesman') is not the one
        described: that one is only found by role.
        """
        marks = description_marks(words)
        role = TITLE_ROLES.get(head)
        if role is not None and len(words) > 2 and words[-2].casefold() == "vice":
            role = f"vice {role}"  # 'the vice president' is not 'the president'
        like = next((group for group in LIKE_ROLES if role in group), None)
        if like is not None:  # 'Mr Justice Parker' ... 'the judge', 'Desmond Browne QC' ... 'the lawyer'
            entries = sorted((entry for other in like for entry in self.by_role.get(other, [])), key=lambda entry: entry[0])
        else:
            entries = self.by_role.get(role, []) if role else []
        if like is LAWYERS and words[0].casefold() in ("his", "her"):
            # 'She was described by her lawyer as ...': her counsel, not counsel for the prosecution or for another
            owner = self.last_client(position, PRONOUNS[words[0].casefold()])
            entries = [(spot, person) for spot, person in entries if self.may_plead_for(person, owner)]
        introduced = [person for spot, person in entries if spot <= position]
        if not introduced and like is not None:
            # no judge or counsel yet: the next one introduced ('after his lawyer accused police ... QC Ronald Thwaites
            # said'); another role named only later is someone else ('the actor' in a list before 'John Leguizamo')
            limit = len(self.text)
            if like is LAWYERS and words[0].casefold() in ("his", "her"):
                # (one's own counsel is introduced in its paragraph or the next, not paragraphs later for another)
                next_break = self.text.find("\n", position)
                paragraph_end = self.text.find("\n", next_break + 1) if next_break >= 0 else -1
                limit = paragraph_end if paragraph_end >= 0 else len(self.text)
            introduced = [person for spot, person in entries if position < spot < limit][:1]

        def fits(person: Person | None) -> bool:
            # one introduced with another role is not this one: 'the spokesman' is not 'Prime Minister X'
            return (
                person is not None
                and self.is_personal(person)
                and (role is None or head in GENERIC_HEADS or not person.roles or role in person.roles
                     or (like is not None and not person.roles.isdisjoint(like)))  # 'Mr Justice Maurice Kay' is 'the judge'
            )

        def acceptable(person: Person | None) -> bool:
            return (
                fits(person)
                and not self.contradicts(person, marks)
                and ("former" not in marks or self.bears_out(person, ["former"], position))
            )

        if head in PARTY_HEADS:
            # in its paragraph, the person printed with the party, else (no other mark) the last one named unless printed
            # with the other party ('Former Sen. Bob Graham, who ... . The Democrat told'); else, further back, the one
            # whose mentions print the party
            paragraph = self.text.rfind("\n", 0, position) + 1
            near = [person for at, person in self.named_before(position) if at >= paragraph and fits(person)]
            found = next((person for person in near if self.bears_out(person, marks, position)), None)
            alone = all(mark.casefold() in PARTY_HEADS for mark in marks)  # 'the Utah Republican' must bear out Utah
            if found is not None or (alone and near and acceptable(near[0])):
                return found or near[0]
        spot = bisect.bisect_left(self.history_positions, position)
        named = [self.history[index][1] for index in range(spot - 1, max(-1, spot - 40), -1)]
        named += [person for _, person in self.named_before(position)[:40]]  # and those who did not speak
        described = [*reversed(introduced), *named] if marks else []

        def bearing_out(clauses: bool) -> Person | None:
            if clauses and all(is_institution_word(mark) and mark not in PARTY_MARKS for mark in marks):
                return None  # 'the Senate minority leader': 'Senate' is printed near many a senator
            tried: set[int] = set()
            for person in described:
                if id(person) not in tried and fits(person) and self.bears_out(person, marks, position, clauses=clauses):
                    return person
                tried.add(id(person))
            return None

        found = bearing_out(clauses=False)
        if found is not None or role is None:
            return found or bearing_out(clauses=True)
        if introduced and acceptable(introduced[-1]):
            return introduced[-1]
        found = bearing_out(clauses=True)
        if found is not None:
            return found
        if marks and "former" not in marks:
            # 'Yet it was unclear whether Sanders would quit. The Vermont senator emailed supporters': marks no mention
            # bears out describe the one person the paragraph names before them, not the last one quoted
            found = self.only_named_in_paragraph(position)
            if found is not None and acceptable(found):
                return found
        # 'The consultant surgeon said', 'the spokesman said': one the article names no more than that, unless the
        # last person named holds a like role ('Mr Justice Vantreel' ... 'the judge')
        unnamed = role in ROLES_OF_OTHERS and not any(word.casefold() in CAREER_PAST_WORDS for word in words)
        if words[0].casefold() not in ("his", "her", "their") and not any(
            word.endswith(POSSESSIVE_ENDINGS) for word in words[:-1]
        ):
            # (not 'his counsel', 'the prime minister's spokesman': the owner is not the one described)
            person = self.last_speaker(position, TITLE_GENDER.get(head))
            if acceptable(person) and not (unnamed and person is not None and not person.roles):
                return person
        return None

    def counsel_client(self, person: Person) -> str | None:
        """Whom counsel pleads for, as the article says after a mention: PROSECUTION, a client's surname (casefolded),
        or None when it does not say ('Anthony Gee, QC, for the prosecution', 'Desmond Browne QC, for Mr Hamilton')."""
        surname = surname_of(person.name)
        for mention in re.finditer(rf"(?<![\w'’-]){re.escape(surname)}(?![\w'’-])", self.text):
            found = COUNSEL_CLIENT_AFTER_RE.match(self.text, mention.end())
            if found is not None:
                return PROSECUTION if found.group("prosecution") else surname_of(found.group("client")).casefold()
        return None

    def last_client(self, position: int, gender: str) -> str | None:
        """The surname (casefolded) of the one of a sex last named before a position who is no judge or counsel, by
        name or by title and surname ('Mrs Roe'): the owner of 'her lawyer'."""
        found: tuple[int, str] | None = None
        for spot, person in self.named_before(position):
            if self.is_personal(person) and person.gender in (None, gender) and person.roles.isdisjoint(JUDGES | LAWYERS):
                found = (spot, surname_of(person.name).casefold())
                break
        for titled in TITLED_SURNAME_RE.finditer(self.text, max(0, position - 2000), position):
            surname = titled.group("surname").casefold()
            if TITLE_GENDER.get(titled.group("title").casefold()) != gender or (found and titled.start() < found[0]):
                continue
            if any(not person.roles.isdisjoint(JUDGES | LAWYERS) for _, person in self.by_token.get(surname, ())):
                continue  # 'Mr Harrow' for counsel Desmond Harrow
            found = (titled.start(), surname)
        return found[1] if found else None

    def may_plead_for(self, person: Person, owner: str | None) -> bool:
        """Whether counsel may be the owner's ('her lawyer', the owner's surname): not counsel for the prosecution, nor
        for another client."""
        client = self.counsel_client(person)
        return client is None or (client != PROSECUTION and client == owner)

    def spans_of(self, person: Person) -> list[tuple[int, int]]:
        """The words describing each mention of a person (`described_span`)."""
        if self.named_at is None:  # the names are all read by now: where each person is named, once
            self.named_at = {}
            for entries in self.by_token.values():
                for spot, other in entries:
                    self.named_at.setdefault(id(other), set()).add(spot)
        spots = self.named_at.get(id(person), set()) | {spot for spot, other, _ in self.history if other is person}
        for spot in spots - self.spans.keys():
            self.spans[spot] = described_span(self.text, spot)
        return [self.spans[spot] for spot in sorted(spots)]

    def bears_out(self, person: Person, marks: list[str], position: int, *, clauses: bool = False) -> bool:
        """Whether each mark is printed in the words describing a mention of the person ('former' before one).

        Never a name holding a mark: a place taken for a person ('South Carolina') bears out nothing;
        nor the description at `position` itself ('with Mika Roe, the Democratic candidate stated').
        With `clauses`, the words after a mention up to its sentence's end or the next name count too
        ('Hillary Clinton delivered her speech as the Democratic nominee').
        """
        if any(mark in person.name for mark in marks):
            return False
        spans = [(start, end) for start, end in self.spans_of(person) if not start <= position < end]
        if clauses:
            spans += self.clauses_of(person, position)
        for mark in marks:
            pattern = FORMER_RE if mark == "former" else mark_pattern(mark)
            if not any(pattern.search(self.text, start, end) for start, end in spans):
                return False
        return True

    def clauses_of(self, person: Person, position: int) -> list[tuple[int, int]]:
        """The words after each mention of a person before `position`, up to the sentence's end or the next name."""
        if self.name_starts is None:
            self.name_starts = sorted({spot for entries in self.by_token.values() for spot, _ in entries})
        found = []
        for start, end in self.spans_of(person):
            if start >= position:
                continue
            limit = min(position, end + MAX_CLAUSE_CHARS)
            stop = SENTENCE_END_RE.search(self.text, end, limit)
            limit = stop.start() if stop else limit
            following = bisect.bisect_right(self.name_starts, end)
            if following < len(self.name_starts):
                limit = min(limit, self.name_starts[following])
            if limit > end:
                found.append((end, limit))
        return found

    def contradicts(self, person: Person, marks: list[str]) -> bool:
        """Whether the words describing the person give another state or party than a mark ('(R-Texas)')."""
        spans = self.spans_of(person)
        for mark in marks:
            rival = STATE_RE if mark in STATE_ABBREVIATIONS else PARTY_RIVALS.get(mark)
            if rival is None:
                continue
            own = mark_pattern(mark)
            if not any(own.search(self.text, start, end) for start, end in spans) and any(
                rival.search(self.text, start, end) for start, end in spans
            ):
                return True
        return False

    def name_speaker(self, speaker: str, position: int) -> tuple[str, str | None]:
        """A speaker as named and their full name; 'he' or 'she' standing for someone the article leaves
        unnamed is that one's description ('a witness'), with no name."""
        if speaker.casefold() in ("he", "she"):
            person, described = self.referent(position, PRONOUNS[speaker.casefold()])
            return (described or speaker, person.name if person else None)
        opener, _, rest = speaker.partition(" ")
        if opener.casefold() in AUXILIARY_OPENERS and rest[:1].isupper():
            speaker = rest  # 'Would Adam Schiff have pleaded': the question's verb is no word of the name
        return speaker, self.resolve(speaker, position)

    def resolve(self, speaker: str, position: int) -> str | None:
        """The full name for a speaker as named: a name, a surname, a title or role, or a pronoun."""
        person = self.resolve_person(speaker, position)
        return person.name if person else None

    def resolve_person(self, speaker: str, position: int) -> Person | None:
        """The Person a speaker as named refers to, if any."""
        words = speaker.split()
        if not words:
            return None
        lowered = speaker.casefold()
        if lowered in PRONOUNS and lowered in ("he", "she"):
            return self.referent(position, PRONOUNS[lowered])[0]
        if lowered in PLAIN_PRONOUNS:
            return None
        if lowered in BARE_ROLES:
            return self.resolve_description(words, lowered, position)  # 'Counsel added:' is 'the counsel'
        owner = OWNER_PREFIX_RE.match(speaker)
        if owner is not None and len(speaker[owner.end() :].split()) >= 2:
            speaker = speaker[owner.end() :]  # "Gazette's Ines Okafor", "CNBC's Becky Quick": the name after
            words = speaker.split()
        spoken = [(match.group(), match.start()) for match in TOKEN_RE.finditer(speaker)] if " of " in speaker else []
        held = read_office_title(spoken, 0, speaker, self.knows) if spoken else None
        if held is not None and all(word in PUNCTUATION_TOKENS for word, _ in spoken[held[1] :]):
            # 'former Secretary of State Hillary Clinton', 'Mayor of London Sadiq Khan': the name after the office
            name = [strip_possessive(word) for word, _ in spoken[held[0] : held[1]]]
            if len(name) == 1:
                return self.lookup_token(name[0], position) or self.persons.setdefault(name[0], Person(name[0]))
            return self.persons.get(" ".join(name)) or Person(" ".join(name), given_name_gender(name[0]))
        titles, tokens = split_title(strip_leading_words(speaker))
        capitals = [token for token in tokens if token[:1].isupper()]
        if tokens and words[0].casefold() not in DETERMINERS and len(capitals) == len(tokens):
            gender = next((TITLE_GENDER[t.casefold()] for t in titles if t.casefold() in TITLE_GENDER), None)
            clean = drop_common_words([strip_possessive(token.rstrip(",")) for token in tokens], self.is_common_word)
            if len(clean) > 1 and clean[0].casefold() in LEADING_TITLE_WORDS:
                titles, clean = split_after_opener(titles, clean)  # 'Yesterday Recorder John Mitting'
            if not clean:
                return None
            if len(clean) >= 2 and self.in_heading(position) and " ".join(clean) not in self.persons:
                clean = self.heading_name_words(clean)  # 'Obama Sees "Personal Insult"': Obama
                if len(clean) == 1:
                    # (a longer run of capitals, 'Drivers Are So Shocked', names no one but the one so named in full)
                    return self.heading_surname(clean[0]) or (Person(clean[0]) if len(tokens) == 2 else None)
            if len(clean) >= 2 and is_person_name(clean):
                known = self.persons.get(" ".join(clean))
                if known is None and len(tokens) > 2 and not is_first_name(clean[0]) and self.in_heading(position):
                    return None  # 'Team Gives Whitfield' in a title-case heading is no one; 'Ines Okafor' is
                return known or Person(" ".join(clean), gender)
            if len(clean) == 1:
                found = self.lookup_token(clean[0], position, gender, title_roles(titles))
                if found is None and self.is_lone_surname(clean[0]) and not tokens[-1].endswith(POSSESSIVE_ENDINGS):
                    # only a surname in this article: it is the best name there is
                    found = self.persons.setdefault(clean[0], Person(clean[0], gender))
                return found or self.organisation(clean)
            return self.organisation(clean)
        # 'campaign manager Kellyanne Conway': a description ending in a name
        tail: list[str] = []
        for token in reversed(words):
            if token[:1].isupper() and token.casefold() not in DETERMINERS:
                tail.insert(0, token)
            else:
                break
        # 'a spokesman for House Speaker Paul Ryan', 'an aide to Hillary Clinton': not the one named
        governed = bool(tail) and len(tail) < len(words) and words[-len(tail) - 1].casefold() in PREPOSITIONS | {"of"}
        owned = [index for index, token in enumerate(tail[:-1]) if token.endswith(POSSESSIVE_ENDINGS)]
        if owned:
            tail = tail[owned[-1] + 1 :]  # "the Zionist Union Party's Nachman Shai": the name after the owner
        tail = strip_post_nominals(drop_common_words(tail, self.is_common_word))
        named = split_title(strip_leading_words(" ".join(tail)))[1] if len(tail) > 2 else []
        if len(named) >= 2:
            tail = named  # '(the Recorder of) London Judge Michael Hyam'
        if len(tail) >= 2 and is_person_name(tail) and not governed:
            name = " ".join(tail)
            return self.persons.get(name) or Person(name)
        if len(tail) == 1 and len(tail) < len(words) and not governed:
            person = self.lookup_token(tail[0], position)
            if person is not None:
                return person
        # 'the senator', 'the Florida senator', 'a campaign spokesman'
        if words[0].casefold() in ("the", "his", "her", "their"):
            # 'the senator', 'the Florida senator', 'the senator from Vermont'
            before_place = re.split(r"\s+(?:from|of|for)\s+", speaker, maxsplit=1)[0].split()
            head = before_place[-1].casefold().rstrip(",")
            if (head in TITLE_ROLES or head in GENERIC_HEADS) and not is_outlet_name(tail):
                # (not 'The New Hampshire Union Leader', a newspaper whose name ends in a role word)
                return self.resolve_description(words, head, position) or self.introduced_next(head, position)
        if tail and not any(word.casefold() in PREPOSITIONS or word == "of" for word in words[: -len(tail)]):
            return self.organisation(tail)  # 'the New York Times', 'the FBI'; not 'a spokesman for the FBI'
        return None

    def sentence_ends(self, start: int, end: int) -> list[int]:
        """Where the sentences ending between two offsets end: not inside a quotation (its own sentences), nor at
        the full stop of a title or an initial (`abbreviation_stop`)."""
        return [
            stop.end()
            for stop in SENTENCE_END_RE.finditer(self.text, start, end)
            if not (self.in_quotation(stop.start()) and self.in_quotation(stop.end()))
            and not abbreviation_stop(self.text, start, stop)
        ]

    def introduced_next(self, head: str, position: int) -> Person | None:
        """Whom a description the article resolves to no one before it names in the sentence after: the first one
        named there for the first time, introduced with the description's role ('According to his longtime personal
        physician, [...] "will be the healthiest individual ever elected." The statement was attributed to Dr. Harold
        Bornstein': the doctor)."""
        stops = self.sentence_ends(position, min(len(self.text), position + 2000))
        if len(stops) < 2 or "\n" in self.text[position : stops[0] - 1]:
            return None  # (a description ending its paragraph names no one in the next)
        role = TITLE_ROLES.get(head)
        for run in CAPITALISED_RUN_RE.finditer(self.text, stops[0], stops[1]):
            if self.in_quotation(run.start()) or PLACE_BEFORE_RE.search(self.text, max(0, run.start() - 12), run.start()):
                continue
            token = strip_possessive(run.group().split()[-1])
            person = self.lookup_token(token, run.start()) if token.casefold() in self.by_token else None
            if person is None or not self.is_personal(person):
                continue
            spots = [spot for word in person.name.split() for spot, other in self.by_token.get(word.casefold(), ()) if other is person]
            if min(spots, default=run.start()) >= stops[0] and role in person.roles:
                return person  # (the first one named there, with the role)
        return None

    def organisation(self, tokens: list[str]) -> Person | None:
        """An organisation named as a speaker ('Fox News', 'CNN'): it keeps its name, and no pronoun refers to it."""
        if not is_organisation_name(tokens):
            return None
        name = " ".join(strip_possessive(token.rstrip(",")) for token in tokens)
        return self.persons.get(name) or Person(name)

    def note_speaker(self, speaker: str, position: int, *, named: bool = True) -> None:
        """Record a speaker at a position (for later pronouns); `named`: printed by a name or description, not 'he'."""
        person = self.persons.get(speaker) or self.resolve_person(speaker, position)
        if person is None:
            if named and unnamed_person_head(speaker) is not None:
                self.add_history(position, None, speaker)  # 'a witness': the one a later 'she' may be
            return
        if named:
            person.spoke = True
        self.add_history(position, person, speaker)

    def note_role_subject(self, phrase: str, position: int) -> None:
        """Record 'the' and a role leading a reporting verb ('when the AP asked Bennett about it, the campaign
        manager said he ...') as the person it names, when the paragraph or the one before names that person
        before it: one named far back ('the Republican candidate' pages after 'Jeb Bush') is a guess. Else (or when
        the role names no one yet), after a clause opening its sentence that names one person ('When the moderator pointed out that Trump hadn't
        answered, the candidate said'), that person, if the article gives them no other role."""
        words = phrase.split()
        if len(words) < 2 or words[0] != "the" or words[-1] not in TITLE_ROLES:
            return
        person = self.resolve_person(phrase, position)
        if person is not None:
            start = self.paragraph_before(position)
            surname = re.compile(rf"(?<![\w'’-]){re.escape(surname_of(person.name))}(?![\w-])")
            if surname.search(self.text, start, position):
                self.add_history(position, person, phrase)
                return
        # 'When the moderator pointed out that Trump hadn't answered, the candidate said ...': the one person
        # its own sentence names before it, not one introduced with the role paragraphs away
        paragraph = self.text.rfind("\n", 0, position) + 1
        opening = max((end.end() for end in SENTENCE_END_RE.finditer(self.text, paragraph, position)), default=paragraph)
        sentence = self.text[opening:position]
        if len(words) != 2 or not SUBORDINATE_OPENING_RE.match(sentence):
            return  # (not 'Mr. Trump, on the other side, the FBI director said': no clause of its own about him)
        surnames = {
            surname_of(other.name)
            for other in self.persons.values()
            if self.is_personal(other) and re.search(rf"(?<![\w'’-]){re.escape(surname_of(other.name))}(?![\w-])", sentence)
        }
        if len(surnames) == 1:
            other = self.resolve_person(surnames.pop(), position)
            role = TITLE_ROLES.get(words[-1])
            if other is not None and other is not person and (not other.roles or role in other.roles):
                self.add_history(position, other, phrase)

    def add_history(self, position: int, person: Person | None, speaker: str) -> None:
        """Insert a named person at a position of the order in which people speak or lead sentences."""
        spot = bisect.bisect_right(self.history_positions, position)
        self.history_positions.insert(spot, position)
        self.history.insert(spot, (position, person, speaker))

    def last_speaker(self, position: int, gender: str | None) -> Person | None:
        """The most recent named speaker before the position whose gender fits."""
        return self.referent(position, gender, described=False)[0]

    def referent(self, position: int, gender: str | None, *, described: bool = True) -> tuple[Person | None, str | None]:
        """Whom 'he' or 'she' at a position stands for: the most recent named speaker whose gender fits, or
        (`described`) the description of an unnamed one who spoke or led a sentence since ('A witness told
        the court ... She said': the witness, not the person named before): (person, None) or (None, description)."""
        spot = bisect.bisect_left(self.history_positions, position)
        for index in range(spot - 1, max(-1, spot - 40), -1):
            at, person, printed = self.history[index]
            if person is None:
                head = unnamed_person_head(printed) if described else None
                if (
                    head is not None
                    and (gender is None or DESCRIPTION_GENDER.get(head, TITLE_GENDER.get(head)) in (None, gender))
                    and not self.names_someone(at + len(printed), position, gender)
                    and not (printed.casefold().startswith("the ") and self.names_someone(self.paragraph_before(at), at, gender, owners=False))
                ):
                    # ('the shamed solicitor, 35,' after 'Sally Clarke' in the paragraph or the one before is she)
                    return None, printed
                continue
            if self.is_personal(person) and (gender is None or person.gender in (None, gender)):
                if at in self.object_mentions and self.subject_before(index, gender):
                    continue  # 'Mr. Trump said having Mr. Putin treat him. [...]," he said': Trump
                other = self.named_after_pair(at, position, gender, person)
                if other is not None:
                    return other, None
                if gender and person.gender is None:
                    sexed = self.sexed_subject(at, position, gender, spoke=True)
                    if sexed is not None:
                        return sexed, None
                    person.gender = gender
                return person, None
        # No speaker yet: the most recent person named before the position, not a place ('in Palo Alto') nor
        # the words of a heading ('Trump Supporter Screams 1 Controversial Word At Rally')
        for spot, person in self.named_before(position):
            if not self.is_personal(person) or (gender is not None and person.gender not in (None, gender)):
                continue
            if self.in_heading(spot) or PLACE_BEFORE_RE.search(self.text, max(0, spot - 12), spot):
                continue
            if self.in_quotation(spot):
                continue  # a quoted title's words, a quotation's own: no one the article tells of there
            if gender and person.gender is None:
                sexed = self.sexed_subject(spot, position, gender, spoke=False)
                if sexed is not None:
                    return sexed, None
                person.gender = gender  # ('he said' for 'Charlie McDowell': a later 'she' is someone else)
            return person, None
        return None, None

    def subject_before(self, index: int, gender: str | None) -> bool:
        """Whether a person 'he' or 'she' (`gender`) may be leads the sentence of the history's entry at `index`, or
        speaks there, before it."""
        at = self.history[index][0]
        paragraph = self.text.rfind("\n", 0, at) + 1
        opening = max(self.sentence_ends(paragraph, at), default=paragraph)
        for earlier in range(index - 1, -1, -1):
            spot, person, _ = self.history[earlier]
            if spot < opening:
                return False
            if person is not None and self.is_personal(person) and (gender is None or person.gender in (None, gender)):
                return True
        return False

    def sexed_subject(self, since: int, position: int, gender: str, *, spoke: bool) -> Person | None:
        """For 'he' or 'she' whose referent (named at `since`) is of no sex the article or the name lists give
        ('Terence Crutcher', 'Rush Limbaugh'): the one of that sex named first in the latest sentence between them
        that names someone the pronoun may be, its opening clause last ('Clinton criticized officer Betty Shelby for
        shooting Terence Crutcher. [...]," she said': Clinton); no one when that sentence is led by the pronoun ('She
        said she'd rather see money spent to elect Hillary Clinton', 'Given that she could win, Okafor's plan ...'),
        by the referent or by another of no known sex ('Rep. Gilda Cobb-Hunter recalled that Clinton's lead ...').

        Not the sentence holding the pronoun ('Choosing between Clinton and Sanders is a "false choice," she said'),
        nor the one where the referent spoke or led a reporting verb (`spoke`); where it was only named, the people
        named there before it, not as owners ('After comments on Michelle Obama's looks, anchor Ilia Calderón ...').
        """
        floor = self.text.rfind("\n", 0, since) + 1
        openings = [floor] + self.sentence_ends(floor, position)
        own = max(opening for opening in openings if opening <= since)
        spans = list(zip(openings, openings[1:] + [position]))[:-1]  # (not the pronoun's own sentence)
        for start, end in reversed([(start, end) for start, end in spans if start > own or (start == own and not spoke)]):
            main = intro.end() if (intro := SENTENCE_INTRO_RE.match(self.text, start, end)) else start
            words = sorted(
                [(run.start(), run) for run in CAPITALISED_RUN_RE.finditer(self.text, main, end)]
                + [(match.start(), match) for match in SUBJECT_PRONOUN_RE.finditer(self.text, start, end)],  # ('Given that he ...,')
                key=lambda pair: pair[0],
            )
            # then the opening clause's ('When Ford visited his editor Teresa Nielsen Hayden at her office, he ...')
            words += [(run.start(), run) for run in CAPITALISED_RUN_RE.finditer(self.text, start, main)]
            for at, word in words:
                if self.in_quotation(at) or self.in_heading(at):
                    continue
                if word.re is SUBJECT_PRONOUN_RE:
                    if PRONOUNS[word.group().casefold()] == gender:
                        return None  # the sentence goes on about someone the pronoun already stands for
                    continue
                if (
                    PLACE_BEFORE_RE.search(self.text, max(0, at - 12), at)
                    or THE_BEFORE_RE.search(self.text, max(0, at - 5), at)
                ):
                    continue  # 'in Palo Alto', 'the Clinton campaign'
                if start == own and at >= since:
                    break  # (the referent's own sentence: only those named before it, not as owners)
                if start == own and word.group().endswith(POSSESSIVE_ENDINGS):
                    continue
                token = strip_possessive(word.group().split()[-1])
                person = self.lookup_token(token, at) if token.casefold() in self.by_token else None
                if person is None or not self.is_personal(person) or person.gender not in (None, gender):
                    continue
                return person if person.gender == gender else None
        return None

    def named_after_pair(self, at: int, position: int, gender: str | None, person: Person) -> Person | None:
        """When the one a pronoun would stand for leads a pair ('Mr. Rubio and Mr. Cruz ... teamed up against Mr.
        Trump. They were hard on him over his comments'), the one other person of that sex named after the pair."""
        pair = PAIR_AFTER_RE.match(self.text, at)
        if pair is not None and not ends_sentence_between(self.text, at, pair.start("second")):
            named = CAPITALISED_RUN_RE.match(self.text, pair.start("second"))  # 'and Vice President Joe Biden'
            end = named.end() if named else pair.end()
            surname = strip_possessive(named.group().split()[-1]) if named else pair.group("second")
            member = self.lookup_token(surname, pair.start("second"))
        else:
            # its second ('Mr. Lind and Mr. Vale spoke': the title's full stop let 'Vale' open a sentence)
            pair = PAIR_BEFORE_RE.search(self.text, max(0, at - 40), at)
            named = CAPITALISED_RUN_RE.match(self.text, at)
            if pair is None or named is None:
                return None
            end = named.end()
            member = self.lookup_token(strip_possessive(pair.group("first")), pair.start("first"))
        if end > position:
            return None
        # the one of that sex in a pair of both is as good a referent as one named after it, unless the article gives
        # that one's sex ('Ms Casey and Mr Hagland, the cousin of EastEnders star Sid Owen, ... she said': Casey)
        sure = member is not None and gender is not None and member.gender not in (None, gender)
        others: dict[int, Person] = {}
        for run in CAPITALISED_RUN_RE.finditer(self.text, end, position):
            if PLACE_BEFORE_RE.search(self.text, max(0, run.start() - 12), run.start()) or self.in_heading(run.start()):
                continue
            word = strip_possessive(run.group().split()[-1])
            other = self.lookup_token(word, run.start()) if word.casefold() in self.by_token else None
            if (
                other is not None
                and other is not person
                and other is not member
                and self.is_personal(other)
                and (gender is None or other.gender in (None, gender))
            ):
                others[id(other)] = other
        if len(others) != 1:
            return None
        other = next(iter(others.values()))
        return other if not sure or other.gender == gender else None

    def only_named_in_paragraph(self, position: int) -> Person | None:
        """The one person whose surname the paragraph prints before a position, outside quotation marks, if only one."""
        paragraph = self.text.rfind("\n", 0, position) + 1
        named = {
            id(person): person
            for person in self.persons.values()
            if self.is_personal(person)
            and any(
                not self.in_quotation(mention.start())
                for mention in re.compile(rf"(?<![\w'’-]){re.escape(surname_of(person.name))}(?![\w-])").finditer(
                    self.text, paragraph, position
                )
            )
        }
        return next(iter(named.values())) if len(named) == 1 else None

    def paragraph_before(self, position: int) -> int:
        """Where the paragraph before the one holding a position starts."""
        paragraph = self.text.rfind("\n", 0, position)
        return self.text.rfind("\n", 0, max(0, paragraph)) + 1

    def names_someone(self, start: int, end: int, gender: str | None, *, owners: bool = True) -> bool:
        """Whether the text between two offsets names a person 'he' or 'she' (`gender`) can be: 'A reporter
        asked Sanders how he felt. He replied' is Sanders's, not the reporter's (`owners`: 'Sanders's' too)."""
        for run in CAPITALISED_RUN_RE.finditer(self.text, start, end):
            if PLACE_BEFORE_RE.search(self.text, max(0, run.start() - 12), run.start()) or THE_BEFORE_RE.search(
                self.text, max(0, run.start() - 5), run.start()
            ):
                continue  # 'from the Los Angeles area', 'in the Quicken Loans Arena': a place
            words = run.group().split()
            if not owners and words[-1].endswith(POSSESSIVE_ENDINGS):
                continue  # 'a partner at Mr. Birdthistle's former firm' is no one the partner may stand for
            for word in words:
                entries = self.by_token.get(strip_possessive(word).casefold())
                if entries and any(self.is_personal(person) and (gender is None or person.gender in (None, gender)) for _, person in entries):
                    return True
            if len(words) >= 2 and any(is_first_name(word) and (gender is None or given_name_gender(word) in (None, gender)) for word in words[:-1]):
                return True  # a first name and a surname the names read does not hold ('Republican Mike Pompeo')
        return False

    def named_before(self, position: int) -> list[tuple[int, Person]]:
        """Everyone named before a position with where, the latest first."""
        return sorted(
            (entry for entries in self.by_token.values() for entry in entries if entry[0] < position),
            key=lambda entry: entry[0],
            reverse=True,
        )

    def is_personal(self, person: Person) -> bool:
        """Whether the article uses a name as one person's, whom 'he' or 'she' can be.

        Never an organisation, a group, a people, a force, a movement or a place (GROUP_WORDS,
        a plural demonym), nor a garbled name (`garbled_name`); else one with a sex or a role the article gives, one it names as a
        speaker but for a registered outlet ('ESPN'), or a first and last name none of whose words it prints in lower case ('Ines
        Okafor'; not 'Young Latinos', 'Western Pacific').
        """
        tokens = person.name.split()
        if person.institution or names_a_group(tokens) or garbled_name(person.name):
            return False  # (a page's buttons run together, or bytes decoded wrongly: no one)
        if len(tokens) == 1 and self.is_common_word(tokens[0].casefold()):
            return False  # a word the article prints in lower case, no surname
        if person.gender or person.roles:
            return True
        if (
            len(tokens) == 1
            and (PLURAL_NOUN_RE.fullmatch(tokens[0].casefold()) or SHORT_PLURAL_RE.fullmatch(tokens[0].casefold()))
            and not self.names_in_full(tokens[0])
            and not is_first_name(tokens[0][:-1])
            and not self.subject_surname(tokens[0])
        ):
            # 'Allies say that he ...': a plural opening a sentence, no one the article names in full;
            # not 'Richards', 'Roberts' (a first name and s) or 'Mr Holmes', 'Holmes, who'
            return False
        if " ".join(tokens).casefold() in registry_outlet_names():
            return False  # 'ESPN said in a statement', 'According to ProPublica': an outlet speaking, whom no 'he' is
        if person.spoke:
            return True
        return (
            len(tokens) >= 2
            and not any(self.is_common_word(token.casefold()) for token in tokens if token.casefold() not in PARTICLES)
            and not self.only_placed(person)
        )

    def only_placed(self, person: Person) -> bool:
        """Whether the article prints a name in full only where a place, a venue or a thing goes: after 'in',
        'near', 'at the' ('in Los Angeles', 'at the Quicken Loans Arena') or 'the' ('the Denver Broncos')."""
        spots = {spot for token in person.name.split() for spot, other in self.by_token.get(token.casefold(), ()) if other is person}
        return bool(spots) and all(
            (PLACE_BEFORE_RE.search(self.text, max(0, spot - 12), spot) and not BARE_AT_BEFORE_RE.search(self.text, max(0, spot - 4), spot))
            or THE_BEFORE_RE.search(self.text, max(0, spot - 5), spot)
            or self.text.startswith("The ", spot)  # 'The Quicken Loans Arena was full': the run opens with it
            for spot in spots
        )

    def is_intro_word(self, phrase: str, offset: int, *, before_comma: bool = True) -> bool:
        """Whether one capitalised word is an adverb or an interjection, no name the article knows: one in -ly
        ('Domestically, Trump's row ...', 'Hastily politicizing the tragedy, Trump ...'; not 'Kelly', 'Connolly') or,
        `before_comma`, one opening its sentence that a comma follows ('Wait, it gets better'; not 'His son, Grant,').
        """
        if " " in phrase:
            return False
        if ADVERB_RE.fullmatch(phrase):
            return phrase.casefold() not in self.by_token
        if not before_comma or not self.text.startswith(",", offset + len(phrase)):
            return False
        opening = offset == 0 or SUBJECT_POSITION_RE.search(self.text, max(0, offset - 3), offset) is not None
        return opening and phrase.casefold() not in self.by_token

    def read_name_before(self, text: str, floor: int, end: int) -> tuple[str, int] | None:
        """The person the article names whose name ends right at `end`: 'Trump' in 'Contrast that with Trump, who'."""
        run = NAME_RUN_BEFORE_RE.search(text, max(floor, end - 80), end)
        if run is None:
            return None
        last = strip_possessive(run.group().split()[-1]).casefold()
        if not any(self.is_personal(person) for _, person in self.by_token.get(last, ())):
            return None
        return run.group(), run.start()

    def read_name(self, text: str, start: int, limit: int) -> tuple[str, int] | None:
        """The noun phrase right after a verb or 'according to': (phrase, offset) or None."""
        found = read_noun_phrase(text, start, limit)
        if found is not None and found[0].casefold() in TIME_WORDS:
            return None  # '... said Wednesday, "': a time, not a speaker
        return found

    def sentence_subject(
        self, text: str, start: int, end: int, *, descriptions: bool = False
    ) -> tuple[str, str | None] | None:
        """The speaker a sentence starts with ('Whitfield was defiant.'), or the one its subject asks ('Mr Roe asked
        Mr Poe for his reaction.'): (as named, full name)."""
        intro = SENTENCE_INTRO_RE.match(text, start, end)
        position = intro.end() if intro else start
        found = read_noun_phrase(text, position, end)
        if found is None:
            return None
        phrase, offset = found
        asked = ASKED_AFTER_RE.match(text, offset + len(phrase), end)
        if asked is not None:
            # 'Mr Carman asked Mr White for his reaction.' / '"When I started ..."': the one asked answers
            found = read_noun_phrase(text, asked.end(), end)
            if found is None:
                return None
            phrase, offset = found
        # "Ryan's campaign shrugged off the comments, telling": "Ryan's campaign"
        phrase = clause_subject(phrase, text[offset + len(phrase) : offset + len(phrase) + 12])
        offset = found[1] + len(found[0]) - len(phrase) if phrase and not found[0].startswith(phrase) else offset
        if not phrase:
            return None
        lowered = phrase.casefold()
        if lowered in ("he", "she"):
            person, described = self.referent(offset, PRONOUNS[lowered])
            return (described or phrase, person.name if person else None)
        if lowered in PLAIN_PRONOUNS:
            return (phrase, None) if descriptions and lowered in ("they", "we") else None
        first = phrase.split()[0].casefold()
        if first in DETERMINERS:
            head = phrase.split()[-1].casefold()
            if (descriptions and not is_abstract_noun(head)) or head in TITLE_ROLES:
                person = self.resolve_person(phrase, offset)
                return (phrase, person.name if person else None)
            return None
        # "Iowa State University's Dianne Bystrom": the name after the possessive
        words = phrase.split()
        for position, word in enumerate(words):
            if word.endswith(("'s", "’s")) and position + 1 < len(words):
                if descriptions and words[-1][:1].islower():
                    return (phrase, None)  # "Ryan's campaign (shrugged off the comments), telling reporters"
                phrase = " ".join(words[position + 1 :])
        titles, tokens = split_title(strip_leading_words(phrase))  # 'Senate Minority Leader Harry Reid'
        tokens = [token for token in tokens if token[:1].isupper()]
        if not tokens or not is_person_name(tokens):
            return None
        if len(tokens) == 1 and not titles and tokens[0].casefold() not in self.by_token:
            if (
                descriptions
                and not tokens[0].endswith(("ed", "ing", "’s", "'s"))
                and tokens[0] not in ("It", "It’s")
                and not self.is_intro_word(phrase, offset)
            ):
                return (phrase, None)  # 'Politico reveals a few facts: "..."'
            return None  # 'Stepped-up outreach.', 'Confounding the pundits', 'Wait, it gets better': not a known name
        person = self.resolve_person(" ".join(titles + tokens), offset)
        if person is None:
            return (phrase, None) if descriptions else None
        return (phrase, person.name)


JUDGES = frozenset({"judge", "justice"})
# Words for one who pleads for another in court: 'the lawyer', 'the barrister' or 'his solicitor' is the one named
# as counsel ('Desmond Browne QC, for Mr Hamilton, ... The lawyer said'), as 'the judge' is 'Mr Justice Parker'
LAWYERS = frozenset({"counsel", "lawyer", "barrister", "solicitor"})
# Roles one of which a description may use for a person introduced with another
LIKE_ROLES = (JUDGES, LAWYERS)
COURT_ROLES = JUDGES | {"counsel"}
# Roles a court report prints with no determiner for the one it has named so ('Counsel added:')
BARE_ROLES = frozenset({"counsel"})
# Roles of one who speaks for, treats or judges another: a description by such a role names someone new when the
# article introduces no one with it ('The consultant surgeon said', 'the spokesman said', 'the judge said' after
# the defendant), not the last person named; unless it tells a past career, an epithet ('the retired neurosurgeon'
# for Ben Carson). (Not an advocate, a witness or an officer: 'Mr Aylett said ... the lawyer added' is the one named.)
ROLES_OF_OTHERS = frozenset(
    "spokesman spokeswoman spokesperson judge organizer organiser doctor surgeon pathologist anaesthetist coroner "
    "magistrate detective inspector superintendent adviser bailiff consultant".split()
)
CAREER_PAST_WORDS = frozenset("former retired ex- onetime one-time erstwhile".split())
# Heads of descriptions that name no role but may be borne out by their marks: 'the Russian leader'
# ... and a party's member, 'the Democrat', 'the Maine Republican': the one whose mentions print the party
PARTY_HEADS = frozenset("democrat republican".split())
GENERIC_HEADS = frozenset({"leader", *PARTY_HEADS})  # (a party's, a country's: no one is introduced as 'Leader X')
# US states as AP style abbreviates them: 'the Florida senator' is borne out by 'Sen. Marco Rubio (R-Fla.)'
STATE_ABBREVIATIONS = {
    "Alabama": "Ala.", "Arizona": "Ariz.", "Arkansas": "Ark.", "California": "Calif.", "Colorado": "Colo.",
    "Connecticut": "Conn.", "Delaware": "Del.", "Florida": "Fla.", "Georgia": "Ga.", "Illinois": "Ill.",
    "Indiana": "Ind.", "Kansas": "Kan.", "Kentucky": "Ky.", "Louisiana": "La.", "Maryland": "Md.",
    "Massachusetts": "Mass.", "Michigan": "Mich.", "Minnesota": "Minn.", "Mississippi": "Miss.",
    "Missouri": "Mo.", "Montana": "Mont.", "Nebraska": "Neb.", "Nevada": "Nev.", "New Hampshire": "N.H.",
    "New Jersey": "N.J.", "New Mexico": "N.M.", "New York": "N.Y.", "North Carolina": "N.C.",
    "North Dakota": "N.D.", "Oklahoma": "Okla.", "Oregon": "Ore.", "Pennsylvania": "Pa.",
    "Rhode Island": "R.I.", "South Carolina": "S.C.", "South Dakota": "S.D.", "Tennessee": "Tenn.",
    "Texas": "Tex.", "Vermont": "Vt.", "Virginia": "Va.", "Washington": "Wash.", "West Virginia": "W.Va.",
    "Wisconsin": "Wis.", "Wyoming": "Wyo.",
}
PARTY_MARKS = {"Republican": r"Republican|GOP|\bR-", "Democratic": r"Democrat|\bD-", "Democrat": r"Democrat|\bD-"}
PARTY_RIVALS = {
    "Republican": re.compile(r"Democrat|\bD-"),
    "Democratic": re.compile(r"Republican|GOP|\bR-"),
    "Democrat": re.compile(r"Republican|GOP|\bR-"),
}
STATE_RE = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(name) for pair in STATE_ABBREVIATIONS.items() for name in pair) + r")(?!\w)"
)
FORMER_RE = re.compile(r"(?i)\bformer\b")
# What follows a surname standing alone for a person: a reporting verb or a clause's punctuation
LONE_NAME_AFTER_RE = re.compile(r"[^\S\n]+(?:said|says|told|tells|added|adds|wrote|writes|asked|asks|noted|argued|insisted)\b|[,;:.!?]")
ASKED_AFTER_RE = re.compile(r"[^\S\n]+(?:asked|questioned|pressed)[^\S\n]+(?=[A-Z])")  # a subject asking someone named
VERB_AFTER_NAME_RE = re.compile(r"[^\S\n]+([a-z]+)\b")
MAX_TITLE_CHARS = 60  # 'Homeland Security Secretary' before 'Jeh Johnson'
SENTENCE_END_RE = re.compile(r"[.!?][\"”’']?(?:\s|$)|\n")
PARENTHESIS_AFTER_RE = re.compile(r"[^\S\n]*\([^()\n]{1,40}\)")
ABBREVIATION_END_RE = re.compile(rf"(?<![\w.'’-])(?:{ABBREVIATION})\Z")
MAX_CLAUSE_CHARS = 150


ONE_OF_RE = re.compile(
    r"(?i:one)[^\S\n]+of[^\S\n]+(?:the|his|her|their|our|my|its|those|these|two|three|four|five|several|[A-Z][\w.-]*['’]s)[^\S\n]+"
)
PERSON_PLURALS = {"men": "man", "women": "woman", "people": "person", "children": "child"}


def unnamed_person_head(phrase: str) -> str | None:
    """The noun of a description standing for one person ('a witness', 'the driver of the bus', 'one
    neighbour', 'his wife'), lower-cased; None for a name, a plural or a thing ('the report')."""
    words = phrase.split()
    if len(words) < 2 or words[0].casefold() not in DESCRIPTION_OPENERS:
        return None
    own = list(itertools.takewhile(lambda word: word.casefold() not in PREPOSITIONS | RELATIVE_WORDS | {"of"}, words[1:]))
    if not own or not own[-1][:1].islower():
        return None  # 'the mayor of Harborton' reads 'mayor'; 'a spokesman, Ines Okafor' is a name
    head = own[-1].casefold().rstrip(",")
    if words[0].casefold() == "the" and head in TITLE_ROLES:
        return None  # 'the senator', 'the candidate': most often someone the article names (`resolve_description`)
    return head if head in PERSON_NOUNS else None


def described_person(phrase: str) -> str | None:
    """The description of one person opening words read forwards ('a witness' in 'a witness ran down', 'one of the
    men' in 'one of the men ran down', 'The consultant anaesthetist fought back tears as ...'), or None ('the
    campaign pushed back', 'the plan')."""
    words = phrase.split()
    one_of = ONE_OF_RE.match(phrase)
    first = len(one_of.group().split()) if one_of else 1
    if not one_of and (len(words) < 2 or words[0].casefold() not in DESCRIPTION_OPENERS):
        return None
    for position in range(first, min(len(words), first + 3)):
        word = words[position]
        if not word[:1].islower() or word in STOP_WORDS or word in PREPOSITIONS:
            return None
        singular = PERSON_PLURALS.get(word, word.removesuffix("s") if one_of else word)
        if singular in PERSON_NOUNS:
            while position + 1 < len(words) and words[position + 1] in PERSON_NOUNS:
                position += 1  # 'The consultant anaesthetist'
            return " ".join(words[: position + 1])
    return None


def description_marks(words: list[str]) -> list[str]:
    """What a description says of whom it names, to be borne out: its capitalised words ('Florida',
    'New York', 'Republican', 'Russian') and 'former'; not its determiner, its role words or its
    other lower-case words ('the cautious candidate')."""
    marks: list[str] = []
    previous_capital = False
    owners = [index for index, word in enumerate(words[:-1]) if word.endswith(POSSESSIVE_ENDINGS)]
    # 'the former vice president's spokeswoman': what is said of the owner says nothing of the one described
    for word in words[owners[-1] + 1 if owners else 1 :]:
        word = word.rstrip(",")
        lowered = word.casefold()
        if lowered in ("former", "ex-"):
            marks.append("former")
            previous_capital = False
        elif lowered in PARTY_HEADS:
            marks.append(word)  # 'the Maine Democrat': Maine and Democrat, each borne out apart
            previous_capital = False
        elif word[:1].isupper() and lowered not in TITLE_ROLES and lowered not in SENTENCE_STARTERS:
            if previous_capital:
                marks[-1] += " " + strip_possessive(word)  # 'New York'
            else:
                marks.append(strip_possessive(word))
            previous_capital = True
        else:
            previous_capital = False
    return marks


NAME_RUN_RE = re.compile(r"(?:[A-Z][\w.'’-]*[^\S\n]*)+")
AFTER_NAME_RE = re.compile(r"[^\S\n]*(?:\([^()\n]{1,40}\)|,[^,.;\n]{1,80}[,.;]|(?:of|from)[^\S\n]+(?:[A-Z][\w.'’-]*[^\S\n]*)+)")


def described_span(text: str, spot: int) -> tuple[int, int]:
    """The words that describe the name printed at `spot`: those before it in its phrase ('former Florida
    Gov.', 'New York businessman') and a parenthesis, apposition or place right after ('(R-Fla.)', ', the
    Vermont senator,', 'of Texas')."""
    start = spot
    for token in reversed(list(TOKEN_RE.finditer(text, max(0, spot - 80), spot))):
        word = token.group()
        lowered = word.casefold()
        if word in PUNCTUATION_TOKENS or not (
            word[:1].isupper() or lowered in TITLE_ROLES or lowered in NAME_MODIFIERS or lowered == "of"
        ):
            break
        start = token.start()
    run = NAME_RUN_RE.match(text, spot)
    end = run.end() if run else spot
    after = AFTER_NAME_RE.match(text, end)
    return start, after.end() if after else end


@functools.lru_cache(maxsize=256)
def mark_pattern(mark: str) -> re.Pattern[str]:
    """A mark as printed near a person: itself, its state's abbreviation, a party's letter, a country ('Russia')."""
    options = [re.escape(mark)]
    if mark in STATE_ABBREVIATIONS:
        options.append(re.escape(STATE_ABBREVIATIONS[mark]))
    if mark in PARTY_MARKS:
        options.append(PARTY_MARKS[mark])
    if len(mark) > 5 and mark.endswith("n") and " " not in mark:
        options.append(re.escape(mark[:-1]))  # 'Russian' near 'Russia'
    return re.compile(rf"(?<![\w.])(?:{'|'.join(options)})")


# Words between a subject and 'to' before a reporting verb, which the subject governs: 'went so far as to say', 'stood
# up to say', 'was quick to tell', 'had this to say', 'paused only briefly to say' (a verb in -ed right after a name
# too: 'Marsh paused to say')
INFINITIVE_CHAIN_WORDS = frozenset(
    "on go goes went gone going so far as up out back off this enough only quick eager careful sure able ready "
    "willing keen rose stood stands stand took takes came comes got had paused stopped decided chose wanted tried "
    "sought seemed appeared felt in order briefly".split()
)
# Verbs whose object is asked to say the words ('The mayor urged residents to say:'): the subject chose them, and
# neither the verb nor its object is a word of the subject
OBJECT_INFINITIVE_VERBS = frozenset(
    "urged urges asked asks told tells encouraged encourages invited invites ordered orders instructed instructs "
    "challenged challenges begged begs allowed allows forced forces prompted prompts persuaded wanted wants "
    "expected expects pressed presses implored implores called calls".split()
)
# 'took to Twitter to', 'went on CNN to', 'turned to Facebook to': a platform or outlet the subject went to
INFINITIVE_PLACE_RE = re.compile(
    r"(?<![\w-])(?:took|takes|take|taking|went|goes|go|turned|turns|appeared)[^\S\n]+(?:to|on)[^\S\n]+"
    r"(?:the[^\S\n]+)?(?:[A-Z][\w'’.-]*[^\S\n]+){1,3}\Z"
)


@functools.cache
def registry_outlet_names() -> frozenset[str]:
    """The names and aliases of the built-in registry's outlets, folded, without a leading 'The'."""
    names = (form for outlet in builtin_outlets() for form in (outlet.name, *outlet.aliases))
    return frozenset(LEADING_THE_RE.sub("", form).casefold() for form in names)


def is_outlet_name(tokens: list[str]) -> bool:
    """Whether capitalised words are a registered outlet's name: 'New Hampshire Union Leader'."""
    return len(tokens) >= 2 and " ".join(tokens).casefold() in registry_outlet_names()


def ends_sentence_between(text: str, start: int, end: int) -> bool:
    """Whether a sentence ends between two offsets; the full stop of a title or an initial ends none ('Kell's cousin,
    state Del. Rhoda Bexley, said')."""
    return any(not abbreviation_stop(text, start, stop) for stop in SENTENCE_END_RE.finditer(text, start, end))


def abbreviation_stop(text: str, start: int, stop: re.Match) -> bool:
    """Whether a sentence end found from `start` on is the full stop of a title or an initial ('Del.', 'F.')."""
    return stop.group().startswith(".") and ABBREVIATION_END_RE.search(text, max(start, stop.start() - 8), stop.start() + 1) is not None


def find_subject(text: str, floor: int, verb_start: int, index: SpeakerIndex) -> tuple[str, int] | None:
    """The subject right before a reporting verb: ('Jane Roe', offset), ('he', offset), ('the mayor', offset)."""
    found = find_nearest_subject(text, floor, verb_start, index)
    if found is None:
        return None
    phrase, offset = found
    words = phrase.split()
    if (
        len(words) >= 2
        and words[0].casefold() in OWNING_DETERMINERS
        and words[-1].casefold() in OCCASION_NOUNS
        and ING_VERB_RE.match(text, verb_start)
    ):
        # 'Sanders started out their ninth debate saying "..."': an occasion someone opens or ends with words is the
        # object of that one's verb; its subject speaks
        verb = VERB_BEFORE_OBJECT_RE.search(text, max(floor, offset - 40), offset)
        if verb is not None:
            subject = find_nearest_subject(text, floor, verb.start(), index)
            if subject is not None:
                return subject
    series = SERIES_BEFORE_RE.search(text, max(floor, offset - 30), offset)
    head = words[-1].casefold()
    shown = head in SHOWN_NOUNS or head.removesuffix("s") in SHOWN_NOUNS
    if (head in DOCUMENT_NOUNS or head.removesuffix("s") in DOCUMENT_NOUNS or shown) and (
        series is not None
        or (len(words) >= 2 and words[0].casefold() in ("a", "an", "the", "his", "her", "their", "its"))
        or (shown and head.endswith("s"))
    ):
        # 'Trump issued a statement saying ...', 'Trump unleashed a series of tweets saying ...', 'The campaign released
        # a parody website asking ...', 'workers carrying signs saying ...': the author or bearer speaks
        before = series.start() if series is not None else offset
        issuer = (SHOWN_RE if shown else ISSUED_RE).search(text, max(floor, before - 40), before)
        if issuer is not None:
            # 'This prompted the tabloid to do a cover saying ...': the one moved to make it, not the mover
            moved = MOVED_AGENT_BEFORE_RE.search(text, max(floor, issuer.start() - 60), issuer.start())
            if moved is not None and moved.group("verb") in OBJECT_INFINITIVE_VERBS:
                return moved.group("agent"), moved.start("agent")
            author = find_nearest_subject(text, floor, issuer.start(), index)
            if author is not None:
                return author
    return found


def find_nearest_subject(text: str, floor: int, verb_start: int, index: SpeakerIndex) -> tuple[str, int] | None:
    """The noun phrase right before a verb, skipping adverbs, times, parentheses, appositions and a participle
    phrase after the subject ('Another source speaking to Fox News said', 'A second pilot talking with reporters
    said')."""
    unclosed = unclosed_apposition(text, floor, verb_start, index)
    if unclosed is not None:
        return unclosed
    found = read_subject_before(text, floor, verb_start, index)
    if text.find("ing ", max(floor, verb_start - 100), verb_start) < 0:
        return found  # (most verbs: no participle before them)
    participle = PARTICIPLE_PHRASE_RE.search(text, max(floor, verb_start - 100), verb_start)
    if participle is None:
        return found
    if found is not None and found[1] < participle.start("participle"):
        if found[1] + len(found[0]) <= participle.start("participle") or found[0].split()[-1][:1].isupper():
            return found  # a name ends it: 'former State policy planning director Anne-Marie Slaughter wrote'
    elif found is not None and participle.group("after") not in DETERMINERS:
        return found  # its object, not a participle's: 'At the appeal hearing in May its lawyers claimed'
    if participle.group("noun").casefold() in STOP_WORDS | PREPOSITIONS | DETERMINERS | SKIP_BEFORE_VERB | PLAIN_PRONOUNS:
        return found  # 'he was speaking', 'after talking': no noun before the participle
    subject = read_subject_before(text, floor, participle.end("noun"), index)
    if (
        subject is None
        or subject[1] + len(subject[0]) != participle.end("noun")
        or OBJECT_BEFORE_RE.search(text, max(floor, subject[1] - 8), subject[1])
    ):
        # (not 'The stereotype of the gruff bigot denouncing communists ignored', 'During the earlier appeal hearing
        # the court heard': a preposition's object)
        return found
    return subject


def unclosed_apposition(text: str, floor: int, verb_start: int, index: SpeakerIndex) -> tuple[str, int] | None:
    """The person an apposition describes when its closing comma is missing before the verb: 'Ines Okafor, president
    and CEO of Harborton Restaurant Association stated' (not the body, nor the role)."""
    if text.find(",", max(floor, verb_start - 120), verb_start) < 0:
        return None
    apposed = UNCLOSED_APPOSITION_RE.search(text, max(floor, verb_start - 120), verb_start)
    if apposed is None:
        return None
    roles = apposed.group("roles").split()
    if not any(word.casefold() in TITLE_ROLES for word in roles) or not all(
        word.islower() or word.casefold() in TITLE_ROLES for word in roles
    ):
        return None  # (a role and nothing else: 'Okafor, president and CEO of', not 'Okafor, who spoke to Reuters at')
    body = apposed.group("body").split()
    if len(body) >= 2 and is_first_name(body[-2]):
        return None  # the body's words end in someone's name: 'Speaking of Marsh, chairman of Harbour Trust Anthony Ekwe'
    named = index.read_name_before(text, floor, apposed.start())
    if named is None or not is_person_name(named[0].split()):
        return None
    return named


def read_subject_before(text: str, floor: int, verb_start: int, index: SpeakerIndex) -> tuple[str, int] | None:
    """The noun phrase right before a verb, skipping adverbs, times, parentheses and appositions."""
    region_start = max(floor, verb_start - 160)
    tokens = [(m.group(), m.start()) for m in TOKEN_RE.finditer(text, region_start, verb_start)]
    position = len(tokens)
    # skip adverbs, auxiliaries and times: 'Smith also said', 'he has said', 'Priebus later Thursday told'
    moved = True
    while moved and position > 0:
        moved = False
        while position > 0 and tokens[position - 1][0].islower() and (
            tokens[position - 1][0] in SKIP_BEFORE_VERB or tokens[position - 1][0].endswith("ly") and not owned_noun(tokens, position - 1)
        ):
            position -= 1
            moved = True
        while position >= 2 and tokens[position - 1][0].casefold() in TIME_WORDS:
            position -= 1
            moved = True
            if tokens[position - 1][0].casefold() in ("on", "last", "late", "early", "this", "next"):
                position -= 1
            elif position >= 3 and tokens[position - 1][0] in ("a", "the") and tokens[position - 2][0] in ("during", "on"):
                position -= 2  # 'Sanders during a Sunday thanked'
        if position >= 3 and tokens[position - 1][0] == "ago":
            # 'The State Department less than two weeks ago said': a time before the verb
            since = AGO_BEFORE_RE.search(text, max(floor, tokens[position - 1][1] - 40), tokens[position - 1][1] + 3)
            if since is not None:
                while position > 0 and tokens[position - 1][1] >= since.start():
                    position -= 1
                moved = True
    if position == 0:
        return None
    if tokens[-1][0].endswith(POSSESSIVE_ENDINGS) and tokens[-1][1] + len(tokens[-1][0]) + 1 >= verb_start:
        return None  # "Marsh's call for", "Cruz's charges": a noun the name owns, not a verb it is the subject of
    # 'Mr. Trump was prompted to say', 'Smith went on to say', 'Smith went so far as to say', 'Smith stood up to
    # say', 'Smith took to Twitter to say': the subject of the governing verb
    if position >= 3 and tokens[position - 1][0] == "to" and (
        tokens[position - 2][0].islower() or INFINITIVE_PLACE_RE.search(text, region_start, tokens[position - 1][1])
    ):
        place = INFINITIVE_PLACE_RE.search(text, region_start, tokens[position - 1][1])
        position -= 2
        for verb in range(position - 1, max(-1, position - 4), -1):
            word = tokens[verb][0]
            if not word.islower() or word in PUNCTUATION_TOKENS:
                break
            if word in OBJECT_INFINITIVE_VERBS or (word == "on" and verb >= 1 and tokens[verb - 1][0] in OBJECT_INFINITIVE_VERBS):
                # 'The mayor urged residents to say', 'called on all members to tell': the subject before the verb
                position = verb - 1 if word == "on" else verb
                break
        if place is not None:
            while position > 0 and tokens[position - 1][1] >= place.start():
                position -= 1
        while position > 0 and tokens[position - 1][0].islower() and (
            tokens[position - 1][0] in SKIP_BEFORE_VERB or tokens[position - 1][0] in INFINITIVE_CHAIN_WORDS
            or (position >= 2 and tokens[position - 1][0].endswith("ed") and tokens[position - 2][0][:1].isupper())
        ):
            position -= 1
        if position == 0:
            return None
    # 'Ms. Sherry smiled and said': skip a coordinated verb
    if position >= 3 and tokens[position - 1][0] == "and" and re.fullmatch(r"[a-z]+(?:ed|s)", tokens[position - 2][0]):
        position -= 2
    # 'Sen. Marco Rubio (R-Fla.) said': skip a parenthesis
    if tokens[position - 1][0] == ")":
        back = position - 2
        while back >= 0 and tokens[back][0] != "(" and position - back <= 12:
            back -= 1
        if back <= 0 or tokens[back][0] != "(":
            return None
        position = back
    # 'Willie Minor, an actor in Dallas, who runs a theater, recalled': the name opening the clause
    if tokens[position - 1][0] == ",":
        intro = SENTENCE_INTRO_RE.match(text, floor, verb_start)
        clause_start = intro.end() if intro else floor
        for opener in INTRO_WORD_RE.finditer(text, floor, clause_start) if intro else ():
            if opener.group().casefold() in index.by_token:
                # '(But) Sally Greengross, director of ..., said': a name, not an adverb ('Finally, ')
                clause_start = opener.start()
                break
        opening = read_noun_phrase(text, clause_start, verb_start)
        if opening is not None and INTRO_GOES_ON_RE.match(text, opening[1] + len(opening[0])):
            opening = None  # 'In an article posted on the website, the Paper, and widely circulated online, Shen ...'
        if opening is not None and opening[0].casefold() not in PLAIN_PRONOUNS:
            after = opening[1] + len(opening[0])
            aside = PARENTHESIS_AFTER_RE.match(text, after, verb_start)
            after = aside.end() if aside is not None else after  # 'Rhoda Bexley (D-Hampton), said'
            lead = text[clause_start : opening[1]]
            # (or the name in apposition to the description opening it: "Clinton's introducer, actress Jamie Lee
            # Curtis, said")
            if (
                text.startswith(",", after)
                and (
                    not lead.strip(" \t\n\u00a0\"“”'‘’,—–-")
                    or ("," in lead.strip() and not ends_sentence_between(text, clause_start, verb_start))
                )
                and not (
                    opening[0][-1:].islower()
                    and opening[0].split()[-1].casefold() not in TITLE_ROLES
                    and NAMED_APPOSITIVE_RE.fullmatch(text, after, verb_start)
                )
            ):
                # (not a description the apposition after it names: "Henry Clay's biographers, David and Jeanne
                # Heidler, wrote", "Another user, Roland Z, wrote", read below; a role resolves as before: 'His
                # counsel, Mr Desmond Harrow QC, asked')
                return opening
    # 'Jane Roe, a Nebraska Republican, said': skip the apposition between commas
    if tokens[position - 1][0] == ",":
        comma = position - 1
        back = comma - 1
        while back >= 0 and tokens[back][0] not in (",", ";", ":", "(", ")", ".", "!", "?", '"', "“", "”") and comma - back <= 40:
            back -= 1
        if back < 0 or tokens[back][0] != ",":
            return None
        appositive = tokens[back + 1 : comma]
        paired = [at for at, (word, _) in enumerate(appositive) if word == "and"]
        if len(paired) == 1 and 0 < paired[0] <= 2 and all(w[:1].isupper() for w, _ in appositive[: paired[0]]):
            # "Henry Clay's biographers, David and Jeanne Heidler, wrote": the last of the pair, as 'A and B said' is
            named = appositive[paired[0] + 1 :]
            if all(w[:1].isupper() for w, _ in named) and is_person_name([w for w, _ in named]):
                appositive = named
        if appositive and all(w[:1].isupper() for w, _ in appositive) and is_person_name([w for w, _ in appositive]):
            # 'the White House spokesman, Josh Earnest, said', 'the director of the FBI, James B. Comey,
            # said': the appositive is the name
            described = any(w.casefold() in TITLE_ROLES for w, _ in tokens[max(0, back - 8) : back])
            if back >= 1 and (tokens[back - 1][0][:1].islower() or described) and len(appositive) >= 2:
                start = appositive[0][1]
                end = appositive[-1][1] + len(appositive[-1][0])
                return text[start:end], start
        position = back
        if position == 0:
            return None
        place = position - 1
        while place > 0 and position - place <= 3 and tokens[place][0][:1].isupper():
            place -= 1
        if (
            appositive
            and all(w[:1].isupper() for w, _ in appositive)
            and place < position - 1
            and tokens[place][0] in ("in", "from", "of")
        ):
            # 'a woman in Worcester, Massachusetts, told': the one from the place, not the place (a subject opening its
            # clause; not 'who ran a business in Leighton Buzzard, Bedfordshire, alleged', 'who lives in Wisbech, Cambs,')
            placed = find_nearest_subject(text, floor, tokens[place][1], index)
            if placed is not None and (placed[0][:1].isupper() or placed[0].split()[0].casefold() in DETERMINERS):
                before = WORD_JUST_BEFORE_RE.search(text, max(floor, placed[1] - 20), placed[1])
                if before is None or before.group(1).casefold() in CLAUSE_OPENERS:
                    return placed
        if tokens[position - 1][0] == ")":
            back = position - 2
            while back >= 0 and tokens[back][0] != "(" and position - back <= 12:
                back -= 1
            if back <= 0:
                return None
            position = back
    for role in range(position - 3, max(-1, position - 16), -1):
        if tokens[role + 1][0] == "of" and is_office_role(tokens[role][0]):
            # 'former Secretary of State Hillary Clinton said', 'Mayor of London Sadiq Khan said': the whole title
            start = title_start(tokens, role)
            held = read_office_title(tokens[:position], start, text, index.knows)
            if held is not None and held[1] == position:
                end = tokens[position - 1]
                return text[tokens[start][1] : end[1] + len(end[0])], tokens[start][1]
    relative = next(
        (
            back
            for back in range(position - 2, max(0, position - 14), -1)
            if tokens[back][0] in PUNCTUATION_TOKENS or tokens[back][0] == "who"
        ),
        None,
    )
    if relative is not None and tokens[relative][0] == "who" and relative >= 2 and tokens[relative - 1][0][:1].islower():
        comma = next((back for back in range(relative - 1, max(0, relative - 10), -1) if tokens[back][0] in PUNCTUATION_TOKENS), None)
        if comma is not None and tokens[comma][0] == "," and tokens[comma + 1][0].casefold() in ("a", "an", "the"):
            # 'Pc Campbell, a mother of two who has been a police officer since 1993 said': the name the
            # apposition with its relative clause describes
            named = find_nearest_subject(text, floor, tokens[comma][1], index)
            last = strip_possessive(named[0].split()[-1]).casefold() if named is not None else ""
            if named is not None and any(index.is_personal(person) for _, person in index.by_token.get(last, ())):
                return named  # (not a place: 'Basil Rigby, of St Helens, Merseyside, a care worker who was jailed')
        # 'a White House official who spoke anonymously to discuss strategy said': the noun before 'who'
        antecedent = find_nearest_subject(text, floor, tokens[relative][1], index)
        if antecedent is not None and antecedent[0].split()[0].casefold() in DETERMINERS:
            return antecedent
    word, offset = tokens[position - 1]
    lowered = word.casefold()
    if lowered in ("that", "which") and position >= 2 and tokens[position - 2][0][:1].islower():
        # 'a marketing video that said': the antecedent
        antecedent = find_nearest_subject(text, floor, tokens[position - 1][1], index)
        if antecedent is not None:
            return antecedent
    if lowered in PLAIN_PRONOUNS:
        if lowered == "who":
            if position < 2 or tokens[position - 2][0] != ",":
                return None
            found = find_subject(text, floor, tokens[position - 2][1] + 1, index)
            if found is not None and CLAUSE_VERB_AFTER_RE.match(text, found[1] + len(found[0]), tokens[position - 2][1]):
                found = None  # the subject of a clause ('Swanson praised Franklin Graham, who'): not the antecedent
            if found is None and position >= 3 and tokens[position - 3][0][:1].isupper() and RELATIVE_RUN_RE.match(text, verb_start):
                # 'Swanson praised evangelist Franklin Graham, who has vowed': the name the relative clause follows;
                # 'Contrast that with Trump, who has called': a preposition's object too
                comma = tokens[position - 2][1]
                found = find_nearest_subject(text, floor, comma, index)
                if found is None or CLAUSE_VERB_AFTER_RE.match(text, found[1] + len(found[0]), comma):
                    found = index.read_name_before(text, floor, comma)  # (the name itself, not the clause's subject)
                if found is not None:
                    found = trailing_name(*found)
                    if PAIRED_NAME_BEFORE_RE.search(text, max(floor, found[1] - 40), found[1]):
                        return None  # 'Govs. Jeb Bush and Chris Christie, who say': both (not '"insanity," and Sanders, who')
            return found
        if position >= 2 and tokens[position - 2][0].casefold() in ("that", "and", "but", "when", "as", "because", "if"):
            return (word, offset)
        return (word, offset)
    if position >= 2 and tokens[position - 1][0] == "percent" and re.fullmatch(r"\d[\d.,]*", tokens[position - 2][0]):
        # '21 percent said "not too likely"': a share of the respondents answers
        start = tokens[position - 2][1]
        return text[start : tokens[position - 1][1] + len("percent")], start
    collected: list[tuple[str, int]] = []
    index_position = position - 1
    saw_determiner = False
    while index_position >= 0 and len(collected) < 8:
        word, offset = tokens[index_position]
        lowered = word.casefold()
        if word in PUNCTUATION_TOKENS:
            break
        if lowered in DEMONSTRATIVES:
            if collected and not collected[0][0][:1].isupper() and (
                index_position == 0 or tokens[index_position - 1][0] in PUNCTUATION_TOKENS
            ):
                collected.insert(0, (word, offset))  # '," this source told the Post': a determiner
                saw_determiner = True
            break  # 'that Sanders refers to': a conjunction, not part of the subject
        if lowered in DETERMINERS:
            if (
                index_position >= 2
                and tokens[index_position - 1][0] in ("of", "from", "at")
                and tokens[index_position - 2][0][:1].isupper()
                and tokens[index_position - 2][0] not in PUNCTUATION_TOKENS
            ):
                # 'Mr. Morgan of the Sierra Club said': the person, not the organisation
                owner = find_nearest_subject(text, floor, tokens[index_position - 1][1], index)
                if owner is not None:
                    titles, names = split_title(owner[0])
                    if (titles or len(names) >= 2) and is_person_name(names):
                        return owner
            collected.insert(0, (word, offset))
            saw_determiner = True
            if (
                index_position >= 2
                and tokens[index_position - 1][0] in ("with", "to", "in", "on", "of", "from", "for")
                and tokens[index_position - 2][0].casefold() in CONNECTED_ADJECTIVES | TITLE_ROLES.keys()
            ):
                # 'a source familiar with the talks', 'a spokesman for the campaign': go on to the head
                collected.insert(0, tokens[index_position - 1])
                index_position -= 2
                saw_determiner = False
                continue
            break
        if word[:1].isupper():
            if lowered in SENTENCE_STARTERS and lowered not in DETERMINERS and collected:
                break
            if lowered in MONTHS and collected and index_position >= 1 and tokens[index_position - 1][0].casefold() in DATE_BEFORE_MONTH:
                break  # 'In May Trump said': a date before the name
            if (
                lowered == DATE_ONLY_MONTH
                and collected
                and collected[0][0][:1].isupper()
                and (index_position == 0 or not tokens[index_position - 1][0][:1].isupper())
            ):
                break  # 'May Brown said': a date before the name, as 'May' opens none (not 'Ruth May Kelso')
            if lowered in SENTENCE_STARTERS | PREPOSITIONS | NEGATIVE_PRONOUNS and not collected and lowered not in index.by_token:
                return None  # ('From said' when the article names Al From: his surname; 'Across town, ... is', 'Nothing changed')
            collected.insert(0, (word, offset))
        elif lowered in ("of", "from") and collected and collected[0][0][:1].isupper() and index_position >= 1 and tokens[index_position - 1][0][:1].isupper() and tokens[index_position - 1][0] not in PUNCTUATION_TOKENS:
            if collected[-1][0][:1].islower() or ends_in_titled_name([word for word, _ in collected]):
                # 'one Arizona Department of Transportation sign read': one compound noun phrase; 'Harborton
                # Chamber of Commerce President Ana Ruiz said': the title of the name that ends it
                collected.insert(0, (word, offset))
            else:
                # 'Sen. Chuck Schumer of New York said': the name before the place
                collected = []
        elif (
            lowered in ("for", "and")
            and collected
            and collected[0][0][:1].isupper()
            and ORGANISATION_OF_RE.search(text, max(floor, offset - 80), offset)
            and (lowered == "for" or ORGANISATION_FOR_RE.search(text, max(floor, offset - 80), offset))
        ):
            # 'Jeffrey Lewis of the James Martin Center for Nonproliferation Studies wrote', 'of Washington's Institute
            # for Science and International Security': the body's name goes on, up to the person before 'of'
            collected.insert(0, (word, offset))
        elif lowered in ("of", "from", "for") and collected and index_position >= 1 and tokens[index_position - 1][0].casefold() in TITLE_ROLES:
            # 'The senator from Vermont said', 'a spokesman for the campaign said': the role and its place
            collected.insert(0, (word, offset))
        elif lowered in ("with", "to", "in", "on") and collected and index_position >= 1 and tokens[index_position - 1][0].casefold() in CONNECTED_ADJECTIVES:
            # 'a source familiar with the talks said', 'a person close to the Clintons said'
            collected.insert(0, (word, offset))
        elif word[:1].isdigit() and AGE_NOUN_RE.fullmatch(lowered):
            collected.insert(0, (word, offset))  # 'the 43-year-old asked'
        elif index_position >= 1 and (tokens[index_position - 1][0].casefold(), lowered) in PARTICLE_COMPOUNDS:
            collected.insert(0, (word, offset))  # 'a voice over says': a noun, not a preposition
        elif lowered in STOP_WORDS or word[:1].isdigit():
            break
        elif word[:1].islower():
            collected.insert(0, (word, offset))
        index_position -= 1
    verb = clause_verb_at(collected)
    if verb is not None:
        # 'The Vermont senator emailed supporters saying', "Ryan's campaign shrugged off Trump's comments, telling":
        # a clause, whose subject is the words before its verb
        collected = collected[:verb]
        if all(word.casefold() in DETERMINERS for word, _ in collected):
            return None
    if collected:
        part = read_part_before_of(text, tokens, collected)
        if part is not None:
            return part
        described = find_person_before_of(text, floor, tokens, collected[0][1], index)
        if described is not None:
            return described
    # trim lower-case words that were not part of a determiner phrase ('crowd chanted' is fine, 'then Smith' not)
    if not saw_determiner:
        while collected and collected[0][0][:1].islower() and len(collected) > 1 and any(w[:1].isupper() for w, _ in collected):
            collected.pop(0)
        if collected and all(w[:1].islower() for w, _ in collected):
            # a bare plural: 'officials said', 'critics say'
            head = collected[-1][0]
            if not re.fullmatch(r"[a-z]+[^s]s", head) or head.endswith(("ss", "us", "is")):
                return None
            collected = collected[-1:]
    if not collected:
        return None
    if saw_determiner and len(collected) == 1:
        lone = next((i for i, token in enumerate(tokens) if token[1] == collected[0][1]), 0)
        if collected[0][0].casefold() in PRONOUN_DETERMINERS and (lone == 0 or tokens[lone - 1][0] in PUNCTUATION_TOKENS):
            return collected[0]  # 'Another tweeted, "..."', 'Some said': a determiner standing for people
        return None
    first = next((i for i, token in enumerate(tokens) if token[1] == collected[0][1]), 0)
    if first >= 2 and tokens[first - 1][0] in SETTING_PREPOSITIONS and saw_determiner:
        # 'Trump in his announcement speech called', 'Sanders during a Sunday thanked': the person before the setting
        named = index.read_name_before(text, floor, tokens[first - 2][1] + len(tokens[first - 2][0]))
        if named is not None and NAME_GAP_RE.fullmatch(text, named[1] + len(named[0]), tokens[first - 1][1]):
            return trailing_name(*named)
    if first > 0 and tokens[first - 1][0] in PREPOSITIONS:
        # 'responded on Facebook writing': the object of a preposition is no subject, except in
        # 'with Donald Trump tweeting that ...'
        if not (tokens[first - 1][0] == "with" and re.match(r"[a-z]+ing\b", text[verb_start : verb_start + 20])):
            authored = authored_subject(text, floor, tokens, first, collected, index)
            if authored is not None:
                return authored
            # 'a welcome message on the website reads': the noun phrase the preposition belongs to
            if (
                saw_determiner
                and first >= 3
                and tokens[first - 1][0] in ("on", "in", "at", "of", "from")
                and tokens[first - 2][0][:1].islower()
                and not tokens[first - 2][0].endswith("ed")
                and collected[-1][0].casefold() not in ("last", "first", "next", "same", "other")
            ):
                head = find_nearest_subject(text, floor, tokens[first - 1][1], index)
                if head is not None and head[0].split()[0].casefold() in ("a", "an", "the", "one", "this"):
                    end = collected[-1][1] + len(collected[-1][0])
                    return text[head[1] : end], head[1]
            return None
    phrase = text[collected[0][1] : collected[-1][1] + len(collected[-1][0])]
    if phrase.casefold() in STOP_WORDS and not (phrase[:1].isupper() and phrase.casefold() in index.by_token):
        return None  # ('Will wrote' when the article names George Will: his surname)
    if index.is_intro_word(phrase, collected[0][1], before_comma=False):
        return None  # 'Domestically, Trump's row ... Obama, who called': an adverb, not the antecedent
    return phrase, collected[0][1]


AUTHORED_PARTICIPLES = frozenset(
    "obtained released issued published prepared commissioned conducted written sent posted reviewed seen provided "
    "produced filed signed distributed circulated paid funded".split()
)
AUTHORED_HEADS = DOCUMENT_NOUNS | frozenset(
    "study survey poll projection analysis estimate forecast review audit assessment article piece story paper book "
    "editorial column essay ad ads advertisement video letter memo email e-mail note message mailer flier flyer "
    "brochure document documents report reports filing complaint lawsuit suit transcript".split()
)


def authored_subject(
    text: str, floor: int, tokens: list[tuple[str, int]], first: int, collected: list[tuple[str, int]], index: SpeakerIndex
) -> tuple[str, int] | None:
    """A work with its author as the subject: 'A projection by the firm Harbor Economics predicted', 'A letter from the
    Legion obtained by The Associated Press warns', 'a fundraising email sent out by Roe warned' (not the author alone:
    the words are the work's)."""
    if first < 2 or tokens[first - 1][0] != "by":
        return None
    at = first - 2
    if tokens[at][0] in ("out", "up") and at >= 1:
        at -= 1  # 'sent out by'
    end = collected[-1][1] + len(collected[-1][0])
    if tokens[at][0].casefold() in AUTHORED_PARTICIPLES:
        head = find_nearest_subject(text, floor, tokens[at][1], index)  # 'A letter from the Legion obtained by'
    else:
        head = find_nearest_subject(text, floor, tokens[first - 1][1], index)  # 'A projection by'
    if head is None:
        return None
    words = head[0].split()
    noun = words[-1].casefold() if tokens[at][0].casefold() not in AUTHORED_PARTICIPLES else None
    if words[0].casefold() not in ("a", "an", "the", "one", "this", "that", "his", "her", "their", "its"):
        return None
    if noun is not None and noun not in AUTHORED_HEADS:
        return None  # (a work by its author, not 'the crowd by the pier')
    if noun is None and not any(word.casefold() in AUTHORED_HEADS for word in words):
        return None
    return text[head[1] : end], head[1]


# A past-tense verb inside words read back as a subject: 'emailed' in 'The Vermont senator emailed supporters'
CLAUSE_PAST_RE = re.compile(
    r"[a-z]{3,}(?<![a-qsu-z]e)(?<!hundr)(?<!bre)(?<!cre)(?<!gre)ed|went|took|gave|made|came|sent|cast|began|brought|kept|held|"
    r"spoke|sought|won|got|drew|threw|struck|told|wrote"
)


# An infinitive of speaking after a name: 'allowed Mosseri to claim' (not 'hired Ford to work as a "consultant"')
INFINITIVE_AFTER_RE = re.compile(
    r"[^\S\n]+to[^\S\n]+(?:say|claim|tell|argue|insist|declare|announce|call|describe|write|warn|ask|boast|promise)\b"
)


# A present tense that is no plural noun, inside words read back as a subject: 'accuses' in 'Hillary Clinton accuses
# Bernie Sanders of ...', 'makes' in "Hoff's letter makes a case: ..." (not 'quotes', 'hits', 'attacks': nouns too)
CLAUSE_PRESENT_VERBS = frozenset(
    "accuses admires makes begins seeks slams praises mocks criticizes criticises defends urges compares describes "
    "denounces dismisses tells asks warns gives lets keeps".split()
)
CLAUSE_VERB_AFTER_RE = re.compile(rf"[^\S\n]+(?:{CLAUSE_PAST_RE.pattern})[^\S\n]")  # ' praised preacher Ines Kowal'


def clause_verb_at(collected: list[tuple[str, int]]) -> int | None:
    """Where a verb breaks words read back as a subject into a clause: a past tense or a present one right after a
    noun ('senator emailed', 'campaign shrugged', 'report issued', 'Clinton accuses'), not a modifier after a determiner, an owner, an adverb or a
    number ('an unnamed official', "Trump's embattled campaign", 'the newly elected mayor')."""
    for position in range(1, len(collected)):
        word, before = collected[position][0], collected[position - 1][0]
        lowered = before.casefold()
        if (
            (CLAUSE_PAST_RE.fullmatch(word) or word in CLAUSE_PRESENT_VERBS)
            and word not in CONNECTED_ADJECTIVES
            and lowered not in DETERMINERS | OWNING_DETERMINERS | NUMBER_WORDS | STOP_WORDS
            and not lowered.endswith("ly")
            and not before.endswith(POSSESSIVE_ENDINGS)
            and not before[:1].isdigit()
            and before not in PUNCTUATION_TOKENS
        ):
            return position
    return None


def clause_subject(phrase: str, after: str = "") -> str:
    """The words of a phrase before a clause's verb ('The Vermont senator' of 'The Vermont senator emailed
    supporters'), or the name after it that an infinitive follows (`after`: 'allowed Mosseri' before 'to claim');
    the phrase itself when it holds no verb; empty when only a determiner stands before it."""
    words = [(match.group(), match.start()) for match in TOKEN_RE.finditer(phrase)]
    verb = clause_verb_at(words)
    if verb is None:
        return phrase
    if verb + 1 < len(words) and all(word[:1].isupper() for word, _ in words[verb + 1 :]) and INFINITIVE_AFTER_RE.match(after):
        return phrase[words[verb + 1][1] :]
    kept = words[:verb]
    if all(word.casefold() in DETERMINERS for word, _ in kept):
        return ""
    return phrase[: kept[-1][1] + len(kept[-1][0])]


# A relative clause from its verb running on to a quotation or its sentence's end ('who has vowed not to buy them
# because of its "support of ..."', 'who lamented in an interview, "We ..."'), not one a comma closes ('who led the
# inquiry, saying: "..."', 'who suggested making it, of the "importance of ..."': the main clause's words)
# (a comma between two adjectives goes on: 'who portrayed him as a generous, magnanimous executive who would be "')
RELATIVE_RUN_RE = re.compile(
    r"(?:[^,\"“”‘\n]|,(?=[^\S\n]+(?!(?:and|but|or|nor|while|who|which|whose|where|when|as|then|of|in|on|at|for|to|with|from|by|about|"
    r"after|before|into|over|the|a|an|his|her|their|its)\b)[a-z]+[^\S\n]+[a-z]))*?"
    r"(?:,[^\S\n]*)?(?:[\"“‘]|''|[.!?](?:\s|\Z)|\n|\Z)"
)
AGO_BEFORE_RE = re.compile(
    r"(?<![\w'’-])(?:(?:less|more) than |about |nearly |almost |just |only |some )?(?:a few|a|an|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|several|few|\d+) (?:second|minute|hour|day|week|month|year|decade)s? ago\Z"
)
CLAUSE_OPENERS = frozenset("after when that and but as while because if before since though although".split())
SETTING_PREPOSITIONS = frozenset("in during at on".split())  # 'Trump in his speech called': where or when, not who
NAME_GAP_RE = re.compile(r"[^\S\n]+")
# An apposition naming one person or a pair, and nothing after it before the verb: ', David and Jeanne Heidler, '
NAMED_APPOSITIVE_RE = re.compile(
    r",[^\S\n]+(?:[A-Z][\w'’.-]*[^\S\n]+){0,2}(?:and[^\S\n]+)?(?:[A-Z][\w'’.-]*[^\S\n]+){0,2}[A-Z][\w'’-]*,[^\S\n]*"
)
OBJECT_BEFORE_RE = re.compile(r"(?i:\b(?:" + "|".join(OBJECT_PREPOSITIONS) + r"))[^\S\n]+\Z")
# An opening phrase's second participle after a noun it names: ', and widely circulated online,' (the noun before it
# is the phrase's, not the sentence's subject)
INTRO_GOES_ON_RE = re.compile(r",[^\S\n]+and[^\S\n]+(?:(?:[a-z]+ly|then|later|also|since)[^\S\n]+)?[a-z]+ed\b")
# An apposition whose closing comma is missing, a role held at a body whose name runs to the verb: ', president and
# CEO of Harborton Restaurant Association ' (after 'Ines Okafor')
UNCLOSED_APPOSITION_RE = re.compile(
    r",[^\S\n]+(?:the[^\S\n]+)?(?P<roles>[\w-]+(?:[^\S\n]+[\w-]+){0,3}?)[^\S\n]+(?:of|at)[^\S\n]+(?:the[^\S\n]+)?"
    r"(?P<body>[A-Z][\w'’&.-]*(?:[^\S\n]+(?:of|for|and|[A-Z][\w'’&.-]*)){0,6})[^\S\n]+\Z"
)
# A participle phrase between a subject's noun and its verb: 'source speaking to Fox News ', 'pilot talking with reporters '
PARTICIPLE_PHRASE_RE = re.compile(
    r"(?<![\w'’-])(?P<noun>[A-Za-z][\w'’-]*)[^\S\n]+(?P<participle>(?!(?:during|including|regarding|concerning|according|following|pending)\b)[a-z]{3,}ing)"
    r"[^\S\n]+"
    r"(?P<after>to|with|on|for|at|in|about|from|the|a|an|his|her|their|its)(?:[^\S\n]+[^\W\d_][\w'’.-]*){0,7}[^\S\n]+\Z"
)  # (a preposition or a determiner after it: not 'bombing and', 'hearing was', 'glazing salesman'; not 'during')
ADVERB_RE = re.compile(r"[A-Z][a-z]+(?:al|[^l])ly")  # 'Domestically', 'Thirdly', 'Hastily'; not 'Kelly', 'Connolly'
NAME_RUN_BEFORE_RE = re.compile(r"(?<![\w'’.-])[A-Z][\w'’.-]*(?:[^\S\n]+[A-Z][\w'’.-]*)*\Z")
# A name, 'and', then the name a relative clause follows: 'Jeb Bush and Chris Christie, who say' speak together
PAIRED_NAME_BEFORE_RE = re.compile(r"[A-Z][\w'’.-]*[^\S\n]+and[^\S\n]+\Z")


def owned_noun(tokens: list[tuple[str, int]], at: int) -> bool:
    """Whether the word at `at` follows a determiner or an owner's possessive, so is a noun: 'the rally', "Vask's
    family", 'an ally' (not an adverb in -ly skipped before a verb: 'Smith quickly said')."""
    if at == 0:
        return False
    before = tokens[at - 1][0]
    return before.casefold() in DETERMINERS or before.endswith(POSSESSIVE_ENDINGS)


def is_abstract_noun(word: str) -> bool:
    """Whether a lower-case head noun names a thing thought of, no one who speaks ('disruptions', 'willingness'),
    as its ending tells; not a body that speaks ('the commission', 'the administration')."""
    word = word.casefold().rstrip(",")
    singular = word[:-1] if word.endswith("ions") else word
    return word.endswith(ABSTRACT_ENDINGS) and not {word, singular} & (
        SPEAKING_BODIES | ORGANISATION_NOUNS | GROUP_WORDS | NON_PERSON_WORDS
    )


def trailing_name(phrase: str, offset: int) -> tuple[str, int]:
    """The name ending words read backwards, with the roles before it: 'Ines Kowal' in 'Okafor praised Ines Kowal',
    'senator Ines Kowal' in 'Okafor praised senator Ines Kowal'; the words whole when no name ends them."""
    words = list(re.finditer(r"\S+", phrase))
    cut = len(words)
    while cut > 0 and words[cut - 1].group()[:1].isupper():
        cut -= 1
    while 0 < cut < len(words) and words[cut - 1].group().casefold() in TITLE_ROLES:
        cut -= 1
    if 0 < cut < len(words):
        return phrase[words[cut].start() :], offset + words[cut].start()
    return phrase, offset


COUNT_WORDS = frozenset("two three four five six seven eight nine ten eleven twelve".split())


# A part of a group named before 'of' speaks for that part, not for the group: '61 percent of voters', 'the share
# of residents', 'Most of the fishermen', 'one of the witnesses', 'An average of 10 percent of registered voters'
PARTITIVE_HEADS = frozenset(
    "percent cent share majority minority plurality most half third thirds quarter quarters average number fraction "
    "portion proportion bulk handful one some many several each both few two three four five".split()
)
PARTITIVE_MODIFIERS = frozenset(
    "vast overwhelming slim narrow bare clear large small big growing solid sizable sizeable tiny simple".split()
)
PARTITIVE_OPENERS = frozenset("a an the about nearly almost roughly just only over some".split())
PARTITIVE_NUMBER_RE = re.compile(r"\d[\d.,]*|one|two|three", re.IGNORECASE)
FRACTION_RE = re.compile(r"(?:one|two|three|four)-(?:thirds?|quarters?|fifths?)", re.IGNORECASE)


def read_part_before_of(
    text: str, tokens: list[tuple[str, int]], collected: list[tuple[str, int]]
) -> tuple[str, int] | None:
    """The subject with the part of it named before 'of': ('61 percent of voters', offset) for the words 'voters'."""
    if all(word.casefold() in DETERMINERS | OWNING_DETERMINERS for word, _ in collected):
        return None  # no noun: 'one of the' before an apposition's verb
    first = next((i for i, token in enumerate(tokens) if token[1] == collected[0][1]), 0)
    opening = None
    while (
        first >= 2
        and tokens[first - 1][0] == "of"
        and (tokens[first - 2][0].casefold() in PARTITIVE_HEADS or FRACTION_RE.fullmatch(tokens[first - 2][0]))
    ):
        at = first - 2
        if at > 1 and tokens[at - 1][0] == "per" and PARTITIVE_NUMBER_RE.fullmatch(tokens[at - 2][0]):
            at -= 2  # '61 per cent'
        elif at > 0 and PARTITIVE_NUMBER_RE.fullmatch(tokens[at - 1][0]):
            at -= 1  # '61 percent', 'two thirds'
        if at > 0 and tokens[at - 1][0].casefold() in PARTITIVE_MODIFIERS:
            at -= 1  # 'the vast majority'
        if at > 0 and tokens[at - 1][0].casefold() in PARTITIVE_OPENERS:
            at -= 1  # 'the share', 'about 40 percent'
        first = opening = at
    if opening is None:
        return None
    end = collected[-1][1] + len(collected[-1][0])
    return text[tokens[opening][1] : end], tokens[opening][1]


def find_person_before_of(
    text: str, floor: int, tokens: list[tuple[str, int]], start: int, index: SpeakerIndex
) -> tuple[str, int] | None:
    """The person described before the 'of' that precedes the words at `start`: 'The driver' in 'The driver of
    the bus told police', 'The policewoman aunt' in 'The policewoman aunt of supermodel Naomi Campbell told'."""
    first = next((i for i, token in enumerate(tokens) if token[1] == start), 0)
    if first < 2 or tokens[first - 1][0] != "of":
        return None
    group = tokens[first - 2][0].casefold() in GROUP_HEADS and (
        first == 2 or tokens[first - 3][0] in PUNCTUATION_TOKENS or tokens[first - 3][0].casefold() in DESCRIPTION_OPENERS
    )
    if not tokens[first - 2][0][:1].islower() and not group:
        return None
    if tokens[first][0][:1].isdigit() or tokens[first][0].casefold() in COUNT_WORDS:
        return None  # 'the 34-year-old mother of three replied': an apposition's words, read as before
    if group:
        # 'Proponents of the new bill say', 'Leaders of the union said', 'the head of the committee accused': the
        # people before 'of', not the body they belong to
        opening = first - 3 if first >= 3 and tokens[first - 3][0].casefold() in DESCRIPTION_OPENERS else first - 2
        return text[tokens[opening][1] : tokens[first - 2][1] + len(tokens[first - 2][0])], tokens[opening][1]
    owner = find_nearest_subject(text, floor, tokens[first - 1][1], index)
    if owner is None:
        return None
    words = owner[0].split()
    head = words[-1].casefold()
    if words[0].casefold() not in DESCRIPTION_OPENERS or head not in PERSON_NOUNS:
        return None
    return owner


def surname_ends(text: str, collected: list[tuple[str, int]]) -> bool:
    """Whether a capitalised common word closing a name before a comma or full stop is its surname ('Al From,')."""
    word, offset = collected[-1]
    return (
        len(collected) >= 2
        and word[:1].isupper()
        and collected[-2][0][:1].isupper()
        and collected[-2][0].casefold() not in STOP_WORDS | DETERMINERS
        and text.startswith((",", "."), offset + len(word))
    )


# Words that open what follows a verb, never a plural noun's next word: 'expects to', 'reveals a', 'tells him'
VERB_OBJECT_WORDS = (DETERMINERS - frozenset("one two three several many some both all other no this these those".split())) | frozenset(
    "to him them us me it".split()
)


def coordinated_role(tokens: list[tuple[str, int]], position: int, collected: list[tuple[str, int]]) -> bool:
    """Whether the 'and' at `position` of a description joins a second role of the same person: 'the front-runner
    and former secretary of state', 'the delegate and conservative activist,' (not 'the mayor and her aides')."""
    if len(collected) < 2 or not collected[-1][0][:1].islower():
        return False  # (a capitalised modifier may come first: 'The Democratic presidential front-runner and')
    for step in range(position + 1, min(len(tokens), position + 5)):
        word = tokens[step][0]
        if not word[:1].islower() or word.casefold() in STOP_WORDS:
            return False
        if word.casefold() in TITLE_ROLES:
            after = tokens[step + 1][0] if step + 1 < len(tokens) else ""
            return after in (",", "of") or (after[:1].islower() and after.casefold() not in TITLE_ROLES)
    return False


OUTLET_HEADS = frozenset("magazine newspaper website blog network channel station".split())


def read_noun_phrase(text: str, start: int, limit: int) -> tuple[str, int] | None:
    """Read a speaker forwards: 'Smith', 'Sen. Ted Cruz (R-Texas)', 'the mayor', 'Concord resident Whit Symms'."""
    tokens = [(m.group(), m.start()) for m in TOKEN_RE.finditer(text, start, min(limit, start + 140))][:14]
    if not tokens:
        return None
    first, first_offset = tokens[0]
    held = read_office_title(tokens, 0, text) if any(word == "of" for word, _ in tokens[1:6]) else None
    if held is not None:
        # 'Mayor of London Sadiq Khan', 'then-Secretary of State for Health Jeremy Hunt': the title and the name
        end = tokens[held[1] - 1]
        return text[first_offset : end[1] + len(end[0])], first_offset
    lowered = first.casefold()
    if lowered in PLAIN_PRONOUNS and lowered not in ("who", "you", "it"):
        return first, first_offset
    determiner = lowered in DETERMINERS and lowered not in ("that", "this", "no", "all", "any")
    collected: list[tuple[str, int]] = []
    for position, (word, offset) in enumerate(tokens):
        lowered = word.casefold()
        if word in PUNCTUATION_TOKENS:
            break
        if position == 0 and determiner:
            collected.append((word, offset))
            continue
        if word[:1].isupper() or word[:1].isdigit() and re.fullmatch(r"\d+-year-old", lowered):
            if not collected and lowered in SENTENCE_STARTERS | PREPOSITIONS | NEGATIVE_PRONOUNS:
                return None  # ('Across town, ...', 'Nothing changed')
            collected.append((word, offset))
            if lowered.endswith(("'s", "’s")):
                determiner = True  # "Rubio's deputy campaign manager"
            continue
        if word == "of" and position == 1 and collected and ONE_OF_RE.match(text, first_offset):
            collected.append((word, offset))  # 'one of the men': one of a group
            continue
        if word == "of" and collected and collected[-1][0].casefold() in TITLE_ROLES and position + 1 < len(tokens):
            collected.append((word, offset))  # 'former secretary of state Hillary Clinton'
            continue
        if word == "of" and collected and collected[-1][0][:1].isupper() and ends_in_titled_name(
            [word for word, _ in itertools.takewhile(lambda token: token[0][:1].isupper(), tokens[position + 1 :])]
        ):
            collected.append((word, offset))  # 'Harborton Chamber of Commerce President Ana Ruiz'
            continue
        if (
            word == "as"
            and determiner
            and collected
            and collected[-1][0] in ("known", "named", "nicknamed", "identified")
            and position + 1 < len(tokens)
            and tokens[position + 1][0][:1].isupper()
        ):
            # 'said the base chief known as Bob': the name he is known by ends the description
            collected.append((word, offset))
            collected.extend(itertools.takewhile(lambda token: token[0][:1].isupper() and token[0] not in PUNCTUATION_TOKENS, tokens[position + 1 : position + 4]))
            break
        if word == "and" and determiner and coordinated_role(tokens, position, collected):
            # 'The Democratic presidential front-runner and former secretary of state said', 'The influential delegate
            # and conservative activist, who backs Cruz, warned': one person described twice
            collected.append((word, offset))
            continue
        adjective = (
            # 'an early supporter', 'the late senator': not 'early Tuesday'
            lowered in ("early", "late")
            and determiner
            and position + 1 < len(tokens)
            and tokens[position + 1][0][:1].islower()
            and tokens[position + 1][0] not in TIME_WORDS
        )
        if not word[:1].islower() or lowered in STOP_WORDS or (lowered in FORWARD_STOPS and not adjective) or len(collected) >= 8:
            break
        if lowered in PHRASE_ENDING_VERBS and len(collected) >= 2:
            break  # 'the Gazette calls it': the verb ends the speaker
        if (
            lowered.endswith("ed")
            and len(collected) >= 2
            and position + 1 < len(tokens)
            and (
                tokens[position + 1][0].casefold() in DETERMINERS
                or (collected[-1][0][:1].isupper() and tokens[position + 1][0].casefold() in VERB_OBJECT_WORDS)
            )
        ):
            # 'a familiar voice celebrated the attacks': a verb and its object, not 'the embattled senator'; "Delhi's
            # Chief Minister Arvind Kejriwal turned to Twitter": a verb after the name
            break
        # a lower-case word belongs to the phrase after a determiner, or when a name follows soon:
        # 'undecided Republican voter Stephanie Hooton', 'political scientist Patrick Murray'
        upcoming = tokens[position + 1 : position + 4]
        name_follows = any(
            other[:1].isupper() and other.casefold() not in TIME_WORDS for other, _ in upcoming
        ) and not any(
            other in PUNCTUATION_TOKENS or (other.casefold() in STOP_WORDS and other != "of") for other, _ in upcoming[:1]
        )
        if not determiner and lowered.endswith("ed") and collected and collected[-1][0][:1].isupper():
            break  # 'Valastro praised Christie's leadership': a verb after a name, not a word of a description
        if determiner or lowered in TITLE_ROLES or lowered in NAME_MODIFIERS or name_follows:
            collected.append((word, offset))
            continue
        break
    if len(collected) == 1 and not determiner and collected[0][0][:1].isupper() and collected[0][0].casefold() not in TITLE_ROLES:
        following = [token for token in tokens[1:4]]
        lower: list[tuple[str, int]] = []
        for step, (word, offset) in enumerate(following, start=1):
            if not word[:1].islower() or word.casefold() in STOP_WORDS or word.casefold() in FORWARD_STOPS:
                break
            if step < len(tokens) - 1 and tokens[step + 1][0].casefold() in VERB_OBJECT_WORDS:
                break  # 'Brandine expects to produce', 'Politico reveals a few facts': a verb, not 'Republican senators'
            lower.append((word, offset))
        while lower and not (
            PLURAL_NOUN_RE.fullmatch(lower[-1][0]) or lower[-1][0] in TITLE_ROLES or lower[-1][0] in OUTLET_HEADS
        ):
            lower.pop()  # (keeps 'Republican senators', 'Time magazine')
        if lower:
            collected.extend(lower)
            determiner = True  # a description, whose first word is capitalised only as the sentence's first
    while collected and (
        collected[-1][0].casefold() in DETERMINERS
        or (collected[-1][0].casefold() in STOP_WORDS and not surname_ends(text, collected))
        or (not determiner and collected[-1][0][:1].islower() and collected[-1][0].casefold() not in TITLE_ROLES)
    ):
        collected.pop()
    if collected and not determiner and all(word[:1].islower() for word, _ in collected):
        return None
    if not collected or (determiner and len(collected) == 1):
        return None
    phrase = text[collected[0][1] : collected[-1][1] + len(collected[-1][0])]
    if determiner or collected[-1][0][:1].islower():
        # "the White House spokesman, Josh Earnest, said": the name in apposition
        after = APPOSITIVE_NAME_RE.match(text, collected[-1][1] + len(collected[-1][0]), min(limit, start + 200))
        if after and (not text[after.start() : after.start(1)].strip(" ,").islower() or is_person_name(after.group(1).split())):
            return after.group(1), after.start(1)  # (after a description's words, a person's name: not 'Norfolk Police')
    return phrase, collected[0][1]
