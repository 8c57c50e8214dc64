"""The contract of a traveler profile service (tripsmith.profile.v1.ProfileService)."""

from __future__ import annotations

import uuid

import grpc
from google.protobuf import field_mask_pb2
from google.type import date_pb2, money_pb2

from tripsmith.common.v1.place_pb2 import Place
from tripsmith.suppliers.conformance.harness import Kit, access_checks, expect, expect_error
from tripsmith.profile.v1 import profile_service_pb2 as pb
from tripsmith.profile.v1 import profile_service_pb2_grpc

SERVICE = "tripsmith.profile.v1.ProfileService"
INVALID = grpc.StatusCode.INVALID_ARGUMENT


def stub(kit: Kit) -> profile_service_pb2_grpc.ProfileServiceStub:
    return profile_service_pb2_grpc.ProfileServiceStub(kit.channel)


def key() -> str:
    return f"conformance-{uuid.uuid4()}"


def traveler_id() -> str:
    return f"conformance-{uuid.uuid4().hex[:12]}"


def sample_traveler() -> pb.Traveler:
    return pb.Traveler(
        display_name="Conformance Traveler", email="traveler@example.com", home_airport="BOS",
        preferences=pb.TravelPreferences(cabin=pb.CABIN_PREFERENCE_ECONOMY, preferred_airlines=["BA"],
                                         min_hotel_stars=3, interests=["museums"], currency_code="USD"),
    )


async def create(kit: Kit, tenant: str | None = None, **fields) -> pb.Traveler:
    request = pb.CreateTravelerRequest(traveler=sample_traveler(), traveler_id=traveler_id(), idempotency_key=key(), **fields)
    return (await stub(kit).CreateTraveler(request, metadata=kit.metadata(tenant))).traveler


async def lifecycle(kit: Kit) -> str:
    traveler = await create(kit)
    expect(traveler.name.startswith("travelers/") and traveler.etag, "a new traveler lacks its name or etag")
    expect(traveler.home_airport == "BOS" and traveler.preferences.min_hotel_stars == 3, "the traveler was not stored as sent")
    got = (await stub(kit).GetTraveler(pb.GetTravelerRequest(name=traveler.name), metadata=kit.metadata())).traveler
    expect(got == traveler, "get does not return what create returned")
    change = pb.Traveler(name=traveler.name, home_airport="LIS")
    updated = (await stub(kit).UpdateTraveler(pb.UpdateTravelerRequest(
        traveler=change, update_mask=field_mask_pb2.FieldMask(paths=["home_airport"]), idempotency_key=key()),
        metadata=kit.metadata())).traveler
    expect(updated.home_airport == "LIS" and updated.preferences == traveler.preferences, "the update mask was not honoured")
    expect(updated.etag != traveler.etag, "the etag did not change on update")
    stale = pb.Traveler(name=traveler.name, home_airport="OPO", etag=traveler.etag)
    await expect_error(stub(kit).UpdateTraveler(pb.UpdateTravelerRequest(
        traveler=stale, update_mask=field_mask_pb2.FieldMask(paths=["home_airport"]), idempotency_key=key()),
        metadata=kit.metadata()), grpc.StatusCode.ABORTED, what="an update with a stale etag")
    await stub(kit).DeleteTraveler(pb.DeleteTravelerRequest(name=traveler.name, idempotency_key=key()), metadata=kit.metadata())
    await expect_error(stub(kit).GetTraveler(pb.GetTravelerRequest(name=traveler.name), metadata=kit.metadata()),
                       grpc.StatusCode.NOT_FOUND, what="reading a deleted traveler")
    return "created, read, updated with a mask, etag checked, deleted"


async def trips_and_derived_preferences(kit: Kit) -> str:
    traveler = await create(kit)
    for month, airline in ((3, "BA"), (6, "BA"), (9, "BA"), (11, "TP")):
        trip = pb.Trip(origin=Place(iata_code="BOS"), destination=Place(iata_code="LHR"),
                       start_date=date_pb2.Date(year=2025, month=month, day=1),
                       end_date=date_pb2.Date(year=2025, month=month, day=6), airlines=[airline], hotel_stars=4,
                       nightly_spend=money_pb2.Money(currency_code="USD", units=200), party_size=1, interests=["museums"])
        await stub(kit).CreateTrip(pb.CreateTripRequest(parent=traveler.name, trip=trip, idempotency_key=key()),
                                   metadata=kit.metadata())
    trips = (await stub(kit).ListTrips(pb.ListTripsRequest(parent=traveler.name), metadata=kit.metadata())).trips
    expect(len(trips) == 4, f"{len(trips)} trips listed of 4 recorded")
    starts = [(t.start_date.year, t.start_date.month) for t in trips]
    expect(starts == sorted(starts, reverse=True), "trips are not listed most recent first")
    derived = (await stub(kit).GetDerivedPreferences(pb.GetDerivedPreferencesRequest(name=traveler.name),
                                                     metadata=kit.metadata())).preferences
    expect(derived.trips_considered == 4, "trips_considered is not the number of trips")
    expect(derived.airlines and derived.airlines[0].airline_code == "BA", "the most flown airline does not come first")
    confidences = [a.confidence for a in derived.airlines] + [derived.hotel_tier.confidence]
    expect(all(0 <= c <= 1 for c in confidences), "a confidence is outside 0..1")
    expect(derived.hotel_tier.stars == 4, "the hotel tier is not the stars stayed at")
    return f"4 trips; BA first with confidence {derived.airlines[0].confidence:.2f}"


async def idempotent(kit: Kit) -> str:
    same = key()
    request = pb.CreateTravelerRequest(traveler=sample_traveler(), traveler_id=traveler_id(), idempotency_key=same)
    first = await stub(kit).CreateTraveler(request, metadata=kit.metadata())
    again = await stub(kit).CreateTraveler(request, metadata=kit.metadata())
    expect(first == again, "a retry with the same key did not return the first response")
    request.traveler.home_airport = "SFO"
    await expect_error(stub(kit).CreateTraveler(request, metadata=kit.metadata()), grpc.StatusCode.FAILED_PRECONDITION,
                       reason="IDEMPOTENCY_KEY_REUSED", what="the same key with another payload")
    request.ClearField("idempotency_key")
    await expect_error(stub(kit).CreateTraveler(request, metadata=kit.metadata()), INVALID, field="idempotency_key",
                       what="a write without an idempotency key")
    return "retries return the first response; reuse is rejected"


async def isolates_tenants(kit: Kit) -> str:
    traveler = await create(kit)
    other = kit.metadata(kit.options.other_tenant)
    await expect_error(stub(kit).GetTraveler(pb.GetTravelerRequest(name=traveler.name), metadata=other),
                       grpc.StatusCode.NOT_FOUND, what="another tenant reading the traveler")
    await expect_error(stub(kit).DeleteTraveler(pb.DeleteTravelerRequest(name=traveler.name, idempotency_key=key()),
                                                metadata=other), grpc.StatusCode.NOT_FOUND, what="another tenant deleting it")
    await expect_error(stub(kit).CreateTrip(pb.CreateTripRequest(parent=traveler.name, idempotency_key=key(), trip=pb.Trip(
        destination=Place(iata_code="LIS"), start_date=date_pb2.Date(year=2025, month=1, day=1),
        end_date=date_pb2.Date(year=2025, month=1, day=2))), metadata=other),
        grpc.StatusCode.NOT_FOUND, what="another tenant adding a trip")
    listed = await stub(kit).ListTravelers(pb.ListTravelersRequest(page_size=100), metadata=other)
    expect(all(t.name != traveler.name for t in listed.travelers), "another tenant lists the traveler")
    return "another tenant's traveler is NOT_FOUND"


async def paginates(kit: Kit) -> str:
    tenant = f"conformance-{uuid.uuid4().hex[:8]}"
    names = [(await create(kit, tenant)).name for _ in range(5)]
    seen, token = [], ""
    while True:
        page = await stub(kit).ListTravelers(pb.ListTravelersRequest(page_size=2, page_token=token),
                                             metadata=kit.metadata(tenant))
        seen += [t.name for t in page.travelers]
        token = page.next_page_token
        if not token:
            break
    expect(sorted(seen) == sorted(names) and len(seen) == 5, "paging did not return every traveler exactly once")
    await expect_error(stub(kit).ListTravelers(pb.ListTravelersRequest(page_size=1000), metadata=kit.metadata()),
                       INVALID, field="page_size", what="page_size 1000")
    return "5 travelers over 3 pages"


async def rejects_bad_input(kit: Kit) -> str:
    cases = [
        ("a malformed name", pb.GetTravelerRequest(name="people/1"), "GetTraveler", "name"),
        ("a megabyte display name", pb.CreateTravelerRequest(traveler=pb.Traveler(display_name="x" * 1_000_000),
                                                             idempotency_key=key()), "CreateTraveler", "traveler.display_name"),
        ("six hotel stars", pb.CreateTravelerRequest(traveler=pb.Traveler(preferences=pb.TravelPreferences(
            min_hotel_stars=6)), idempotency_key=key()), "CreateTraveler", "traveler.preferences.min_hotel_stars"),
        ("a bad airport code", pb.CreateTravelerRequest(traveler=pb.Traveler(home_airport="boston"),
                                                        idempotency_key=key()), "CreateTraveler", "traveler.home_airport"),
        ("an upper-case id", pb.CreateTravelerRequest(traveler=sample_traveler(), traveler_id="Bad_ID",
                                                      idempotency_key=key()), "CreateTraveler", "traveler_id"),
    ]
    for what, request, method, field in cases:
        await expect_error(getattr(stub(kit), method)(request, metadata=kit.metadata()), INVALID, field=field, what=what)
    return f"{len(cases)} kinds of bad input are INVALID_ARGUMENT with the field"


CHECKS = [
    *access_checks(SERVICE, lambda kit: stub(kit).ListTravelers(pb.ListTravelersRequest(), timeout=10)),
    ("create, get, update, delete", lifecycle),
    ("trips and derived preferences", trips_and_derived_preferences),
    ("idempotency", idempotent),
    ("tenant isolation", isolates_tenants),
    ("pagination", paginates),
    ("bad input is INVALID_ARGUMENT", rejects_bad_input),
]
