"""One writer per output: a second run on the same output fails fast instead of interleaving writes.

Two runs on one output would each decide which documents are new from what was published when they
started, then both publish them: duplicate ids. A scheduled deployment whose previous run is still
going is the usual way to get there. The lock is an advisory `flock` on `<output>/.dateline.lock`,
which the kernel drops when its process ends however it ends (SIGKILL included), so a crashed run
never leaves a stale lock behind. The file itself only says who holds the lock, for the message.

Object stores (s3://, gs://...) have no such lock; runs writing there must be kept apart by their
scheduler (a Prefect deployment's concurrency limit of 1).
"""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow.fs as pafs

from dateline.store import OutputStore

LOCK_FILE = ".dateline.lock"


class OutputLocked(RuntimeError):
    """Another run is writing to this output."""


@contextmanager
def output_lock(store: OutputStore, purpose: str = "run") -> Iterator[Path | None]:
    """Hold the output's lock for the duration; yields the lock file, or None for outputs that
    cannot be locked (object stores)."""
    if not isinstance(store.fs, pafs.LocalFileSystem):
        yield None
        return
    import fcntl

    folder = Path(store.root)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_FILE
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputLocked(_held_message(store.location, descriptor)) from None
        holder = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
            "purpose": purpose,
        }
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, json.dumps(holder).encode(), 0)
        yield path
    finally:
        os.close(descriptor)  # releases the lock


def _held_message(output: str, descriptor: int) -> str:
    try:
        holder = json.loads(os.pread(descriptor, 4096, 0) or b"{}")
    except (OSError, ValueError):
        holder = {}
    who = (
        f"process {holder['pid']} on {holder.get('host', '?')}, {holder.get('purpose', 'run')} "
        f"started {holder.get('since', '?')}"
        if "pid" in holder
        else "another process"
    )
    return (
        f"{output} is being written by another Dateline run ({who}); two runs on one output would "
        "publish the same documents twice. Wait for it to finish, or write to another --output."
    )
