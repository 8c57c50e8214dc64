"""The supplier conformance kit: the contract of a supplier category, run against any server.

    tripsmith conformance flights 127.0.0.1:50061

An integrator points it at their own implementation of a `tripsmith.<category>.v1` proto
and gets a readable list of what conforms and what does not (exit 0 only when everything
does). Tripsmith's own services pass it in the test suite. See docs/adding-a-supplier.md.
"""
