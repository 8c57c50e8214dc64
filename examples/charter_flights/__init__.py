"""A second flights supplier: a small charter airline with its own timetable and fares.

It shows what an integrator writes to add a supplier to Tripsmith: a `FlightSource`
(source.py) over their own inventory, a config with its own port, and a `__main__` that
serves it with the flights server Tripsmith already has. `tripsmith conformance flights
127.0.0.1:50081 --origin BOS --destination LIS` checks it; tests/examples/test_adding_a_supplier.py
runs exactly that.
"""
