"""The profile service on a real gRPC server and real channels, over SQLite and PostgreSQL.

Every test that takes the `profile` fixture runs twice: on SQLite in the test's tmp_path and
on the PostgreSQL server on localhost, in a schema of its own that the fixture creates and
drops. PostgreSQL not answering is a failure, not a skip: CI starts it, and a skipped half
would hide every PostgreSQL-only bug.
"""

from __future__ import annotations

import asyncio
import datetime
import logging
import math
import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import psycopg
import pytest
from google.protobuf import field_mask_pb2
from google.rpc import error_details_pb2, status_pb2
from google.type import date_pb2, money_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg import sql

from services.profile.config import ProfileConfig
from services.profile.server import SERVICE_NAME, ProfileServer, create_server
from services.profile.store import StoreUnavailable
from tests.conftest import INTERNAL_TOKEN, detail
from tripsmith.common.v1 import place_pb2
from tripsmith.profile.v1 import profile_service_pb2 as pb
from tripsmith.profile.v1 import profile_service_pb2_grpc as pb_grpc
from tripsmith.runtime.auth import internal_metadata
from tripsmith.runtime.config import ConfigError, load
from tripsmith.core.paging import encode_page_token
from tripsmith.runtime.grpc_client import trailing_status

#: The PostgreSQL server CI starts (trust authentication); override for another one.
POSTGRES_URL = os.environ.get("TRIPSMITH_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")

ACME, GLOBEX = "acme", "globex"


# --- Fixtures ----------------------------------------------------------------------------


def _with_search_path(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request) -> str:
    """"" for SQLite, else a URL whose search_path is a fresh schema, dropped afterwards."""
    if request.param == "sqlite":
        yield ""
        return
    schema = f"profile_test_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=5) as connection:
            connection.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    except psycopg.OperationalError as error:
        pytest.fail(
            f"PostgreSQL is not reachable at {POSTGRES_URL} (set TRIPSMITH_TEST_POSTGRES_URL to use another "
            f"server): {' '.join(str(error).split())}"
        )
    yield _with_search_path(POSTGRES_URL, schema)
    with psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=5) as connection:
        connection.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


@pytest.fixture
def config(database_url, tmp_path, monkeypatch) -> ProfileConfig:
    monkeypatch.setenv("TRIPSMITH_PROFILE_PORT", "0")
    monkeypatch.setenv("TRIPSMITH_BIND_HOST", "127.0.0.1")
    monkeypatch.setenv("TRIPSMITH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TRIPSMITH_INTERNAL_TOKEN", INTERNAL_TOKEN)
    monkeypatch.setenv("TRIPSMITH_PROFILE_DATABASE_URL", database_url)
    return load(ProfileConfig)


@dataclass
class Profile:
    """A running profile server and a channel to it; `restart()` replaces both."""

    config: ProfileConfig
    server: ProfileServer
    channel: grpc.aio.Channel
    stub: pb_grpc.ProfileServiceStub

    @classmethod
    async def start(cls, config: ProfileConfig) -> Profile:
        server, port = create_server(config)
        await server.start()
        channel = grpc.aio.insecure_channel(f"127.0.0.1:{port}")
        return cls(config, server, channel, pb_grpc.ProfileServiceStub(channel))

    async def stop(self) -> None:
        await self.channel.close()
        await self.server.stop(0)

    async def restart(self) -> None:
        await self.stop()
        started = await Profile.start(self.config)
        self.server, self.channel, self.stub = started.server, started.channel, started.stub

    async def call(self, method: str, request, tenant: str = ACME):
        return await getattr(self.stub, method)(request, metadata=internal_metadata(tenant, INTERNAL_TOKEN))

    async def fails(self, method: str, request, tenant: str = ACME) -> tuple[grpc.StatusCode, status_pb2.Status]:
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await self.call(method, request, tenant)
        return error.value.code(), status_of(error.value)


@pytest.fixture
async def profile(config) -> AsyncIterator[Profile]:
    running = await Profile.start(config)
    yield running
    await running.stop()


def status_of(error: grpc.aio.AioRpcError) -> status_pb2.Status:
    status = trailing_status(error)
    if status is None:
        return status_pb2.Status(code=error.code().value[0], message=error.details() or "")
    return status


def reason(status: status_pb2.Status) -> str:
    return detail(status, error_details_pb2.ErrorInfo).reason


def fields(status: status_pb2.Status) -> set[str]:
    return {violation.field for violation in detail(status, error_details_pb2.BadRequest).field_violations}


# --- Request builders --------------------------------------------------------------------

_keys = iter(range(10**9))


def key() -> str:
    return f"key-{next(_keys)}"


def ada(**overrides) -> pb.Traveler:
    traveler = pb.Traveler(
        display_name="Ada Lovelace",
        email="ada@example.com",
        home_airport="LHR",
        preferences=pb.TravelPreferences(
            cabin=pb.CABIN_PREFERENCE_BUSINESS,
            seat=pb.SEAT_PREFERENCE_AISLE,
            preferred_airlines=["BA"],
            interests=["museums"],
            min_hotel_stars=4,
            currency_code="GBP",
        ),
        loyalty_programs=[pb.LoyaltyMembership(program_code="BA", member_number="12345678", tier="Gold")],
    )
    for name, value in overrides.items():
        if isinstance(value, list):
            traveler.ClearField(name)
            getattr(traveler, name).extend(value)
        else:
            setattr(traveler, name, value)
    return traveler


async def create(profile: Profile, traveler_id: str = "", tenant: str = ACME, **overrides) -> pb.Traveler:
    request = pb.CreateTravelerRequest(traveler=ada(**overrides), traveler_id=traveler_id, idempotency_key=key())
    return (await profile.call("CreateTraveler", request, tenant)).traveler


def date(text: str) -> date_pb2.Date:
    year, month, day = map(int, text.split("-"))
    return date_pb2.Date(year=year, month=month, day=day)


def trip(
    start: str,
    end: str,
    airlines=("BA",),
    stars: int = 4,
    nightly: tuple[str, int, int] | None = ("EUR", 150, 0),
    interests=(),
) -> pb.Trip:
    message = pb.Trip(
        origin=place_pb2.Place(iata_code="LHR", city_name="London", country_code="GB", time_zone="Europe/London"),
        destination=place_pb2.Place(iata_code="CDG", city_name="Paris", country_code="FR"),
        start_date=date(start),
        end_date=date(end),
        airlines=list(airlines),
        hotel_stars=stars,
        interests=list(interests),
        party_size=1,
    )
    if nightly is not None:
        currency, units, nanos = nightly
        message.nightly_spend.CopyFrom(money_pb2.Money(currency_code=currency, units=units, nanos=nanos))
    return message


async def add_trip(profile: Profile, traveler: pb.Traveler, trip_message: pb.Trip, tenant: str = ACME) -> pb.Trip:
    request = pb.CreateTripRequest(parent=traveler.name, trip=trip_message, idempotency_key=key())
    return (await profile.call("CreateTrip", request, tenant)).trip


async def derived_preferences(profile: Profile, traveler: pb.Traveler) -> pb.DerivedPreferences:
    request = pb.GetDerivedPreferencesRequest(name=traveler.name)
    return (await profile.call("GetDerivedPreferences", request)).preferences


def mask(*paths: str) -> field_mask_pb2.FieldMask:
    return field_mask_pb2.FieldMask(paths=list(paths))


# --- CRUD --------------------------------------------------------------------------------


async def test_health_says_serving(profile):
    stub = health_pb2_grpc.HealthStub(profile.channel)
    response = await stub.Check(health_pb2.HealthCheckRequest(service=SERVICE_NAME))
    assert response.status == health_pb2.HealthCheckResponse.SERVING


async def test_calls_without_credentials_are_refused(profile):
    with pytest.raises(grpc.aio.AioRpcError) as error:
        await profile.stub.ListTravelers(pb.ListTravelersRequest())
    assert error.value.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_create_get_list_and_delete(profile):
    chosen = await create(profile, "ada-lovelace")
    assert chosen.name == "travelers/ada-lovelace"
    assert chosen.display_name == "Ada Lovelace" and chosen.loyalty_programs[0].member_number == "12345678"
    assert chosen.create_time == chosen.update_time and chosen.create_time.seconds > 0
    assert chosen.etag

    generated = await create(profile, display_name="Grace Hopper")
    generated_id = generated.name.removeprefix("travelers/")
    assert generated_id[0].isalpha() and len(generated_id) <= 63

    got = await profile.call("GetTraveler", pb.GetTravelerRequest(name=chosen.name))
    assert got.traveler == chosen

    listed = await profile.call("ListTravelers", pb.ListTravelersRequest())
    assert list(listed.travelers) == [chosen, generated] and listed.next_page_token == ""

    await profile.call("DeleteTraveler", pb.DeleteTravelerRequest(name=chosen.name, idempotency_key=key()))
    code, status = await profile.fails("GetTraveler", pb.GetTravelerRequest(name=chosen.name))
    assert code == grpc.StatusCode.NOT_FOUND and reason(status) == "NOT_FOUND"
    code, _ = await profile.fails("DeleteTraveler", pb.DeleteTravelerRequest(name=chosen.name, idempotency_key=key()))
    assert code == grpc.StatusCode.NOT_FOUND
    assert list((await profile.call("ListTravelers", pb.ListTravelersRequest())).travelers) == [generated]


async def test_creating_an_existing_id_is_already_exists(profile):
    await create(profile, "ada")
    code, _ = await profile.fails(
        "CreateTraveler", pb.CreateTravelerRequest(traveler=ada(), traveler_id="ada", idempotency_key=key())
    )
    assert code == grpc.StatusCode.ALREADY_EXISTS


async def test_output_only_fields_of_a_new_traveler_are_ignored(profile):
    sent = ada(name="travelers/someone-else", etag="forged")
    sent.create_time.FromSeconds(1)
    created = (
        await profile.call(
            "CreateTraveler", pb.CreateTravelerRequest(traveler=sent, traveler_id="ada", idempotency_key=key())
        )
    ).traveler
    assert created.name == "travelers/ada" and created.etag != "forged" and created.create_time.seconds > 1


async def test_deleting_a_traveler_deletes_their_trips(profile):
    traveler = await create(profile, "ada")
    await add_trip(profile, traveler, trip("2024-01-10", "2024-01-14"))
    await profile.call("DeleteTraveler", pb.DeleteTravelerRequest(name=traveler.name, idempotency_key=key()))
    code, _ = await profile.fails("ListTrips", pb.ListTripsRequest(parent=traveler.name))
    assert code == grpc.StatusCode.NOT_FOUND
    again = await create(profile, "ada")
    assert list((await profile.call("ListTrips", pb.ListTripsRequest(parent=again.name))).trips) == []


async def test_trips_are_listed_most_recent_first(profile):
    traveler = await create(profile, "ada")
    created = [
        await add_trip(profile, traveler, trip(start, end))
        for start, end in [("2023-05-01", "2023-05-03"), ("2024-02-01", "2024-02-05"), ("2023-11-20", "2023-11-21")]
    ]
    assert all(t.name.startswith("travelers/ada/trips/") for t in created)
    listed = (await profile.call("ListTrips", pb.ListTripsRequest(parent=traveler.name))).trips
    assert [t.start_date.year * 10000 + t.start_date.month * 100 + t.start_date.day for t in listed] == [
        20240201, 20231120, 20230501,
    ]
    assert listed[0] == created[1]


# --- Update ------------------------------------------------------------------------------


async def test_update_changes_only_the_masked_fields(profile):
    original = await create(profile, "ada")
    change = pb.Traveler(
        name=original.name,
        display_name="Countess of Lovelace",
        email="ignored@example.com",
        preferences=pb.TravelPreferences(seat=pb.SEAT_PREFERENCE_WINDOW, min_hotel_stars=1),
    )
    updated = (
        await profile.call(
            "UpdateTraveler",
            pb.UpdateTravelerRequest(traveler=change, update_mask=mask("display_name", "preferences.seat"),
                                     idempotency_key=key()),
        )
    ).traveler
    assert updated.display_name == "Countess of Lovelace"
    assert updated.email == original.email, "not in the mask"
    assert updated.preferences.seat == pb.SEAT_PREFERENCE_WINDOW
    assert updated.preferences.min_hotel_stars == 4, "a sibling of a masked sub-field stays"
    assert updated.preferences.cabin == original.preferences.cabin
    assert updated.create_time == original.create_time
    assert updated.update_time.ToNanoseconds() > original.update_time.ToNanoseconds()
    assert updated.etag != original.etag
    got = (await profile.call("GetTraveler", pb.GetTravelerRequest(name=original.name))).traveler
    assert got == updated


async def test_masked_sub_fields_of_unset_preferences_are_cleared(profile):
    original = await create(profile, "ada")
    change = pb.Traveler(name=original.name, display_name="Ada King")
    updated = (
        await profile.call(
            "UpdateTraveler",
            pb.UpdateTravelerRequest(traveler=change, update_mask=mask("display_name", "preferences.cabin"),
                                     idempotency_key=key()),
        )
    ).traveler
    assert updated.display_name == "Ada King"
    assert updated.preferences.cabin == pb.CABIN_PREFERENCE_UNSPECIFIED
    assert updated.preferences.seat == original.preferences.seat


async def test_update_with_a_star_replaces_every_updatable_field(profile):
    original = await create(profile, "ada")
    change = pb.Traveler(name=original.name, display_name="Ada", home_airport="JFK")
    updated = (
        await profile.call(
            "UpdateTraveler", pb.UpdateTravelerRequest(traveler=change, update_mask=mask("*"), idempotency_key=key())
        )
    ).traveler
    assert (updated.display_name, updated.home_airport, updated.email) == ("Ada", "JFK", "")
    assert not updated.HasField("preferences") and len(updated.loyalty_programs) == 0
    assert updated.name == original.name and updated.create_time == original.create_time


async def test_update_without_a_mask_changes_the_populated_fields(profile):
    original = await create(profile, "ada")
    change = pb.Traveler(name=original.name, home_airport="SFO")
    updated = (
        await profile.call("UpdateTraveler", pb.UpdateTravelerRequest(traveler=change, idempotency_key=key()))
    ).traveler
    assert updated.home_airport == "SFO"
    assert (updated.display_name, updated.preferences) == (original.display_name, original.preferences)


@pytest.mark.parametrize(
    "paths, field",
    [
        (["nickname"], "update_mask.paths[0]"),
        (["display_name", "etag"], "update_mask.paths[1]"),
        (["create_time"], "update_mask.paths[0]"),
        (["preferences.nope"], "update_mask.paths[0]"),
        (["*", "email"], "update_mask"),
    ],
)
async def test_update_refuses_unknown_or_output_only_paths(profile, paths, field):
    original = await create(profile, "ada")
    code, status = await profile.fails(
        "UpdateTraveler",
        pb.UpdateTravelerRequest(traveler=pb.Traveler(name=original.name), update_mask=mask(*paths),
                                 idempotency_key=key()),
    )
    assert code == grpc.StatusCode.INVALID_ARGUMENT and field in fields(status)


async def test_update_with_a_stale_etag_is_aborted(profile):
    original = await create(profile, "ada")
    request = pb.UpdateTravelerRequest(
        traveler=pb.Traveler(name=original.name, home_airport="JFK", etag=original.etag),
        update_mask=mask("home_airport"),
        idempotency_key=key(),
    )
    first = (await profile.call("UpdateTraveler", request)).traveler
    stale = pb.UpdateTravelerRequest()
    stale.CopyFrom(request)
    stale.traveler.home_airport = "SFO"
    stale.idempotency_key = key()
    code, status = await profile.fails("UpdateTraveler", stale)
    assert code == grpc.StatusCode.ABORTED and reason(status) == "INVALID_STATE"
    assert (await profile.call("GetTraveler", pb.GetTravelerRequest(name=original.name))).traveler == first
    stale.traveler.etag = first.etag
    assert (await profile.call("UpdateTraveler", stale)).traveler.home_airport == "SFO"


async def test_updating_a_missing_traveler_is_not_found(profile):
    code, _ = await profile.fails(
        "UpdateTraveler",
        pb.UpdateTravelerRequest(traveler=pb.Traveler(name="travelers/nobody", home_airport="JFK"),
                                 update_mask=mask("home_airport"), idempotency_key=key()),
    )
    assert code == grpc.StatusCode.NOT_FOUND


# --- Pagination --------------------------------------------------------------------------


async def test_travelers_are_paged_in_creation_order(profile):
    created = [await create(profile, f"traveler-{index}") for index in range(7)]
    pages, token = [], ""
    while True:
        response = await profile.call("ListTravelers", pb.ListTravelersRequest(page_size=3, page_token=token))
        pages.append([t.name for t in response.travelers])
        token = response.next_page_token
        if not token:
            break
    assert [len(page) for page in pages] == [3, 3, 1]
    assert [name for page in pages for name in page] == [t.name for t in created]


async def test_trips_are_paged(profile):
    traveler = await create(profile, "ada")
    for day in range(1, 6):
        await add_trip(profile, traveler, trip(f"2024-03-{day:02d}", f"2024-03-{day + 1:02d}"))
    first = await profile.call("ListTrips", pb.ListTripsRequest(parent=traveler.name, page_size=2))
    second = await profile.call(
        "ListTrips", pb.ListTripsRequest(parent=traveler.name, page_size=2, page_token=first.next_page_token)
    )
    third = await profile.call(
        "ListTrips", pb.ListTripsRequest(parent=traveler.name, page_size=2, page_token=second.next_page_token)
    )
    days = [t.start_date.day for response in (first, second, third) for t in response.trips]
    assert days == [5, 4, 3, 2, 1] and third.next_page_token == ""


@pytest.mark.parametrize("size", [-1, 101, 100000])
async def test_a_bad_page_size_is_invalid(profile, size):
    code, status = await profile.fails("ListTravelers", pb.ListTravelersRequest(page_size=size))
    assert code == grpc.StatusCode.INVALID_ARGUMENT and fields(status) == {"page_size"}


async def test_foreign_or_forged_page_tokens_are_invalid(profile):
    ada_traveler = await create(profile, "ada")
    grace = await create(profile, "grace")
    for day in range(1, 4):
        await add_trip(profile, ada_traveler, trip(f"2024-03-{day:02d}", f"2024-03-{day + 1:02d}"))
    trips_page = await profile.call("ListTrips", pb.ListTripsRequest(parent=ada_traveler.name, page_size=1))
    assert trips_page.next_page_token
    forged = encode_page_token(10**15, pb.ListTravelersRequest(page_size=1))
    for method, request in [
        ("ListTravelers", pb.ListTravelersRequest(page_size=1, page_token=trips_page.next_page_token)),
        ("ListTrips", pb.ListTripsRequest(parent=grace.name, page_size=1, page_token=trips_page.next_page_token)),
        ("ListTravelers", pb.ListTravelersRequest(page_size=1, page_token="not a token")),
        ("ListTravelers", pb.ListTravelersRequest(page_size=1, page_token=forged)),
    ]:
        code, status = await profile.fails(method, request)
        assert code == grpc.StatusCode.INVALID_ARGUMENT and fields(status) == {"page_token"}, request


# --- Tenants -----------------------------------------------------------------------------

ISOLATION_CALLS = {
    "get": lambda name: ("GetTraveler", pb.GetTravelerRequest(name=name)),
    "update": lambda name: (
        "UpdateTraveler",
        pb.UpdateTravelerRequest(traveler=pb.Traveler(name=name, display_name="Mallory"),
                                 update_mask=mask("display_name"), idempotency_key="isolation"),
    ),
    "delete": lambda name: ("DeleteTraveler", pb.DeleteTravelerRequest(name=name, idempotency_key="isolation")),
    "create trip": lambda name: (
        "CreateTrip",
        pb.CreateTripRequest(parent=name, trip=trip("2024-01-01", "2024-01-02"), idempotency_key="isolation"),
    ),
    "list trips": lambda name: ("ListTrips", pb.ListTripsRequest(parent=name)),
    "derived preferences": lambda name: ("GetDerivedPreferences", pb.GetDerivedPreferencesRequest(name=name)),
}


@pytest.mark.parametrize("operation", ISOLATION_CALLS)
async def test_another_tenants_traveler_is_not_found(profile, operation):
    owned = await create(profile, "ada", tenant=ACME)
    await add_trip(profile, owned, trip("2023-01-01", "2023-01-05"), tenant=ACME)
    method, request = ISOLATION_CALLS[operation](owned.name)
    code, status = await profile.fails(method, request, tenant=GLOBEX)
    absent_code, absent_status = await profile.fails(method, ISOLATION_CALLS[operation]("travelers/nobody")[1], GLOBEX)
    assert code == absent_code == grpc.StatusCode.NOT_FOUND
    assert reason(status) == reason(absent_status) == "NOT_FOUND"
    # The owner sees everything as it was.
    assert (await profile.call("GetTraveler", pb.GetTravelerRequest(name=owned.name))).traveler == owned
    assert len((await profile.call("ListTrips", pb.ListTripsRequest(parent=owned.name))).trips) == 1


async def test_lists_show_only_the_callers_travelers(profile):
    acme_traveler = await create(profile, "ada", tenant=ACME)
    globex_traveler = await create(profile, "ada", tenant=GLOBEX, display_name="Another Ada")
    assert acme_traveler.name == globex_traveler.name, "ids are per tenant"
    acme_list = (await profile.call("ListTravelers", pb.ListTravelersRequest(), ACME)).travelers
    globex_list = (await profile.call("ListTravelers", pb.ListTravelersRequest(), GLOBEX)).travelers
    assert list(acme_list) == [acme_traveler] and list(globex_list) == [globex_traveler]
    third = (await profile.call("ListTravelers", pb.ListTravelersRequest(), "initech")).travelers
    assert list(third) == []


# --- Idempotency -------------------------------------------------------------------------


async def test_a_retried_create_returns_the_first_response(profile):
    request = pb.CreateTravelerRequest(traveler=ada(), idempotency_key="create-ada")
    first = await profile.call("CreateTraveler", request)
    second = await profile.call("CreateTraveler", request)
    assert second.SerializeToString() == first.SerializeToString(), "same generated id, times and etag"
    assert len((await profile.call("ListTravelers", pb.ListTravelersRequest())).travelers) == 1


async def test_concurrent_retries_write_once(profile):
    request = pb.CreateTravelerRequest(traveler=ada(), idempotency_key="create-ada")
    responses = await asyncio.gather(*(profile.call("CreateTraveler", request) for _ in range(8)))
    assert len({response.SerializeToString() for response in responses}) == 1
    assert len((await profile.call("ListTravelers", pb.ListTravelersRequest())).travelers) == 1
    traveler = responses[0].traveler
    trip_request = pb.CreateTripRequest(parent=traveler.name, trip=trip("2024-01-01", "2024-01-03"),
                                        idempotency_key="trip-1")
    trips = await asyncio.gather(*(profile.call("CreateTrip", trip_request) for _ in range(8)))
    assert len({response.trip.name for response in trips}) == 1
    assert len((await profile.call("ListTrips", pb.ListTripsRequest(parent=traveler.name))).trips) == 1


async def test_concurrent_retries_of_an_update_and_a_delete_all_succeed(profile):
    # Without per-key serialization, the second retry would see the first one's new etag
    # (ABORTED) or its deletion (NOT_FOUND) instead of its recorded result.
    traveler = await create(profile, "ada")
    update = pb.UpdateTravelerRequest(
        traveler=pb.Traveler(name=traveler.name, home_airport="JFK", etag=traveler.etag),
        update_mask=mask("home_airport"), idempotency_key="move",
    )
    updates = await asyncio.gather(*(profile.call("UpdateTraveler", update) for _ in range(8)))
    assert len({response.SerializeToString() for response in updates}) == 1
    delete = pb.DeleteTravelerRequest(name=traveler.name, idempotency_key="forget")
    await asyncio.gather(*(profile.call("DeleteTraveler", delete) for _ in range(8)))


async def test_concurrent_writes_with_different_keys_all_land(profile):
    traveler = await create(profile, "ada")
    await asyncio.gather(
        *(add_trip(profile, traveler, trip(f"2024-04-{day:02d}", f"2024-04-{day + 1:02d}")) for day in range(1, 21))
    )
    listed = await profile.call("ListTrips", pb.ListTripsRequest(parent=traveler.name, page_size=100))
    assert len(listed.trips) == 20


async def test_retried_updates_trips_and_deletes_return_the_first_result(profile):
    traveler = await create(profile, "ada")
    update = pb.UpdateTravelerRequest(
        traveler=pb.Traveler(name=traveler.name, home_airport="JFK", etag=traveler.etag),
        update_mask=mask("home_airport"), idempotency_key="move-to-new-york",
    )
    first_update = await profile.call("UpdateTraveler", update)
    later = pb.UpdateTravelerRequest(traveler=pb.Traveler(name=traveler.name, home_airport="SFO"),
                                     update_mask=mask("home_airport"), idempotency_key=key())
    await profile.call("UpdateTraveler", later)
    # The stale etag does not matter: the retry is answered from the record.
    assert (await profile.call("UpdateTraveler", update)).SerializeToString() == first_update.SerializeToString()
    assert (await profile.call("GetTraveler", pb.GetTravelerRequest(name=traveler.name))).traveler.home_airport == "SFO"

    create_trip = pb.CreateTripRequest(parent=traveler.name, trip=trip("2024-01-01", "2024-01-03"), idempotency_key="t")
    first_trip = await profile.call("CreateTrip", create_trip)
    assert (await profile.call("CreateTrip", create_trip)) == first_trip

    delete = pb.DeleteTravelerRequest(name=traveler.name, idempotency_key="forget-ada")
    await profile.call("DeleteTraveler", delete)
    await profile.call("DeleteTraveler", delete)  # a retry succeeds rather than NOT_FOUND


async def test_a_reused_key_with_another_payload_is_refused(profile):
    await profile.call("CreateTraveler", pb.CreateTravelerRequest(traveler=ada(), idempotency_key="shared"))
    for method, request in [
        ("CreateTraveler", pb.CreateTravelerRequest(traveler=ada(display_name="Other"), idempotency_key="shared")),
        ("DeleteTraveler", pb.DeleteTravelerRequest(name="travelers/x", idempotency_key="shared")),
    ]:
        code, status = await profile.fails(method, request)
        assert code == grpc.StatusCode.FAILED_PRECONDITION and reason(status) == "IDEMPOTENCY_KEY_REUSED"
    assert len((await profile.call("ListTravelers", pb.ListTravelersRequest())).travelers) == 1


async def test_idempotency_keys_are_per_tenant(profile):
    request = pb.CreateTravelerRequest(traveler=ada(), idempotency_key="shared")
    acme_response = await profile.call("CreateTraveler", request, ACME)
    globex_response = await profile.call("CreateTraveler", request, GLOBEX)
    assert acme_response.traveler.name != globex_response.traveler.name
    different = pb.CreateTravelerRequest(traveler=ada(display_name="Other"), idempotency_key="only-globex")
    await profile.call("CreateTraveler", different, GLOBEX)
    await profile.call("CreateTraveler", pb.CreateTravelerRequest(traveler=ada(), idempotency_key="only-globex"), ACME)
    for tenant in (ACME, GLOBEX):
        assert len((await profile.call("ListTravelers", pb.ListTravelersRequest(), tenant)).travelers) == 2


async def test_deleting_a_traveler_forgets_their_recorded_results(profile):
    create_request = pb.CreateTravelerRequest(traveler=ada(), traveler_id="ada", idempotency_key="create-ada")
    await profile.call("CreateTraveler", create_request)
    await profile.call("DeleteTraveler", pb.DeleteTravelerRequest(name="travelers/ada", idempotency_key=key()))
    # The stored result held Ada's personal data; with it gone, the key creates her anew.
    again = await profile.call("CreateTraveler", create_request)
    assert again.traveler.name == "travelers/ada"


# --- Validation --------------------------------------------------------------------------

MEGABYTE = "x" * (1024 * 1024)


def _create_request(**overrides) -> pb.CreateTravelerRequest:
    return pb.CreateTravelerRequest(traveler=ada(**overrides), idempotency_key="valid-key")


INVALID_REQUESTS = {
    "a megabyte display name": (
        "CreateTraveler", _create_request(display_name=MEGABYTE), {"traveler.display_name"}),
    "every bad traveler field at once": (
        "CreateTraveler",
        pb.CreateTravelerRequest(
            traveler=pb.Traveler(
                email="not-an-email",
                home_airport="lhr",
                preferences=pb.TravelPreferences(
                    preferred_airlines=["BA", "british"],
                    diets=["", "v" * 65],
                    interests=["museums"] * 51,
                    min_hotel_stars=6,
                    currency_code="euro",
                    cabin=42,
                ),
                loyalty_programs=[pb.LoyaltyMembership(program_code="BA", member_number=MEGABYTE)],
            ),
            traveler_id="9lives",
            idempotency_key="",
        ),
        {
            "traveler.email", "traveler.home_airport", "traveler.preferences.preferred_airlines[1]",
            "traveler.preferences.diets[0]", "traveler.preferences.diets[1]", "traveler.preferences.interests",
            "traveler.preferences.min_hotel_stars", "traveler.preferences.currency_code",
            "traveler.preferences.cabin", "traveler.loyalty_programs[0].member_number", "traveler_id",
            "idempotency_key",
        },
    ),
    "too many loyalty programs": (
        "CreateTraveler",
        _create_request(loyalty_programs=[pb.LoyaltyMembership(program_code="BA", member_number=str(n))
                                          for n in range(21)]),
        {"traveler.loyalty_programs"},
    ),
    "an over-long email": ("CreateTraveler", _create_request(email="a@" + "b" * 250 + ".com"), {"traveler.email"}),
    "a non-printable idempotency key": (
        "CreateTraveler", pb.CreateTravelerRequest(traveler=ada(), idempotency_key="tab\there"), {"idempotency_key"}),
    "an over-long idempotency key": (
        "CreateTraveler", pb.CreateTravelerRequest(traveler=ada(), idempotency_key="k" * 129), {"idempotency_key"}),
    "a name that is not a traveler": ("GetTraveler", pb.GetTravelerRequest(name="users/ada"), {"name"}),
    "an upper-case id": ("GetTraveler", pb.GetTravelerRequest(name="travelers/Ada"), {"name"}),
    "an id of 64 characters": ("GetTraveler", pb.GetTravelerRequest(name="travelers/" + "a" * 64), {"name"}),
    "an empty parent": ("ListTrips", pb.ListTripsRequest(parent=""), {"parent"}),
    "an update without a name or key": (
        "UpdateTraveler",
        pb.UpdateTravelerRequest(traveler=pb.Traveler(home_airport="London"), update_mask=mask("home_airport")),
        {"traveler.name", "traveler.home_airport", "idempotency_key"},
    ),
    "a delete without a key": ("DeleteTraveler", pb.DeleteTravelerRequest(name="travelers/ada"), {"idempotency_key"}),
    "a trip that ends before it starts": (
        "CreateTrip",
        pb.CreateTripRequest(parent="travelers/ada", trip=trip("2024-05-10", "2024-05-01"), idempotency_key="k"),
        {"trip.end_date"},
    ),
    "a trip with bad fields": (
        "CreateTrip",
        pb.CreateTripRequest(
            parent="travelers/ada",
            trip=pb.Trip(
                origin=place_pb2.Place(iata_code="London", country_code="gbr", time_zone="Mars/Olympus"),
                start_date=date_pb2.Date(year=2024, month=2, day=30),
                airlines=["BA"] * 51,
                hotel_stars=-1,
                nightly_spend=money_pb2.Money(currency_code="eur", units=-5, nanos=-1),
                total_spend=money_pb2.Money(currency_code="EUR", units=10**13),
                interests=[MEGABYTE],
                party_size=21,
            ),
            idempotency_key="k",
        ),
        {
            "trip.origin.iata_code", "trip.origin.country_code", "trip.origin.time_zone", "trip.destination",
            "trip.start_date", "trip.end_date", "trip.airlines", "trip.hotel_stars",
            "trip.nightly_spend.currency_code", "trip.nightly_spend.units", "trip.nightly_spend.nanos",
            "trip.total_spend.units", "trip.interests[0]", "trip.party_size",
        },
    ),
    "a trip on a bad parent": (
        "CreateTrip", pb.CreateTripRequest(parent="travelers/", trip=trip("2024-05-01", "2024-05-02"),
                                           idempotency_key="k"), {"parent"}),
}


@pytest.mark.parametrize("case", INVALID_REQUESTS)
async def test_invalid_requests_name_every_bad_field(profile, case):
    method, request, expected = INVALID_REQUESTS[case]
    code, status = await profile.fails(method, request)
    assert code == grpc.StatusCode.INVALID_ARGUMENT
    assert fields(status) == expected
    assert reason(status) == "INVALID_FIELD"
    assert len(status.message) < 2000 and "xxxx" not in status.message


async def test_personal_data_stays_out_of_logs_and_errors(profile, caplog):
    secrets = {"display_name": "Zebulon Quux", "email": "zebulon.quux@example.org", "member": "MN-99887766"}
    caplog.set_level(logging.DEBUG)
    personal = {
        "display_name": secrets["display_name"],
        "email": secrets["email"],
        "loyalty_programs": [pb.LoyaltyMembership(program_code="BA", member_number=secrets["member"])],
    }
    traveler = (
        await profile.call(
            "CreateTraveler", pb.CreateTravelerRequest(traveler=ada(**personal), traveler_id="zq", idempotency_key="k0")
        )
    ).traveler
    await profile.call("GetTraveler", pb.GetTravelerRequest(name=traveler.name))
    invalid = ada(display_name=secrets["display_name"] * 20, email=secrets["email"] + " x")
    refusals = [
        await profile.fails("CreateTraveler", pb.CreateTravelerRequest(traveler=invalid, idempotency_key="k1")),
        await profile.fails(
            "CreateTraveler", pb.CreateTravelerRequest(traveler=ada(**personal), traveler_id="zq", idempotency_key="k2")
        ),
        await profile.fails(
            "CreateTraveler",
            pb.CreateTravelerRequest(traveler=ada(display_name="Z"), traveler_id="zq", idempotency_key="k0"),
        ),
    ]
    assert [code for code, _ in refusals] == [
        grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.ALREADY_EXISTS, grpc.StatusCode.FAILED_PRECONDITION,
    ]
    logged = "\n".join(record.getMessage() + repr(record.__dict__) for record in caplog.records)
    errors = "\n".join(str(status) for _, status in refusals)
    for value in secrets.values():
        assert value not in logged and value not in errors


# --- Derived preferences -----------------------------------------------------------------


def expected_confidence(supporting: int, informative: int) -> float:
    return supporting / informative * (1 - math.exp(-supporting / 3))


async def test_derived_preferences_from_a_realistic_history(profile):
    traveler = await create(profile, "ada")
    history = [
        trip("2024-01-10", "2024-01-14", ["BA"], 4, ("EUR", 150, 0), ["museums", "food"]),
        trip("2024-03-05", "2024-03-09", ["BA"], 4, ("EUR", 170, 0), ["Museums"]),
        trip("2024-06-01", "2024-06-08", ["BA", "IB"], 3, ("EUR", 160, 0), ["beaches"]),
        trip("2024-09-12", "2024-09-15", ["BA"], 4, ("USD", 300, 0), ["museums", "hiking"]),
        trip("2024-11-20", "2024-11-24", ["AF"], 4, ("EUR", 155, 0), ["food"]),
    ]
    for past in history:
        await add_trip(profile, traveler, past)
    derived = await derived_preferences(profile, traveler)

    assert derived.trips_considered == 5
    # Ties (AF and IB once each) go to the most recent: AF flew in November, IB in June.
    assert [(a.airline_code, a.trips) for a in derived.airlines] == [("BA", 4), ("AF", 1), ("IB", 1)]
    assert derived.airlines[0].confidence == pytest.approx(expected_confidence(4, 5))
    assert derived.airlines[1].confidence == pytest.approx(expected_confidence(1, 5))
    assert derived.hotel_tier.stars == 4
    assert derived.hotel_tier.confidence == pytest.approx(expected_confidence(4, 5))
    # EUR is the usual currency; the median of 150, 155, 160 and 170 is 157.50.
    assert derived.nightly_spend.amount == money_pb2.Money(currency_code="EUR", units=157, nanos=500_000_000)
    assert derived.nightly_spend.confidence == pytest.approx(expected_confidence(4, 5))
    # Nights 4, 4, 7, 3, 4: typically 4, and the 7-night trip is the one outlier.
    assert derived.trip_length.nights == 4
    assert derived.trip_length.confidence == pytest.approx(expected_confidence(4, 5))
    assert [i.interest for i in derived.interests] == ["museums", "food", "hiking", "beaches"]
    assert derived.interests[0].confidence == pytest.approx(expected_confidence(3, 5))
    confidences = [i.confidence for i in derived.interests]
    assert confidences == sorted(confidences, reverse=True)
    assert derived.airlines[0].confidence > derived.interests[0].confidence > derived.airlines[1].confidence
    assert all(0 < c < 1 for c in confidences + [a.confidence for a in derived.airlines])


async def test_no_trips_derive_nothing(profile):
    traveler = await create(profile, "ada")
    derived = await derived_preferences(profile, traveler)
    assert derived == pb.DerivedPreferences(trips_considered=0)


# --- Persistence -------------------------------------------------------------------------


async def test_data_and_idempotency_survive_a_restart(profile):
    request = pb.CreateTravelerRequest(traveler=ada(), idempotency_key="create-ada")
    first = await profile.call("CreateTraveler", request)
    await add_trip(profile, first.traveler, trip("2024-01-10", "2024-01-14"))
    await profile.restart()
    got = await profile.call("GetTraveler", pb.GetTravelerRequest(name=first.traveler.name))
    assert got.traveler == first.traveler
    assert len((await profile.call("ListTrips", pb.ListTripsRequest(parent=first.traveler.name))).trips) == 1
    assert (await profile.call("CreateTraveler", request)).SerializeToString() == first.SerializeToString()
    if not profile.config.database_url.get_secret_value():
        assert profile.config.sqlite_path.is_file()


# --- Properties --------------------------------------------------------------------------

_text = st.text(max_size=80)
_codes = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabc0123456789-", max_size=4)
_int32 = st.integers(-(2**31), 2**31 - 1)


def mostly(valid: st.SearchStrategy, wild: st.SearchStrategy) -> st.SearchStrategy:
    """Valid nine times in ten: wholly random messages would almost never be accepted."""
    return st.integers(0, 9).flatmap(lambda roll: wild if roll == 0 else valid)


def _strings(valid: st.SearchStrategy) -> st.SearchStrategy:
    return mostly(st.lists(valid, max_size=5), st.lists(st.one_of(_text, _codes), max_size=55))


_airlines = _strings(st.sampled_from(["BA", "AF", "LH", "U2", "9W"]))
_words = _strings(st.sampled_from(["museums", "Food", "hiking", "beaches", "x" * 64]))
_upper3 = mostly(st.sampled_from(["", "LHR", "EUR", "USD"]), _codes)

travelers = st.builds(
    pb.Traveler,
    name=st.one_of(st.just(""), _text),
    display_name=mostly(_text, st.text(min_size=190, max_size=210)),
    email=mostly(st.emails(), _text),
    home_airport=_upper3,
    preferences=st.builds(
        pb.TravelPreferences,
        cabin=mostly(st.integers(0, 4), _int32),
        seat=mostly(st.integers(0, 2), _int32),
        preferred_airlines=_airlines,
        avoided_airlines=_airlines,
        preferred_hotel_chains=_words,
        diets=_words,
        interests=_words,
        min_hotel_stars=mostly(st.integers(0, 5), _int32),
        budget_style=mostly(st.integers(0, 4), _int32),
        currency_code=_upper3,
        avoid_red_eye=st.booleans(),
    ),
    loyalty_programs=mostly(
        st.lists(st.builds(pb.LoyaltyMembership, program_code=st.just("BA"), member_number=st.just("1"), tier=_text),
                 max_size=3),
        st.lists(st.builds(pb.LoyaltyMembership, program_code=_text, member_number=_text, tier=_text), max_size=22),
    ),
)
_dates = mostly(
    st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2100, 12, 31)).map(
        lambda day: date_pb2.Date(year=day.year, month=day.month, day=day.day)
    ),
    st.builds(date_pb2.Date, year=st.integers(0, 10000), month=st.integers(0, 13), day=st.integers(0, 32)),
)
_money = mostly(
    st.builds(money_pb2.Money, currency_code=st.sampled_from(["EUR", "USD"]), units=st.integers(0, 10**12),
              nanos=st.integers(0, 999_999_999)),
    st.builds(money_pb2.Money, currency_code=_codes, units=st.integers(-(2**63), 2**63 - 1), nanos=_int32),
)


@st.composite
def trips(draw) -> pb.Trip:
    start = draw(_dates)
    end = draw(mostly(st.integers(0, 400).map(lambda nights: _plus(start, nights)), _dates))
    return pb.Trip(
        destination=place_pb2.Place(
            iata_code=draw(_upper3), city_name=draw(_text), time_zone=draw(st.sampled_from(["", "UTC", "Nowhere/City"]))
        ),
        start_date=start,
        end_date=end,
        airlines=draw(_airlines),
        hotel_stars=draw(mostly(st.integers(0, 5), _int32)),
        nightly_spend=draw(_money),
        total_spend=draw(_money),
        interests=draw(_words),
        party_size=draw(mostly(st.integers(0, 20), _int32)),
    )


def _plus(start: date_pb2.Date, nights: int) -> date_pb2.Date:
    try:
        day = datetime.date(start.year, start.month, start.day) + datetime.timedelta(days=nights)
    except (ValueError, OverflowError):
        return start
    return date_pb2.Date(year=day.year, month=day.month, day=day.day)


# No example database: the tests must not write into the repository.
_fuzz = settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
_FINE = {grpc.StatusCode.OK, grpc.StatusCode.INVALID_ARGUMENT}


async def _code_of(profile: Profile, method: str, request) -> grpc.StatusCode:
    try:
        await profile.call(method, request)
    except grpc.aio.AioRpcError as error:
        return error.code()
    return grpc.StatusCode.OK


@_fuzz
@given(traveler=travelers, update=travelers, traveler_id=st.one_of(st.just(""), _codes, _text))
async def test_random_travelers_are_stored_or_refused_never_internal(profile, traveler, update, traveler_id):
    request = pb.CreateTravelerRequest(traveler=traveler, traveler_id=traveler_id, idempotency_key=key())
    code = await _code_of(profile, "CreateTraveler", request)
    assert code in _FINE | {grpc.StatusCode.ALREADY_EXISTS}
    if code != grpc.StatusCode.OK:
        return
    name = (await profile.call("ListTravelers", pb.ListTravelersRequest(page_size=1))).travelers[0].name
    update.name = name
    update_request = pb.UpdateTravelerRequest(traveler=update, update_mask=mask("*"), idempotency_key=key())
    assert await _code_of(profile, "UpdateTraveler", update_request) in _FINE
    await profile.call("DeleteTraveler", pb.DeleteTravelerRequest(name=name, idempotency_key=key()))


@_fuzz
@given(random_trips=st.lists(trips(), min_size=1, max_size=4))
async def test_random_trips_are_stored_or_refused_never_internal(profile, random_trips):
    traveler = await create(profile, f"t{uuid.uuid4().hex}")
    for random_trip in random_trips:
        request = pb.CreateTripRequest(parent=traveler.name, trip=random_trip, idempotency_key=key())
        assert await _code_of(profile, "CreateTrip", request) in _FINE
    derived = await profile.call("GetDerivedPreferences", pb.GetDerivedPreferencesRequest(name=traveler.name))
    assert derived.preferences.trips_considered <= len(random_trips)


# --- Configuration and start-up ----------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["mysql://user:pw@db/profile", "sqlite:///tmp/profile.db", "profile.db", "postgresql://[oops"]
)
def test_an_unsupported_database_url_stops_config_loading(monkeypatch, url):
    monkeypatch.setenv("TRIPSMITH_INTERNAL_TOKEN", INTERNAL_TOKEN)
    monkeypatch.setenv("TRIPSMITH_PROFILE_DATABASE_URL", url)
    with pytest.raises(ConfigError, match=r"^TRIPSMITH_PROFILE_DATABASE_URL: "):
        load(ProfileConfig)


def test_the_default_store_is_sqlite_under_the_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("TRIPSMITH_INTERNAL_TOKEN", INTERNAL_TOKEN)
    monkeypatch.setenv("TRIPSMITH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("TRIPSMITH_PROFILE_DATABASE_URL", raising=False)
    config = load(ProfileConfig)
    assert config.database_url.get_secret_value() == "" and config.sqlite_path == Path(tmp_path) / "profile.db"


async def test_an_unreachable_database_stops_the_start_with_a_reason(monkeypatch, tmp_path):
    monkeypatch.setenv("TRIPSMITH_INTERNAL_TOKEN", INTERNAL_TOKEN)
    monkeypatch.setenv("TRIPSMITH_PROFILE_PORT", "0")
    monkeypatch.setenv("TRIPSMITH_PROFILE_DATABASE_URL", "postgresql://postgres:hunter2@127.0.0.1:1/test")
    server, _ = create_server(load(ProfileConfig))
    with pytest.raises(StoreUnavailable) as error:
        await server.start()
    message = str(error.value)
    assert "PostgreSQL 127.0.0.1:1/test" in message and "hunter2" not in message and "\n" not in message
    await server.stop(0)
