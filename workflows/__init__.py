"""Temporal workflows and the worker that runs them.

`ItineraryWorkflow` (one per itinerary) and its activities live here: workflow code is
deterministic and does no I/O; every call to a model or a supplier is an activity.
"""
