"""Joining a batch to what is already stored: story clusters and quotation keys, in input order.

Workers build each batch's tables with provisional keys (every article its own cluster, every
quotation its own key); the flow, which sees batches in input order, replaces them here just before
publishing, against an index of everything stored and everything published earlier in the run.
"""

from __future__ import annotations

import posixpath

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from dateline.store import EMPTY_PART, OutputStore
from dateline.stories.clusters import StoryClusters
from dateline.stories.quote_keys import ENTRY_SCHEMA, QuoteKeys

AGGREGATE_TABLES = ("speakers", "speaker_roles")  # rebuilt from the batches by stories.speakers
# Columns the flow fills in here, after the workers' gate passed a batch: checked again as filled in
# (quality.dataset.validate_linked) before the batch is published.
LINKED_COLUMNS = {"documents": "cluster_id", "quotes": "quote_key"}
QUOTE_INDEX = "quote_keys-1"  # under store.INDEX_DIR; a new folding of quotations takes a new number


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
        linker._load_quotes(store)
        return linker

    def _load_quotes(self, store: OutputStore) -> None:
        """The stored quotation index, batch by batch in publishing order: the index files as
        they are, and for batches stored without one, their quotations folded again (and the index
        file written, so that this happens once)."""
        indexed = store.derived_parts(QUOTE_INDEX)
        run: list[str] = []  # index files read together
        for part in store.parts("quotes"):
            name = posixpath.basename(part)
            if name == EMPTY_PART:
                continue
            if name in indexed:
                run.append(indexed[name])
                continue
            self._load_index_files(store, run)
            run = []
            stored = store.dataset("quotes", [part]).to_table(columns=["quote", "quote_key"])
            pairs = zip(stored["quote"].to_pylist(), stored["quote_key"].to_pylist(), strict=True)
            self.quotes.index_stored((q, key) for q, key in pairs if key is not None)  # None: before keys
            store.write_derived(QUOTE_INDEX, name, self.quotes.take_entries())
        self._load_index_files(store, run)

    def _load_index_files(self, store: OutputStore, paths: list[str]) -> None:
        if paths:
            files = ds.dataset(paths, schema=ENTRY_SCHEMA, format="parquet", filesystem=store.fs)
            self.quotes.load_entries(files.to_table())

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
            "documents": _replace(documents, LINKED_COLUMNS["documents"], cluster_ids),
            "quotes": _replace(quotes, LINKED_COLUMNS["quotes"], keys),
        }

    def index_entries(self) -> dict[str, pa.Table]:
        """What the batches linked since the last call added to the stored indexes, by folder under
        store.INDEX_DIR: to be published with the batch (`OutputStore.write_batch(derived=...)`)."""
        return {QUOTE_INDEX: self.quotes.take_entries()}


def _replace(table: pa.Table, column: str, values: list[str]) -> pa.Table:
    index = table.schema.get_field_index(column)
    return table.set_column(index, table.schema.field(index), pa.array(values, type=pa.string()))
