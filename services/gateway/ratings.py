"""Ratings of itineraries (a score and a comment), kept for improving the planner."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path


class Ratings:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._connection.execute("PRAGMA journal_mode=WAL")
        self._connection.execute(
            "CREATE TABLE IF NOT EXISTS ratings (tenant TEXT NOT NULL, itinerary TEXT NOT NULL, revision INTEGER NOT NULL,"
            " score INTEGER NOT NULL, comment TEXT NOT NULL, principal TEXT NOT NULL, create_time REAL NOT NULL)")
        self._lock = threading.Lock()

    def add(self, tenant: str, itinerary: str, revision: int, score: int, comment: str, principal: str) -> float:
        """Records one rating; every rating is kept, so a changed mind is history, not a loss."""
        now = time.time()
        with self._lock:
            self._connection.execute("INSERT INTO ratings VALUES (?, ?, ?, ?, ?, ?, ?)",
                                     (tenant, itinerary, revision, score, comment, principal, now))
        return now

    def of(self, tenant: str, itinerary: str) -> list[tuple[int, str]]:
        with self._lock:
            return self._connection.execute(
                "SELECT score, comment FROM ratings WHERE tenant = ? AND itinerary = ? ORDER BY create_time",
                (tenant, itinerary)).fetchall()

    def close(self) -> None:
        self._connection.close()
