"""What one planning round's searches returned, and the candidates the optimizer chooses among.

Kept by the itinerary workflow for the current round only. Offers count only when the search
that returned them resolved to the request's places, so a model that searched elsewhere
cannot move the trip; every offer's price as the supplier quoted it is kept for the checker.
Pure: no I/O, no clock.
"""

from __future__ import annotations

from tripsmith.common.v1 import place_pb2
from workflows.api import from_json
from workflows.planning.checker import place_key, same_place

#: How many more arrival dates a hotel search is repeated for.
MAX_ARRIVAL_SEARCHES = 2


def _key(place: dict) -> str:
    return place_key(from_json(place_pb2.Place, place))


class SearchRound:
    def __init__(self) -> None:
        self.flights: list[tuple[str, str, list[dict]]] = []  # (origin key, destination key, offers)
        self.stays: list[tuple[str, list[dict]]] = []  # (city key, offers)
        self.journeys: list[tuple[str, str, list[dict]]] = []  # ground: (origin key, destination key, offers)
        self.weather: list[dict] = []
        #: offer id -> [units, nanos, currency, origin key, destination key] as a supplier quoted it.
        self.seen: dict[str, list] = {}
        #: Searches attempted this round, refused ones included.
        self.searches = 0
        self.searched: set[str] = set()
        self.arrival_dates: dict[tuple[str, str], list[str]] = {}
        self.hotel_searches: list[tuple[str, dict]] = []  # (city key, the search's arguments)

    def keep(self, tool: str, arguments: dict, data: dict) -> None:
        """Records what a successful search returned (`ToolOutput.data`)."""
        if tool == "search_flights":
            origin, destination = _key(data.get("origin", {})), _key(data.get("destination", {}))
            self.flights.append((origin, destination, data.get("offers", [])))
            self.arrival_dates[(origin, destination)] = data.get("arrival_dates", [])
            for offer in data.get("offers", []):
                self._seen(offer, origin, destination)
        elif tool == "search_hotels":
            city = _key(data.get("city", {}))
            self.stays.append((city, data.get("offers", [])))
            self.hotel_searches.append((city, arguments))
            for offer in data.get("offers", []):
                self._seen(offer, "", city)
        elif tool == "search_ground_transport":
            origin, destination = _key(data.get("origin", {})), _key(data.get("destination", {}))
            self.journeys.append((origin, destination, data.get("offers", [])))
            for offer in data.get("offers", []):
                self._seen(offer, origin, destination)
        elif tool == "get_weather":
            self.weather = data.get("days", [])

    def _seen(self, offer: dict, origin: str, destination: str) -> None:
        price = offer.get("total_price", {})
        self.seen[offer["offer_id"]] = [int(price.get("units", 0)), int(price.get("nanos", 0)),
                                        price.get("currency_code", ""), origin, destination]

    def missing_hotel_searches(self, origin: str, destination: str) -> list[dict]:
        """Hotel nights must match the flights' local arrival dates: an overnight flight lands
        the day after the trip starts. When the model searched hotels from the start date only,
        these are the same searches (the model's own filters) from the likeliest arrival dates."""
        here = [arguments for city, arguments in self.hotel_searches if same_place(city, destination)]
        if not here:
            return []
        searched = {search["check_in_date"] for search in here}
        arrivals = [day for (o, d), days in self.arrival_dates.items()
                    if same_place(o, origin) and same_place(d, destination) for day in days]
        missing = [day for day in dict.fromkeys(arrivals) if day not in searched][:MAX_ARRIVAL_SEARCHES]
        template = here[-1]
        return [{**template, "check_in_date": day} for day in missing if day < template["check_out_date"]]

    def candidates(self, origin: str, destination: str, excluded: set[str]) -> tuple[list, list, list]:
        """(outbound flights, return flights, hotel stays) for the request's places, without
        the excluded offers (those lost while booking)."""
        def offers(pairs):
            return [offer for offers in pairs for offer in offers if offer["offer_id"] not in excluded]
        outbound = offers(found for o, d, found in self.flights if same_place(o, origin) and same_place(d, destination))
        inbound = offers(found for o, d, found in self.flights if same_place(o, destination) and same_place(d, origin))
        stays = offers(found for city, found in self.stays if same_place(city, destination))
        return outbound, inbound, stays
