"""Deterministic draws for synthesized supplier data.

Every synthesized figure (a departure time, a hotel's stars, a day's rain) comes from a
generator seeded by a digest of what it is about, never by Python's `hash` (salted per
process) or the clock, so the same question gets the same answer on every replica and run.

The generator is `random.Random` with its core replaced by BLAKE2b in counter mode, as the
`random` module documents for subclasses: seeding a Mersenne Twister costs more than the
one or two draws most figures need, and searches make thousands of them.
"""

from __future__ import annotations

import hashlib
import random


class _DigestRandom(random.Random):
    def __init__(self, key: bytes) -> None:
        self._key = key
        self._counter = 0
        super().__init__()

    def seed(self, *args, **kwargs) -> None:
        """The key is the seed; nothing else to do."""

    def _block(self) -> int:
        self._counter += 1
        digest = hashlib.blake2b(self._counter.to_bytes(8, "big"), key=self._key, digest_size=8).digest()
        return int.from_bytes(digest, "big")

    def random(self) -> float:
        return (self._block() >> 11) * (1.0 / (1 << 53))

    def getrandbits(self, k: int) -> int:
        bits, value = 0, 0
        while bits < k:
            value = (value << 64) | self._block()
            bits += 64
        return value >> (bits - k)


def seeded(*parts: object) -> random.Random:
    """A random generator determined by `parts` alone."""
    return _DigestRandom(hashlib.blake2b("|".join(str(part) for part in parts).encode(), digest_size=32).digest())
