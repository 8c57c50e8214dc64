"""Turns an optimizer plan into the itinerary's flights, hotel stay and price breakdown."""

from __future__ import annotations

from tripsmith.planner.v1 import planner_service_pb2 as planner
from workflows.planning.optimizer import Plan
from tripsmith.core.money import money_amount, money_message


def assemble(request: planner.TripRequest, plan: Plan) -> planner.Itinerary:
    itinerary = planner.Itinerary(state=planner.STATE_PROPOSED)
    itinerary.request.CopyFrom(request)
    itinerary.flights.extend([plan.outbound, plan.inbound])
    stay = plan.stay
    itinerary.hotel_stays.append(planner.HotelStay(
        hotel=stay.hotel, offer_id=stay.offer_id, check_in_date=stay.check_in_date, check_out_date=stay.check_out_date,
        rooms=stay.rooms, stars=stay.hotel.stars, room_type=stay.room_type, nightly_price=stay.average_nightly_price,
        total_price=stay.total_price))
    currency = stay.total_price.currency_code
    lines = [
        planner.LineItem(kind=planner.LINE_ITEM_KIND_FLIGHT, offer_id=plan.outbound.offer_id,
                         description="Outbound " + " -> ".join([plan.outbound.segments[0].departure_airport]
                                                               + [s.arrival_airport for s in plan.outbound.segments]),
                         amount=plan.outbound.total_price, converted_amount=plan.outbound.total_price),
        planner.LineItem(kind=planner.LINE_ITEM_KIND_FLIGHT, offer_id=plan.inbound.offer_id,
                         description="Return " + " -> ".join([plan.inbound.segments[0].departure_airport]
                                                             + [s.arrival_airport for s in plan.inbound.segments]),
                         amount=plan.inbound.total_price, converted_amount=plan.inbound.total_price),
        planner.LineItem(kind=planner.LINE_ITEM_KIND_HOTEL, offer_id=stay.offer_id,
                         description=f"{stay.hotel.name}, {len(stay.nightly_rates)} night(s), {stay.rooms} room(s)",
                         amount=stay.total_price, converted_amount=stay.total_price),
    ]
    itinerary.price.line_items.extend(lines)
    itinerary.price.total.CopyFrom(money_message(sum(money_amount(line.converted_amount) for line in lines), currency))
    if request.budget.currency_code:
        itinerary.price.budget.CopyFrom(request.budget)
    return itinerary
