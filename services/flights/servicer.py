"""The flights servicer: tripsmith.flights.v1 requests to the schedule, fares and ledger.

Thin on purpose: it validates and converts; the schedule (schedule.py), the fares
(fares.py, offers.py) and the holds-and-bookings ledger (tripsmith.suppliers.ledger) do the work.
"""

from __future__ import annotations

import datetime as dt
import time
from functools import partial
from collections.abc import Callable
from zoneinfo import ZoneInfo


from services.flights.fares import passenger_share
from services.flights.offers import Passengers, PricedJourney, decode_offer_id, price
from services.flights.schedule import Leg
from services.flights.source import FlightSource
from tripsmith.common.v1 import party_pb2
from tripsmith.suppliers.data.catalog import Catalog
from tripsmith.core.errors import Aborted, FailedPrecondition, InvalidArgument
from tripsmith.flights.v1 import flights_service_pb2 as pb
from tripsmith.flights.v1 import flights_service_pb2_grpc
from tripsmith.core.dates import duration, timestamp
from tripsmith.suppliers.booking_desk import BookingDesk
from tripsmith.suppliers.ledger import Allocation, Ledger
from tripsmith.core.paging import page_size, paginate
from tripsmith.core.validation import (
    BOOKING_HORIZON_DAYS, MAX_STOPS, Violations, check_codes, check_currency, check_money, check_party, check_text,
)
from tripsmith.core.money import money_amount, money_message
from tripsmith.core.dates import to_date

CABINS = {pb.CABIN_ECONOMY: "ECONOMY", pb.CABIN_PREMIUM_ECONOMY: "PREMIUM_ECONOMY",
          pb.CABIN_BUSINESS: "BUSINESS", pb.CABIN_FIRST: "FIRST"}
CABIN_VALUES = {name: value for value, name in CABINS.items()}
#: Offers cannot be held within this time of departure.
CUTOFF = dt.timedelta(hours=2)
SORT_KEYS: dict[int, Callable[[PricedJourney], tuple]] = {
    pb.FLIGHT_ORDER_UNSPECIFIED: lambda p: (p.total_usd, p.duration),
    pb.FLIGHT_ORDER_PRICE: lambda p: (p.total_usd, p.duration),
    pb.FLIGHT_ORDER_DURATION: lambda p: (p.duration, p.total_usd),
    pb.FLIGHT_ORDER_DEPARTURE_TIME: lambda p: (p.journey[0].departure, p.total_usd),
    pb.FLIGHT_ORDER_ARRIVAL_TIME: lambda p: (p.journey[-1].arrival, p.total_usd),
    pb.FLIGHT_ORDER_STOPS: lambda p: (len(p.journey), p.total_usd),
}


def _in_window(moment: dt.datetime, window: pb.TimeWindow) -> bool:
    minute = moment.hour * 60 + moment.minute
    earliest = window.earliest.hours * 60 + window.earliest.minutes if window.HasField("earliest") else 0
    latest = window.latest.hours * 60 + window.latest.minutes if window.HasField("latest") else 24 * 60
    return earliest <= minute <= latest


def _check_window(window: pb.TimeWindow, field: str, violations: Violations) -> None:
    for name in ("earliest", "latest"):
        if window.HasField(name):
            value = getattr(window, name)
            if not (0 <= value.hours <= 23 and 0 <= value.minutes <= 59):
                violations.add(f"{field}.{name}", "must be a time of day from 00:00 to 23:59")
    if window.HasField("earliest") and window.HasField("latest"):
        earliest = (window.earliest.hours, window.earliest.minutes)
        if earliest > (window.latest.hours, window.latest.minutes):
            violations.add(field, "earliest must not be later than latest (a window cannot wrap past midnight)")


class FlightsServicer(flights_service_pb2_grpc.FlightsServiceServicer):
    def __init__(self, source: FlightSource, catalog: Catalog, ledger: Ledger, offer_ttl_seconds: float,
                 hold_ttl_seconds: float, clock: Callable[[], float] = time.time) -> None:
        self.source = source
        self.catalog = catalog
        self.ledger = ledger
        self.desk = BookingDesk(ledger, hold_ttl_seconds, clock)
        self.offer_ttl = offer_ttl_seconds
        self.clock = clock

    # Conversions ----------------------------------------------------------------------------

    def _today(self, airport: str) -> dt.date:
        return dt.datetime.fromtimestamp(self.clock(), ZoneInfo(self.catalog.airports[airport].time_zone)).date()

    def _segment(self, leg: Leg) -> pb.FlightSegment:
        return pb.FlightSegment(
            departure_airport=leg.origin, arrival_airport=leg.destination,
            departure_time=timestamp(leg.departure), departure_time_zone=str(leg.departure.tzinfo),
            arrival_time=timestamp(leg.arrival), arrival_time_zone=str(leg.arrival.tzinfo),
            carrier=leg.airline, carrier_name=self.catalog.airline_names.get(leg.airline, leg.airline),
            flight_number=leg.flight_number, duration=duration(leg.arrival - leg.departure),
            distance_km=leg.distance_km, aircraft=leg.aircraft.name,
        )

    def _offer(self, priced: PricedJourney, currency: str) -> pb.FlightOffer:
        def cents(usd: float) -> float:
            return round(self.catalog.convert(usd, "USD", currency), 2)

        # The total is the sum of the rounded fares, as on a ticket, not a rounded sum.
        passengers = priced.passengers
        total = passengers.adults * cents(priced.adult_usd) + sum(
            cents(priced.adult_usd * passenger_share(age)) for age in passengers.children_ages)
        offer = pb.FlightOffer(
            offer_id=priced.offer_id, segments=[self._segment(leg) for leg in priced.journey],
            stops=len(priced.journey) - 1, total_duration=duration(priced.duration),
            cabin=CABIN_VALUES[priced.cabin], price_per_adult=money_message(cents(priced.adult_usd), currency),
            total_price=money_message(total, currency),
            seats_available=priced.seats_left, refundable=priced.cabin in ("BUSINESS", "FIRST"),
            expire_time=timestamp(self.clock() + self.offer_ttl), provenance=self.source.provenance,
        )
        if passengers.children_ages:
            offer.price_per_child.CopyFrom(money_message(cents(priced.child_usd), currency))
        return offer

    async def _price(self, journeys, cabin: str, passengers: Passengers, today: dt.date) -> list[PricedJourney]:
        resources = [leg.resource(cabin) for journey in journeys for leg in journey]
        used = await self.ledger.used_many(resources)
        return [price(self.source, journey, cabin, passengers, today, used) for journey in journeys]

    # Search ---------------------------------------------------------------------------------

    async def SearchFlights(self, request: pb.SearchFlightsRequest, context) -> pb.SearchFlightsResponse:
        violations = Violations()
        origin = violations.check(self.catalog.resolve, request.origin, "origin")
        destination = violations.check(self.catalog.resolve, request.destination, "destination")
        day = violations.check(to_date, request.departure_date, "departure_date")
        violations.check(check_party, request.passengers.adults, request.passengers.children_ages, "passengers")
        if request.cabin not in CABINS and request.cabin != pb.CABIN_UNSPECIFIED:
            violations.add("cabin", "is not a known cabin")
        if request.HasField("max_stops") and not 0 <= request.max_stops <= MAX_STOPS:
            violations.add("max_stops", f"must be between 0 and {MAX_STOPS}")
        _check_window(request.departure_window, "departure_window", violations)
        _check_window(request.arrival_window, "arrival_window", violations)
        violations.check(check_codes, request.included_airlines, "included_airlines")
        violations.check(check_codes, request.excluded_airlines, "excluded_airlines")
        currency = violations.check(check_currency, request.currency_code, "currency_code", self.catalog.per_eur)
        if request.order_by not in SORT_KEYS:
            violations.add("order_by", "is not a known order")
        violations.check(page_size, request.page_size)
        violations.raise_if_any()
        for place, field in ((origin, "origin"), (destination, "destination")):
            if not place.airports:
                raise InvalidArgument.of(field, f"no airport with scheduled flights serves {place.display_name}")
        if set(origin.airports) & set(destination.airports):
            raise InvalidArgument.of("destination", "is the same place as the origin")
        today = self._today(origin.airports[0])
        if not today <= day <= today + dt.timedelta(days=BOOKING_HORIZON_DAYS):
            raise InvalidArgument.of("departure_date", f"must be from today ({today}) to {BOOKING_HORIZON_DAYS} days ahead")

        cabin = CABINS.get(request.cabin, "ECONOMY")
        max_stops = request.max_stops if request.HasField("max_stops") else MAX_STOPS
        included, excluded = set(request.included_airlines), set(request.excluded_airlines)
        passengers = Passengers(request.passengers.adults, tuple(request.passengers.children_ages))
        journeys = []
        bookable_from = dt.datetime.fromtimestamp(self.clock(), dt.timezone.utc) + CUTOFF
        for journey in self.source.journeys(origin.airports, destination.airports, day, max_stops):
            carriers = {leg.airline for leg in journey}
            if (journey[0].departure < bookable_from or (included and not carriers <= included) or carriers & excluded
                    or any(leg.seats(cabin) == 0 for leg in journey)
                    or not _in_window(journey[0].departure, request.departure_window)
                    or not _in_window(journey[-1].arrival, request.arrival_window)):
                continue
            journeys.append(journey)
        priced = [p for p in await self._price(journeys, cabin, passengers, today) if p.seats_left >= passengers.seats]
        priced.sort(key=lambda p: (*SORT_KEYS[request.order_by](p), p.offer_id))
        page, next_token = paginate(priced, request)
        return pb.SearchFlightsResponse(
            offers=[self._offer(p, currency) for p in page], next_page_token=next_token, total_size=len(priced),
            resolved_origin=origin.to_message(), resolved_destination=destination.to_message(),
        )

    async def _current(self, offer_id: str, field: str = "offer_id") -> PricedJourney:
        check_text(offer_id, field, 400)
        if not offer_id:
            raise InvalidArgument.of(field, "is required")
        journey, cabin, passengers = decode_offer_id(offer_id, self.source, field)
        now = dt.datetime.fromtimestamp(self.clock(), dt.timezone.utc)
        if journey[0].departure - now < CUTOFF:
            raise FailedPrecondition(f"offer {offer_id} departs too soon or has departed", reason="EXPIRED")
        if journey[0].departure - now > dt.timedelta(days=BOOKING_HORIZON_DAYS + 2):
            raise InvalidArgument.of(field, f"departs more than {BOOKING_HORIZON_DAYS} days ahead")
        [priced] = await self._price([journey], cabin, passengers, self._today(journey[0].origin))
        return priced

    async def GetFlightOffer(self, request: pb.GetFlightOfferRequest, context) -> pb.GetFlightOfferResponse:
        currency = check_currency(request.currency_code, "currency_code", self.catalog.per_eur)
        return pb.GetFlightOfferResponse(offer=self._offer(await self._current(request.offer_id), currency))

    # Holds and bookings ---------------------------------------------------------------------

    async def HoldFlightOffer(self, request: pb.HoldFlightOfferRequest, context) -> pb.HoldFlightOfferResponse:
        check_text(request.client_reference, "client_reference", 200)
        currency = "USD"
        max_price = None
        if request.HasField("max_total_price"):
            max_price = check_money(request.max_total_price, "max_total_price", self.catalog.per_eur)
            currency = request.max_total_price.currency_code
        priced = await self._current(request.offer_id)
        wanted = Passengers(request.passengers.adults, tuple(request.passengers.children_ages))
        if request.HasField("passengers") and wanted != priced.passengers:
            raise InvalidArgument.of("passengers", "must be the passengers the offer was searched for")
        offer = self._offer(priced, currency)
        # The total as offered (the sum of the fares rounded to the cent), not the unrounded sum,
        # which can be a cent more for a party: an offer must be holdable at its own price.
        if max_price is not None and money_amount(offer.total_price) > max_price + 0.005:
            raise Aborted(f"the offer now costs {offer.total_price.units} {currency}, above max_total_price",
                          reason="PRICE_CHANGED")
        today = self._today(priced.journey[0].origin)
        allocations = [Allocation(resource, priced.passengers.seats, seats)
                       for resource, seats in self.source.seats_for_sale(priced.journey, priced.cabin, today).items()]
        party = party_pb2.Party(adults=priced.passengers.adults, children_ages=priced.passengers.children_ages)
        build = partial(pb.FlightHold, offer=offer, passengers=party, client_reference=request.client_reference)
        return await self.desk.hold(request, allocations, build, pb.HoldFlightOfferResponse)

    async def GetFlightHold(self, request, context):
        return await self.desk.get_hold(request, pb.GetFlightHoldResponse)

    async def ReleaseFlightHold(self, request, context):
        return await self.desk.release(request, pb.ReleaseFlightHoldResponse)

    async def ConfirmFlightHold(self, request, context):
        return await self.desk.confirm(request, pb.FlightBooking, pb.ConfirmFlightHoldResponse)

    async def GetFlightBooking(self, request, context):
        return await self.desk.get_booking(request, pb.GetFlightBookingResponse)

    async def CancelFlightBooking(self, request, context):
        return await self.desk.cancel(request, pb.CancelFlightBookingResponse)

    async def ListFlightBookings(self, request, context):
        return await self.desk.list_bookings(request, pb.ListFlightBookingsResponse)
