import pytest

from extractor.normalize.quote_marks import find_quoted
from extractor.resources import load_rules

MARKS = load_rules("speech.json")["quote_marks"]


def contents(text):
    return [[text[s:e] for s, e in q.parts] for q in find_quoted(text, MARKS["double"], MARKS["single"])]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("\u201cCurly,\u201d she said.", [["Curly,"]]),
        ('"Straight," she said.', [["Straight,"]]),
        ("\u2018UK style,\u2019 he said. China\u2019s exporters\u2019 margins fell.", [["UK style,"]]),
        ("\u201cOne paragraph.\n\n\u201cAnd the next.\u201d", [["One paragraph.", "And the next."]]),
        ("An \u201cunclosed quote.\n\nNext paragraph.", [["unclosed quote."]]),
        ('"', []),
        ("Don't read apostrophes as quotes, it's China's.", []),
    ],
)
def test_quote_marks_are_paired(text, expected):
    assert contents(text) == expected


def quotes(facts_of, text):
    return facts_of(text).quotes


def test_attribution_after_with_title_and_organisation(facts_of):
    (q,) = quotes(facts_of, '"Demand is holding up," said Zichun Huang, China economist at Capital Economics.')
    assert (q.kind, q.speaker, q.speaker_role, q.speaker_org) == ("direct", "Zichun Huang", "China economist", "Capital Economics")
    assert q.cue.text == "said"


def test_title_and_organisation_before_the_name(facts_of):
    (q,) = quotes(facts_of, '"Tariffs bite," Hanse Bank chief economist for Greater Asia Lena Park wrote in a note.')
    assert (q.speaker, q.speaker_org) == ("Lena Park", "Hanse Bank")
    assert q.speaker_role == "chief economist for Greater Asia"


def test_a_broken_quote_is_one_quote_in_parts(facts_of):
    (q,) = quotes(facts_of, '"Exports are strong," Maria Lopez said, "but imports are not."')
    assert len(q.parts) == 2 and q.content == "Exports are strong but imports are not."
    assert q.speaker == "Maria Lopez"


def test_pronoun_and_surname_resolve_to_the_full_name(facts_of):
    found = quotes(facts_of, 'Exports rose, said Kenji Mori, an analyst at Osaka Research. "It was expected," he said. '
                             'Mori noted that imports fell.')
    assert [q.speaker for q in found] == ["Kenji Mori"] * 3
    assert [q.kind for q in found] == ["indirect", "direct", "indirect"]
    assert found[-1].content == "imports fell"


def test_reported_speech_and_according_to(facts_of):
    found = quotes(facts_of, "According to Priya Nair, exports will slow next year.")
    assert (found[0].kind, found[0].speaker, found[0].content) == ("indirect", "Priya Nair", "exports will slow next year")


def test_institutions_speak(facts_of):
    found = quotes(facts_of, 'A readout from Xinhua said China must resist global "trade struggles."')
    mixed = next(q for q in found if q.kind == "mixed")
    assert mixed.speaker == "Xinhua" and [p.text for p in mixed.quoted] == ["trade struggles."]


def test_colon_attribution(facts_of):
    (q,) = quotes(facts_of, 'Ana Ruiz of Vela Capital was blunt: "The truce will not last."')
    assert q.speaker == "Ana Ruiz"


def test_scare_quotes_titles_and_nicknames_are_not_quotes(facts_of):
    assert quotes(facts_of, 'The so-called "phony" polls were ignored.') == []
    assert quotes(facts_of, 'He is "Mr. Tariff" to his critics.') == []


def test_an_unattributed_slogan_is_a_partial_quote_with_no_speaker(facts_of):
    (q,) = quotes(facts_of, 'The line about "pursuing progress while ensuring stability" came up again.')
    assert (q.kind, q.speaker) == ("partial", None)


def test_a_slogan_repeated_by_officials_is_theirs(facts_of):
    (q,) = quotes(facts_of, 'Officials repeated the line about "pursuing progress while ensuring stability."')
    assert (q.kind, q.speaker, q.speaker_resolution) == ("mixed", "officials", "as_written")


def test_odd_quote_marks_never_fail_the_article(facts_of):
    found = quotes(facts_of, '"This is not the end, Bell said as the session closed.\n\nNext story.')
    assert found and found[0].content == "This is not the end"


# --- reported speech, by the kind of verb ------------------------------------------------------


def direct_quote(facts_of, text):
    return next(q for q in quotes(facts_of, text) if q.kind == "direct")


def only(found):
    assert len(found) == 1, [(q.kind, q.content) for q in found]
    return found[0]


@pytest.mark.parametrize(
    "text, speaker, content",
    [
        ("The union urged members to reject the offer.", "union", "members to reject the offer"),
        ("Nordlane pledged to halve its emissions by 2030.", "Nordlane", "to halve its emissions by 2030"),
        ("Vela Bank stressed the need for lower rates.", "Vela Bank", "the need for lower rates"),
        ("Ana Ruiz criticized the levy as unfair.", "Ana Ruiz", "the levy as unfair"),
        ("Lower prices held exports back, Trade Secretary, Ravi Menon, said.", "Ravi Menon", "Lower prices held exports back"),
        ("As the agency reported on Friday, imports slowed in May.", "agency", "imports slowed in May"),
    ],
)
def test_reported_speech_by_verb_kind(facts_of, text, speaker, content):
    q = only(quotes(facts_of, text))
    assert q.kind == "indirect" and q.speaker == speaker and q.content == content
    assert q.quoted == []


@pytest.mark.parametrize(
    "text",
    [
        "Exports are expected to rise next year.",  # a passive reports no one
        "Customs data showed that exports rose 4%.",  # data are the source of a figure, not a speaker
        "Exports rose for a second month as chip demand held up.",  # `demand` is no speaker
        "Asked about the levy, Ana Ruiz smiled.",  # who is asked does not ask
        "Japan posts another trade deficit.",  # to post a deficit is to record it
    ],
)
def test_no_reported_speech(facts_of, text):
    assert quotes(facts_of, text) == []


def test_a_report_with_quoted_words_is_one_mixed_quote(facts_of):
    q = only(quotes(facts_of, 'Ana Ruiz said the plan was "dead on arrival".'))
    assert (q.kind, q.speaker, q.content) == ("mixed", "Ana Ruiz", 'the plan was "dead on arrival')
    assert [p.text for p in q.quoted] == ["dead on arrival"]


def test_a_semicolon_ends_what_was_reported(facts_of):
    q = only(quotes(facts_of, "The ministry said the fall was temporary; exporters were less sure."))
    assert q.content == "the fall was temporary"


# --- speakers ----------------------------------------------------------------------------------


def test_an_unresolved_pronoun_is_kept_as_written(facts_of):
    q = only(quotes(facts_of, '"We are ready for the talks," he said.'))
    assert (q.speaker, q.speaker_mention.text, q.speaker_resolution) == (None, "he", "as_written")
    assert q.confidence < 0.5


def test_a_described_speaker_is_kept_as_written(facts_of):
    q = only(quotes(facts_of, '"Prices will fall soon," the shopkeeper said.'))
    assert (q.speaker, q.speaker_resolution) == ("shopkeeper", "as_written")


def test_an_abbreviation_does_not_end_the_sentence(facts_of):
    q = only(quotes(facts_of, '"We will not back down," Sen. Ada Lowe said.'))
    assert q.speaker == "Ada Lowe" and q.speaker_resolution == "name"


def test_doubled_apostrophes_are_quote_marks(facts_of):
    q = only(quotes(facts_of, "''We are done with the talks,'' Ana Ruiz said."))
    assert (q.kind, q.speaker, q.content) == ("direct", "Ana Ruiz", "We are done with the talks")


def test_a_quote_continued_after_its_attribution_is_one_quote(facts_of):
    q = only(quotes(facts_of, '"Orders are thin," said Omar Haddad, who runs a small export firm in Tangier. '
                              '"We have cut shifts."'))
    assert q.speaker == "Omar Haddad" and [p.text for p in q.parts] == ["Orders are thin", "We have cut shifts."]


def test_role_and_organisation_come_from_any_mention(facts_of):
    text = ('Clara Holt, an economist at Vela Bank, expects a rebound.\n\n'
            '"The worst is over," Holt said.')
    direct = direct_quote(facts_of, text)
    assert (direct.speaker, direct.speaker_role, direct.speaker_org) == ("Clara Holt", "economist", "Vela Bank")


def test_a_title_names_the_person_it_describes(facts_of):
    text = ('Trade Secretary Ravi Menon said that fuel prices hurt exports. '
            'Later the secretary said that gold imports rose.')
    found = quotes(facts_of, text)
    assert [(q.speaker, q.speaker_role) for q in found] == [("Ravi Menon", "Trade Secretary")] * 2
    assert found[1].speaker_resolution == "description"


def test_an_organisation_by_its_initials(facts_of):
    text = ('The Federation of Small Exporters warned of layoffs. '
            '"Orders have halved," the FSE\'s head of policy, Tom Reyes, said.')
    q = direct_quote(facts_of, text)
    assert (q.speaker, q.speaker_role, q.speaker_org) == ("Tom Reyes", "head of policy", "Federation of Small Exporters")


def test_honorifics_keep_he_and_she_apart(facts_of):
    text = 'Mrs. Lane met Mr. Ortiz on Monday. "It went well," she said.'
    q = direct_quote(facts_of, text)
    assert q.speaker == "Lane" and q.speaker_resolution == "pronoun"


def test_a_person_named_inside_the_quote_is_not_the_speaker(facts_of):
    text = 'Maria Lopez spoke first. "Tariffs will hurt, whatever President Cole says," she said.'
    q = direct_quote(facts_of, text)
    assert q.speaker == "Maria Lopez"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('Ana Ruiz, president of the Exporters Union, urged action:\n\n"We need talks now, before orders dry up."', "Ana Ruiz"),
        ('Maria Lopez\n\n"We need talks now, before orders dry up."', "Maria Lopez"),  # a by-line
    ],
)
def test_a_quote_introduced_by_the_paragraph_before(facts_of, text, speaker):
    q = direct_quote(facts_of, text)
    assert q.speaker == speaker


def test_a_labelled_line_is_its_speaker_s(facts_of):
    text = "Host Clara Holt spoke with Omar Haddad.\n\nHADDAD: Orders have fallen for three months.\n"
    q = next(q for q in quotes(facts_of, text) if q.content.startswith("Orders"))
    assert (q.speaker, q.kind) == ("Omar Haddad", "indirect")


def test_a_line_labelled_with_no_one_s_name_is_not_a_quote(facts_of):
    assert quotes(facts_of, "Note: Figures are in current prices and not adjusted.") == []


@pytest.mark.parametrize(
    "text, speaker, content",
    [
        ("The ministry issued a statement saying that talks would resume.", "statement", "talks would resume"),
        ("Ana Ruiz was praised for saying that the levy was unfair.", "Ana Ruiz", "the levy was unfair"),
        ("Exports slowed, with Maria Lopez saying that orders were thin.", "Maria Lopez", "orders were thin"),
    ],
)
def test_who_reports_through_a_participle(facts_of, text, speaker, content):
    q = next(q for q in quotes(facts_of, text) if q.content == content)
    assert q.speaker == speaker


def test_an_object_that_is_a_figure_is_a_claim_not_a_quote(facts_of):
    assert quotes(facts_of, "Maria Lopez said the same thing.")[0].content == "the same thing"
    assert quotes(facts_of, "The customs office reported a surplus of $5 billion.") == []
    assert quotes(facts_of, "Analysts see the surplus settling between 3% and 4% of output.") == []
