"""The gateway's tenant and API key store on a real SQLite file."""

from __future__ import annotations

import multiprocessing
import re
import stat
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest

from services.gateway.tenants import ApiKey, Tenants
from tripsmith.core.errors import AlreadyExists, InvalidArgument, NotFound


@pytest.fixture
def store(tmp_path) -> Tenants:
    tenants = Tenants(tmp_path / "gateway" / "tenants.sqlite")
    tenants.create_tenant("acme")
    return tenants


def test_key_round_trip(store):
    key, plaintext = store.create_key("acme")
    assert re.fullmatch(rf"tsk_{key.key_id}_[A-Za-z0-9_-]{{43}}", plaintext)
    assert re.fullmatch(r"[0-9a-f]{12}", key.key_id)
    assert (key.tenant, key.prefix, key.revoke_time) == ("acme", f"tsk_{key.key_id}", None)
    assert store.authenticate(plaintext) == "acme"
    assert store.list_keys("acme") == [key]


def test_keys_are_distinct_and_each_belongs_to_its_tenant(store):
    store.create_tenant("globex")
    first, first_plain = store.create_key("acme")
    second, second_plain = store.create_key("acme")
    other, other_plain = store.create_key("globex")
    assert len({first.key_id, second.key_id, other.key_id}) == 3
    assert [store.authenticate(k) for k in (first_plain, second_plain, other_plain)] == ["acme", "acme", "globex"]
    assert [k.key_id for k in store.list_keys("acme")] == [first.key_id, second.key_id]


def test_only_a_hash_of_the_secret_is_stored(store, tmp_path):
    _, plaintext = store.create_key("acme")
    secret = plaintext.split("_", 2)[2]
    # The WAL and the main file both, since a fresh write may not be checkpointed yet.
    files = [path for path in (tmp_path / "gateway").iterdir() if path.is_file()]
    assert files
    for path in files:
        data = path.read_bytes()
        assert secret.encode() not in data and plaintext.encode() not in data, path
    assert store.authenticate(plaintext) == "acme"


def test_a_revoked_key_stops_working_at_once(store):
    key, plaintext = store.create_key("acme")
    _, kept = store.create_key("acme")
    revoked = store.revoke_key(key.key_id)
    assert revoked.revoked and revoked.key_id == key.key_id
    assert store.authenticate(plaintext) is None
    assert store.authenticate(kept) == "acme"
    # Revoking again changes nothing, not even the time.
    assert store.revoke_key(key.key_id) == revoked
    assert store.list_keys("acme")[0] == revoked


def test_revoke_is_seen_by_another_store_on_the_same_file(store):
    key, plaintext = store.create_key("acme")
    replica = Tenants(store.path)
    assert replica.authenticate(plaintext) == "acme"
    store.revoke_key(key.key_id)
    assert replica.authenticate(plaintext) is None


def test_revoking_an_unknown_or_malformed_key_id_fails(store):
    with pytest.raises(NotFound):
        store.revoke_key("0123456789ab")
    with pytest.raises(InvalidArgument) as error:
        store.revoke_key("tsk_nothex")
    assert error.value.violations[0].field == "key_id"


def test_wrong_and_malformed_keys_are_rejected_without_raising(store):
    key, plaintext = store.create_key("acme")
    secret = plaintext.split("_", 2)[2]
    other_secret = ("A" if secret[0] != "A" else "B") + secret[1:]
    for presented in [
        f"tsk_{key.key_id}_{other_secret}",
        f"tsk_ba9876543210_{secret}",
        plaintext + "x",
        plaintext[:-1],
        plaintext.upper(),
        " " + plaintext,
        f"tsk_{key.key_id}_{secret[:-1]}é",
        f"tsk_{key.key_id}",
        "tsk__",
        "Bearer " + plaintext,
        "",
        "\x00" * 60,
        "x" * 100_000,
        None,
        123,
        plaintext.encode(),
    ]:
        assert store.authenticate(presented) is None, presented


def test_unknown_and_malformed_tenants(store):
    with pytest.raises(NotFound):
        store.create_key("nobody")
    with pytest.raises(NotFound):
        store.list_keys("nobody")
    with pytest.raises(AlreadyExists):
        store.create_tenant("acme")
    for name in ["", "Acme", "-acme", "acme-", "a_b", "a" * 64, "acme\n"]:
        with pytest.raises(InvalidArgument) as error:
            store.create_tenant(name)
        assert error.value.violations[0].field == "name"
    with pytest.raises(InvalidArgument):
        store.create_key("Acme")


def test_schema_and_data_survive_reopening(tmp_path):
    path = tmp_path / "tenants.sqlite"
    Tenants(path).create_tenant("acme")
    key, plaintext = Tenants(path).create_key("acme")
    reopened = Tenants(path)
    assert reopened.authenticate(plaintext) == "acme"
    assert [k.key_id for k in reopened.list_keys("acme")] == [key.key_id]


def test_demo_key_is_created_once_with_mode_0600(store, tmp_path):
    path = tmp_path / "secrets" / "demo-key"
    plaintext = store.ensure_demo_key(path)
    assert store.authenticate(plaintext) == "demo"
    assert path.read_text().strip() == plaintext
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert store.ensure_demo_key(path) == plaintext
    assert Tenants(store.path).ensure_demo_key(path) == plaintext
    assert len(store.list_keys("demo")) == 1
    assert [p.name for p in path.parent.iterdir()] == ["demo-key"]


def test_demo_key_is_replaced_when_it_no_longer_authenticates(store, tmp_path):
    path = tmp_path / "demo-key"
    first = store.ensure_demo_key(path)
    store.revoke_key(first.split("_")[1])
    second = store.ensure_demo_key(path)
    assert second != first and store.authenticate(second) == "demo"
    assert path.read_text().strip() == second
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.write_text("garbage\n")
    third = store.ensure_demo_key(path)
    assert store.authenticate(third) == "demo" and third not in (first, second)


def test_demo_key_uses_an_existing_demo_tenant(store, tmp_path):
    store.create_tenant("demo")
    assert store.authenticate(store.ensure_demo_key(tmp_path / "demo-key")) == "demo"


def _ensure_demo_key(database: str, key_file: str) -> str:
    return Tenants(Path(database)).ensure_demo_key(Path(key_file))


def test_concurrent_demo_key_calls_agree_on_one_key(tmp_path):
    database, key_file = tmp_path / "tenants.sqlite", tmp_path / "demo-key"
    Tenants(database)
    arguments = [str(database)] * 8, [str(key_file)] * 8
    with ProcessPoolExecutor(4, mp_context=multiprocessing.get_context("spawn")) as processes:
        from_processes = set(processes.map(_ensure_demo_key, *arguments))
    with ThreadPoolExecutor(8) as threads:
        from_threads = set(threads.map(_ensure_demo_key, *arguments))
    assert len(from_processes) == 1 and from_threads == from_processes
    store = Tenants(database)
    assert len(store.list_keys("demo")) == 1
    assert store.authenticate(from_processes.pop()) == "demo"


def test_api_key_never_carries_the_secret(store):
    key, plaintext = store.create_key("acme")
    assert isinstance(key, ApiKey)
    assert plaintext.split("_", 2)[2] not in repr(key)
