#!/usr/bin/env python3
"""Times OpenSanctions' nomenklatura logic-v2 matcher on the query and
candidate pairs that `bench_screen` (crates/screening) writes: one JSON
line per query, {"query": entity, "candidates": [entity, ...]}, entities
in FtM form (id, schema, properties.name).

Prints the mean time per pair as `PAIR_US=<µs>` for the Rust side to
compare. Needs nomenklatura; without it, prints how to install it:

    python3 -m venv /tmp/nk && /tmp/nk/bin/pip install nomenklatura
    /tmp/nk/bin/python3 benches/screening_nomenklatura.py pairs.jsonl
"""

import json
import sys
import time

INSTALL = "python3 -m venv /tmp/nk && /tmp/nk/bin/pip install nomenklatura"


def load(path, model):
    """Query and candidate proxies; entities of a schema FtM does not
    know are left out (with their pairs)."""
    pairs = []
    make = lambda data: model.get_proxy(data) if model.get(data["schema"]) else None
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            query = make(record["query"])
            for candidate in map(make, record["candidates"]):
                if query is not None and candidate is not None:
                    pairs.append((query, candidate))
    return pairs


def main():
    if len(sys.argv) != 2:
        print(f"usage: {sys.argv[0]} PAIRS.jsonl", file=sys.stderr)
        return 2
    try:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
    except ImportError:
        print(f"nomenklatura is not installed; run: {INSTALL}", file=sys.stderr)
        return 3
    algorithm = get_algorithm("logic-v2")
    if algorithm is None:
        print("this nomenklatura has no logic-v2 matcher", file=sys.stderr)
        return 3
    config = algorithm.default_config()
    pairs = load(sys.argv[1], model)
    if not pairs:
        print("no pairs", file=sys.stderr)
        return 1
    # One pass to warm caches (name parsing, transliteration tables).
    for query, candidate in pairs[:50]:
        algorithm.compare(query, candidate, config)
    start = time.perf_counter()
    matches = 0
    for query, candidate in pairs:
        result = algorithm.compare(query, candidate, config)
        matches += result.score >= 0.7
    elapsed = time.perf_counter() - start
    per_pair = elapsed * 1e6 / len(pairs)
    print(
        f"nomenklatura logic-v2 on {len(pairs)} pairs: {per_pair:.1f} µs/pair, "
        f"{matches} at or above 0.7, one thread"
    )
    print(f"PAIR_US={per_pair:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
