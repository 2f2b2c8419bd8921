"""Process-wide housekeeping: settings that must be in place before Prefect or Great Expectations is
imported, and handing freed memory back between batches."""

from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import os
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")

# Offline by design: no telemetry from Prefect's embedded server or from Great Expectations.
QUIET_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
    "GX_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
}
# Arrow's default allocator (mimalloc) keeps what a table freed for its own reuse: validating a
# 10,000-article output left 950 MB resident against 700 MB with the system allocator, which hands
# memory back with malloc_trim below (same speed). Read when pyarrow is first imported.
MEMORY_DEFAULTS = {"ARROW_DEFAULT_MEMORY_POOL": "system"}
# One worker is one core: the parse's matrix products run on numpy's OpenBLAS (see nlp.load_model),
# which would otherwise start a thread per core in every worker process, and N Dask workers would
# fight over the cores with N x cores busy-waiting threads. Read when numpy is first imported.
THREAD_DEFAULTS = {"OPENBLAS_NUM_THREADS": "1"}
# Prefect's temporary server has 20 s to answer by default. Its first start in a new PREFECT_HOME
# creates and migrates its database, which took longer on a slow 2-core machine with other work
# running: runs failed with "Timed out while attempting to connect to ephemeral Prefect API server".
SERVER_DEFAULTS = {"PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120"}


def configure_environment() -> None:
    """Call before Prefect, Great Expectations, pyarrow or numpy is imported; Dask's worker processes
    inherit the environment. Settings the user made win."""
    for name, value in {**QUIET_DEFAULTS, **MEMORY_DEFAULTS, **THREAD_DEFAULTS, **SERVER_DEFAULTS}.items():
        os.environ.setdefault(name, value)


def release_memory(collect: bool = True) -> None:
    """Hand the heap a batch's parse left behind back to the system: glibc keeps freed memory
    mapped, and the next batch's parse, or the whole-output validation, would stack on top of it."""
    if collect:
        gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to hand back explicitly
        ctypes.CDLL("libc.so.6").malloc_trim(0)


_pauses = 0
_pauses_lock = threading.Lock()
_collector_was_enabled = True


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Load what the process keeps for its whole life with Python's cyclic garbage collector off,
    then take it out of the collector's sight (`gc.freeze`).

    Prefect, the spaCy model, the gazetteer and Great Expectations make ~900,000 objects that live
    as long as the process. While they load, every time the tracked objects have grown by a quarter
    Python runs a full collection over all of them, for nothing: 11 collections, 1.9 s of a run's
    start-up (timed with `gc.callbacks`), in the thread a run waits for. Frozen, they are also skipped
    by the full collections that come later. Only cyclic garbage made inside the block stays (the
    loaders make next to none); objects freed by reference counting are freed as usual.

    Nests, and threads may overlap (the warm-up thread loads while the main thread imports Prefect):
    the collector resumes, as it was before the first block, when the last block ends."""
    global _pauses, _collector_was_enabled
    with _pauses_lock:
        if _pauses == 0:
            _collector_was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pauses_lock:
            _pauses -= 1
            if _pauses == 0:
                gc.freeze()
                if _collector_was_enabled:
                    gc.enable()


def load_once(loader: Callable[[], T]) -> Callable[[], T]:
    """`functools.cache` for a process-wide resource (the spaCy model, the gazetteer, the validator)
    that two threads may ask for at once: the run warms them up in the background while Prefect's
    server starts, and a batch asking meanwhile waits for that copy instead of loading a second.
    The first call loads with the garbage collector paused (see `collector_paused`)."""
    lock = threading.Lock()
    loaded: list[T] = []  # empty until the first call succeeds

    @functools.wraps(loader)
    def load() -> T:
        with lock:
            if not loaded:
                with collector_paused():
                    loaded.append(loader())
            return loaded[0]

    load.cache_clear = loaded.clear  # type: ignore[attr-defined]
    return load
