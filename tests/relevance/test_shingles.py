"""A note's wording as three-word phrases: what is a phrase, and how alike two sets are."""

from __future__ import annotations

import subprocess
import sys

import pytest

from blog_lsp.relevance.shingles import (
    containment,
    content_shingles,
    decode_shingles,
    encode_shingles,
)


def test_a_phrase_is_three_words_in_order() -> None:
    assert len(content_shingles("paged attention keeps the cache small")) == 4
    assert content_shingles("rank alpha dropout") != content_shingles("dropout alpha rank")
    assert content_shingles("two words") == set()


def test_case_spelling_and_plurals_fold() -> None:
    american = content_shingles("We Optimize the Kernels carefully")
    british = content_shingles("we optimise the kernel carefully")
    assert american == british


def test_hashes_are_the_same_in_every_process() -> None:
    # The index cache and the scan's worker processes must agree on every hash.
    code = (
        "from blog_lsp.relevance.shingles import content_shingles as c;"
        "print(sorted(c('continuous batching keeps the GPU busy')))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1
    assert outputs.pop().strip() == str(
        sorted(content_shingles("continuous batching keeps the GPU busy"))
    )


def test_encoding_round_trip() -> None:
    found = content_shingles("the router sends each token to a few experts and no more")
    encoded = encode_shingles(found)
    assert len(encoded) == 4 * len(found)
    assert decode_shingles(encoded) == found
    assert decode_shingles(b"") == set()


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [({1, 2, 3, 4}, {1, 2, 3, 4, 5, 6, 7, 8}, 1.0), ({1, 2}, {2, 3}, 0.5), (set(), {1}, 0.0)],
)
def test_containment_is_the_share_of_the_smaller_set(
    first: set[int], second: set[int], expected: float
) -> None:
    assert containment(first, second) == expected
    assert containment(second, first) == expected
