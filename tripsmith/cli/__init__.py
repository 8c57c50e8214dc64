"""The `tripsmith` command (`main.py`): the itinerary commands over the typed client, the
admin commands, the trace view, the demo, and the embedded stack's `up`."""
