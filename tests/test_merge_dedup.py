"""Near-duplicate documents: MinHash signatures and the LSH index, on texts written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from merge_factories import SYNDICATED, WIRE

from frontwatch.pipeline.merge.dedup import (
    BANDS,
    SIGNATURE_SIZE,
    NearDuplicateIndex,
    band_keys,
    canonical_url,
    shingles,
    signature,
    similarity,
)

EDITED = (
    WIRE.replace("in the early hours of Sunday", "early on Sunday")
    .replace("searched the rubble", "combed through the rubble")
    .replace("GANJA, Azerbaijan, Oct 11", "GANJA, Oct 11")
)

REWRITTEN = """Ganja residents bury their dead after night-time missile attack

Ten people lost their lives on Sunday when a missile came down on houses in Ganja before dawn, according
to the authorities in Baku, who blamed Armenia for the launch. Officials counted dozens of injured. The
government in Yerevan rejected the accusation and in turn charged Azerbaijan with breaching the
ceasefire that Moscow negotiated only a day earlier. Our reporter found at least nine victims being
carried away by rescuers and a street of wrecked homes close to the centre of the city. The attack came
despite a humanitarian pause agreed in the Russian capital so the two sides could swap captives and
recover bodies. Ganja is located far from the breakaway territory of Nagorno-Karabakh, where fighting
resumed at the end of September. Mediators have repeated their calls for restraint. The conflict,
the deadliest there since the 1990s, has already cost hundreds of lives and displaced thousands.
"""

LIVE_BLOG = "\n\n".join(
    f"{hour:02d}:00 - {text}"
    for hour, text in [
        (
            7,
            "Azerbaijan's presidential aide says a missile hit a residential area of Ganja overnight and "
            "that rescuers are still searching for survivors under collapsed houses near the city centre.",
        ),
        (
            8,
            "Armenia's Defence Ministry denies firing on Ganja and accuses Azerbaijani troops of shelling "
            "villages in the south of Nagorno-Karabakh since the ceasefire began at noon on Saturday.",
        ),
        (
            9,
            "Our correspondent in Ganja says at least nine bodies have been carried out of the ruins and "
            "that ambulances are taking the wounded to the city hospital in a steady stream.",
        ),
        (
            10,
            "The foreign ministers of Russia and France call both sides to respect the humanitarian truce "
            "agreed in Moscow and to let the Red Cross collect the dead and exchange prisoners.",
        ),
        (
            11,
            "Officials in Stepanakert say the city was shelled again after midnight and that one elderly "
            "woman was wounded when a shell landed in the yard of her apartment block.",
        ),
        (
            12,
            "Azerbaijani officials take foreign diplomats and journalists to the street in Ganja where the "
            "houses collapsed, and show them fragments they say belong to a ballistic missile.",
        ),
        (
            13,
            "The Armenian prime minister tells a news conference in Yerevan that his country remains "
            "committed to the truce and will answer any attack on the territory of Armenia.",
        ),
        (
            14,
            "The International Committee of the Red Cross says its teams are ready to help with the "
            "exchange of bodies once both sides give guarantees that their staff will be safe.",
        ),
    ]
)
LIVE_BLOG_REPOLLED = LIVE_BLOG + (
    "\n\n15:00 - The Azerbaijan Defence Ministry raises the toll in Ganja to ten dead and thirty-four "
    "injured and says the missile was launched from the Vardenis area of Armenia."
)


def test_identical_text_has_identical_signature_and_full_similarity() -> None:
    sig = signature(WIRE)
    assert len(sig) == SIGNATURE_SIZE
    assert sig == signature(WIRE) and similarity(sig, signature(WIRE)) == 1.0


def test_case_and_punctuation_do_not_matter() -> None:
    assert signature(WIRE) == signature(WIRE.upper().replace(",", " ").replace(".", "!"))


@pytest.mark.parametrize(
    "copy", [SYNDICATED, EDITED, LIVE_BLOG_REPOLLED], ids=["syndicated", "edited", "repolled"]
)
def test_copies_are_near_duplicates_of_their_original(copy: str) -> None:
    index = NearDuplicateIndex()
    index.add("wire-ganja", signature(WIRE))
    index.add("liveblog-ganja", signature(LIVE_BLOG))
    original = "liveblog-ganja" if copy is LIVE_BLOG_REPOLLED else "wire-ganja"
    assert index.find(signature(copy)) == original


def test_the_same_facts_in_other_words_are_not_a_duplicate() -> None:
    index = NearDuplicateIndex()
    index.add("wire-ganja", signature(WIRE))
    assert similarity(signature(WIRE), signature(REWRITTEN)) < 0.1
    assert index.find(signature(REWRITTEN)) is None
    assert index.find(signature(LIVE_BLOG)) is None


def test_a_short_report_is_indexed_only_by_bands_holding_its_own_shingles() -> None:
    short = "Shelling of Kramatorsk on Tuesday killed two civilians."
    assert 1 <= len(band_keys(signature(short))) <= len(shingles(short)) < BANDS
    assert len(band_keys(signature(WIRE))) == BANDS


def test_copies_share_an_lsh_band_with_their_original() -> None:
    for original, copy in ((WIRE, SYNDICATED), (WIRE, EDITED), (LIVE_BLOG, LIVE_BLOG_REPOLLED)):
        assert set(band_keys(signature(original))) & set(band_keys(signature(copy)))
    assert not set(band_keys(signature(WIRE))) & set(band_keys(signature(REWRITTEN)))


def test_the_earliest_indexed_copy_is_the_original() -> None:
    index = NearDuplicateIndex()
    index.add("first", signature(WIRE))
    index.add("second", signature(WIRE))
    index.add("first", signature(REWRITTEN))
    assert len(index) == 2
    assert index.find(signature(SYNDICATED)) == "first"


def test_signatures_of_different_lengths_are_rejected() -> None:
    with pytest.raises(ValueError, match="signature"):
        similarity(signature(WIRE), signature(WIRE)[:64])
    with pytest.raises(ValueError, match="expected 128"):
        NearDuplicateIndex().add("short", (1, 2, 3))


def test_short_texts_form_one_shingle() -> None:
    assert shingles("Ganja shelled.") == {"ganja shelled"}
    assert shingles("  ,, ") == set()


WORDS = st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=6), min_size=120, max_size=400)


@given(WORDS, WORDS)
@settings(max_examples=60, deadline=None)
def test_similarity_estimates_jaccard_of_article_length_texts(words_a: list[str], words_b: list[str]) -> None:
    text_a, text_b = " ".join(words_a), " ".join(words_a[: len(words_a) // 2] + words_b)
    set_a, set_b = shingles(text_a), shingles(text_b)
    jaccard = len(set_a & set_b) / len(set_a | set_b)
    assert abs(similarity(signature(text_a), signature(text_b)) - jaccard) <= 0.15


def test_urls_of_one_page_have_one_canonical_url() -> None:
    page = "https://example.org/world/ganja-strike?id=7"
    variants = [
        "http://www.Example.org/world/ganja-strike/?utm_source=feed&id=7#comments",
        "https://example.org/world/ganja-strike?fbclid=abc&id=7",
        page,
    ]
    assert {canonical_url(url) for url in variants} == {page}
    assert canonical_url("https://example.org/world/ganja-strike?id=8") != page
    assert canonical_url("") is None and canonical_url(None) is None
