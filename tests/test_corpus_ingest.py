"""The shared corpora ingest as they are: every story is accounted for."""

import pytest

from dateline.batch import Deduplicator, batched, read_batch, stream_inputs
from dateline.ingest.sources import DEFAULT_MAX_BYTES


@pytest.mark.slow
def test_every_reuters_story_is_a_document_a_duplicate_or_a_reject(reuters):
    dedup = Deduplicator(stored=set())
    documents = rejects = 0
    for items in batched(stream_inputs([str(reuters)], DEFAULT_MAX_BYTES), 1000):
        read = read_batch(items)
        documents += len(dedup.new_documents(read.documents))
        rejects += len(read.rejects)
    assert documents + dedup.duplicates + rejects == 19_043
    assert documents > 18_000
    # Reuters-21578 repeats some stories word for word, dateline included.
    assert dedup.duplicates > 0
