"""What `tripsmith demo` shows once the stack is up: health, then real supplier answers.

Until the planner lands behind the gateway, the demo asks the suppliers directly, with the
stack's internal credential, for a sample trip: flights from Boston to Lisbon a month out,
hotels in Lisbon for that week, and its weather.
"""

from __future__ import annotations

import datetime as dt

import grpc

from tripsmith.common.v1.party_pb2 import Party
from tripsmith.common.v1.place_pb2 import Place
from tripsmith.flights.v1 import flights_service_pb2 as flights
from tripsmith.flights.v1 import flights_service_pb2_grpc as flights_grpc
from tripsmith.hotels.v1 import hotels_service_pb2 as hotels
from tripsmith.hotels.v1 import hotels_service_pb2_grpc as hotels_grpc
from tripsmith.runtime.auth import internal_metadata
from tripsmith.runtime.probe import probe_once
from tripsmith.validation import date_message
from tripsmith.weather.v1 import weather_service_pb2 as weather
from tripsmith.weather.v1 import weather_service_pb2_grpc as weather_grpc


def _price(money) -> str:
    return f"{money.units + money.nanos / 1e9:,.2f} {money.currency_code}"


async def show(supervisor) -> int:
    """Prints health and a sample of supplier answers; 0 when everything answered."""
    results = [(c.name, await probe_once(c.probe, timeout=5.0)) for c in supervisor.components]
    for name, healthy in results:
        print(f"  {name:<10} {'SERVING' if healthy else 'NOT SERVING'}", flush=True)
    if not all(ok for _, ok in results):
        print("Some services are not healthy.", flush=True)
        return 1
    print("Every service is healthy.\n", flush=True)
    addresses = {c.name: dict(c.addresses)[c.name] for c in supervisor.components}
    metadata = internal_metadata("demo", supervisor.internal_token())
    start = dt.date.today() + dt.timedelta(days=30)
    async with grpc.aio.insecure_channel(addresses["flights"]) as channel:
        response = await flights_grpc.FlightsServiceStub(channel).SearchFlights(flights.SearchFlightsRequest(
            origin=Place(city_name="Boston"), destination=Place(city_name="Lisbon"), departure_date=date_message(start),
            passengers=Party(adults=2), page_size=3), metadata=metadata, timeout=30)
    print(f"Flights Boston -> Lisbon on {start} for 2 adults ({response.total_size} offers), cheapest:")
    for offer in response.offers:
        route = " -> ".join([offer.segments[0].departure_airport] + [s.arrival_airport for s in offer.segments])
        numbers = ", ".join(s.flight_number for s in offer.segments)
        print(f"  {_price(offer.total_price):>14}  {route:<17} {numbers}")
    async with grpc.aio.insecure_channel(addresses["hotels"]) as channel:
        response = await hotels_grpc.HotelsServiceStub(channel).SearchHotels(hotels.SearchHotelsRequest(
            city=Place(city_name="Lisbon"), check_in_date=date_message(start),
            check_out_date=date_message(start + dt.timedelta(days=4)), guests=Party(adults=2), min_stars=4,
            order_by=hotels.HOTEL_ORDER_RATING, page_size=3), metadata=metadata, timeout=30)
    print(f"\nHotels in Lisbon, 4 nights, 4 stars or more ({response.total_size} offers), best rated:")
    for offer in response.offers:
        print(f"  {_price(offer.total_price):>14}  {offer.hotel.name}, {offer.room_type.name.lower()}"
              f" ({offer.hotel.stars}*, rated {offer.hotel.rating})")
    async with grpc.aio.insecure_channel(addresses["weather"]) as channel:
        response = await weather_grpc.WeatherServiceStub(channel).GetDailyForecast(weather.GetDailyForecastRequest(
            place=Place(city_name="Lisbon"), start_date=date_message(start),
            end_date=date_message(start + dt.timedelta(days=3))), metadata=metadata, timeout=30)
    print("\nWeather in Lisbon:")
    for day in response.days:
        condition = weather.Condition.Name(day.condition).removeprefix("CONDITION_").replace("_", " ").lower()
        kind = weather.ForecastKind.Name(day.kind).removeprefix("FORECAST_KIND_").lower()
        print(f"  {day.date.year}-{day.date.month:02}-{day.date.day:02}  {day.low_celsius:4.0f} to"
              f" {day.high_celsius:3.0f} C, {condition}, rain {day.precipitation_probability:.0%} ({kind})")
    print("\nThe planner and the gateway come next; the Temporal UI was at", dict(
        next(c for c in supervisor.components if c.name == "temporal").addresses)["temporal ui"], flush=True)
    return 0
