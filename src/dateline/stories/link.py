"""Joining a batch to what is already stored: story clusters and quotation keys, in input order.

Workers build each batch's tables with provisional keys (every article its own cluster, every
quotation its own key); the flow, which sees batches in input order, replaces them here just before
publishing, against an index of everything stored and everything published earlier in the run.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dateline.store import OutputStore
from dateline.stories.clusters import StoryClusters
from dateline.stories.quote_keys import QuoteKeys

AGGREGATE_TABLES = ("speakers", "speaker_roles")  # rebuilt from the batches by stories.speakers


class StoryLinker:
    def __init__(self) -> None:
        self.clusters = StoryClusters()
        self.quotes = QuoteKeys()

    @classmethod
    def load(cls, store: OutputStore) -> StoryLinker:
        """An index of the published output: signatures with their articles' clusters, and each
        distinct quotation with its key. Texts are not read."""
        linker = cls()
        if not store.parts("documents"):
            return linker
        signatures = store.read("signatures", ["doc_id", "minhash"]).combine_chunks()
        if signatures.num_rows:
            matrix = signatures["minhash"].combine_chunks().flatten().to_numpy()
            matrix = matrix.reshape(signatures.num_rows, -1)
            rows = pa.table({"doc_id": signatures["doc_id"], "row": pa.array(range(signatures.num_rows))})
            documents = store.read("documents", ["doc_id", "cluster_id", "published"])
            stored = rows.join(documents, "doc_id").sort_by("row")
            cluster_ids = pc.coalesce(stored["cluster_id"], stored["doc_id"]).to_pylist()
            signatures_in_order = matrix[stored["row"].to_numpy()]
            published = stored["published"].to_pylist()
            linker.clusters.load(zip(cluster_ids, signatures_in_order, published, strict=True))
        if store.parts("quotes"):
            stored = store.read("quotes", ["quote", "quote_key"])
            pairs = zip(stored["quote"].to_pylist(), stored["quote_key"].to_pylist(), strict=True)
            linker.quotes.load((quote, key) for quote, key in pairs if key is not None)  # None: before keys
        return linker

    def link(self, tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
        """The batch's tables with documents.cluster_id and quotes.quote_key assigned."""
        documents, signatures, quotes = tables["documents"], tables["signatures"], tables["quotes"]
        by_doc = dict(zip(signatures["doc_id"].to_pylist(), signatures["minhash"].to_pylist(), strict=True))
        cluster_ids = []
        for doc_id, published in zip(
            documents["doc_id"].to_pylist(), documents["published"].to_pylist(), strict=True
        ):
            minhash = by_doc.get(doc_id)
            if minhash is None:
                cluster_ids.append(doc_id)
            else:
                cluster_ids.append(self.clusters.assign(doc_id, np.asarray(minhash, np.uint32), published))
        keys = [self.quotes.key_for(quote) for quote in quotes["quote"].to_pylist()]
        return {
            **tables,
            "documents": _replace(documents, "cluster_id", cluster_ids),
            "quotes": _replace(quotes, "quote_key", keys),
        }


def _replace(table: pa.Table, column: str, values: list[str]) -> pa.Table:
    index = table.schema.get_field_index(column)
    return table.set_column(index, table.schema.field(index), pa.array(values, type=pa.string()))
