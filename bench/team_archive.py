"""Benchmarks of the team archive on a real PostgreSQL, each beside its floor (bare psycopg doing the
nearest plain work in the same run). Not part of ``make bench`` or CI: it starts its own throw-away
cluster and builds a 24,000-meeting archive with COPY, which takes minutes.

    python -m bench.team_archive                  the full run (24,000 meetings, 20 clients)
    python -m bench.team_archive --meetings 2400  a smaller archive

Rows: publish and pull the four-hour meeting; search the archive (p50, p99); 20 clerks publishing
and searching at once on loopback (bounded in count and time), with every publication checked.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from clerkdesk.archive import schema
from clerkdesk.archive.client import Archive
from clerkdesk.archive.connect import connect
from clerkdesk.archive.record import digest_of, split
from clerkdesk.archive.sync import pull_meeting
from clerkdesk.meeting_file import meeting_to_dict
from clerkdesk.store import Store

from .core import percentile
from .data import COMMITTEES, TOPICS, big_meeting, meeting

RESULTS = Path(__file__).resolve().parent / "results"
LOAD_DEADLINE_S = 300  # the load test stops by itself after this, whatever is left


def _ms(seconds: list[float]) -> dict[str, float]:
    return {"median_ms": statistics.median(seconds) * 1000, "p99_ms": percentile(seconds, 99) * 1000}


def publish_and_pull(url: str, runs: int, folder: Path) -> dict[str, dict[str, float]]:
    """Publish the four-hour meeting (new uid each run, then a second version) and pull it into a fresh store."""
    big = big_meeting()
    ours, again, pulls, floor_in, floor_out = [], [], [], [], []
    with Archive(url) as archive, connect(url) as bare:
        bare.execute("CREATE TABLE IF NOT EXISTS bench_floor (uid text PRIMARY KEY, record jsonb)")
        for n in range(runs):
            m = replace(big, uid=uuid.uuid4().hex)
            t = time.perf_counter()
            archive.publish(m, None)
            ours.append(time.perf_counter() - t)
            m.items[0].title = f"{m.items[0].title} (corrected {n})"
            t = time.perf_counter()
            archive.publish(m, 1)
            again.append(time.perf_counter() - t)
            with Store(folder / f"pull-{n}.db") as store:
                t = time.perf_counter()
                pull_meeting(store, m.uid, archive)
                pulls.append(time.perf_counter() - t)
            text = json.dumps(meeting_to_dict(m), ensure_ascii=False)
            t = time.perf_counter()
            bare.execute("INSERT INTO bench_floor VALUES (%s, %s::jsonb)", (m.uid, text))
            floor_in.append(time.perf_counter() - t)
            t = time.perf_counter()
            json.loads(bare.execute("SELECT record::text FROM bench_floor WHERE uid = %s", (m.uid,)).fetchone()[0])
            floor_out.append(time.perf_counter() - t)
    return {"publish": _ms(ours), "publish_again": _ms(again), "pull": _ms(pulls),
            "floor_insert": _ms(floor_in), "floor_select": _ms(floor_out)}


def build(url: str, meetings: int, entries_each: int = 100, distinct: int = 2400, seed: int = 24) -> dict[str, float]:
    """An archive of ``meetings`` meetings (ten items, ``entries_each`` entries each) written with COPY.

    ``distinct`` meetings are generated and each is written again under new uids and dates (12 years
    at two meetings a day): the generator's vocabulary is small, so more distinct text would not change
    how many passages a word matches. The search indexes are dropped for the load and built after it,
    as a bulk load into a new archive would do.
    """
    rng = random.Random(seed)
    start, step = date(2014, 5, 1), timedelta(days=12 * 365 / max(1, meetings))
    t0 = time.perf_counter()
    from psycopg.types.json import Jsonb

    originals = []
    for n in range(min(distinct, meetings)):
        m = meeting(rng, COMMITTEES[n % len(COMMITTEES)], start, items=10, n_entries=entries_each, n_people=12,
                    exempt_every=7)
        m.uid = "0" * 32
        originals.append((m, split(m)))
    generated = time.perf_counter() - t0
    indexes = ("passages_words", "private_passages_words", "passages_by_date", "private_passages_by_date")
    with connect(url) as conn:
        defs = [conn.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", (i,)).fetchone()[0]
                for i in indexes]
        for i in indexes:
            conn.execute(f"DROP INDEX clerkdesk.{i}")
        cur = conn.cursor()
        batch = 1000
        for first in range(0, meetings, batch):
            rows = []
            for n in range(first, min(meetings, first + batch)):
                m, parts = originals[n % len(originals)]
                uid = f"{n:08x}" + uuid.UUID(int=rng.getrandbits(128)).hex[8:]
                day = (start + step * n).isoformat()
                public = {**parts.public, "meeting": {**parts.public["meeting"], "date": day, "uid": uid}}
                rows.append((uid, day, m, parts, public))
            with conn.transaction():
                with cur.copy("COPY clerkdesk.meetings (uid, committee, title, date, status, version, digest, record) "
                              "FROM STDIN") as copy:
                    for uid, day, m, _parts, public in rows:
                        copy.write_row((uid, m.committee.name, m.title, day, "approved", 1, digest_of(public),
                                        Jsonb(public)))
                with cur.copy("COPY clerkdesk.private_items (uid, position, item) FROM STDIN") as copy:
                    for uid, _day, _m, parts, _public in rows:
                        for position, item in parts.private_items.items():
                            copy.write_row((uid, position, Jsonb(item)))
                for table, attr in (("passages", "public_passages"), ("private_passages", "private_passages")):
                    with cur.copy(f"COPY clerkdesk.{table} (uid, position, entry, date, item_number, item_title, "
                                  "exempt, body) FROM STDIN") as copy:
                        for uid, day, _m, parts, _public in rows:
                            for p in getattr(parts, attr):
                                copy.write_row((uid, p.position, p.entry, day, p.item_number, p.item_title,
                                                p.exempt, p.body))
            print(f"  {min(meetings, first + batch)} / {meetings} meetings", file=sys.stderr, end="\r")
        print(file=sys.stderr)
        loaded = time.perf_counter() - t0
        conn.execute("SET maintenance_work_mem = '512MB'")
        for statement in defs:
            conn.execute(statement)
        for table in ("passages", "private_passages", "meetings", "private_items"):
            conn.execute(f"VACUUM ANALYZE clerkdesk.{table}")
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        # A server in use has its search tables in memory: load them as it would have them (pg_prewarm, contrib).
        try:
            conn.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            for relation in ("passages", "private_passages", "passages_words", "private_passages_words",
                             "passages_by_date", "private_passages_by_date", "meetings_pkey"):
                conn.execute("SELECT pg_prewarm(%s)", (f"clerkdesk.{relation}",))
        except Exception as e:  # noqa: BLE001 - without contrib the figures are a cold server's; say so
            print(f"  (pg_prewarm unavailable: {e}; searching a cold server)", file=sys.stderr)
        passages = conn.execute("SELECT (SELECT count(*) FROM clerkdesk.passages) + "
                                "(SELECT count(*) FROM clerkdesk.private_passages)").fetchone()[0]
    return {"meetings": meetings, "entries": meetings * entries_each, "passages": passages,
            "generate_s": generated, "load_s": loaded - generated, "build_s": time.perf_counter() - t0,
            "database_mb": size / 1e6}


def _queries(n: int, seed: int = 7) -> list[str]:
    """What clerks type: a topic, a word, a word and another, a phrase, either of two, one but not another."""
    rng = random.Random(seed)
    words = sorted({w for t in TOPICS for w in t.replace("the ", "").split()})

    def two() -> list[str]:
        return rng.sample(words, 2)  # never "quality -quality": two different words

    shapes = [lambda: rng.choice(TOPICS), lambda: rng.choice(words),
              lambda: f"{rng.choice(words)} {rng.choice(['budget', 'complaints', 'consulted', 'retendered'])}",
              lambda: f'"{rng.choice(TOPICS)}"', lambda: " OR ".join(two()), lambda: " -".join(two())]
    return [rng.choice(shapes)() for _ in range(n)]


def search(url: str, queries: int) -> dict[str, float]:
    """Searches as a clerk (Part 2 included: the slower path), and the bare GIN match beside them."""
    qs = _queries(queries)
    ours, floor = [], []
    with Archive(url) as archive, connect(url) as bare:
        for q in qs[:5]:  # warm the caches as a server in use would be
            archive.search(q)
        for q in qs:
            t = time.perf_counter()
            archive.search(q)
            ours.append(time.perf_counter() - t)
            t = time.perf_counter()
            bare.execute("SELECT uid, position FROM clerkdesk.passages WHERE words @@ websearch_to_tsquery('english', %s) "
                         "LIMIT 50", (q,)).fetchall()
            floor.append(time.perf_counter() - t)
    return {"queries": len(qs), "p50_ms": percentile(ours, 50) * 1000, "p99_ms": percentile(ours, 99) * 1000,
            "floor_p50_ms": percentile(floor, 50) * 1000, "floor_p99_ms": percentile(floor, 99) * 1000}


def load(url: str, clients: int, rounds: int) -> dict[str, float]:
    """``clients`` clerks at once, each publishing ``rounds`` meetings twice (a correction) and searching between.

    Bounded: each client does ``rounds`` rounds and stops at LOAD_DEADLINE_S. Afterwards every publication
    that succeeded is looked for in the archive at the version it was given.
    """
    errors: list[str] = []
    published: dict[str, int] = {}
    lock = threading.Lock()
    deadline = time.monotonic() + LOAD_DEADLINE_S
    qs = _queries(rounds * clients, seed=11)
    start = threading.Barrier(clients)
    durations: list[float] = []

    def clerk(n: int) -> None:
        rng = random.Random(n)
        try:
            with Archive(url) as archive:
                start.wait(timeout=60)
                for r in range(rounds):
                    if time.monotonic() > deadline:
                        break
                    m = meeting(rng, COMMITTEES[n % len(COMMITTEES)], date(2026, 1, 1) + timedelta(days=r), items=10,
                                n_entries=100, n_people=12, exempt_every=7)
                    m.uid = uuid.uuid4().hex
                    t = time.perf_counter()
                    first = archive.publish(m, None)
                    archive.search(qs[n * rounds + r])
                    m.items[1].entries[0].text += " (corrected)"
                    second = archive.publish(m, first.version)
                    with lock:
                        durations.append(time.perf_counter() - t)
                        published[m.uid] = second.version
        except Exception as e:  # counted and reported: the load test's figure is the number of these
            with lock:
                errors.append(f"client {n}: {e}")

    threads = [threading.Thread(target=clerk, args=(n,)) for n in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=LOAD_DEADLINE_S + 60)
    wall = time.perf_counter() - t0
    with connect(url) as conn:
        found = dict(conn.execute("SELECT uid, version FROM clerkdesk.meetings WHERE uid = ANY(%s)",
                                  (list(published),)).fetchall())
    lost = sum(1 for uid, v in published.items() if found.get(uid) != v)
    return {"clients": clients, "publications": 2 * len(published), "searches": len(published), "errors": len(errors),
            "lost": lost, "wall_s": wall, "round_p50_ms": percentile(durations, 50) * 1000 if durations else 0.0,
            "round_p99_ms": percentile(durations, 99) * 1000 if durations else 0.0, "first_errors": errors[:3]}


def run(admin_url: str, meetings: int = 24000, clients: int = 20, queries: int = 200, runs: int = 5,
        rounds: int = 10) -> dict[str, object]:
    """Every team-archive figure against the empty database at ``admin_url`` (its owner sets it up)."""
    with connect(admin_url) as conn:
        schema.setup(conn)
    folder = Path(tempfile.mkdtemp(prefix="clerkdesk-bench-archive-"))
    print("publish and pull the four-hour meeting…", file=sys.stderr)
    big = publish_and_pull(admin_url, runs, folder)
    print(f"building an archive of {meetings} meetings with COPY…", file=sys.stderr)
    built = build(admin_url, meetings)
    print("searching it…", file=sys.stderr)
    found = search(admin_url, queries)
    print(f"{clients} clerks at once…", file=sys.stderr)
    loaded = load(admin_url, clients, rounds)
    raw = {"big_meeting": big, "archive": built, "search": found, "load": loaded}
    p, q = big["publish"], big["pull"]
    rows = [
        ("publish the four-hour meeting (new)", f"median {p['median_ms']:.0f} ms",
         f"{big['floor_insert']['median_ms']:.0f} ms (bare INSERT of the JSON)", "< 1 s", p["p99_ms"] < 1000),
        ("publish it again (version 2, history kept)", f"median {big['publish_again']['median_ms']:.0f} ms", "—",
         "< 1 s", big["publish_again"]["p99_ms"] < 1000),
        ("pull it into a local store", f"median {q['median_ms']:.0f} ms",
         f"{big['floor_select']['median_ms']:.0f} ms (bare SELECT + json.loads)", "< 1 s", q["p99_ms"] < 1000),
        (f"search {built['meetings']:,} meetings / {built['entries']:,} entries ({found['queries']} queries)",
         f"p50 {found['p50_ms']:.1f} ms, p99 {found['p99_ms']:.1f} ms",
         f"p50 {found['floor_p50_ms']:.1f} ms, p99 {found['floor_p99_ms']:.1f} ms (bare GIN match, LIMIT 50)",
         "p50 < 50 ms, p99 < 200 ms", found["p50_ms"] < 50 and found["p99_ms"] < 200),
        (f"{clients} clerks publishing and searching at once",
         f"{loaded['publications']} publications, {loaded['errors']} errors, {loaded['lost']} lost; "
         f"round p99 {loaded['round_p99_ms']:.0f} ms", "—", "no errors, none lost",
         loaded["errors"] == 0 and loaded["lost"] == 0),
    ]
    return {"rows": [dict(zip(("figure", "ours", "floor", "target", "met"), r, strict=True)) for r in rows],
            "raw": raw, "archive_build_s": built["build_s"], "database_mb": built["database_mb"]}


def table(result: dict[str, object]) -> str:
    """The rows as a Markdown table."""
    lines = ["| figure | ours | floor | target | met |", "|---|---|---|---|---|"]
    for r in result["rows"]:
        lines.append(f"| {r['figure']} | {r['ours']} | {r['floor']} | {r['target']} | {'yes' if r['met'] else 'NO'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.team_archive", description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=24000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args(argv)
    from tests.pg_cluster import Cluster, server_bin

    bin_dir = server_bin()
    if bin_dir is None:
        print("PostgreSQL's server is not installed (apt-get install postgresql).", file=sys.stderr)
        return 2
    # A server sized as council IT would size one on this machine (a quarter of its 24 GB for PostgreSQL's
    # cache); the tests' clusters keep the default.
    cluster = Cluster(bin_dir, shared_buffers="2GB")
    try:
        cluster.sql("CREATE DATABASE bench")
        result = run(cluster.url("bench"), args.meetings, args.clients, args.queries)
    finally:
        cluster.close()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "team-archive.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
