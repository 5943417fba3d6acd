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
    partial = next(q for q in found if q.kind == "partial")
    assert partial.speaker == "Xinhua"


def test_colon_attribution(facts_of):
    (q,) = quotes(facts_of, 'Ana Ruiz of Vela Capital was blunt: "The truce will not last."')
    assert q.speaker == "Ana Ruiz"


def test_scare_quotes_titles_and_nicknames_are_not_quotes(facts_of):
    assert quotes(facts_of, 'The so-called "phony" polls were ignored.') == []
    assert quotes(facts_of, 'He is "Mr. Tariff" to his critics.') == []


def test_an_unattributed_slogan_is_a_partial_quote_with_no_speaker(facts_of):
    (q,) = quotes(facts_of, 'Officials repeated the line about "pursuing progress while ensuring stability."')
    assert q.kind == "partial"


def test_odd_quote_marks_never_fail_the_article(facts_of):
    found = quotes(facts_of, '"This is not the end, Bell said as the session closed.\n\nNext story.')
    assert found and found[0].content == "This is not the end"
