import pytest


def ents(facts_of, text):
    return [(e.text, e.label, e.canonical) for e in facts_of(text).entities]


@pytest.mark.parametrize("written", ["U.S.", "US", "the United States", "America"])
def test_one_name_for_the_united_states(facts_of, written):
    found = ents(facts_of, f"Exports to {written} fell sharply last month.")
    assert any(canonical == "United States" for _, _, canonical in found), found


def test_blocs_and_regions(facts_of):
    found = ents(facts_of, "Shipments to the EU and ASEAN rose, while Latin America slowed.")
    assert ("EU", "ORG", "European Union") in found
    assert ("ASEAN", "ORG", "ASEAN") in found
    assert ("Latin America", "LOC", "Latin America") in found


def test_a_capital_standing_for_its_government(facts_of):
    facts = facts_of("Beijing pledged to halt export controls. Factories in Beijing were busy.")
    first, second = [e for e in facts.entities if e.text == "Beijing"]
    assert (first.canonical, first.reading) == ("China", "government")
    assert (second.canonical, second.reading) == ("Beijing", "place")


def test_a_title_is_not_an_organisation(facts_of):
    found = ents(facts_of, '"Trade will hold up," said Ana Ruiz, Global Market Strategist at Vela Capital.')
    assert not any("Strategist" in text for text, _, _ in found)
    assert ("Ana Ruiz", "PERSON", "Ana Ruiz") in found


def test_an_organisation_does_not_swallow_a_person(facts_of):
    found = ents(facts_of, "Morgan Stanley Chief Asia Economist Chetan Ahya said exports would slow.")
    assert ("Morgan Stanley", "ORG", "Morgan Stanley") in found
    assert ("Chetan Ahya", "PERSON", "Chetan Ahya") in found


def test_a_surname_resolves_to_the_full_name(facts_of):
    found = ents(facts_of, "Exports slowed, said Ines Duarte, an economist at Solano Bank. Duarte added that imports fell.")
    assert ("Duarte", "PERSON", "Ines Duarte") in found


def test_a_dateline_city(facts_of):
    assert ("TOKYO", "GPE", "Tokyo") in ents(facts_of, "TOKYO — Japan's exports rose in October.")


def test_a_name_the_model_finds_in_punctuation_and_white_space_is_dropped_not_a_crash(nlp):
    from spacy.tokens import Span

    doc = nlp.make_doc("Talks ended.\n\u2015\xa0Ana Ruiz said so.")
    for name, component in nlp.pipeline:
        if name == "newsfacts_entities":
            break
        doc = component(doc)
    dash = next(t.i for t in doc if t.text == "\u2015")
    doc.ents = [Span(doc, dash, dash + 2, label="PERSON")]
    doc = nlp.get_pipe("newsfacts_entities")(doc)
    assert all(ent.text.strip() for ent in doc.ents)
