"""Deterministic draws for synthesized supplier data.

Every synthesized figure (a departure time, a hotel's stars, a day's rain) comes from a
generator seeded by a SHA-256 of what it is about, never by Python's `hash` (salted per
process) or the clock, so the same question gets the same answer on every replica and run.
"""

from __future__ import annotations

import hashlib
import random


def seeded(*parts: object) -> random.Random:
    """A random generator determined by `parts` alone."""
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))
