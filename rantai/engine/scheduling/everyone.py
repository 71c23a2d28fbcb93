"""The most SMEs that can each have a meeting: a maximum flow, so the count is proven."""
import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

from .board import Board
from .candidates import Candidates
from .model import Columns


def most_smes_met(cands: Candidates, cols: Columns) -> tuple[int, Board]:
    """The maximum number of SMEs with at least one meeting, and a board achieving it with
    one meeting per SME met.

    Exact: one meeting per SME cannot clash in an SME's slot or meet a pair twice, so only
    the tables per (buyer, slot) bind, and the network source -> SME (capacity 1) ->
    (buyer, slot) (one arc per column) -> sink (capacity tables) carries exactly that count.
    """
    board = Board(cands)
    if len(cols) == 0:
        return 0, board
    n_smes = len(cands.instance.smes)
    slots = max(cands.instance.slots, 1)
    buyer_slot, bs_of_col = np.unique(cols.buyer * slots + cols.slot, return_inverse=True)
    source, first_sme, first_bs = 0, 1, 1 + n_smes
    sink = first_bs + len(buyer_slot)
    tables = np.asarray([b.tables for b in cands.instance.buyers], dtype=np.int64)
    smes = np.unique(cols.sme)
    buyer_slot_nodes = first_bs + np.arange(len(buyer_slot))
    tail = np.concatenate([np.full(len(smes), source), first_sme + cols.sme, buyer_slot_nodes])
    head = np.concatenate([first_sme + smes, first_bs + bs_of_col, np.full(len(buyer_slot), sink)])
    capacity = np.concatenate([np.ones(len(smes)), np.ones(len(cols)), tables[buyer_slot // slots]])
    graph = csr_matrix((capacity.astype(np.int32), (tail, head)), shape=(sink + 1, sink + 1))
    result = maximum_flow(graph, source, sink, method="dinic")
    flow = result.flow.tocsr()
    # Read back, per column, whether its SME -> (buyer, slot) arc carries flow.
    carried = np.asarray(flow[first_sme + cols.sme, first_bs + bs_of_col]).ravel() > 0
    for j in np.flatnonzero(carried):
        board.place(int(cols.pair[j]), int(cols.slot[j]))
    return int(result.flow_value), board
