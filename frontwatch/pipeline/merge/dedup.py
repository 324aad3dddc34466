"""Near-duplicate documents: MinHash signatures of word shingles, indexed with LSH banding.

A document's text is case-folded, stripped of punctuation and cut into overlapping 5-word shingles.
Signatures use one-permutation MinHash: each shingle is hashed once (BLAKE2b, 64 bits); the low 7
bits pick one of 128 bins and each bin keeps the smallest remaining value. Empty bins (short texts)
borrow the value of the next filled bin to their right, tagged with the distance ("rotation"
densification, Shrivastava & Li 2014). Two signatures agree on a bin with probability close to the
Jaccard similarity of the shingle sets, so ``similarity`` estimates it at the cost of one hash per
shingle rather than 128. Estimates are noisy for texts of a few dozen words, precise for articles.

Syndicated wire copies with a new headline, re-polled live blogs with one more update and lightly
edited republications share most 5-word shingles (Jaccard ≳ 0.8); another outlet telling the same
facts in its own words shares almost none. The index splits signatures into 16 bands of 8 bins and
only compares documents that agree on a whole band: two documents of similarity s share a given band
with probability s⁸, so copies (s ≥ 0.8) share at least one band in ≥ 95% of cases (≥ 99.9% from
s = 0.9), while short reports that only share a formulaic sentence pattern (s ≈ 0.3–0.5) almost never
do. A band made only of borrowed bins repeats the next filled bin's value and is not indexed: among
short texts such bands collide whenever one shingle does.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

SIGNATURE_SIZE = 128
SHINGLE_WORDS = 5
BANDS = 16
ROWS_PER_BAND = SIGNATURE_SIZE // BANDS
_BIN_BITS = SIGNATURE_SIZE.bit_length() - 1
_VALUE_SPAN = 1 << (64 - _BIN_BITS)
_EMPTY_TEXT = (-1,) * SIGNATURE_SIZE
_WORD = re.compile(r"\w+")
_TRACKING_PARAMETER = re.compile(r"^(utm_\w+|fbclid|gclid|ocid|cmpid|mc_[ce]id)$")
DUPLICATE_THRESHOLD = 0.8
"""The estimated Jaccard similarity from which a document is a copy of another."""

Signature = tuple[int, ...]


def _hash64(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8, person=b"frontwatch-dup").digest(), "big")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The text's overlapping ``size``-word shingles after folding case and dropping punctuation."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str) -> tuple[int, ...]:
    """The MinHash signature (128 integers) of ``text``; equal texts give equal signatures."""
    bins: list[int | None] = [None] * SIGNATURE_SIZE
    for shingle in shingles(text):
        hashed = _hash64(shingle.encode())
        index, value = hashed & (SIGNATURE_SIZE - 1), hashed >> _BIN_BITS
        current = bins[index]
        if current is None or value < current:
            bins[index] = value
    return _densified(bins)


def _densified(bins: list[int | None]) -> tuple[int, ...]:
    """Each empty bin takes the next filled bin's value (circularly), offset by its distance."""
    if all(value is None for value in bins):
        return _EMPTY_TEXT
    signature_values: list[int] = []
    for index in range(SIGNATURE_SIZE):
        distance = 0
        while (value := bins[(index + distance) % SIGNATURE_SIZE]) is None:
            distance += 1
        signature_values.append(value + distance * _VALUE_SPAN)
    return tuple(signature_values)


def similarity(sig_a: tuple[int, ...], sig_b: tuple[int, ...]) -> float:
    """The estimated Jaccard similarity of two documents: the share of signature positions that agree."""
    if len(sig_a) != len(sig_b) or not sig_a:
        raise ValueError(f"signatures of lengths {len(sig_a)} and {len(sig_b)}; build both with signature()")
    return sum(x == y for x, y in zip(sig_a, sig_b, strict=True)) / len(sig_a)


def _bands(sig: tuple[int, ...]) -> list[tuple[int, tuple[int, ...]]]:
    """The signature's LSH bands that hold at least one filled (not borrowed) bin."""
    split = ((band, sig[band * ROWS_PER_BAND : (band + 1) * ROWS_PER_BAND]) for band in range(BANDS))
    return [(band, values) for band, values in split if any(value < _VALUE_SPAN for value in values)]


def band_keys(sig: Signature) -> list[tuple[int, int]]:
    """(band, bucket) per indexed LSH band, the bucket a signed 64-bit hash of the band's values (for SQL
    indexes)."""
    return [
        (
            band,
            int.from_bytes(
                hashlib.blake2b(repr(values).encode(), digest_size=8).digest(), "big", signed=True
            ),
        )
        for band, values in _bands(sig)
    ]


def closest(
    sig: Signature, indexed: Iterable[tuple[str, Signature]], threshold: float = DUPLICATE_THRESHOLD
) -> str | None:
    """The id of the most similar indexed signature if at least ``threshold``; the earliest given on ties."""
    scored = [(similarity(sig, other), -order, doc_id) for order, (doc_id, other) in enumerate(indexed)]
    best = max(scored, default=None)
    return best[2] if best is not None and best[0] >= threshold else None


def canonical_url(url: str | None) -> str | None:
    """The URL with https for http, a case-folded host without "www.", no fragment, tracking parameters or
    trailing slash: two URLs of one page give the same canonical URL."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return url.strip()
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode(
        sorted(
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING_PARAMETER.match(key.lower())
        )
    )
    scheme = "https" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    return urlunsplit((scheme, host, parts.path.rstrip("/"), query, ""))


class NearDuplicateIndex:
    """Signatures of documents seen so far, looked up by LSH band for near-duplicates of a new one."""

    def __init__(self) -> None:
        self._signatures: dict[str, tuple[int, ...]] = {}
        self._order: dict[str, int] = {}
        self._buckets: defaultdict[tuple[int, tuple[int, ...]], list[str]] = defaultdict(list)

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, doc_id: str, sig: tuple[int, ...]) -> None:
        """Index ``doc_id``'s signature; an id already indexed keeps its first signature."""
        if len(sig) != SIGNATURE_SIZE:
            raise ValueError(f"signature of {doc_id!r} has {len(sig)} values, expected {SIGNATURE_SIZE}")
        if doc_id in self._signatures:
            return
        self._signatures[doc_id] = sig
        self._order[doc_id] = len(self._order)
        for key in _bands(sig):
            self._buckets[key].append(doc_id)

    def find(self, sig: tuple[int, ...], threshold: float = DUPLICATE_THRESHOLD) -> str | None:
        """The indexed document most similar to ``sig``, if at least ``threshold`` (the earliest on ties)."""
        candidates = sorted(
            {doc_id for key in _bands(sig) for doc_id in self._buckets.get(key, ())},
            key=self._order.__getitem__,
        )
        return closest(sig, ((doc_id, self._signatures[doc_id]) for doc_id in candidates), threshold)
