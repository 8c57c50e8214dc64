"""Tripsmith: the agentic travel itinerary planner.

The subpackages named after proto packages (common, flights, hotels, weather, profile,
planner) hold the code generated from protos/ by `make protos`; do not edit them.
`tripsmith.runtime` is the service runtime every process shares, `tripsmith.stack` runs the
embedded stack, and `tripsmith.cli` is the `tripsmith` command.
"""

__version__ = "0.1.0"
