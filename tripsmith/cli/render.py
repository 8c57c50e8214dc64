"""Itineraries and progress events as text for people: what the CLI prints without --json."""

from __future__ import annotations

from tripsmith.core import states
from tripsmith.planner.v1 import planner_service_pb2 as planner
from tripsmith.weather.v1 import weather_service_pb2 as weather_pb2
from tripsmith.core.dates import iso_date, local_time
from tripsmith.core.money import show_money


def state_name(state: int) -> str:
    """A state as people read it, for example "needs input"."""
    return states.state_name(state).replace("_", " ").lower()


def event_line(event: planner.ItineraryEvent) -> str:
    """One line per progress event."""
    kind = event.WhichOneof("kind")
    if kind == "state_change":
        change = event.state_change
        return f"[{event.sequence}] {state_name(change.to_state)}: {change.reason}"
    if kind == "tool_call":
        call = event.tool_call
        outcome = "ok" if call.outcome == planner.TOOL_OUTCOME_OK else "error"
        return f"[{event.sequence}] {call.tool} {outcome} in {call.duration.ToMilliseconds()} ms: {call.summary}"
    if kind == "model_call":
        call = event.model_call
        return (f"[{event.sequence}] model {call.model} in {call.duration.ToMilliseconds()} ms, "
                f"{call.input_tokens}+{call.output_tokens} tokens, {call.finish_reason}")
    if kind == "itinerary":
        return f"[{event.sequence}] itinerary {state_name(event.itinerary.state)}"
    return f"[{event.sequence}] event"


def itinerary_text(itinerary: planner.Itinerary) -> str:
    lines = [f"{itinerary.name}  {state_name(itinerary.state).upper()}  revision {itinerary.revision}"]
    request = itinerary.request
    if request.HasField("origin"):
        party = f"{request.party.adults} adult(s)" + (f", children {list(request.party.children_ages)}"
                                                      if request.party.children_ages else "")
        lines.append(f"Trip: {request.origin.iata_code or request.origin.city_name} -> "
                     f"{request.destination.iata_code or request.destination.city_name}, "
                     f"{iso_date(request.start_date)} to {iso_date(request.end_date)}, {party}"
                     + (f", budget {show_money(request.budget)}" if request.budget.currency_code else ""))
        if request.assumed_fields:
            lines.append("Assumed: " + ", ".join(request.assumed_fields))
    if itinerary.question:
        lines += ["", f"Question: {itinerary.question}"]
    if itinerary.failure_reason:
        lines += ["", f"Reason: {itinerary.failure_reason}"]
    if itinerary.state == planner.STATE_INFEASIBLE and itinerary.relaxation.explanation:
        lines += ["", f"No plan fits: {itinerary.relaxation.explanation}"]
    for label, offer in zip(("Outbound", "Return"), itinerary.flights):
        lines += ["", f"{label} ({show_money(offer.total_price)}, {offer.stops} stop(s)):"]
        for segment in offer.segments:
            leaves = local_time(segment.departure_time, segment.departure_time_zone)
            lands = local_time(segment.arrival_time, segment.arrival_time_zone)
            lines.append(f"  {segment.flight_number:<8} {segment.departure_airport} {leaves:%a %d %b %H:%M} -> "
                         f"{segment.arrival_airport} {lands:%a %d %b %H:%M} (local)  {segment.carrier_name}")
    for stay in itinerary.hotel_stays:
        lines += ["", f"Hotel: {stay.hotel.name} ({stay.stars}*, rated {stay.hotel.rating:.1f}, "
                      f"{stay.hotel.neighborhood or stay.hotel.address})",
                  f"  {iso_date(stay.check_in_date)} to {iso_date(stay.check_out_date)}, {stay.rooms} x {stay.room_type.name}, "
                  f"{show_money(stay.nightly_price)} a night, {show_money(stay.total_price)} in all"]
    if itinerary.days:
        lines += ["", "Day by day:"]
    for day in itinerary.days:
        weather = day.weather
        forecast = ""
        if weather.date.year:
            condition = weather_pb2.Condition.Name(weather.condition).removeprefix("CONDITION_").replace("_", " ").lower()
            forecast = f"  {weather.low_celsius:.0f}-{weather.high_celsius:.0f} C, {condition}, rain {weather.precipitation_probability:.0%}"
        lines.append(f"  {iso_date(day.date)}  {day.city.city_name or day.city.iata_code}{forecast}")
        lines += [f"      {travel}" for travel in day.travel]
        lines += [f"      - {s.title}{' (indoors)' if s.indoor else ''}: {s.description}" for s in day.suggestions]
    if itinerary.price.line_items:
        lines += ["", "Price:"]
        lines += [f"  {show_money(item.converted_amount):>16}  {item.description}" for item in itinerary.price.line_items]
        lines.append(f"  {show_money(itinerary.price.total):>16}  total"
                     + (f" (budget {show_money(itinerary.price.budget)})" if itinerary.price.budget.currency_code else ""))
    if itinerary.checks:
        lines += ["", "Checks:"]
        lines += [f"  [{'x' if c.satisfied else ' '}] {c.name}: {c.detail}" for c in itinerary.checks]
    for booking in itinerary.bookings:
        if booking is itinerary.bookings[0]:
            lines += ["", "Bookings:"]
        status = planner.BookingStatus.Name(booking.status).removeprefix("BOOKING_STATUS_").lower()
        kind = planner.BookingKind.Name(booking.kind).removeprefix("BOOKING_KIND_").lower()
        lines.append(f"  {kind:<6} {booking.booking_reference or booking.hold_id:<14} {status:<10} {show_money(booking.price)}")
    if itinerary.summary:
        lines += ["", itinerary.summary]
    usage = itinerary.usage
    lines += ["", f"Model: {usage.model_calls} call(s), {usage.input_tokens}+{usage.output_tokens} tokens, "
                  f"estimated {show_money(usage.estimated_cost)}" + (f"; trace {itinerary.trace_id}" if itinerary.trace_id else "")]
    return "\n".join(lines)
