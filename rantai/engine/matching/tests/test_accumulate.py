"""The one-pass kernels add postings exactly as the numpy expressions they replace."""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from rantai.engine.matching.accumulate import Accumulator
from rantai.engine.matching.passing import select

from .test_properties import SETTINGS

N = 200


@st.composite
def postings(draw):
    """One key's postings, split in one or two chunks (main segment, delta): distinct rows."""
    rows = draw(st.lists(st.integers(0, N - 1), unique=True, max_size=60))
    weights = draw(st.lists(st.floats(0.25, 9.0, width=32), min_size=len(rows), max_size=len(rows)))
    cut = draw(st.integers(0, len(rows)))
    rows = np.array(rows, dtype=np.int32)
    weights = np.array(weights, dtype=np.float32)
    return [(rows[:cut], weights[:cut]), (rows[cut:], weights[cut:])]


units = st.lists(st.lists(st.tuples(postings(), st.floats(0.25, 3.0, width=32)), min_size=1,
                          max_size=3), max_size=5)


def reference(all_units) -> np.ndarray:
    """Scores as numpy computed them: per unit, the best key per row, added in float32."""
    scores = np.zeros(N, dtype=np.float32)
    for keys in all_units:
        best = np.zeros(N, dtype=np.float32)
        for chunks, m in keys:
            for rows, weights in chunks:
                best[rows] = np.maximum(best[rows], weights * np.float32(m))
        scores += best
    return scores


@SETTINGS
@given(units)
def test_scores_found_rows_and_clearing_match_numpy(all_units):
    acc = Accumulator(N)
    undo = []
    for keys in all_units:
        if len(keys) == 1:
            (chunks, m), = keys
            acc.add_key(chunks, m)
            undo.append(lambda chunks=chunks, m=m: acc.remove_key(chunks, m))
        else:
            rows, values = acc.add_group(keys)
            undo.append(lambda rows=rows, values=values: acc.remove_values(rows, values))
    assert np.array_equal(acc.scores, reference(all_units))  # bit for bit
    reached = {int(r) for keys in all_units for chunks, _m in keys for rows, _w in chunks for r in rows}
    found = acc.found().tolist()
    assert sorted(found) == sorted(reached) and len(found) == len(reached)
    if undo:  # taking the first unit back leaves the others' sums (to float32 rounding)
        undo[0]()
        assert np.allclose(acc.scores, reference(all_units[1:]), atol=1e-4)
    acc.clear()
    assert not acc.scores.any() and len(acc.found()) == 0
    acc.add_key([(np.array([3], dtype=np.int32), np.array([1.5], dtype=np.float32))], 2.0)
    assert acc.found().tolist() == [3] and acc.scores[3] == np.float32(3.0)  # nothing stale


@SETTINGS
@given(st.lists(st.integers(0, N - 1), unique=True, max_size=80),
       st.lists(st.tuples(st.booleans(), st.integers(0, 5), st.integers(0, 7)), min_size=N,
                max_size=N),
       st.integers(0, 5), st.integers(0, 7), st.booleans(), st.booleans())
def test_hard_filter_selection_matches_numpy(rows, table, scale_max, bits, passing_, check):
    alive = np.array([a for a, _s, _c in table], dtype=np.bool_)
    scale = np.array([s for _a, s, _c in table], dtype=np.uint8)
    certs = np.array([c for _a, _s, c in table], dtype=np.uint64)
    rows = np.array(rows, dtype=np.int32)
    got = select(rows, alive=alive if check else None, scale=scale, scale_max=scale_max,
                 certs=certs, bits=bits, passing=passing_)
    keep = rows[alive[rows]] if check else rows
    ok = (scale[keep] <= scale_max) & ((certs[keep] & np.uint64(bits)) == np.uint64(bits))
    assert got.tolist() == keep[ok if passing_ else ~ok].tolist()
