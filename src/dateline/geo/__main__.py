"""`python -m dateline.geo`: build the gazetteer cache ahead of the first run (make install does)."""

import time

from dateline.geo.gazetteer import cache_path, load_gazetteer

began = time.perf_counter()
gazetteer = load_gazetteer()
print(
    f"gazetteer: {len(gazetteer.places):,} places under {len(gazetteer.index):,} names "
    f"in {cache_path()} ({time.perf_counter() - began:.1f} s)"
)
