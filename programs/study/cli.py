"""``rsi-study``: the usability-study kit's command line.

``rsi-study check SCENARIO.toml`` reads the scenario and the meeting file it
names, and prints every problem found, one line each, on stderr (exit 2), or a
one-line summary with each participant's order of conditions (exit 0).

``rsi-study report DIR`` writes DIR/report.html and CSV files of every
measure (:mod:`programs.study.report`).

``rsi-study run SCENARIO.toml --out DIR`` runs the scenario with a person at
the console (:mod:`programs.study.people`: it starts ``rsi-console --study``,
which asks for consent first); ``--participants N`` rehearses it with N
scripted interpreters instead (:mod:`programs.study.rehearsal`). Either way
each condition is a session in a folder of DIR, with the recordings, logs and
``measures.json`` per participant; one JSON line per session on stdout.
Exit codes: 0 done, 2 a bad scenario or argument, 3 the session failed, 4 the
participant declined (that session's folder is removed; the ones before stay).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from channels.identity import printable
from programs.study import people, rehearsal, sessionfolder
from programs.study.rehearsal import Script
from programs.study.scenario import Scenario, ScenarioError, load, presentation_order
from programs.study.sessionfolder import SessionFolderError
from programs.study.staging import Declined, SessionError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rsi-study", description=__doc__)
    sub = parser.add_subparsers(required=True, metavar="COMMAND")
    check = sub.add_parser("check", help="validate a scenario, one line per problem")
    check.set_defaults(command="check")
    check.add_argument("scenario", type=Path, help="the scenario (TOML)")
    check.add_argument(
        "--participants", type=int, default=0, help="also print the order of conditions for N"
    )
    run = sub.add_parser("run", help="run a scenario with a person at the console, or rehearse it")
    run.set_defaults(command="run")
    run.add_argument("scenario", type=Path, help="the scenario (TOML)")
    run.add_argument("--out", type=Path, required=True, help="the folder for the recordings")
    run.add_argument(
        "--participants",
        type=int,
        help="rehearse with N scripted interpreters (1-3) instead of a person at the console",
    )
    run.add_argument("--group", type=int, default=0, help="whose order of conditions (from 0)")
    run.add_argument("--evs", type=float, default=Script().evs_s, help="scripted ear-voice span, s")
    run.add_argument(
        "--answer", type=float, default=Script().answer_s, help="scripted time to answer, s"
    )
    report = sub.add_parser("report", help="HTML report and CSV files from a run's folder")
    report.set_defaults(command="report")
    report.add_argument("folder", type=Path, help="the --out folder of rsi-study run")
    args = parser.parse_args(argv)
    if args.command == "report":
        return _report(args.folder)
    try:
        scenario = load(args.scenario)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(f"rsi-study: {printable(problem)}", file=sys.stderr)
        return 2
    if args.command == "run":
        return _run(args, scenario)
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


def _report(folder: Path) -> int:
    try:
        from programs.study.report import report
    except ImportError as exc:
        print(
            f"rsi-study: the report needs matplotlib ({exc}); pip install 'rsi-console[study]'",
            file=sys.stderr,
        )
        return 2
    try:
        page = report(folder)
    except (SessionFolderError, OSError) as exc:
        print(f"rsi-study: {printable(exc)}", file=sys.stderr)
        return 2
    print(f"{page} (and evs.csv, reactions.csv, figures.csv, summary.csv beside it)")
    return 0


def _run(args: argparse.Namespace, scenario: Scenario) -> int:
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        if args.participants is None:
            sessions = people.run(scenario, args.out, group=args.group)
        else:
            sessions = rehearsal.run(
                scenario,
                args.out,
                args.participants,
                script=Script(evs_s=args.evs, answer_s=args.answer),
                group=args.group,
            )
    except Declined as exc:
        print(f"rsi-study: {exc}; the session's folder was removed", file=sys.stderr)
        return 4
    except (SessionError, ValueError, OSError) as exc:
        print(f"rsi-study: {printable(exc)}", file=sys.stderr)
        return 3
    for session in sessions:
        summary: dict[str, object] = {"session": session.name}
        for person in sessionfolder.about(session)["participants"]:
            found = sessionfolder.measure(session, person)
            (session / person / "measures.json").write_text(json.dumps(found, indent=1))
            spans = [lag for _, lag in found["ear_voice_span_s"]]
            summary[person] = {
                "evs_s": round(sum(spans) / len(spans), 3) if spans else None,
                "reactions_s": [r["seconds"] for r in found["reactions"]],
            }
        print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
