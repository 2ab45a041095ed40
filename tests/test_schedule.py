"""The job schedule: each job runs once what it reads is built, on one cursor or several."""

from __future__ import annotations

import threading

import pytest

from careboard.backends import engine
from careboard.validate.schedule import Job, Schedule, reads, run_jobs


def _jobs(log):
    def make(name, sql):
        def run(cur):
            cur.execute(sql)
            log.append(name)
            return name.upper()
        return run
    return [
        Job("b", make("b", "CREATE TABLE b AS SELECT x + 1 AS y FROM a"), frozenset({"a", "not_a_job"})),
        Job("c", make("c", "CREATE TABLE c AS SELECT y * 2 AS z FROM b"), frozenset({"b"})),
        Job("a", make("a", "CREATE TABLE a AS SELECT 20 AS x")),
        Job("d", make("d", "CREATE TABLE d AS SELECT 1 AS w")),
    ]


@pytest.mark.parametrize("workers", [1, 2])
def test_each_job_runs_after_what_it_reads(workers):
    con, log = engine().connect(), []
    results = run_jobs(con, _jobs(log), workers)
    assert results == {"a": "A", "b": "B", "c": "C", "d": "D"}
    assert log.index("a") < log.index("b") < log.index("c")
    assert con.execute("SELECT z FROM c").fetchall() == [(42,)]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_job_stops_the_run_with_its_error(workers):
    jobs = [Job("bad", lambda cur: cur.execute("SELECT * FROM missing_table")),
            Job("after", lambda cur: threading.current_thread().name, frozenset({"bad"}))]
    with pytest.raises(Exception, match="missing_table"):
        run_jobs(engine().connect(), jobs, workers)


def test_jobs_that_wait_on_each_other_are_refused():
    jobs = [Job("x", lambda cur: 1, frozenset({"y"})), Job("y", lambda cur: 2, frozenset({"x"}))]
    with pytest.raises(ValueError, match="wait on each other"):
        run_jobs(engine().connect(), jobs, 2)


def test_reads_names_the_tables_a_statement_mentions():
    sql = 'SELECT * FROM v_episodes e JOIN header h ON h."CHILD" = e."CHILD" WHERE e.header_dob IS NULL'
    assert reads(sql, ["episodes", "v_episodes", "header", "header_last"]) == {"v_episodes", "header"}


@pytest.mark.parametrize("workers", [1, 2])
def test_jobs_added_while_others_run_wait_for_them(workers):
    from careboard.validate.schedule import Schedule

    con, log = engine().connect(), []
    first, second = _jobs(log)[2], _jobs(log)[0]          # a; then b, which reads a
    schedule = Schedule(con, workers)
    schedule.add(first)
    if workers > 1:
        while "a" not in log:                              # a has run before b is even added
            threading.Event().wait(0.001)
    schedule.add(second)
    assert schedule.finish() == {"a": "A", "b": "B"}
    assert con.execute("SELECT y FROM b").fetchall() == [(21,)]


@pytest.mark.parametrize("workers", [1, 2])
def test_waiting_for_a_job_returns_once_it_has_run(workers):
    done = []
    with Schedule(engine().connect(), workers) as schedule:
        schedule.add(Job("a", lambda c: done.append("a")), Job("b", lambda c: done.append("b"), frozenset({"a"})))
        assert schedule.wait("b") == "b" and done == ["a", "b"]
        assert schedule.wait("not a job") == "not a job"     # counts as done, as in `after`
        schedule.finish()


@pytest.mark.parametrize("workers", [1, 2])
def test_waiting_for_a_job_raises_the_error_of_one_that_failed(workers):
    def broken(c):
        raise ValueError("broken")

    with pytest.raises(ValueError, match="broken"), Schedule(engine().connect(), workers) as schedule:
        schedule.add(Job("a", broken), Job("b", lambda c: None, frozenset({"a"})))
        schedule.wait("b")


# A statement that runs for minutes unless stopped (the sum is never wanted).
ENDLESS = "SELECT sum(a.range * b.range) FROM range(100000) AS a, range(100000) AS b"


def test_leaving_on_an_error_stops_the_statements_running_and_waits_for_the_workers():
    # Ctrl-C (or a bad file) while a worker is inside a long statement: the statement is stopped and the
    # worker has ended when the block is left. A worker left inside the engine as Python exits aborts it.
    started = threading.Event()

    def endless(cur):
        started.set()
        cur.execute(ENDLESS)

    con = engine().connect()
    con.execute("SET threads = 1")
    with pytest.raises(KeyboardInterrupt):
        with Schedule(con, 2) as schedule:
            schedule.add(Job("endless", endless))
            assert started.wait(10)
            raise KeyboardInterrupt
    assert not any(t.is_alive() for t in schedule._threads)


def test_the_engine_says_when_a_statement_was_stopped_by_ctrl_c():
    con = engine().connect()
    con.execute("SET threads = 1")
    timer = threading.Timer(0.2, engine().interrupt, [con])
    timer.start()
    with pytest.raises(Exception) as stopped:
        con.execute(ENDLESS).fetchall()
    timer.join()
    assert engine().interrupted(stopped.value) and engine().interrupted(KeyboardInterrupt())
    assert not engine().interrupted(RuntimeError("something else")) and not engine().interrupted(ValueError())
