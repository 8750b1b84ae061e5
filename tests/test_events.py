"""PLOVER events: every type, every status, direction, date and place, on varied sentences."""

import pytest

PUBLISHED = "2024-03-06"  # a Wednesday

EVERY_TYPE = [
    ("CONSULT", "French President Emmanuel Macron met German Chancellor Olaf Scholz on Tuesday.", {"FRA", "DEU"}),
    ("AGREE", "Japan agreed with South Korea to resume military intelligence sharing, officials said on Monday.", {"JPN", "KOR"}),
    ("SUPPORT", "India voiced strong support for Bangladesh's bid to join the group.", ("IND", "BGD")),
    ("COOPERATE", "Norway and Sweden cooperate on Arctic energy projects, the two governments said.", {"NOR", "SWE"}),
    ("AID", "The United States donated 500,000 vaccine doses to Ghana.", ("USA", "GHA")),
    ("RETREAT", "Russia withdrew its troops from Armenia's border region on Sunday.", ("RUS", "ARM")),
    ("CONCEDE", "Iran apologized to France for the detention of two French nationals, Paris said.", ("IRN", "FRA")),
    ("ACCUSE", "Poland accused Belarus of orchestrating the migrant crisis on its border.", ("POL", "BLR")),
    ("REQUEST", "Ukraine urged Germany to deliver more air defence systems.", ("UKR", "DEU")),
    ("REJECT", "Ethiopia rejected Egypt's demand to halt the filling of the dam.", ("ETH", "EGY")),
    ("THREATEN", "North Korea threatened South Korea with a nuclear strike on Friday.", ("PRK", "KOR")),
    ("PROTEST", "Thousands of Armenians demonstrated against Azerbaijan outside the embassy.", ("ARM", "AZE")),
    ("SANCTION", "Canada imposed sanctions on Iran over the crackdown on protesters.", ("CAN", "IRN")),
    ("MOBILIZE", "China deployed warships near Taiwan on Saturday, the Taiwanese defence ministry said.", ("CHN", "TWN")),
    ("COERCE", "Russian forces detained three Georgian citizens near the boundary line.", ("RUS", "GEO")),
    ("ASSAULT", "Israel attacked Syria's Aleppo airport early on Tuesday, Syrian state media reported.", ("ISR", "SYR")),
]


@pytest.mark.parametrize("event_type,text,actors", EVERY_TYPE, ids=[t for t, _, _ in EVERY_TYPE])
def test_every_plover_type(annotate, event_type, text, actors):
    doc = annotate(text, published=PUBLISHED)
    found = [e for e in doc.events if e.type == event_type]
    assert found, [(e.type, e.actors) for e in doc.events]
    if isinstance(actors, tuple):  # directed: who acts first, then towards whom
        assert tuple(found[0].actors) == actors
    else:
        assert set(found[0].actors) == actors
    assert doc.body[found[0].evidence[0]:found[0].evidence[1]].strip() == text


@pytest.mark.parametrize("text,status", [
    ("Turkey condemned Sweden over the burning of the Koran.", "occurred"),
    ("Turkey will host Sweden's foreign minister next week.", "planned"),
    ("Brazil is scheduled to sign a trade agreement with Argentina.", "planned"),
    ("Turkey could sanction Sweden if the protests continue.", "hypothetical"),
    ("Turkey did not condemn Sweden over the protests.", "negated"),
])
def test_status(annotate, text, status):
    doc = annotate(text, published=PUBLISHED)
    assert doc.events and doc.events[0].status == status, [(e.type, e.status) for e in doc.events]


def test_planned_meeting_is_an_agreement_to_meet(annotate):
    doc = annotate("Egyptian President Abdel Fattah al-Sisi will meet Jordan's King Abdullah in Cairo next month.", published=PUBLISHED)
    event = doc.events[0]
    assert event.type == "AGREE" and event.status == "planned" and event.date == "2024-04"


def test_meeting_in_one_partys_country_puts_the_visitor_first(annotate):
    doc = annotate("Kazakh President Tokayev met Chinese President Xi Jinping in Beijing on Monday.", published=PUBLISHED)
    meeting = doc.events[0]
    assert meeting.actors == ["KAZ", "CHN"] and meeting.location == "Beijing" and meeting.location_country == "CHN"
    doc = annotate("Chinese President Xi Jinping held talks with Kazakh President Tokayev in Astana.", published=PUBLISHED)
    assert doc.events[0].actors == ["CHN", "KAZ"] and doc.events[0].location == "Astana"


def test_date_comes_from_the_events_own_clause(annotate):
    doc = annotate("At the talks with Chinese President Xi Jinping, Kazakh President Tokayev recalled that "
                   "this year marks 30 years of diplomatic relations.", published="2022-09-14")
    talks = next(e for e in doc.events if e.type == "CONSULT")
    assert talks.date is None  # "this year" dates the anniversary, not the talks
    doc = annotate("Iran released two French nationals held since 2022, Paris said.", published=PUBLISHED)
    assert doc.events[0].date is None


def test_opposite_directions_are_two_events(annotate):
    doc = annotate("Kazakhstan thanked China for its help. China supports Kazakhstan's position on regional issues.", published=PUBLISHED)
    support = sorted(tuple(e.actors) for e in doc.events if e.type == "SUPPORT")
    assert support == [("CHN", "KAZ"), ("KAZ", "CHN")]


def test_same_event_in_two_sentences_is_merged_with_both_evidence_spans(annotate):
    doc = annotate("Chinese President Xi Jinping arrived in Kazakhstan on Wednesday for a state visit. "
                   "Xi held talks with Kazakh President Kassym-Jomart Tokayev.", published="2022-09-14")
    consult = [e for e in doc.events if e.type == "CONSULT"]
    assert len(consult) == 1
    assert consult[0].actors == ["CHN", "KAZ"] and consult[0].date == "2022-09-14"
    assert consult[0].more_evidence


def test_a_state_in_a_topic_phrase_is_not_a_party(annotate):
    doc = annotate("Talks on the dispute over Taiwan were held on Monday between Japan and China.", published=PUBLISHED)
    assert [(e.type, set(e.actors)) for e in doc.events] == [("CONSULT", {"JPN", "CHN"})]


def test_a_programme_is_not_a_party(annotate):
    doc = annotate("China will boost trade within the Belt and Road Initiative (BRI).", published=PUBLISHED)
    assert all("BRI" not in e.actors for e in doc.events)


def test_noun_rooted_headline_with_a_date_finishes():
    """A verbless headline whose root is a noun used to loop forever in the clause walk."""
    from dyads.annotate.pipeline import process_text

    for text in ("Kazakh President's state visit to China on 17 May 2024",
                 "Talks between Armenia and Azerbaijan on March 3, 2023."):
        doc = process_text(text, published="2024-05-20")
        assert doc.body.strip()
        assert all(doc.body[e.evidence[0]:e.evidence[1]] for e in doc.events)
