"""The ground transport supplier service (tripsmith.ground.v1): search, hold and book trains, coaches, hire cars and taxis."""
