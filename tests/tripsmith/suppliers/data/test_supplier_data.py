"""The supplier data file: every table sourced, versioned, and rebuilt the same way."""

from __future__ import annotations

import sqlite3

from tests.suppliers import catalog
from tripsmith.suppliers.data.build import DEFAULT_WHEELS, SCHEMA_VERSION, build, is_current
from tripsmith.suppliers.data.schema import default_data_path


def test_every_table_names_a_source_with_its_vintage():
    with sqlite3.connect(f"file:{default_data_path()}?mode=ro", uri=True) as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        sourced = dict(db.execute("SELECT data_table, source FROM table_sources"))
        sources = {name: vintage for name, vintage, *_ in db.execute("SELECT * FROM sources")}
    assert tables - {"meta", "sources", "table_sources"} == set(sourced)
    assert all(sources.get(source) for source in sourced.values())


def test_the_installed_file_is_current_and_of_this_schema():
    assert is_current(default_data_path(), DEFAULT_WHEELS)
    assert catalog().meta["schema_version"] == str(SCHEMA_VERSION)


def test_places_resolve_as_travelers_write_them():
    from tripsmith.common.v1.place_pb2 import Place

    resolve = catalog().resolve
    assert resolve(Place(iata_code="nyc"), "p").airports == ("JFK", "EWR", "LGA")
    assert resolve(Place(city_name="lisboa"), "p").airports == ("LIS",)
    assert resolve(Place(city_name="SAO PAULO"), "p").code == "SAO"
    assert resolve(Place(city_name="Portland", country_code="US"), "p").country == "US"
    assert resolve(Place(city_name="Paris"), "p").code == "PAR"


def table_digests(path) -> dict[str, str]:
    import hashlib

    digests = {}
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
            digest = hashlib.sha256()
            for row in db.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
                digest.update(repr(row).encode())
            digests[table] = digest.hexdigest()
    return digests


def test_a_rebuild_gives_the_same_rows(tmp_path):
    rebuilt = tmp_path / "supplier-data.sqlite"
    build(rebuilt, DEFAULT_WHEELS)
    assert table_digests(rebuilt) == table_digests(default_data_path())
