"""CLI: ``python -m sto_warehouse.synth --out DIR [--scale N] [--seed S] [--sample]
[--years YYYY-YYYY] [--datasets a,b]``."""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from sto_warehouse.synth import duo


def _years(text: str) -> range:
    match = re.fullmatch(r"((?:19|20)\d{2})(?:-((?:19|20)\d{2}))?", text)
    if not match:
        raise argparse.ArgumentTypeError(f"expected YYYY or YYYY-YYYY, got {text!r}")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first:
        raise argparse.ArgumentTypeError(f"{text!r}: the last year comes before the first")
    return range(first, last + 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sto_warehouse.synth",
        description="Write synthetic DUO open-data files (same headers, encodings and quirks).",
    )
    parser.add_argument(
        "--out",
        required=True,
        type=Path,
        help="output folder; with --sample the landing folder (files go to OUT/duo)",
    )
    parser.add_argument(
        "--scale",
        type=float,
        default=None,
        help="country size: 1 = ~1,600 vo vestigingen (default 1; 0.1 with --sample)",
    )
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    parser.add_argument(
        "--sample",
        action="store_true",
        help="write the bundled sample data for `make run` (with one faulty file)",
    )
    parser.add_argument(
        "--years",
        type=_years,
        default=None,
        help="peiljaren, YYYY or YYYY-YYYY (default 2015-2024; not with --sample)",
    )
    parser.add_argument(
        "--datasets",
        type=lambda text: {d.strip() for d in text.split(",") if d.strip()},
        default=None,
        help=f"comma-separated registry datasets (default: all): {', '.join(duo.DATASETS)}",
    )
    args = parser.parse_args(argv)
    if args.scale is not None and args.scale <= 0:
        parser.error("--scale must be positive")
    if args.sample and (args.years is not None or args.datasets is not None):
        parser.error("--years and --datasets cannot be combined with --sample")
    if args.datasets is not None and not args.datasets <= set(duo.DATASETS):
        unknown = ", ".join(sorted(args.datasets - set(duo.DATASETS)))
        parser.error(f"unknown dataset(s): {unknown}")

    started = time.perf_counter()
    if args.sample:
        written = duo.sample_files(args.out, scale=args.scale or 0.1, seed=args.seed)
    else:
        written = duo.generate_files(
            args.out,
            scale=1.0 if args.scale is None else args.scale,
            seed=args.seed,
            peiljaren=args.years or range(2015, 2025),
            datasets=args.datasets,
        )
    for item in written:
        state = "written" if item.changed else "unchanged"
        print(f"{item.path}\t{item.dataset}\t{item.period}\t{item.rows} rows\t{state}")
    total = sum(item.rows for item in written)
    print(
        f"{len(written)} files, {total} rows in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
