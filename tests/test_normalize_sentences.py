"""Sentence segmentation keeps offsets and survives abbreviations, initials and bullets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from frontwatch.pipeline.normalize.sentences import split_sentences

WIRE = (
    "STEPANAKERT, Oct. 4 (Wire) - At least 3 civilians were killed overnight, officials said. "
    'Gen. Mammadov told reporters that U.S. mediators had called. "We will respond," he said.\n\n'
    "- Shelling resumed near Martuni.\n- Power was cut in Askeran."
)


def test_wire_story_splits_into_sentences_and_bullets() -> None:
    sentences = [span.text_of(WIRE) for span in split_sentences(WIRE)]
    assert sentences == [
        "STEPANAKERT, Oct. 4 (Wire) - At least 3 civilians were killed overnight, officials said.",
        "Gen. Mammadov told reporters that U.S. mediators had called.",
        '"We will respond," he said.',
        "- Shelling resumed near Martuni.",
        "- Power was cut in Askeran.",
    ]


def test_split_respects_the_window() -> None:
    start = WIRE.index("Gen.")
    spans = split_sentences(WIRE, start, WIRE.index("\n\n"))
    assert spans[0].start == start
    assert [s.text_of(WIRE) for s in spans][-1] == '"We will respond," he said.'


@given(st.text(alphabet=st.sampled_from(list("Ab. \n!?\"'-1")), max_size=200))
def test_sentences_are_ordered_non_empty_and_inside_the_text(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        chunk = span.text_of(text)
        assert chunk == chunk.strip() and chunk
        previous_end = span.end
