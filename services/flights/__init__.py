"""The flights supplier service (tripsmith.flights.v1): search, hold and book flights."""
