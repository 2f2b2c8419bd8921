"""Process-wide housekeeping: settings that must be in place before Prefect or Great Expectations is
imported, and handing freed memory back between batches."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os

# Offline by design: no telemetry from Prefect's embedded server or from Great Expectations.
QUIET_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_CLOUD_ENABLE_ORCHESTRATION_TELEMETRY": "false",
    "GX_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
}


def configure_environment() -> None:
    for name, value in QUIET_DEFAULTS.items():
        os.environ.setdefault(name, value)


def release_memory(collect: bool = True) -> None:
    """Hand the heap a batch's parse left behind back to the system: glibc keeps freed memory
    mapped, and the next batch's parse, or the whole-output validation, would stack on top of it."""
    if collect:
        gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to hand back explicitly
        ctypes.CDLL("libc.so.6").malloc_trim(0)
