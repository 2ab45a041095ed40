"""Running the statements of a validation on a few cursors, each as soon as the tables it reads are built.

A validation is a few dozen statements: typing each table, the enriched tables, one batch of row rules
per table and a few unions of set rules. At one-council size each takes milliseconds and DuckDB runs
each on one core, so the run is as quick as the two cores are kept busy. Waiting for every table to be
typed before any enriched table starts, and for every enriched table before any rule, left one core
idle at each step; here a job waits only for the tables its SQL names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache


@dataclass
class Job:
    name: str                          # the table it builds, or a label for a batch of rules
    run: Callable                      # called with a cursor; its return value is the job's result
    after: frozenset[str] = frozenset()  # jobs that must finish first (names of tables it reads)
    cost: float = 0.0                  # a rough guess, in ms, for choosing which ready job starts first


def reads(sql: str, tables: Iterable[str]) -> frozenset[str]:
    """Which of `tables` a statement names."""
    return names_in(sql) & frozenset(tables)


@cache
def names_in(sql: str) -> frozenset[str]:
    """The lower-case names in a piece of SQL; kept, since each rule's SQL is looked at several times."""
    return frozenset(re.findall(r"\b[a-z][a-z0-9_]*\b", sql))


def run_jobs(con, jobs: list[Job], workers: int = 1) -> dict[str, object]:
    """Run every job once its `after` jobs are done (names that are no job here count as done); return
    each job's result by name. With workers > 1 each job runs on its own cursor of `con`, so the tables
    must be plain ones in a private database (temporary tables are private to the cursor that made them).
    The first job to raise stops the run and the exception is raised here."""
    names = {j.name for j in jobs}
    if len(names) != len(jobs):
        raise ValueError("job names must be unique")
    waiting = {j.name: set(j.after) & names - {j.name} for j in jobs}
    by_name = {j.name: j for j in jobs}
    rank = _ranks(waiting, by_name)
    results: dict[str, object] = {}
    if workers <= 1:
        while waiting:
            ready = _ready(waiting, rank, by_name)
            if not ready:
                raise ValueError(f"jobs wait on each other: {sorted(waiting)}")
            job = ready[0]
            del waiting[job.name]
            results[job.name] = job.run(con)
            for deps in waiting.values():
                deps.discard(job.name)
        return results
    return _run_on_cursors(con, waiting, by_name, rank, results, workers)


def _ranks(waiting: dict[str, set[str]], by_name: dict[str, Job]) -> dict[str, float]:
    """Each job's cost plus the costliest chain of jobs waiting on it: starting the highest first keeps
    the long chains (typing episodes, enriching them, their rules) from being left to the end."""
    after_me: dict[str, list[str]] = {n: [] for n in waiting}
    for name, deps in waiting.items():
        for d in deps:
            after_me[d].append(name)
    rank: dict[str, float] = {}

    def of(name: str, seen: frozenset = frozenset()) -> float:
        if name not in rank:
            if name in seen:
                raise ValueError(f"jobs wait on each other: {sorted(seen)}")
            rank[name] = by_name[name].cost + max((of(n, seen | {name}) for n in after_me[name]), default=0.0)
        return rank[name]

    for name in waiting:
        of(name)
    return rank


def _ready(waiting: dict[str, set[str]], rank: dict[str, float], by_name: dict[str, Job]) -> list[Job]:
    return sorted((by_name[n] for n, deps in waiting.items() if not deps), key=lambda j: -rank[j.name])


def _run_on_cursors(con, waiting, by_name, rank, results, workers: int):
    # A few long-lived threads fed through queues: concurrent.futures (and the logging it imports) cost
    # 5 ms to import, and a thread per job spread DuckDB's allocations over more of its allocator's
    # arenas, so less freed memory was reused and more fresh pages were touched.
    import threading
    from queue import SimpleQueue

    todo: SimpleQueue = SimpleQueue()
    finished: SimpleQueue = SimpleQueue()

    def worker() -> None:
        cur = con.cursor()
        try:
            while (job := todo.get()) is not None:
                try:
                    finished.put((job.name, job.run(cur), None))
                except BaseException as e:  # noqa: BLE001 — handed to the main thread, which raises it
                    finished.put((job.name, None, e))
        finally:
            cur.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(workers)]
    for t in threads:
        t.start()
    running, error = 0, None
    try:
        while running or (waiting and error is None):
            if error is None:
                for job in _ready(waiting, rank, by_name)[:workers - running]:
                    del waiting[job.name]
                    todo.put(job)
                    running += 1
                if not running:
                    raise ValueError(f"jobs wait on each other: {sorted(waiting)}")
            name, result, failed = finished.get()
            running -= 1
            if failed is not None:
                error = error or failed    # let the running jobs finish, start no more, raise the first error
                continue
            results[name] = result
            for deps in waiting.values():
                deps.discard(name)
    finally:
        for _ in threads:
            todo.put(None)
        for t in threads:
            t.join()
    if error is not None:
        raise error
    return results
