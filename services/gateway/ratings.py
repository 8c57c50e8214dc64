"""Ratings of itineraries (a score and a comment), kept for improving the planner.

One rating per itinerary and rater: a later rating replaces the earlier one, and a retried
call (the same score and comment for the same revision) changes nothing, so it answers with
the time the rating was first recorded.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

#: The schema this module writes (`PRAGMA user_version`). Version 0 kept every rating as a
#: row of its own; opening such a file keeps each rater's latest rating.
SCHEMA_VERSION = 1

_CREATE = ("CREATE TABLE IF NOT EXISTS ratings (tenant TEXT NOT NULL, itinerary TEXT NOT NULL,"
           " principal TEXT NOT NULL, revision INTEGER NOT NULL, score INTEGER NOT NULL, comment TEXT NOT NULL,"
           " create_time REAL NOT NULL, PRIMARY KEY (tenant, itinerary, principal))")


class Ratings:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._connection.execute("PRAGMA journal_mode=WAL")
        self._lock = threading.Lock()
        with self._lock:
            self._migrate()

    def _migrate(self) -> None:
        db = self._connection
        if db.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
            return
        db.execute("BEGIN IMMEDIATE")
        try:
            old = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ratings'").fetchone()
            if old:
                db.execute("ALTER TABLE ratings RENAME TO ratings_v0")
            db.execute(_CREATE)
            if old:
                # The latest row of each rater wins, as a later rating would have replaced it.
                db.execute("INSERT OR REPLACE INTO ratings SELECT tenant, itinerary, principal, revision, score,"
                           " comment, create_time FROM ratings_v0 ORDER BY create_time")
                db.execute("DROP TABLE ratings_v0")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def rate(self, tenant: str, itinerary: str, revision: int, score: int, comment: str, principal: str) -> float:
        """Records the rater's rating of the itinerary, replacing an earlier one; answers the
        time the rating was recorded (for a retry, the time of the call it repeats)."""
        now = time.time()
        with self._lock:
            self._connection.execute(
                "INSERT INTO ratings VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, itinerary, principal) DO UPDATE"
                " SET revision = excluded.revision, score = excluded.score, comment = excluded.comment,"
                " create_time = excluded.create_time"
                " WHERE (revision, score, comment) IS NOT (excluded.revision, excluded.score, excluded.comment)",
                (tenant, itinerary, principal, revision, score, comment, now))
            return self._connection.execute(
                "SELECT create_time FROM ratings WHERE tenant = ? AND itinerary = ? AND principal = ?",
                (tenant, itinerary, principal)).fetchone()[0]
