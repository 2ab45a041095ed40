"""Running the statements of a validation on a few cursors, each as soon as the tables it reads are built.

A validation is a few dozen statements: typing each table, the enriched tables, one batch of row rules
per table and a few unions of set rules. At one-council size each takes milliseconds and DuckDB runs
each on one core, so the run is as quick as the two cores are kept busy. Waiting for every table to be
typed before any enriched table starts, and for every enriched table before any rule, left one core
idle at each step; here a job waits only for the tables its SQL names, and ready jobs start in the
order they were added. Side by side on whole `careboard validate` commands with a core to spare, running
them on one cursor instead took 18-34% longer (though 9-17% less CPU time).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from ..backends import engine


@dataclass
class Job:
    name: str                          # the table it builds, or a label for a batch of rules
    run: Callable                      # called with a cursor; its return value is the job's result
    after: frozenset[str] = frozenset()  # jobs that must finish first (names of tables it reads)


def reads(sql: str, tables: Iterable[str]) -> frozenset[str]:
    """Which of `tables` a statement names."""
    return names_in(sql) & frozenset(tables)


@cache
def names_in(sql: str) -> frozenset[str]:
    """The lower-case names in a piece of SQL; kept, since each rule's SQL is looked at several times."""
    return frozenset(re.findall(r"\b[a-z][a-z0-9_]*\b", sql))


def run_jobs(con, jobs: list[Job], workers: int = 1) -> dict[str, object]:
    """Run every job once its `after` jobs are done (names that are no job here count as done); return
    each job's result by name. See Schedule."""
    with Schedule(con, workers) as schedule:
        schedule.add(*jobs)
        return schedule.finish()


class Schedule:
    """Jobs run as soon as what they wait for is done, on `workers` cursors of `con`, from the first `add`.

    Jobs may be added while earlier ones run (the files of last year's return can be read while this
    year's tables are typed), but a job must be added after the jobs it waits for: a name in `after`
    that is no job yet counts as done (a table built before). `finish` waits for the lot and returns
    each job's result by name; the first job to raise stops the run and its exception is raised there.
    With workers > 1 the tables must be plain ones in a private database: temporary tables are private
    to the cursor that made them. With one worker the jobs run in `finish`, on `con`.
    """

    def __init__(self, con, workers: int = 1):
        self._con = con
        self._lock = threading.Condition()
        self._jobs: dict[str, Job] = {}
        self._waiting: dict[str, set[str]] = {}      # not started: name -> the jobs it still waits for
        self._results: dict[str, object] = {}
        self._running = 0
        self._closed = False
        self._error: BaseException | None = None
        self._cursors: list = []      # the workers' own, to interrupt
        self._threads = [threading.Thread(target=self._work, daemon=True) for _ in range(workers if workers > 1 else 0)]
        for t in self._threads:
            t.start()

    def __enter__(self) -> Schedule:
        return self

    def __exit__(self, kind, error, trace) -> None:
        """Leaving on an exception (a bad file found while jobs run, Ctrl-C): stop the statements running,
        and wait for the workers. A worker left inside the engine as Python exits takes the process down."""
        if kind is not None:
            with self._lock:
                self._closed = True
                self._error = self._error or error
                self._lock.notify_all()
            # Again until they have ended: a worker may start its statement just after an interrupt.
            while any(t.is_alive() for t in self._threads):
                with self._lock:    # a worker closes its cursor only once it is off the list
                    for cur in self._cursors:
                        engine().interrupt(cur)
                for t in self._threads:
                    t.join(0.05)

    def add(self, *jobs: Job) -> None:
        """Add jobs; each waits for the jobs named in its `after` that are added so far or in this call."""
        with self._lock:
            for job in jobs:
                if job.name in self._jobs:
                    raise ValueError(f"job names must be unique: {job.name}")
                self._jobs[job.name] = job
            for job in jobs:
                self._waiting[job.name] = {d for d in job.after if d in self._jobs and d != job.name} - set(self._results)
            self._lock.notify_all()

    def jobs(self) -> list[Job]:
        """Every job added so far."""
        with self._lock:
            return list(self._jobs.values())

    def wait(self, name: str) -> str:
        """Wait until job `name` has run (a name that is no job counts as done, as in `after`); return the
        name (the table it built). Raises the error of a job that failed. With one worker, the jobs run
        here, in order, until it has."""
        if not self._threads:
            self._run_here(until=name)
            return name
        with self._lock:
            while name in self._jobs and name not in self._results and self._error is None:
                self._lock.wait()
            if self._error is not None:
                raise self._error
        return name

    def finish(self) -> dict[str, object]:
        with self._lock:
            self._closed = True
            self._lock.notify_all()
        if not self._threads and self._error is None:
            self._run_here()
        for t in self._threads:
            t.join()
        if self._error is not None:
            raise self._error
        return self._results

    def _next(self) -> Job | None:
        """The ready job to start next (under the lock): the first added."""
        name = next((n for n, deps in self._waiting.items() if not deps), None)
        if name is None:
            return None
        del self._waiting[name]
        return self._jobs[name]

    def _done(self, name: str, result: object) -> None:
        self._results[name] = result
        for deps in self._waiting.values():
            deps.discard(name)

    def _run_here(self, until: str | None = None) -> None:
        """Run the jobs on the caller's thread, in order: every one, or until job `until` has run."""
        while self._waiting and (until is None or (until in self._jobs and until not in self._results)):
            job = self._next()
            if job is None:
                raise ValueError(f"jobs wait on each other: {sorted(self._waiting)}")
            self._done(job.name, job.run(self._con))

    def _work(self) -> None:
        cur = self._con.cursor()
        with self._lock:
            self._cursors.append(cur)
        try:
            while (job := self._take()) is not None:
                result = error = None
                try:
                    result = job.run(cur)
                except BaseException as e:  # noqa: BLE001 — raised by finish(), in the caller's thread
                    error = e
                with self._lock:
                    if error is None:
                        self._done(job.name, result)
                    else:
                        self._error = self._error or error
                    self._running -= 1
                    self._lock.notify_all()
        finally:
            with self._lock:
                self._cursors.remove(cur)
            cur.close()

    def _take(self) -> Job | None:
        """Wait for a job to run; None when there is nothing more to do (or a job has failed)."""
        with self._lock:
            while True:
                if self._error is not None:
                    return None
                job = self._next()
                if job is not None:
                    self._running += 1
                    return job
                if self._closed and not self._running:
                    if self._waiting:
                        self._error = ValueError(f"jobs wait on each other: {sorted(self._waiting)}")
                        self._lock.notify_all()
                    return None
                self._lock.wait()

