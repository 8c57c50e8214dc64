"""Tripsmith: the agentic travel itinerary planner.

The subpackages named after proto packages (common, flights, hotels, weather, profile,
planner) hold the code generated from protos/ by `make protos`; do not edit them. The
hand-written code, lowest layer first (docs/architecture.md has the rules):
`tripsmith.core` (transport-free helpers), `tripsmith.runtime` (what every process runs
on), `tripsmith.suppliers` (what supplier services share), `tripsmith.client` (the typed
client for platforms), `tripsmith.stack` (the embedded stack) and `tripsmith.cli` (the
`tripsmith` command).
"""

__version__ = "0.1.0"
