"""Title, dateline, outlet and publication date from the cues pages print (own text, no gold article)."""

import pytest

from dyads.ingest.clean import clean
from dyads.model import RawDocument


def _clean(text, **kw):
    return clean(RawDocument(source="t", id="x", text=text, **kw))


@pytest.mark.parametrize("lede, city, outlet", [
    ("ANKARA, May 5 (Reuters) - Turkey said on Sunday it would host the talks.", "Ankara", "Reuters"),
    ("DHAKA, June 1 (AFP) -- Bangladesh recalled its envoy on Saturday.", "Dhaka", "AFP"),
    ("BEIJING, Oct 3 (Xinhua) -- China and Nepal signed a transit accord on Monday.", "Beijing", "Xinhua"),
    ("KUWAIT, Jan 9 (KUNA) -- The cabinet welcomed the agreement.", "Kuwait", "KUNA"),
    ("BAKU, Azerbaijan, March 3. The foreign ministers met in Baku, Trend reports.", "Baku", "Trend"),
    ("Kyiv — Ukraine's foreign minister arrived in Warsaw on Tuesday.", "Kyiv", None),
    ("ISLAMABAD: Pakistan summoned the Afghan charge d'affaires on Friday.", "Islamabad", None),
    ("NUR-SULTAN. KAZINFORM – The president received the visiting delegation.", "Nur-Sultan", "Kazinform"),
    ("Lima, Feb 2 (EFE).- Peru's congress approved the treaty on Thursday.", "Lima", "EFE"),
    ("Nairobi [Kenya], July 4 : Kenya and Uganda agreed to settle the dispute.", "Nairobi", None),
    ("SEOUL (Yonhap) -- South Korea protested the launch on Wednesday.", "Seoul", "Yonhap"),
])
def test_wire_datelines_and_agencies(lede, city, outlet):
    doc = _clean(lede + "\n\nThe talks lasted three hours, officials said.")
    assert (doc.dateline, doc.outlet) == (city, outlet)
    assert lede in doc.body  # the dateline is part of the lede, not debris


@pytest.mark.parametrize("lede", [
    "WORLD - The summit opened on Monday.",
    "Friday, March 1 2024: The summit opened.",
    "The summit opened on Monday in the capital.",
    "Officials said: the summit opened on Monday.",
])
def test_no_dateline_where_there_is_none(lede):
    assert _clean(lede + "\n\nMore talks followed.").dateline is None


def test_dateline_on_its_own_line_and_outlet_credit_line():
    doc = _clean("Tbilisi, Georgia, May 12\nTrend:\nThe two ministers met in the Georgian capital on Friday.\nThey discussed transit.")
    assert (doc.dateline, doc.outlet) == ("Tbilisi", "Trend")
    assert doc.body.startswith("The two ministers met")


def test_a_source_is_not_the_outlet():
    doc = _clean("Turkey and Iraq agreed on Monday to build a new road, according to Anadolu Agency.\n\nThe road will link the two capitals.")
    assert doc.outlet is None
    doc = _clean("Turkey and Iraq agreed on Monday to build a new road, APA reports.\n\nThe road will link the two capitals.")
    assert doc.outlet == "APA"


def test_title_is_the_repeated_headline_not_a_section_or_caption():
    page = "\n".join([
        "Diplomacy",
        "Rivals Restore Ties After Seven Years",
        "The foreign ministers shake hands before their meeting in the capital. (Handout via Reuters)",
        "Rivals Restore Ties After Seven Years",
        "The two countries restored diplomatic relations on Thursday after a seven-year break.",
        "Embassies will reopen within two months, a joint statement said.",
    ])
    doc = _clean(page)
    assert doc.title == "Rivals Restore Ties After Seven Years"
    assert doc.body.count("Rivals Restore Ties") == 1


def test_no_title_when_the_page_opens_with_prose():
    assert _clean("The two countries restored relations on Thursday.\n\nEmbassies will reopen.").title is None
    assert _clean("By Omar Saleh\n\nThe two countries restored relations on Thursday.\n\nEmbassies will reopen.").title is None


def test_title_ending_with_an_abbreviation():
    doc = _clean("Beijing condemns arms sale to Taiwan by U.S.\n\nChina on Friday condemned the sale of weapons to the island.")
    assert doc.title == "Beijing condemns arms sale to Taiwan by U.S."


@pytest.mark.parametrize("stamp, date", [
    ("Published: 12 March 2024 10:15", "2024-03-12"),
    ("Updated 09:40, 05-Apr-2024", "2024-04-05"),
    ("11:05 GMT, June 7, 2023", "2023-06-07"),
    ("Posted first on Wed, March 13 2024, 18:20 CET", "2024-03-13"),
    ("Monday July 1 2024", "2024-07-01"),
    ("3 May 2022, 14:05 (GMT+2)", "2022-05-03"),
])
def test_publication_date_from_stamps_in_the_page_head(stamp, date):
    doc = _clean(f"Leaders meet in the capital\n{stamp}\nThe leaders met on Monday to discuss trade.\nThey agreed to meet again.")
    assert doc.published == date
    assert stamp not in doc.body


def test_a_model_number_before_a_month_is_not_a_day():
    from dyads.ingest.dates import find_full_date, is_date_line

    line = "Airbus A320 May 2019 delivery"
    assert not is_date_line(line)
    assert find_full_date(line) is None
    assert find_full_date("Model B747 June 2021 deliveries began on 4 June 2021.") == "2021-06-04"


def test_trailing_date_line_and_related_story_dates():
    doc = _clean("The leaders met on Monday.\n\nThey agreed to meet again.\n\nSept. 14, 2022")
    assert doc.published == "2022-09-14"
    related = "\n\nRelated story:\nMinisters Prepare Summit Agenda\n16 April 2018 12:58"
    # the page's own stamp wins over the date of a listed story
    doc = _clean("Leaders meet\nMarch 2, 2018\nThe leaders met on Monday.\n\nThey agreed to meet again." + related)
    assert doc.published == "2018-03-02" and "Ministers Prepare" not in doc.body
    # with no stamp of its own, the page's only date is taken; with two listed dates, none
    doc = _clean("The leaders met on Monday.\n\nThey agreed to meet again." + related)
    assert doc.published == "2018-04-16"
    doc = _clean("The leaders met on Monday.\n\nThey agreed to meet again." + related + "\nTalks Resume In Spring\n2 May 2018 10:00")
    assert doc.published is None


def test_outlet_from_an_organisation_byline_but_not_from_a_newsletter_prompt():
    doc = _clean("The ministers met on Monday to discuss trade.\nThey agreed to meet again.\nBy harbourtimes.org")
    assert doc.outlet == "harbourtimes.org"
    doc = _clean("The ministers met on Monday to discuss trade.\nThey agreed to meet again.\n"
                 "Sign up with the Daily Briefing newsletter today")
    assert doc.outlet is None and "newsletter" not in doc.body


@pytest.mark.parametrize("label", ["Report", "Map", "MAP", "Trend", "Petra", "PL"])
def test_a_section_label_that_is_also_an_agency_name_is_not_the_outlet(label):
    doc = _clean(f"{label}\nFerry Service Resumes\nThe ferry service between the islands resumed on Monday.\n"
                 "Passengers said they were relieved.")
    assert doc.outlet is None


@pytest.mark.parametrize("text, outlet", [
    ("RABAT, March 3 (MAP) - Morocco and Spain signed a fisheries accord on Tuesday.\nIt runs for four years.", "MAP"),
    ("The two ministers signed the accord on Tuesday.\nIt runs for four years. — PL", "Prensa Latina"),
    ("Baku, March 3, Trend reports that the two ministers signed the accord on Tuesday.\nIt runs for four years.", "Trend"),
])
def test_short_agency_names_count_in_credit_positions(text, outlet):
    assert _clean(text).outlet == outlet


def test_a_capitalised_word_before_a_dash_is_not_an_outlet_unless_a_known_agency():
    doc = _clean("Harbour Pilots Return\nHarbourview- Pilots returned to work on Wednesday after a strike.\nShips sail again.")
    assert doc.outlet is None
    doc = _clean("Harbour Pilots Return\nXinhua- Pilots returned to work on Wednesday after a strike.\nShips sail again.")
    assert doc.outlet == "Xinhua"


def test_glued_dateline_goes_back_to_its_line():
    doc = _clean("Sanctions Extended\nThe measures were extended by six months on Friday in all capitalsBRUSSELS, March 8.\n"
                 "The council said the measures would be reviewed in September.")
    assert doc.dateline == "Brussels"


@pytest.mark.parametrize("lede, city, outlet", [
    ("ST. PETERSBURG, Russia, June 2 (Reuters) - The forum opened on Thursday.", "St. Petersburg", "Reuters"),
    ("NEW YORK/GENEVA (Reuters) - The agency appealed for funds on Monday.", "New York", "Reuters"),
    ("TEHRAN, IRNA – Iran's foreign minister left for Baghdad on Sunday.", "Tehran", "IRNA"),
    ("MOSCOW, February 21. /TASS/. The ministry summoned the envoy on Tuesday.", "Moscow", "TASS"),
    ("Washington, DC — The State Department approved the sale on Friday.", "Washington", None),
])
def test_more_dateline_styles(lede, city, outlet):
    doc = _clean(lede + "\n\nThe talks lasted three hours, officials said.")
    assert (doc.dateline, doc.outlet) == (city, outlet)


@pytest.mark.parametrize("byline, outlet", [
    ("By JOHN SMITH", None),
    ("By Jane Doe, Associated Press", "AP"),
    ("By Staff Reporter", None),
])
def test_outlet_from_bylines(byline, outlet):
    doc = _clean(f"Leaders meet in the capital\n{byline}\nThe leaders met on Monday to discuss trade.\nThey agreed to meet again.")
    assert doc.outlet == outlet and byline not in doc.body


@pytest.mark.parametrize("head, title", [
    (["Office of the Press Secretary", "President Announces New Trade Envoy"], "President Announces New Trade Envoy"),
    (["Storm kills three in coastal towns", "Rescue teams search for missing fishermen"], "Storm kills three in coastal towns"),
    (["FLOODS HIT CAPITAL"], "FLOODS HIT CAPITAL"),
])
def test_which_head_line_is_the_headline(head, title):
    doc = _clean("\n".join(head) + "\nMarch 2, 2024\nThe storm reached the coast on Saturday night, officials said.\nSchools were closed.")
    assert doc.title == title
