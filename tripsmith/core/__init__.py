"""Transport-free helpers every layer may use: domain errors, field checks, dates and money,
fingerprints, pagination and the itinerary's states. Nothing here opens a socket or reads
the environment."""
