"""``python -m bench [--quick] [--only ingest]``: run the benchmarks, print their figures and
write them into ``docs/BENCHMARKS.md`` (a ``--quick`` run only prints, unless ``--write``)."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import sys
import time
import warnings

from bench.ingest import BUSES, Plan, run_ingest
from bench.procstat import machine_busy_seconds
from bench.report import DOC, section, tables, verdicts, write_section
from midoffice.logging import configure_logging

BENCHMARKS = ("ingest",)


def other_load(seconds: float = 1.0) -> float:
    """Cores busy on this machine before the benchmark starts (other work skews it)."""
    busy, total = machine_busy_seconds()
    time.sleep(seconds)
    busy_after, total_after = machine_busy_seconds()
    return (busy_after - busy) / seconds if total_after > total else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="short runs, for a smoke check")
    parser.add_argument("--only", choices=BENCHMARKS, help="run only this benchmark")
    parser.add_argument("--bus", choices=BUSES, action="append", help="only this bus (repeat)")
    parser.add_argument("--duration", type=float, help="measured seconds per run")
    write = parser.add_mutually_exclusive_group()
    write.add_argument("--write", action="store_true", default=None, help="update the doc")
    write.add_argument("--no-write", dest="write", action="store_false", help="only print")
    args = parser.parse_args(argv)

    configure_logging("WARNING")  # the raw embedded bus logs in this process
    warnings.filterwarnings("ignore", message="The HMAC key is")  # the demo secret is short
    plan = Plan(warmup=0.5, duration=2.0, ceiling_concurrencies=()) if args.quick else Plan()
    if args.duration:
        plan = dataclasses.replace(plan, duration=args.duration)
    buses = tuple(args.bus or BUSES)
    load = other_load()
    if load > 0.25:
        print(
            f"warning: {load:.2f} cores busy before the run; figures will be low", file=sys.stderr
        )
    started = time.perf_counter()
    rows = asyncio.run(
        run_ingest(plan, buses, say=lambda text: print(f"  {text}", file=sys.stderr))
    )
    print(tables(rows))
    print()
    print("\n".join(verdicts(rows)))
    print(f"\n(ingest benchmark took {time.perf_counter() - started:.0f} s)")
    if args.write if args.write is not None else not args.quick:
        command = " ".join(["python -m bench", *(argv if argv is not None else sys.argv[1:])])
        setup = (
            f"`midoffice serve` as a child process; {plan.zaken} zaken, statussen round-robin "
            f"(volgnummer 1-3), {plan.partitions} partitions; per run {plan.warmup:g} s warm-up "
            f"+ {plan.duration:g} s measured, closed loop, one keep-alive connection per worker."
        )
        write_section(section(rows, command, setup, load))
        print(f"written to {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
