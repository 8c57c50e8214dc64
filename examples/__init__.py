"""Worked examples for integrators (see docs/adding-a-supplier.md)."""
