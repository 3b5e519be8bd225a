"""Bulk writes: batches built in a background thread and written by a few transactions at once.

The demo loader and the Salesforce importer both write large UNWIND batches. Neo4j runs one
statement on one core, and commits take about as long again, so two transactions at once keep
both cores busy while the next batch is built (or read from the spool) in a third thread.
"""
from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

from neo4j.exceptions import TransientError

log = logging.getLogger(__name__)
WRITERS = 2  # concurrent write transactions, so Neo4j works on both cores


def prefetch(items: Iterable, depth: int = 2) -> Iterator:
    """Iterate `items` in a background thread, so the next batch is built while Neo4j writes this one.

    The items are still produced one after the other in one thread, so the output stays deterministic.
    """
    done = object()
    slots: queue.Queue = queue.Queue(depth)
    stop = threading.Event()

    def put(entry: tuple) -> bool:
        while not stop.is_set():
            try:
                slots.put(entry, timeout=0.5)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put((item, None)):
                    return
            put((done, None))
        except BaseException as exc:  # handed to the consumer, which re-raises it
            put((done, exc))

    worker = threading.Thread(target=produce, name="batch-rows", daemon=True)
    worker.start()
    try:
        while True:
            item, error = slots.get()
            if error is not None:
                raise error
            if item is done:
                return
            yield item
    finally:
        stop.set()
        worker.join(timeout=5)


def write_all(batches: Iterable, write: Callable[[object], None], writers: int = WRITERS) -> None:
    """Call `write(batch)` for every batch, `writers` at a time, batches prefetched in the background.

    The first error stops the run and is raised once the running writes have finished.
    """
    if writers <= 1:
        for batch in prefetch(batches):
            write(batch)
        return
    with ThreadPoolExecutor(writers, thread_name_prefix="batch-writer") as pool:
        running: set = set()
        for batch in prefetch(batches, depth=writers + 1):
            running.add(pool.submit(write, batch))
            if len(running) >= writers:
                finished, running = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    future.result()
        for future in running:
            future.result()


def retrying(write: Callable[[], object], what: str, attempts: int = 5) -> object:
    """Run one batch's write transaction; a deadlock between concurrent writers is tried again.

    The driver retries transient errors too, but gives up after a few seconds; a batch of 10,000
    rows that lost a deadlock deserves another go after the other writer is done.
    """
    for attempt in range(attempts):
        try:
            return write()
        except TransientError as exc:
            if attempt == attempts - 1:
                raise
            log.info("batch %s retried after %s", what, exc.code)
            time.sleep(0.2 * (attempt + 1))
    return None
