"""The ProfileService servicer: requests in, responses out, no storage or derivation logic.

Every handler validates the whole request first (all invalid fields named at once, see
validation.py), takes the tenant from the authenticated call (`current_tenant()`), and
delegates to the store; derived preferences come from the pure functions in derive.py.
Writes need an idempotency key; the request's fingerprint (without the key) decides
whether a repeated key is a retry. Ids and timestamps are chosen here, before the store
looks at the key, and are discarded when the key turns out to be a retry, so a retry gets
the first call's ids and times.

Personal data (display names, emails, member numbers) is never logged, put on spans or
quoted in error messages.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from google.protobuf import field_mask_pb2
from google.protobuf.message import Message

from services.profile import derive
from services.profile.store import ProfileStore, WriteKey
from services.profile.validation import (
    check_id,
    check_idempotency_key,
    check_traveler,
    check_trip,
    parse_traveler_name,
    traveler_id_of,
    update_paths,
)
from tripsmith.profile.v1 import profile_service_pb2 as pb
from tripsmith.profile.v1 import profile_service_pb2_grpc as pb_grpc
from tripsmith.runtime.auth import current_tenant
from tripsmith.core.fingerprint import request_fingerprint
from tripsmith.core.paging import next_page_token, page
from tripsmith.core.dates import date_of
from tripsmith.core.money import exact_money
from tripsmith.core.validation import Violations

#: Derivation looks at this many of the most recent trips: habits change, and the cost of
#: a call must not grow with a traveler's whole life.
MAX_TRIPS_CONSIDERED = 200
_NANOS = Decimal(10**9)


def _new_id() -> str:
    # A letter first, as resource ids require; 128 random bits make collisions moot.
    return f"t{uuid.uuid4().hex}"


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def _write_key(request: Message) -> WriteKey:
    return WriteKey(request.idempotency_key, request_fingerprint(request))


def _apply_mask(source: pb.Traveler, destination: pb.Traveler, paths: list[str]) -> None:
    """Copies the masked fields; a masked field unset in `source` is cleared (AIP-134)."""
    if not paths:
        return
    if any(path.startswith("preferences.") for path in paths) and not source.HasField("preferences"):
        # FieldMask skips sub-paths of an unset message; present-but-empty clears them.
        present = pb.Traveler()
        present.CopyFrom(source)
        present.preferences.SetInParent()
        source = present
    field_mask_pb2.FieldMask(paths=paths).MergeMessage(
        source, destination, replace_message_field=True, replace_repeated_field=True
    )


def _facts(trip: pb.Trip) -> derive.TripFacts:
    spend = None
    if trip.HasField("nightly_spend"):
        money = trip.nightly_spend
        spend = (money.currency_code, Decimal(money.units) + Decimal(money.nanos) / _NANOS)
    start, end = trip.start_date, trip.end_date
    nights = (date_of(end) - date_of(start)).days
    return derive.TripFacts(
        airlines=tuple(trip.airlines),
        hotel_stars=trip.hotel_stars,
        nightly_spend=spend,
        nights=nights,
        interests=tuple(trip.interests),
    )


def _derived_message(derived: derive.Derived) -> pb.DerivedPreferences:
    message = pb.DerivedPreferences(
        trips_considered=derived.trips_considered,
        airlines=[
            pb.AirlineAffinity(airline_code=figure.value, trips=figure.trips, confidence=figure.confidence)
            for figure in derived.airlines
        ],
        interests=[
            pb.InterestAffinity(interest=figure.value, confidence=figure.confidence) for figure in derived.interests
        ],
    )
    if derived.hotel_tier is not None:
        tier = derived.hotel_tier
        message.hotel_tier.CopyFrom(pb.HotelTier(stars=tier.value, confidence=tier.confidence))
    if derived.nightly_spend is not None:
        currency, amount = derived.nightly_spend.value
        message.nightly_spend.CopyFrom(
            pb.NightlySpend(amount=exact_money(amount, currency), confidence=derived.nightly_spend.confidence)
        )
    if derived.trip_length is not None:
        message.trip_length.CopyFrom(
            pb.TripLength(nights=derived.trip_length.value, confidence=derived.trip_length.confidence)
        )
    return message


class ProfileServicer(pb_grpc.ProfileServiceServicer):
    """tripsmith.profile.v1.ProfileService over a ProfileStore."""

    def __init__(self, store: ProfileStore) -> None:
        self._store = store

    async def CreateTraveler(self, request: pb.CreateTravelerRequest, context) -> pb.CreateTravelerResponse:
        violations = Violations()
        check_idempotency_key(request.idempotency_key, violations)
        if request.traveler_id:
            check_id(request.traveler_id, "traveler_id", violations)
        check_traveler(request.traveler, "traveler", violations)
        violations.raise_if_any()
        traveler_id = request.traveler_id or _new_id()
        traveler = pb.Traveler()
        traveler.CopyFrom(request.traveler)
        # Output-only fields are the service's to set, whatever the caller sent.
        traveler.name = f"travelers/{traveler_id}"
        traveler.create_time.FromDatetime(_now())
        traveler.update_time.CopyFrom(traveler.create_time)
        traveler.etag = ""
        created = await self._store.create_traveler(current_tenant(), traveler_id, traveler, _write_key(request))
        return pb.CreateTravelerResponse(traveler=created)

    async def GetTraveler(self, request: pb.GetTravelerRequest, context) -> pb.GetTravelerResponse:
        traveler_id = parse_traveler_name(request.name, "name")
        return pb.GetTravelerResponse(traveler=await self._store.get_traveler(current_tenant(), traveler_id))

    async def UpdateTraveler(self, request: pb.UpdateTravelerRequest, context) -> pb.UpdateTravelerResponse:
        violations = Violations()
        check_idempotency_key(request.idempotency_key, violations)
        traveler_id = traveler_id_of(request.traveler.name, "traveler.name", violations)
        paths = update_paths(request.update_mask.paths, request.traveler, violations)
        # Only the masked fields are checked: the others are ignored, whatever they hold.
        candidate = pb.Traveler()
        _apply_mask(request.traveler, candidate, paths)
        check_traveler(candidate, "traveler", violations)
        violations.raise_if_any()
        now = _now()

        def change(stored: pb.Traveler) -> pb.Traveler:
            updated = pb.Traveler()
            updated.CopyFrom(stored)
            _apply_mask(request.traveler, updated, paths)
            updated.update_time.FromDatetime(now)
            return updated

        updated = await self._store.update_traveler(
            current_tenant(), traveler_id, change, request.traveler.etag, _write_key(request)
        )
        return pb.UpdateTravelerResponse(traveler=updated)

    async def DeleteTraveler(self, request: pb.DeleteTravelerRequest, context) -> pb.DeleteTravelerResponse:
        violations = Violations()
        traveler_id = traveler_id_of(request.name, "name", violations)
        check_idempotency_key(request.idempotency_key, violations)
        violations.raise_if_any()
        await self._store.delete_traveler(current_tenant(), traveler_id, _write_key(request))
        return pb.DeleteTravelerResponse()

    async def ListTravelers(self, request: pb.ListTravelersRequest, context) -> pb.ListTravelersResponse:
        offset, size = page(request)
        travelers = await self._store.list_travelers(current_tenant(), offset, size + 1)
        return pb.ListTravelersResponse(
            travelers=travelers[:size], next_page_token=next_page_token(request, offset, size, len(travelers) > size)
        )

    async def CreateTrip(self, request: pb.CreateTripRequest, context) -> pb.CreateTripResponse:
        violations = Violations()
        traveler_id = traveler_id_of(request.parent, "parent", violations)
        check_idempotency_key(request.idempotency_key, violations)
        check_trip(request.trip, "trip", violations)
        violations.raise_if_any()
        trip_id = _new_id()
        trip = pb.Trip()
        trip.CopyFrom(request.trip)
        trip.name = f"travelers/{traveler_id}/trips/{trip_id}"
        created = await self._store.create_trip(current_tenant(), traveler_id, trip_id, trip, _write_key(request))
        return pb.CreateTripResponse(trip=created)

    async def ListTrips(self, request: pb.ListTripsRequest, context) -> pb.ListTripsResponse:
        traveler_id = parse_traveler_name(request.parent, "parent")
        offset, size = page(request)
        trips = await self._store.list_trips(current_tenant(), traveler_id, offset, size + 1)
        return pb.ListTripsResponse(trips=trips[:size], next_page_token=next_page_token(request, offset, size, len(trips) > size))

    async def GetDerivedPreferences(
        self, request: pb.GetDerivedPreferencesRequest, context
    ) -> pb.GetDerivedPreferencesResponse:
        traveler_id = parse_traveler_name(request.name, "name")
        trips = await self._store.list_trips(current_tenant(), traveler_id, 0, MAX_TRIPS_CONSIDERED)
        derived = derive.derive([_facts(trip) for trip in trips])
        return pb.GetDerivedPreferencesResponse(preferences=_derived_message(derived))
