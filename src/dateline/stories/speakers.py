"""The `speakers` and `speaker_roles` tables: each person and organisation across all articles.

Both are aggregates of entities, mentions, quotes and documents. Rebuilding them from the whole
output each run would cost a scan of years of news, so each is merged with the batches published
since it was last written: sums, unions, minima and maxima, which give the same table whatever the
order and grouping of the batches (A then B is A+B). Each file names the batches it covers in its
Parquet metadata, written with it in one rename, so a run killed halfway leaves them to the next.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from dateline.schemas import arrow_schema
from dateline.store import AGGREGATE_PART, OutputStore

if TYPE_CHECKING:
    import duckdb

COVERED_KEY = b"dateline.batches"  # Parquet metadata: the batches (documents file names) folded in
SOURCE_TABLES = ("documents", "entities", "mentions", "quotes")
FOLD_BATCHES = 10  # batches aggregated at once: memory follows them, not the run

# One row per entity in the new batches, with what the aggregates need (names of hard-wrapped wire
# text lose their line breaks). A display name is the entity's name as written in mixed case first
# (before "NATO"-style capitals or lower case), then alphabetically: a rule any grouping of batches
# agrees on.
_ENTITIES = r"""
create or replace temp view seen as
select entity_key, doc_id, entity_id, name, role, published, split_part(entity_key, ':', 1) as kind,
       (case when name = upper(name) or name = lower(name) then '1' else '0' end) || name as ranked_name
from (
  select e.entity_key, e.doc_id, e.entity_id, regexp_replace(e.name, '\s+', ' ', 'g') as name,
         regexp_replace(e.role, '\s+', ' ', 'g') as role, d.published
  from entities e join documents d using (doc_id)
  where e.entity_key like 'person:%' or e.entity_key like 'org:%'
)
"""

SPEAKERS = r"""
with quoted as (
  select speaker_entity_id as entity_id, count(*) as n from quotes
  where speaker_entity_id is not null group by 1
), aliases as (
  select entity_id, list(distinct regexp_replace(text, '\s+', ' ', 'g')) as texts from mentions
  where entity_id is not null group by 1
), new as (
  select s.entity_key, substr(min(s.ranked_name), 2) as name, any_value(s.kind) as kind,
         list_distinct(flatten(list(coalesce(a.texts, []) || [s.name]))) as aliases,
         count(distinct s.doc_id)::bigint as n_documents, coalesce(sum(q.n), 0)::bigint as n_quotes,
         min(s.published) as first_seen, max(s.published) as last_seen
  from seen s left join quoted q using (entity_id) left join aliases a using (entity_id)
  group by s.entity_key
), merged as (
  select entity_key, name, kind, aliases, n_documents, n_quotes, first_seen, last_seen from new
  union all
  select entity_key, name, kind, aliases, n_documents, n_quotes, first_seen, last_seen from previous
)
select entity_key,
       substr(min((case when name = upper(name) or name = lower(name) then '1' else '0' end) || name), 2)
         as name,
       any_value(kind) as kind,
       list_sort(list_distinct(flatten(list(aliases)))) as aliases,
       sum(n_documents)::bigint as n_documents, sum(n_quotes)::bigint as n_quotes,
       min(first_seen) as first_seen, max(last_seen) as last_seen
from merged group by entity_key order by entity_key
"""

SPEAKER_ROLES = """
with new as (
  select entity_key, role, min(published) as first_seen, max(published) as last_seen,
         count(distinct doc_id)::bigint as n_documents
  from seen where role is not null group by 1, 2
), merged as (
  select * from new
  union all
  select entity_key, role, first_seen, last_seen, n_documents from previous
)
select entity_key, role, min(first_seen) as first_seen, max(last_seen) as last_seen,
       sum(n_documents)::bigint as n_documents
from merged group by 1, 2 order by 1, 2
"""

QUERIES = {"speakers": SPEAKERS, "speaker_roles": SPEAKER_ROLES}


def refresh_speakers(store: OutputStore) -> dict[str, int]:
    """Fold every committed batch not yet in the speakers tables into them, FOLD_BATCHES at a time
    (the 50 batches of a 10,000-article run folded at once peaked over 200 MB above the step's
    start, ten at a time 138 MB); the rows of each table that was rewritten."""
    import duckdb

    committed = store.committed()
    counts = {}
    for table, query in QUERIES.items():
        previous, covered = _read(store, table)
        pending = sorted(committed - covered)
        if not pending and previous is not None:
            continue
        data = previous if previous is not None else arrow_schema(table).empty_table()
        for start in range(0, max(len(pending), 1), FOLD_BATCHES):
            connection = duckdb.connect(config={"threads": 1})  # one core's worth of buffers
            _register_batches(connection, store, pending[start : start + FOLD_BATCHES])
            connection.execute(_ENTITIES)
            connection.register("previous", data)
            data = connection.sql(query).to_arrow_table().cast(arrow_schema(table))
            connection.close()
        covered_now = sorted(covered | set(pending))
        store.replace_table(table, data, {COVERED_KEY: json.dumps(covered_now).encode("utf-8")})
        counts[table] = data.num_rows
    return counts


def _read(store: OutputStore, table: str) -> tuple[pa.Table | None, set[str]]:
    """The table as last written and the batches it covers; (None, {}) when it was never written."""
    path = store.path(table, AGGREGATE_PART)
    try:
        data = pq.read_table(path, filesystem=store.fs)
    except (FileNotFoundError, OSError, pa.ArrowInvalid):
        return None, set()
    covered = json.loads((data.schema.metadata or {}).get(COVERED_KEY, b"[]"))
    return data.replace_schema_metadata(None), set(covered)


def _register_batches(connection: duckdb.DuckDBPyConnection, store: OutputStore, batches: list[str]) -> None:
    """The source tables of just these batches (file names in the commit table's folder), as views."""
    for table in SOURCE_TABLES:
        present = {p.rsplit("/", 1)[-1]: p for p in store.parts(table)}
        files = [present[name] for name in batches if name in present]
        connection.register(table, store.dataset(table, files))
