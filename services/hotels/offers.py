"""Hotel offers: rooms of one type in one hotel for one stay, priced night by night.

An offer id names everything needed to price it again, so any replica can serve a hold:
`ho1.<hotel>.<room type>.<rooms>.<check-in>.<check-out>.<adults>.<children's ages>`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from services.hotels.inventory import Hotel, Inventory, RoomType
from tripsmith.core.errors import InvalidArgument
from tripsmith.core.validation import MAX_CHILD_AGE, MAX_PARTY, MAX_ROOMS, MAX_TRIP_NIGHTS



@dataclass(frozen=True)
class Stay:
    hotel: Hotel
    room: RoomType
    rooms: int
    check_in: dt.date
    check_out: dt.date
    adults: int
    children_ages: tuple[int, ...]

    @property
    def nights(self) -> list[dt.date]:
        return [self.check_in + dt.timedelta(days=n) for n in range((self.check_out - self.check_in).days)]

    @property
    def offer_id(self) -> str:
        ages = "-".join(str(age) for age in self.children_ages) or "n"
        return (f"ho1.{self.hotel.hotel_id}.{self.room.room_type_id}.{self.rooms}."
                f"{self.check_in:%Y%m%d}.{self.check_out:%Y%m%d}.{self.adults}.{ages}")


@dataclass(frozen=True)
class PricedStay:
    stay: Stay
    nightly_usd: tuple[float, ...]  # per night, for all rooms
    rooms_left: int

    @property
    def total_usd(self) -> float:
        return sum(self.nightly_usd)

    @property
    def average_usd(self) -> float:
        return self.total_usd / len(self.nightly_usd)


def rooms_for(room: RoomType, adults: int, children: int, requested: int) -> int | None:
    """The rooms of a type that fit the party: as requested, or the fewest that fit."""
    guests = adults + children
    rooms = requested or -(-guests // room.max_occupancy)
    if rooms > adults or rooms * room.max_occupancy < guests:
        return None
    return rooms


def decode_offer_id(offer_id: str, inventory: Inventory, field: str = "offer_id") -> Stay:
    try:
        version, hotel_id, room_id, rooms, check_in, check_out, adults, ages = offer_id.split(".")
        if version != "ho1":
            raise ValueError
        hotel = inventory.hotel(hotel_id)
        room = hotel.room_type(room_id) if hotel else None
        stay = Stay(hotel, room, int(rooms), dt.datetime.strptime(check_in, "%Y%m%d").date(),
                    dt.datetime.strptime(check_out, "%Y%m%d").date(), int(adults),
                    () if ages == "n" else tuple(int(age) for age in ages.split("-")))
    except ValueError:
        raise InvalidArgument.of(field, "is not an offer id this supplier issued") from None
    valid_party = 1 <= stay.adults <= MAX_PARTY and all(0 <= age <= MAX_CHILD_AGE for age in stay.children_ages) and (
        stay.adults + len(stay.children_ages) <= MAX_PARTY) and 1 <= stay.rooms <= MAX_ROOMS
    if (not valid_party or stay.hotel is None or stay.room is None or not 0 < len(stay.nights) <= MAX_TRIP_NIGHTS
            or rooms_for(stay.room, stay.adults, len(stay.children_ages), stay.rooms) != stay.rooms):
        raise InvalidArgument.of(field, "names a room or stay this supplier does not sell")
    return stay


def price(inventory: Inventory, stay: Stay, today: dt.date, used: dict[str, int]) -> PricedStay:
    nightly = tuple(inventory.nightly_usd(stay.hotel, stay.room, night) * stay.rooms for night in stay.nights)
    left = min(inventory.rooms_left(stay.hotel, stay.room, night, today)
               - used.get(Inventory.resource(stay.hotel, stay.room, night), 0) for night in stay.nights)
    return PricedStay(stay, nightly, max(0, left))
