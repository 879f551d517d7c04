"""Decode an NMEA file with pyais, for comparison with bench_fleet.

Usage: python pyais_decode.py FILE
Prints one line: `pyais messages=N positions=P errors=E seconds=S`.
Uses pyais's own file stream, which reads tag blocks and joins
multi-sentence messages, then decodes every message to its fields.
"""

import sys
import time

from pyais.stream import FileReaderStream


def main(path: str) -> None:
    start = time.perf_counter()
    messages = positions = errors = 0
    for msg in FileReaderStream(path):
        try:
            decoded = msg.decode()
        except Exception:  # noqa: BLE001 - count and go on, as the Rust side does
            errors += 1
            continue
        messages += 1
        if decoded.msg_type in (1, 2, 3, 18, 19, 27):
            positions += 1
    seconds = time.perf_counter() - start
    print(f"pyais messages={messages} positions={positions} errors={errors} seconds={seconds:.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
