"""The long fuzz run: ``python -m bench.fuzz [--inputs N] [--seed S] [--atheris RUNS]``.

Feeds each target N inputs (default 100,000) from :mod:`tests.rig.fuzzgen` and
prints one JSON line per target: inputs, time, throughput, and what happened
(crashes, disturbances of the reference participants, errors and closes the
fuzzer earned). The hub targets run on :class:`tests.rig.fuzzrig.HubRig`, a new
rig every ROTATE_EVERY inputs with the next fuzzer role, so every role is
fuzzed and the meeting does not grow without end.

Targets:

- ``control``: near-schema control messages from a welcomed participant;
- ``raw_text``: text frames with no structure (bytes, characters, token soup);
- ``hello``: a `hello` on a fresh connection, with tokens signed by the
  meeting's secret over near-valid claims, or broken tokens;
- ``rtp``: binary frames from a participant on air (an interpreter), or not;
- ``receive``: what a client receives from a hostile speaker on air, through the
  client's receive path (:class:`tests.rig.fuzzrig.ReceiveRig`: RTP header, jitter
  buffer, Opus decoder, the input strip that plays it), a new rig and the next
  kind of hostile speech (:data:`tests.rig.fuzzgen.SPEECH_KINDS`) every
  ROTATE_EVERY inputs;
- ``meeting_file``: meeting files, parsed, and served by a hub if accepted;
- ``revocation_file``: revocation files.

With ``--atheris RUNS``, each target also runs under atheris (coverage-guided,
``bench/fuzz_atheris.py``) for RUNS inputs, in a subprocess per target.

A crash is any exception out of the code under test; the run goes on with a
fresh rig, prints the input and the traceback on stderr, and exits 1.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tests.rig import fuzzgen
from tests.rig.fuzzrig import (
    ROLES,
    Disturbed,
    HubRig,
    ReceiveRig,
    Tally,
    meeting_file_input,
    revocation_file_input,
    write_keys,
)

ROTATE_EVERY = 2000
ROLES_OF: dict[str, tuple[str, ...]] = {
    "rtp": ("interpreter", "interpreter-zh", "interpreter", "interpreter-zh", "listener", "floor")
}
"""Fuzzer roles to rotate through, if not all: RTP is worth most from a speaker on air."""
HUB_TARGETS = ("control", "raw_text", "hello", "rtp")
CLIENT_TARGETS = ("receive",)
FILE_TARGETS = ("meeting_file", "revocation_file")
TARGETS = HUB_TARGETS + CLIENT_TARGETS + FILE_TARGETS
MAX_REPORTED = 5

Make = Callable[[random.Random, HubRig], Any]
"""Make one input for a rig (it may need the fuzzer's SSRC, or the meeting's signer)."""
_MAKERS: dict[str, tuple[Make, Callable[[HubRig, Any], None]]] = {
    "control": (lambda rng, rig: fuzzgen.control_message(rng), HubRig.text),
    "raw_text": (lambda rng, rig: fuzzgen.raw_text(rng), HubRig.text),
    "hello": (lambda rng, rig: fuzzgen.hello(rng, rig.sign, rig.now), HubRig.hello),
    "rtp": (lambda rng, rig: fuzzgen.rtp_packet(rng, rig.fuzzer_ssrc), HubRig.media),
}


def key_folder() -> Path:
    """A temporary folder with the files a fuzzed meeting file may name as its public_key."""
    return write_keys(Path(tempfile.mkdtemp(prefix="rsi-fuzz-")))


class Run:
    """One target's run: counts, and the first few failures."""

    def __init__(self, target: str, seed: int) -> None:
        self.target = target
        self.seed = seed
        self.inputs = 0
        self.crashes = 0
        self.disturbed = 0
        self.accepted = 0
        self.tallies: list[Tally] = []
        self.receive_figures: list[dict[str, float]] = []
        self.reported = 0

    def failed(self, kind: str, data: object, exc: BaseException) -> None:
        if kind == "disturbed":
            self.disturbed += 1
        else:
            self.crashes += 1
        if self.reported < MAX_REPORTED:
            self.reported += 1
            print(
                f"\n[{self.target}] {kind} at input {self.inputs} (seed {self.seed}): "
                f"{type(exc).__name__}: {exc}\ninput: {data!r:.600}",
                file=sys.stderr,
            )
            traceback.print_exception(exc, file=sys.stderr)

    def report(self, seconds: float) -> dict[str, Any]:
        line: dict[str, Any] = {
            "bench": "fuzz",
            "engine": "random",
            "target": self.target,
            "seed": self.seed,
            "inputs": self.inputs,
            "seconds": round(seconds, 2),
            "inputs_per_s": round(self.inputs / seconds) if seconds else None,
            "crashes": self.crashes,
            "disturbed": self.disturbed,
        }
        if self.tallies:
            codes: dict[str, int] = {}
            for tally in self.tallies:
                for code, count in tally.close_codes.items():
                    codes[str(code)] = codes.get(str(code), 0) + count
            line |= {
                "reference_packets_intact": sum(t.reference_packets for t in self.tallies),
                "forwarded_fuzz_packets": sum(t.forwarded_fuzz_packets for t in self.tallies),
                "errors_to_fuzzer": sum(t.errors_to_fuzzer for t in self.tallies),
                "fuzzer_closes": codes,
                "chair_forced_off": sum(t.chair_forced_off for t in self.tallies),
            }
        elif self.receive_figures:
            for key in self.receive_figures[0]:
                values = [figures[key] for figures in self.receive_figures]
                line[key] = max(values) if key == "peak" else sum(values)
        else:
            line["accepted"] = self.accepted
        return line


def run_hub_target(target: str, inputs: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    make, feed = _MAKERS[target]
    roles = ROLES_OF.get(target, ROLES)
    run = Run(target, seed)
    rig = HubRig(roles[0])
    rigs = 1
    started = time.perf_counter()
    while run.inputs < inputs:
        if run.inputs and run.inputs % ROTATE_EVERY == 0:
            run.tallies.append(rig.tally)
            rig = HubRig(roles[rigs % len(roles)])
            rigs += 1
        data = make(rng, rig)
        run.inputs += 1
        try:
            feed(rig, data)
        except Exception as exc:
            run.failed("disturbed" if isinstance(exc, Disturbed) else "crash", data, exc)
            run.tallies.append(rig.tally)
            rig = HubRig(roles[rigs % len(roles)])
            rigs += 1
    run.tallies.append(rig.tally)
    return run.report(time.perf_counter() - started)


def run_receive_target(inputs: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    run = Run("receive", seed)
    rigs = 0

    def fresh() -> tuple[ReceiveRig, Iterator[fuzzgen.Spoken]]:
        kind = fuzzgen.SPEECH_KINDS[rigs % len(fuzzgen.SPEECH_KINDS)]
        return ReceiveRig(), fuzzgen.hostile_speech(rng, kind)

    rig, speech = fresh()
    started = time.perf_counter()
    while run.inputs < inputs:
        if run.inputs and run.inputs % ROTATE_EVERY == 0:
            run.receive_figures.append(rig.figures())
            rigs += 1
            rig, speech = fresh()
        data, after_s = fuzzgen.received_packet(rng, speech)
        run.inputs += 1
        try:
            rig.packet(data, after_s)
        except Exception as exc:
            run.failed("disturbed" if isinstance(exc, Disturbed) else "crash", data, exc)
            run.receive_figures.append(rig.figures())
            rigs += 1
            rig, speech = fresh()
    run.receive_figures.append(rig.figures())
    return run.report(time.perf_counter() - started)


def run_file_target(target: str, inputs: int, seed: int, folder: Path) -> dict[str, Any]:
    rng = random.Random(seed)
    run = Run(target, seed)
    started = time.perf_counter()
    for _ in range(inputs):
        run.inputs += 1
        if target == "meeting_file":
            data = fuzzgen.meeting_text(rng)
            try:
                accepted = meeting_file_input(data, folder) is not None
            except Exception as exc:
                run.failed("crash", data, exc)
                continue
        else:
            data = fuzzgen.revocation_text(rng)
            try:
                accepted = revocation_file_input(data) is not None
            except Exception as exc:
                run.failed("crash", data, exc)
                continue
        run.accepted += accepted
    return run.report(time.perf_counter() - started)


_DONE = re.compile(r"Done (\d+) runs in (\d+) second")


def run_atheris(target: str, runs: int, seed: int) -> dict[str, Any]:
    """One atheris target in a subprocess; its libFuzzer summary, read from stderr."""
    started = time.perf_counter()
    command = [
        sys.executable, "-m", "bench.fuzz_atheris", target,
        f"-runs={runs}", f"-seed={seed}", "-max_len=4096", "-print_final_stats=1",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    found = _DONE.search(done.stderr)
    line: dict[str, Any] = {
        "bench": "fuzz",
        "engine": "atheris",
        "target": target,
        "seed": seed,
        "inputs": int(found[1]) if found else None,
        "seconds": round(seconds, 2),
        "inputs_per_s": round(int(found[1]) / seconds) if found else None,
        "crashes": 0 if done.returncode == 0 else 1,
        "exit_status": done.returncode,
    }
    if done.returncode != 0:
        print(
            f"\n[atheris {target}] exit {done.returncode}:\n{done.stderr[-4000:]}", file=sys.stderr
        )
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fuzz", description=__doc__)
    parser.add_argument("--inputs", type=int, default=100_000, help="inputs per target")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="10,000 inputs per target")
    parser.add_argument(
        "--targets", default=",".join(TARGETS), help=f"comma-separated: {', '.join(TARGETS)}"
    )
    parser.add_argument(
        "--atheris", type=int, metavar="RUNS", default=0, help="also run atheris, RUNS per target"
    )
    args = parser.parse_args(argv)
    inputs = 10_000 if args.quick else args.inputs
    targets = [t for t in args.targets.split(",") if t]
    unknown = [t for t in targets if t not in TARGETS]
    if unknown:
        parser.error(f"unknown target {', '.join(unknown)}; known: {', '.join(TARGETS)}")
    folder = key_folder()
    # Short secrets are warned about once per meeting file: thousands of times here.
    logging.getLogger("channels.meeting_file").setLevel(logging.ERROR)
    failed = False
    for target in targets:
        print(f"fuzzing {target}: {inputs} inputs ...", file=sys.stderr, flush=True)
        if target in HUB_TARGETS:
            line = run_hub_target(target, inputs, args.seed)
        elif target in CLIENT_TARGETS:
            line = run_receive_target(inputs, args.seed)
        else:
            line = run_file_target(target, inputs, args.seed, folder)
        print(json.dumps(line), flush=True)
        failed |= bool(line["crashes"] or line["disturbed"])
    for target in targets if args.atheris else ():
        print(f"atheris {target}: {args.atheris} runs ...", file=sys.stderr, flush=True)
        line = run_atheris(target, args.atheris, args.seed)
        print(json.dumps(line), flush=True)
        failed |= bool(line["crashes"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
