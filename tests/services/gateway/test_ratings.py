"""The ratings store on a real SQLite file: one rating per itinerary and rater."""

from __future__ import annotations

import contextlib
import sqlite3

from services.gateway.ratings import Ratings


def rows(path):
    with contextlib.closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT tenant, itinerary, principal, revision, score, comment FROM ratings"
                          " ORDER BY tenant, itinerary, principal").fetchall()


def test_a_retry_changes_nothing_and_a_later_rating_replaces_the_earlier(tmp_path):
    ratings = Ratings(tmp_path / "ratings.sqlite")
    first = ratings.rate("acme", "it1", 1, 4, "good", "principals/ada")
    assert ratings.rate("acme", "it1", 1, 4, "good", "principals/ada") == first
    changed = ratings.rate("acme", "it1", 2, 2, "worse", "principals/ada")
    assert changed >= first
    ratings.rate("acme", "it1", 2, 5, "", "principals/bob")
    ratings.rate("globex", "it1", 1, 1, "", "principals/ada")
    assert rows(tmp_path / "ratings.sqlite") == [
        ("acme", "it1", "principals/ada", 2, 2, "worse"), ("acme", "it1", "principals/bob", 2, 5, ""),
        ("globex", "it1", "principals/ada", 1, 1, "")]


def test_a_store_of_the_previous_version_keeps_each_raters_latest_rating(tmp_path):
    path = tmp_path / "ratings.sqlite"
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.execute("CREATE TABLE ratings (tenant TEXT NOT NULL, itinerary TEXT NOT NULL, revision INTEGER NOT NULL,"
                   " score INTEGER NOT NULL, comment TEXT NOT NULL, principal TEXT NOT NULL, create_time REAL NOT NULL)")
        db.executemany("INSERT INTO ratings VALUES (?, ?, ?, ?, ?, ?, ?)", [
            ("acme", "it1", 1, 5, "first", "principals/ada", 100.0),
            ("acme", "it1", 1, 3, "second", "principals/ada", 200.0),
            ("acme", "it1", 1, 4, "", "principals/bob", 150.0)])
    ratings = Ratings(path)
    assert rows(path) == [("acme", "it1", "principals/ada", 1, 3, "second"), ("acme", "it1", "principals/bob", 1, 4, "")]
    assert ratings.rate("acme", "it1", 1, 3, "second", "principals/ada") == 200.0
    Ratings(path)  # opening a current store again migrates nothing
    assert len(rows(path)) == 2
