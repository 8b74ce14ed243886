"""A small deterministic PRNG (SplitMix64) whose whole state is one integer, so saves replay exactly."""

from __future__ import annotations

from collections.abc import Sequence
from operator import mul

_MASK = (1 << 64) - 1


_REVERSED = tuple(reversed([pow(131, k, 1 << 64) for k in range(256)]))  # 131**k mod 2**64, for k = 255 ... 0


def seed_state(seed: int | str) -> int:
    """Turn a seed (number or text) into an initial RNG state."""
    if isinstance(seed, str):
        data = seed.encode("utf-8")
        if len(data) <= len(_REVERSED):
            # value = (value * 131 + byte) & _MASK for each byte from 0 is the sum of byte * 131**(bytes after it),
            # mod 2**64 (masking at each step or once at the end is the same): summed in C
            seed = sum(map(mul, data, _REVERSED[len(_REVERSED) - len(data):])) & _MASK
        else:
            value = 0
            for ch in data:
                value = (value * 131 + ch) & _MASK
            seed = value
    return int(seed) & _MASK


def next_u64(state: int) -> tuple[int, int]:
    """Advance the state; return (new state, 64 random bits)."""
    state = (state + 0x9E3779B97F4A7C15) & _MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return state, z ^ (z >> 31)


def weighted_index(u: float, weights: Sequence[float]) -> int:
    """Pick an index with probability proportional to its weight, given a uniform u in [0, 1)."""
    total = sum(weights)
    target = u * total
    running = 0.0
    for i, w in enumerate(weights):
        running += w
        if target < running:
            return i
    return len(weights) - 1
