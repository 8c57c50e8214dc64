"""What supplier services share: the supplier data (build and catalog), the bookings ledger
and the booking desk on top of it, seeded draws for synthesized figures, their settings,
and the conformance kit an integrator runs against a supplier server."""
