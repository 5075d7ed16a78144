"""``rsi-study``: the usability-study kit's command line.

``rsi-study check SCENARIO.toml`` reads the scenario and the meeting file it
names, and prints every problem found, one line each, on stderr (exit 2), or a
one-line summary with each participant's order of conditions (exit 0).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from channels.identity import printable
from programs.study.scenario import ScenarioError, load, presentation_order


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rsi-study", description=__doc__)
    sub = parser.add_subparsers(required=True, metavar="COMMAND")
    check = sub.add_parser("check", help="validate a scenario, one line per problem")
    check.add_argument("scenario", type=Path, help="the scenario (TOML)")
    check.add_argument(
        "--participants", type=int, default=0, help="also print the order of conditions for N"
    )
    args = parser.parse_args(argv)
    try:
        scenario = load(args.scenario)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(f"rsi-study: {printable(problem)}", file=sys.stderr)
        return 2
    names = [condition.name for condition in scenario.conditions]
    print(
        f"{args.scenario}: ok: {scenario.title!r}, {scenario.duration_s:g} s, "
        f"booth {scenario.booth}, {len(scenario.floor)} floor file(s), "
        f"{len(scenario.timeline)} event(s), conditions {', '.join(names)} ({scenario.order})"
    )
    for participant in range(max(args.participants, 0)):
        order = presentation_order(len(names), participant, scenario.order)
        print(f"participant {participant + 1}: {' then '.join(names[i] for i in order)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
