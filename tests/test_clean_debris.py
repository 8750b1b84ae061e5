"""The debris model on pages written in the style of real scraped news (own text, no gold article)."""

import pytest

from dyads.ingest.clean import clean
from dyads.model import RawDocument


def _clean(text, **kw):
    return clean(RawDocument(source="t", id="x", text=text, **kw))


def _reasons(doc):
    return {r.text: r.reason for r in doc.removed}


# --- debris kinds, one page each ----------------------------------------------------------------

def test_photo_captions_and_credits():
    page = "\n".join([
        "Neighbours Agree To Reopen Border Crossing",
        "Trucks queue at the frontier post near the river on Monday. (Reuters Archive)",
        "Image: AFP/Pierre Dumas",
        "Jan Novak/CTK/EPA",
        "The two governments agreed on Tuesday to reopen the main border crossing after three years.",
        "Customs officers will return to the post next month, the ministries said in a joint statement.",
        "(FILE) A border guard checks documents at the crossing during a visit by officials.",
        "Traders on both sides have long called for the crossing to reopen.",
    ])
    doc = _clean(page)
    for debris in ("Reuters Archive", "Trucks queue", "Pierre Dumas", "CTK/EPA", "(FILE)"):
        assert debris not in doc.body
    assert "agreed on Tuesday to reopen" in doc.body and "Traders on both sides" in doc.body
    assert {"photo caption", "photo credit"} <= set(_reasons(doc).values())


def test_caption_glued_to_the_lede_loses_only_the_caption():
    doc = _clean("Leaders meet in the capital (Photo: Reuters) - The prime minister arrived in the capital on Friday for two days of talks.")
    assert doc.body == "The prime minister arrived in the capital on Friday for two days of talks."
    assert _reasons(doc) == {"Leaders meet in the capital (Photo: Reuters) -": "photo caption"}


def test_bylines_reading_time_and_section_labels():
    page = "\n".join([
        "POLITICS",
        "4 MIN READ",
        "Ministers sign a new water-sharing deal",
        "By Laila Haddad",
        "March 4, 2024",
        "Two neighbouring states signed a deal on Monday to share the water of a river that crosses both.",
        "The agreement sets seasonal quotas and creates a joint commission.",
    ])
    doc = _clean(page)
    assert doc.body.startswith("Ministers sign a new water-sharing deal\n")
    reasons = _reasons(doc)
    assert reasons["POLITICS"] == "page label" and reasons["4 MIN READ"] == "page label"
    assert reasons["By Laila Haddad"] == "byline" and reasons["March 4, 2024"] == "date line"
    assert doc.published == "2024-03-04" and doc.title == "Ministers sign a new water-sharing deal"


def test_read_more_recommended_and_related_headlines():
    page = "\n".join([
        "The envoy was summoned to the foreign ministry on Wednesday over remarks made at a rally.",
        "READ MORE: Why are relations between the two capitals so tense?",
        "RECOMMENDED",
        "The ministry said the remarks were unacceptable and asked for an explanation.",
        "The embassy did not comment.",
        "Related Stories",
        "Envoy Recalled After Border Incident",
        "Trade Talks Stall Over Tariff Dispute",
        "Opposition Leader Calls For Early Election",
    ])
    doc = _clean(page)
    for debris in ("READ MORE", "RECOMMENDED", "Related Stories", "Envoy Recalled", "Trade Talks Stall", "Early Election"):
        assert debris not in doc.body
    assert doc.body.endswith("The embassy did not comment.")


def test_title_case_link_list_between_paragraphs():
    page = "\n".join([
        "Rescue teams reached the village on Sunday after the road was cleared.",
        "- Floods Force Thousands From Their Homes in the North",
        "- Government Promises Aid for Farmers Hit by the Storm",
        "Officials said the death toll had risen to twelve.",
    ])
    doc = _clean(page)
    assert "Floods Force" not in doc.body and "Government Promises" not in doc.body
    assert "death toll had risen" in doc.body


def test_tags_accessibility_menu_advertisement_and_prompts():
    page = "\n".join([
        "Accessibility",
        "Font size",
        "A+ A-",
        "High contrast",
        "Home | World | Asia",
        "The central bank left its key rate unchanged on Thursday, citing easing inflation.",
        "Advertisement",
        "Analysts had expected the decision after prices rose more slowly in the spring.",
        "Subscribe to our newsletter for the latest updates",
        "Sign up now for unlimited access to our journalism",
        "Tags: economy, banking, inflation",
        "Share this article",
        "We use cookies to give you the best experience. By continuing you accept our cookie policy.",
    ])
    doc = _clean(page)
    assert doc.body == ("The central bank left its key rate unchanged on Thursday, citing easing inflation.\n"
                        "Analysts had expected the decision after prices rose more slowly in the spring.")
    reasons = set(_reasons(doc).values())
    assert {"page label", "navigation", "reader prompt", "tags", "share widget", "cookie notice"} <= reasons


def test_reader_comments_under_the_article():
    page = "\n".join([
        "Protesters gathered outside the embassy on Saturday to demand the release of two detained fishermen.",
        "Police said the rally was peaceful and ended by the evening.",
        "The foreign ministry has asked for consular access to the men.",
        "Well done, they should keep protesting!",
        "4 ( +5 / -1 )",
        "Nothing will change, as usual.",
        "2 ( +3 / -1 )",
    ])
    doc = _clean(page)
    assert "keep protesting" not in doc.body and "as usual" not in doc.body and "( +5" not in doc.body
    assert doc.body.endswith("The foreign ministry has asked for consular access to the men.")
    assert "reader comment" in set(_reasons(doc).values())


def test_raw_links_markup_and_tickers():
    page = "\n".join([
        "USD 1.0841",
        "EUR 0.9213",
        "The ministers discussed a new <a href=\"https://example.org/energy\" target=\"_blank\">energy corridor</a> across the sea on Monday.",
        "https://example.org/media/statement-2024.mp3",
        "</a>",
        "The corridor would carry gas and electricity to both countries.",
    ])
    doc = _clean(page)
    assert doc.body == ("The ministers discussed a new energy corridor across the sea on Monday.\n"
                        "The corridor would carry gas and electricity to both countries.")
    assert {"numbers", "markup", "raw link"} <= set(_reasons(doc).values())


def test_wire_end_marks_and_agency_signature():
    doc = _clean("The council will meet again in June to review the plan. (end) rk")
    assert doc.body == "The council will meet again in June to review the plan."
    doc = _clean("Officials met on Monday.\n\nThey will meet again next week. — AFP")
    assert doc.body.endswith("They will meet again next week.") and doc.outlet == "AFP"


# --- prose that must come through untouched ------------------------------------------------------

UNTOUCHED = [
    # one-sentence paragraphs and a short quote
    "The two presidents met in the capital on Tuesday.\n\n"
    "They signed six agreements.\n\n"
    "“This is a new chapter,” one of them said.\n\n"
    "Talks will continue in the autumn.",
    # a list introduced by a colon, items without final punctuation, at the very end
    "The declaration commits both sides to:\n"
    "- closer cooperation on energy;\n"
    "- joint border patrols;\n"
    "- visa-free travel for students.",
    # a subheading between paragraphs and a cut-off last paragraph
    "The ministers met for three hours in the morning.\n\n"
    "Next steps\n\n"
    "A second round is planned for May, the ministry said.\n\n"
    "Officials from both countries are expected to draft the",
    # a quote that opens with a name and ends with a parenthesis
    "\"We will not accept any threat to our sovereignty,\" the spokesman said (in a televised address).\n\n"
    "The statement came a day after the incident.",
    # short factual lines with numbers
    "Russia and Kazakhstan share a border of 7,600 km.\n"
    "Trade between them reached $28 billion in 2023.",
    # an article that ends on a two-word sentence
    "The two delegations argued for hours over the wording of the final communique.\n\nNeither yielded.",
]


@pytest.mark.parametrize("prose", UNTOUCHED)
def test_clean_prose_comes_through_untouched(prose):
    doc = _clean(prose)
    assert doc.body == prose
    assert doc.removed == []


def test_a_line_many_pages_of_one_site_print_is_boilerplate():
    from dyads.ingest.clean import clean_batch

    slogan = "The independent voice of the river valley since 1952."
    stories = ["The council approved the budget on Monday.", "Farmers protested the new water quotas.",
               "The bridge reopened after repairs.", "Two ministers met to discuss trade."]
    raws = [RawDocument(source=f"s{i}", id=f"x{i}", url=f"https://valley.example.org/{i}",
                        text=f"{slogan}\n{story}\nOfficials said more details would follow.") for i, story in enumerate(stories)]
    docs = clean_batch(raws)
    assert all(slogan not in d.body and story in d.body for d, story in zip(docs, stories))
    assert all(any(r.reason == "site boilerplate" for r in d.removed) for d in docs)
    # one page alone, or too few pages of its site, keep the line
    assert slogan in clean(raws[0]).body
    other = RawDocument(source="o", id="o", url="https://other.example.com/1", text=f"{slogan}\nA different story here today.")
    assert slogan in clean_batch([other, *raws[:2]])[0].body


@pytest.mark.parametrize("sentence", [
    "Share prices fell on Monday after the state news agency reported the sanctions.",
    "Rights groups said the seized materials belong to the families.",
    "Support for the deal grew among members of the ruling party.",
    "Never before had the two leaders met in public, state media said.",
    "Follow-up talks on the subscription of new members to the bloc are planned for May.",
])
def test_prose_that_sounds_like_a_widget_stays(sentence):
    doc = _clean("The ministers met on Monday.\n" + sentence + "\nThey will meet again in June.")
    assert sentence in doc.body


def test_a_widget_menu_at_the_head_goes_by_its_shape_whatever_its_labels():
    # labels no cue list knows: the run of short non-sentence lines is what marks the menu
    widget = ["Reader tools", "Typeface", "Georgia", "Verdana", "Zoom level", "Tiny", "Regular", "Huge",
              "Palette", "Sepia tone", "Night reading"]
    page = "\n".join(widget + [
        "Harbour Pilots Return To Work",
        "Harbour pilots returned to work on Wednesday after a two-day strike over pay.",
        "The port authority said ships would sail again by the evening.",
    ])
    doc = _clean(page)
    assert doc.title == "Harbour Pilots Return To Work"
    for label in widget:
        assert label not in doc.body.split("\n")
    assert doc.body.startswith("Harbour Pilots Return To Work\nHarbour pilots returned to work")


def test_short_lines_of_a_list_inside_the_article_are_not_a_menu():
    page = "\n".join([
        "Council Names Its New Committee",
        "The city council named the members of its new transport committee on Monday.",
        "Anna Berg",
        "Tomas Lind",
        "Eva Holm",
        "Per Sand",
        "Lena Dahl",
        "Olof Ek",
        "The committee will meet for the first time next week.",
    ])
    doc = _clean(page)
    assert "Olof Ek" in doc.body and "Anna Berg" in doc.body


def test_copyright_notice_goes_but_a_sentence_about_rights_stays():
    page = "\n".join([
        "The court ruled that the land belongs to the village and its farmers.",
        "Lawyers for the company said the material rights of the owners belong to them.",
        "Copyright 2024 Example Media. All rights reserved.",
    ])
    doc = _clean(page)
    assert "All rights reserved" not in doc.body
    assert "material rights of the owners belong to them" in doc.body


@pytest.mark.parametrize("link", ["Read more.", "Click here.", "More here."])
def test_a_two_word_link_after_the_last_paragraph_is_still_debris(link):
    doc = _clean(f"The talks in the capital ended on Friday without a deal on the border.\n\n{link}")
    assert link not in doc.body


def test_reading_a_folder_of_one_site_removes_the_line_it_prints_on_every_page(tmp_path):
    """`dyads ingest`/`process` on a scrape of one site: the standing notice each page carries
    is removed from all of them, with its reason; the same page read alone keeps it."""
    from dyads.annotate.pipeline import read_and_clean
    from dyads.settings import Settings

    notice = "Subscribe to the Harbour Gazette for unlimited access to local news."
    stories = ["The port authority approved a new ferry terminal on Tuesday after a long debate.",
               "Fishermen in the northern bay reported their best season in a decade, officials said.",
               "The city council voted to repair the old lighthouse before the winter storms arrive.",
               "Two shipping companies agreed to share a container yard to cut costs for exporters."]
    for i, story in enumerate(stories):
        (tmp_path / f"page{i}.txt").write_text(f"{story}\n\n{notice}\n")
    docs = list(read_and_clean([str(tmp_path)], Settings()))
    assert [d.body for d in docs] == stories
    assert all(notice not in d.body for d in docs)
    assert all(any(r.text == notice and r.reason == "site boilerplate" for r in d.removed) for d in docs)
    alone = list(read_and_clean([str(tmp_path / "page0.txt")], Settings()))[0]
    assert notice in alone.body


def test_counting_repeated_lines_stays_small_on_a_long_stream_of_pages():
    """Lossy counting forgets lines seen on too few pages: memory does not grow with the batch."""
    from dyads.ingest.boilerplate import SiteRepeats

    repeats = SiteRepeats()
    for i in range(5_000):
        repeats.add("site", [f"Story number {i} tells of event {i * 7}.", "Read more from the Valley Courier"])
    assert repeats.repeated("site") == frozenset({"read more from the valley courier"})
    assert len(repeats.counts["site"]) < 300


@pytest.mark.parametrize("line", ["by KTV312 June 2021 Last updated at 10:15 AM", "By Field Desk 3 March 2022, updated 18:40"])
def test_a_byline_glued_to_its_date_stamp_is_removed(line):
    doc = _clean(f"Harbour strike ends\n\n{line}\n\nDock workers returned to work on Monday after a two-week strike over pay.")
    assert line not in doc.body and "Dock workers returned" in doc.body
