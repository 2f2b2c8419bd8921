"""Process housekeeping: the garbage collector paused while a process loads what it keeps for life."""

from __future__ import annotations

import gc
import threading

from dateline.runtime import collector_paused, load_once


def test_what_loads_in_a_pause_is_frozen_and_the_collector_resumes() -> None:
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with collector_paused():
        assert not gc.isenabled()
        kept = [[] for _ in range(5_000)]  # containers the collector tracks
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + len(kept)


def test_the_collector_resumes_only_when_the_last_overlapping_pause_ends() -> None:
    inside, release = threading.Event(), threading.Event()

    def load_in_a_thread() -> None:
        with collector_paused():
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=load_in_a_thread)
    with collector_paused():
        thread.start()
        assert inside.wait(10)
    assert not gc.isenabled()  # the thread is still loading
    release.set()
    thread.join(10)
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_load_once_loads_once_with_the_collector_paused() -> None:
    seen = []

    @load_once
    def resource() -> object:
        seen.append(gc.isenabled())
        return object()

    first = resource()
    assert resource() is first
    assert seen == [False]
    assert gc.isenabled()
