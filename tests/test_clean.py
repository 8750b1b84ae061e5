from dyads.ingest.clean import clean, normalise_text
from dyads.model import RawDocument


def _clean(text, **kw):
    return clean(RawDocument(source="t", id="x", text=text, **kw))


def test_debris_is_removed_with_reasons():
    text = "498.55\n524.28\n\nNews\n\nBig Talks Between Two Neighbours Today\n\nФото: Akorda 14.09.2022 18:28 851\n\nThe two presidents met in Astana and discussed trade.\n\nShare:\nTelegram Subscribe to our Telegram channel and be the first to know the news!\nWe use cookies to improve your experience. Accept cookies\nRelated news\nAnother headline here\nPhoto: t.me/bort_01"
    doc = _clean(text)
    assert doc.body.startswith("Big Talks Between Two Neighbours Today")
    for debris in ("498.55", "News\n", "Фото", "Share:", "Subscribe", "cookies", "Related news", "Another headline", "t.me"):
        assert debris not in doc.body
    reasons = {r.reason for r in doc.removed}
    assert {"numbers", "page label", "photo credit", "share widget", "reader prompt", "cookie notice", "related list"} <= reasons
    assert doc.published == "2022-09-14"  # from the credit line's timestamp


def test_clean_prose_is_untouched():
    prose = "The foreign ministers met on Monday.\n\nThey agreed to expand trade, officials said.\n\n“We will work together,” the minister said."
    doc = _clean(prose)
    assert doc.body == prose and doc.removed == []


def test_header_dateline_and_outlet():
    doc = _clean(" date 2025-01-03 ASTANA, Kazakhstan, January 3. President Tokayev spoke about ties with China, Trend reports.\n\nMore text.")
    assert doc.published == "2025-01-03" and doc.dateline == "Astana" and doc.outlet == "Trend"
    assert "date 2025" not in doc.body


def test_other_datelines():
    assert _clean("NUR-SULTAN. KAZINFORM – The president met the envoy.").dateline == "Nur-Sultan"
    assert _clean("NUR-SULTAN. KAZINFORM – The president met the envoy.").outlet == "Kazinform"
    doc = _clean("Headline About The Visit Of Leaders\nBeijing, The Gulf Observer: Wang Yi met his counterpart.")
    assert (doc.title, doc.dateline, doc.outlet) == ("Headline About The Visit Of Leaders", "Beijing", "The Gulf Observer")
    assert _clean("MOSCOW (Reuters) - Russia said on Monday it would respond.").outlet == "Reuters"


def test_unsupported_date_stays_null():
    assert _clean("The ministers met on Friday to discuss trade.").published is None


def test_trailing_date_line():
    doc = _clean("Leaders Meet In The Capital City\n\nThe leaders met.\n\nSept. 14, 2022")
    assert doc.published == "2022-09-14" and "Sept. 14" not in doc.body


def test_odd_spaces_are_normalised():
    assert normalise_text("Kazakh\u00a0president\u200b said") == "Kazakh president said"
