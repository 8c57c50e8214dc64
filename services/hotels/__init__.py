"""The hotels supplier service (tripsmith.hotels.v1): search, hold and book hotel rooms."""
