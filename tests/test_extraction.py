"""Behaviour of each extractor on sentences that are not from the seed articles."""

import pytest

from dyads.annotate.timevalue import normalise


def people(doc):
    return {e.name: e for e in doc.entities if e.type == "PERSON"}


def test_person_with_office_country_and_surname(annotate):
    doc = annotate("Turkish President Recep Tayyip Erdoğan met German Chancellor Olaf Scholz in Ankara. Erdoğan said the talks were useful.")
    found = people(doc)
    assert found["Recep Tayyip Erdoğan"].country == "TUR" and "President" in found["Recep Tayyip Erdoğan"].titles
    assert found["Olaf Scholz"].country == "DEU"
    texts = {m.text for m in found["Recep Tayyip Erdoğan"].mentions}
    assert "Erdoğan" in texts


def test_description_resolves_to_office_holder(annotate):
    doc = annotate("French President Emmanuel Macron received Indian Prime Minister Narendra Modi. The Indian leader thanked his host.")
    modi = people(doc)["Narendra Modi"]
    assert "The Indian leader" in {m.text for m in modi.mentions}


def test_two_people_with_one_surname_stay_apart(annotate):
    doc = annotate("Foreign Minister Wang Yi met Ambassador Wang Wenbin. Wang said relations were good.")
    found = people(doc)
    assert "Wang Yi" in found and "Wang Wenbin" in found
    # an ambiguous surname is not attached to either of them
    assert all("Wang" not in {m.text for m in p.mentions} for p in found.values())


def test_countries_from_adjectives_pairs_and_bodies(annotate):
    doc = annotate("The Kremlin said Russian-Chinese trade grew, and talks between Astana and Ankara continue.")
    codes = {e.country for e in doc.entities if e.type in {"COUNTRY", "PLACE"}}
    assert {"RUS", "CHN", "KAZ", "TUR"} <= codes


def test_acronym_defined_in_text(annotate):
    doc = annotate("Ministers of the Caspian Littoral States Forum (CLSF) met. The CLSF will meet again.")
    org = next(e for e in doc.entities if e.type == "ORG" and "CLSF" in {m.text for m in e.mentions})
    assert len(org.mentions) >= 2


@pytest.mark.parametrize("text,anchor,tense,value", [
    ("on Friday", "2024-04-26", "past", "2024-04-26"),
    ("Friday", "2024-04-24", "past", "2024-04-19"),
    ("Friday", "2024-04-24", "future", "2024-04-26"),
    ("yesterday", "2024-03-01", "past", "2024-02-29"),
    ("today", "2024-03-01", "past", "2024-03-01"),
    ("today", None, "past", None),
    ("last week", "2024-03-01", "past", "2024-W8"),
    ("last month", "2024-01-15", "past", "2023-12"),
    ("earlier this month", "2024-01-15", "past", "2024-01"),
    ("two days ago", None, "past", None),
    ("April 25", None, "past", None),
    ("April 25", "2024-03-01", "future", "2024-04-25"),
    ("last year", "2024-03-01", "past", "2023"),
    ("later this year", "2025-01-03", "future", "2025"),
    ("next month", "2024-12-10", "future", "2025-01"),
    ("two days ago", "2024-03-02", "past", "2024-02-29"),
    ("April 25", "2024-04-26", "past", "2024-04-25"),
    ("December 28", "2025-01-03", "past", "2024-12-28"),
    ("April 14-15", "2024-04-26", "past", "2024-04-14"),
    ("September 2019", None, "past", "2019-09"),
    ("in 2023", None, "past", "2023"),
    ("14.09.2022", None, "past", "2022-09-14"),
    ("Friday", None, "past", None),
    ("this year", None, "past", None),
    ("last November", "2000-01-13", "past", "1999-11"),
    ("last November", None, "past", None),
    ("February this year", "1998-12-03", "past", "1998-02"),
    ("April next year", "1998-12-03", "future", "1999-04"),
    ("Thursday, Jan. 6", "2000-01-06", "past", "2000-01-06"),
    ("last Oct. 23", "1999-04-19", "past", "1998-10-23"),
    ("until Tuesday", "2000-03-30", "past", "2000-03-28"),
    ("until Tuesday", "2000-03-30", "future", "2000-04-04"),
    ("Friday", "2000-01-07", "future", "2000-01-07"),
    ("next Friday", "2000-01-07", "future", "2000-01-14"),
    ("Feb. 10", "2000-01-07", "unknown", "2000-02-10"),
    ("Dec. 20", "2000-01-07", "unknown", "1999-12-20"),
    ("April", "1998-12-05", "unknown", "1999-04"),
    ("April", "1998-12-05", "past", "1998-04"),
    ("early March", "1999-02-10", "future", "1999-03"),
    ("early Friday morning", "2000-01-28", "past", "2000-01-28"),
    ("10:35 a.m.", "1998-08-07", "past", "1998-08-07T10:35"),
    ("the 1960s", None, "past", "196X"),
    ("Thanksgiving Day", "2000-01-07", "past", "1999-11-25"),
    ("Thanksgiving", "1999-11-20", "future", "1999-11-25"),
    ("last Christmas", "2000-02-10", "unknown", "1999-12-25"),
    ("Easter", "2000-04-17", "future", "2000-04-23"),
    ("Christmas 1998", None, "past", "1998-12-25"),
    ("Christmas", None, "past", None),
    ("Independence Day", "2000-01-07", "past", None),  # whose? no guess
    ("early 1997", None, "past", "1997"),
    ("a decade ago", "1999-03-12", "past", "1989"),
    ("the third quarter", "1998-08-10", "past", "1998-Q3"),
    ("the fourth quarter", "1998-08-10", "past", "1997-Q4"),
    ("last quarter", "1998-08-10", "past", "1998-Q2"),
    ("the first quarter of 2023", None, "past", "2023-Q1"),
    ("the end of the year", "1998-08-10", "future", "1998"),
    ("the beginning of next month", "1998-08-10", "future", "1998-09"),
    ("the end of the year", None, "future", None),
    ("early next week", "2000-01-07", "future", "2000-W2"),
    ("the week of March 6", "2000-02-24", "future", "2000-W10"),
    ("October of last year", "2022-02-03", "past", "2021-10"),
    ("pre-April 2020", None, "past", None),  # the extent is "April 2020" (see test_span_edges)
    # durations need no anchor; modifiers ("at least") do not change the value
    ("at least 72 hours", None, "past", "PT72H"),
    ("as long as a month", None, "past", "P1M"),
    ("two more weeks", None, "past", "P2W"),
    ("the past decade", None, "past", "P10Y"),
    ("decades-long", None, "past", "PXY"),
    ("the coming years", None, "past", "PXY"),
])
def test_time_normalisation(text, anchor, tense, value):
    assert normalise(text, anchor, tense).value == value


def test_lists_of_dates_are_one_expression_each(annotate):
    doc = annotate("Elections were held in 1994, 1995 and 1997. The talks are set for April 24 and 25.", published="1999-02-10")
    values = [t.value for t in doc.times]
    assert values[:3] == ["1994", "1995", "1997"] and "1999-04-24" in values


@pytest.mark.parametrize("text,values", [
    # anaphoric expressions count from the last date before them, not from the publication day
    ("Slepian was killed on Oct. 23, 1998. Earlier that day, the family sent a fax.", ["1998-10-23", "1998-10-23"]),
    ("He was taken to hospital on Feb. 22. He appeared in court the next morning.", ["2000-02-22", "2000-02-23"]),
    ("He fled to Florida in June 1998 and returned later that year.", ["1998-06", "1998"]),
    ("The talks opened on Jan. 3. Ten days later they collapsed.", ["2000-01-03", "2000-01-13"]),
    # ... and without a date before them they have no value
    ("He appeared in court the next morning.", [None]),
])
def test_anaphoric_dates(annotate, text, values):
    doc = annotate(text, published="2000-02-24")
    assert [t.value for t in find_times_of(doc)] == values


@pytest.mark.parametrize("text,expected", [
    ("He will not be sent back between now and Feb. 10.", [("now", "PRESENT_REF"), ("Feb. 10", "2000-02-10")]),
    ("He served from 1991 to 1997.", [("1991", "1991"), ("1997", "1997")]),
    ("The deadline is 9 a.m. Tuesday.", [("9 a.m. Tuesday", "2000-01-11T09:00")]),
    # TimeML extents: signals, approximations and possessives stay outside, the value reads them all
    ("The plane landed early Friday morning.", [("Friday morning", "2000-01-07")]),
    ("Talks resumed on Tuesday night after a pause.", [("Tuesday night", "2000-01-04")]),
    ("Prices have doubled over the past three years.", [("past three years", "P3Y")]),
    ("The envoy left two weeks ago.", [("two weeks ago", "1999-W51")]),
    ("The strike lasted about five hours.", [("five hours", "PT5H")]),
    ("Exports fell below last month's level.", [("last month", "1999-12")]),
    ("The port has been closed since 1995.", [("1995", "1995")]),
    ("Trade is back to pre-April 2020 levels.", [("April 2020", "2020-04")]),
])
def test_span_edges(annotate, text, expected):
    doc = annotate(text, published="2000-01-07")
    assert [(doc.body[slice(*t.timeml_span())], t.value) for t in find_times_of(doc)] == expected


@pytest.mark.parametrize("text,written,extent", [
    ("Talks resumed on Tuesday night after a pause.", "on Tuesday night", "Tuesday night"),
    ("The port has been closed since 1995.", "since 1995", "1995"),
    ("The ministers will meet in March.", "in March", "March"),
    ("He served from 1991 to 1997.", "1991", "1991"),  # a range connective belongs to neither end
])
def test_the_phrase_as_written_holds_its_signal_word(annotate, text, written, extent):
    """The output span covers the expression however a reader marks it ("on Tuesday" or "Tuesday");
    the TimeML extent (for TempEval) stays without the signal."""
    doc = annotate(text, published="2000-01-07")
    first = find_times_of(doc)[0]
    assert (first.text, doc.body[slice(*first.timeml_span())]) == (written, extent)
    assert doc.body[first.start:first.end] == first.text


@pytest.mark.parametrize("text,value", [
    # forms no rule knows, read by dateparser because they carry a year
    ("The treaty was signed on the 5th of May, 2021.", "2021-05-05"),
    ("The plant opened in December of 2019.", "2019-12"),
])
def test_absolute_dates_the_rules_do_not_know(annotate, text, value):
    doc = annotate(text, published="2024-01-01")
    assert value in [t.value for t in doc.times]


def test_an_age_is_not_a_duration(annotate):
    doc = annotate("The 6-year-old boy waited for three weeks.", published="2000-01-07")
    assert [(t.text, t.value) for t in find_times_of(doc)] == [("three weeks", "P3W")]


def find_times_of(doc):
    from dyads.annotate.timex import find_times
    from dyads.annotate.pipeline import load_model
    from dyads.settings import Settings
    return find_times(doc.body, load_model(Settings().model)(doc.body), doc.published)


def test_ordinal_anniversary_is_not_a_date(annotate):
    doc = annotate("They marked the 30th anniversary of relations on Monday.", published="2024-05-10")
    assert [t.text for t in doc.times] == ["on Monday"] or [t.text for t in doc.times] == ["Monday"]


@pytest.mark.parametrize("sentence,published,value", [
    ("Officials postponed until Tuesday any action on the request.", "2000-03-30", "2000-04-04"),
    ("Up until Thursday, investigators had described him only as a witness.", "1999-05-07", "1999-05-06"),
    ("The ceremony would still be held at the summit on April 24.", "1999-02-10", "1999-04-24"),
    ("The issue will dominate a summit set for Washington in April.", "1999-03-12", "1999-04"),
    ("A memorial service planned for Saturday was canceled.", "1999-10-24", "1999-10-23"),
    ("The lawyer subpoenaed him to testify before the committee on Feb. 10.", "2000-01-07", "2000-02-10"),
    ("He remains in Miami until the case is heard in May.", "2000-03-29", "2000-05"),
])
def test_tense_of_the_clause_picks_the_reading(annotate, sentence, published, value):
    doc = annotate(sentence, published=published)
    assert [t.value for t in doc.times] == [value]


def test_future_tense_moves_weekday_forward(annotate):
    doc = annotate("The minister will visit Berlin on Friday.", published="2024-05-08")
    assert doc.times[0].value == "2024-05-10"


@pytest.mark.parametrize("text", [
    "“We will deepen our cooperation with our neighbours,” President Joe Biden said.",
    "President Joe Biden said: «We will deepen our cooperation with our neighbours.»",
    '"We will deepen our cooperation with our neighbours," said President Joe Biden.',
    "President Joe Biden spoke. „We will deepen our cooperation with our neighbours“ - the president said.",
])
def test_quote_styles_and_cues(annotate, text):
    doc = annotate(text)
    assert len(doc.quotes) == 1
    quote = doc.quotes[0]
    assert quote.text.startswith("We will deepen") and quote.speaker_name == "Joe Biden"


def test_pronoun_speaker(annotate):
    doc = annotate("Prime Minister Shehbaz Sharif arrived in Beijing. “Our friendship is higher than the mountains,” he said.")
    assert doc.quotes[0].speaker_name == "Shehbaz Sharif"


def test_names_in_quotation_marks_are_not_quotes(annotate):
    doc = annotate("The sides launched the “Golden Decade” programme and lodged a “strong protest” over the incident.")
    assert doc.quotes == []


def _events(doc):
    return {(e.type, tuple(e.actors), e.status) for e in doc.events}


@pytest.mark.parametrize("text,expected", [
    ("Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow.", ("CONSULT", {"RUS", "CHN"}, "occurred")),
    ("Iran condemned Israel for the strike on its embassy.", ("ACCUSE", ("IRN", "ISR"), "occurred")),
    ("France will sign an energy agreement with India next month.", ("SUPPORT", {"FRA", "IND"}, "planned")),
    ("The United States imposed sanctions on Russia.", ("SANCTION", ("USA", "RUS"), "occurred")),
    ("Japan urged China to release the detained citizens.", ("REQUEST", ("JPN", "CHN"), "occurred")),
    ("Turkey rejected the demands of Greece.", ("REJECT", ("TUR", "GRC"), "occurred")),
    ("Germany did not support Poland on the issue.", ("SUPPORT", ("DEU", "POL"), "negated")),
])
def test_event_types_actors_and_status(annotate, text, expected):
    event_type, actors, status = expected
    doc = annotate(text)
    found = [e for e in doc.events if e.type == event_type and e.status == status]
    assert found, doc.events
    if isinstance(actors, tuple):
        assert tuple(found[0].actors[:2]) == actors
    else:
        assert set(found[0].actors) == actors


def test_context_country_is_not_a_party(annotate):
    doc = annotate("Kazakh Foreign Minister Murat Nurtleu expressed support for China's core interests concerning Taiwan.")
    assert all("TWN" not in e.actors for e in doc.events)


def test_every_event_has_evidence_in_the_body(annotate):
    doc = annotate("Indian Prime Minister Narendra Modi visited Japan on Monday. He met Japanese Prime Minister Fumio Kishida.", published="2024-05-08")
    for e in doc.events:
        assert doc.body[e.evidence[0]:e.evidence[1]].strip()
    visit = next(e for e in doc.events if e.mode == "visit")
    assert visit.actors[:2] == ["IND", "JPN"] and visit.date == "2024-05-06"


@pytest.mark.parametrize("text,expected", [
    # a season with its year is that season, as TimeML writes it
    ("The port reopened in the fall of 2019 after repairs.", [("in the fall of 2019", "2019-FA")]),
    ("Harvests failed in summer 2004.", [("in summer 2004", "2004-SU")]),
    # a year used as a modifier after "the" is still that year
    ("Memories of the 2008 crisis linger.", [("2008", "2008")]),
    # a weekday with the number of its day: the day near the publication date that falls on that weekday
    ("The envoys met this Saturday, 9, in Geneva.", [("this Saturday, 9", "2022-07-09")]),
    # ... but a number that counts something is not a day
    ("On Monday, 12 people were hurt.", [("On Monday", "2022-07-04")]),
])
def test_seasons_modifier_years_and_numbered_weekdays(annotate, text, expected):
    doc = annotate(text, published="2022-07-10")
    assert [(t.text, t.value) for t in find_times_of(doc)] == expected
