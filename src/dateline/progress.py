"""Progress events from the flow to whoever shows them (the CLI's progress bar), without coupling the
flow to a terminal. Prefect's own logs carry the same information to its UI."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class BatchDone:
    batch: int
    inputs: int
    documents: int
    rejects: int
    published: bool
    done: float | None = None  # share of the sources read so far (batch.SourceProgress), if known


Listener = Callable[[BatchDone], None]
_listeners: list[Listener] = []


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


def publish(event: BatchDone) -> None:
    for listener in list(_listeners):
        listener(event)
