"""``rsi-study report DIR``: one HTML file and CSV files from the sessions in DIR.

For each session (condition) and participant (pseudonym): the timeline (the
floor's speech, theirs, their air, the events and their actions on the
session's clock) with the ear-voice span over time under it and, where the
engine's figures were kept, the exposure and the link over time under that;
the reaction times, and the LAeq. Then a table comparing the conditions. The
plots are PNG images inside the HTML (matplotlib, drawn here), so the file opens
anywhere without a network. The CSV files hold every measure for the
researcher's own statistics:

- ``evs.csv``: one row per rendered floor utterance;
- ``reactions.csv``: one row per task (event that asked for an answer);
- ``figures.csv``: the link's and the hearing protection's figures, one row a second;
- ``summary.csv``: one row per participant and session (with the figures' means and maxima).
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import math
import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import matplotlib

matplotlib.use("Agg")  # no display: draw into memory
import matplotlib.pyplot as plt

from programs.study.sessionfolder import SessionFolderError, about, measure

SUMMARY_FIELDS: Final = (
    "session",
    "condition",
    "participant",
    "evs_median_s",
    "evs_count",
    "reaction_mean_s",
    "tasks",
    "misses",
    "silences",
    "overlap_share",
    "off_air_speech_s",
    "laeq_db",
    "sus",
    "tlx_raw",
)
FIGURE_SUMMARY: Final = (
    ("leq_spl", "max"),
    ("gain_reduction_db", "max"),
    ("rtt_ms", "mean"),
    ("rtt_ms", "max"),
    ("jitter_ms", "mean"),
    ("jitter_ms", "max"),
    ("loss", "mean"),
    ("loss", "max"),
    ("buffer_ms", "mean"),
    ("buffer_ms", "max"),
    ("concealed", "max"),
    ("underruns", "max"),
)
"""The figures over time summed up in ``summary.csv``: column ``{figure}_{mean or max}``."""
FIGURE_FIELDS: Final = (
    "session",
    "condition",
    "participant",
    "session_s",
    "connected",
    "stalled_s",
    "rtt_ms",
    "jitter_ms",
    "loss",
    "buffer_ms",
    "concealed",
    "stretched",
    "shrunk",
    "dropped",
    "underruns",
    "protection",
    "gain_reduction_db",
    "leq_spl",
    "input_spl",
    "mic_dbfs",
    "inputs",
)


def sessions_in(out: Path) -> list[Path]:
    """The session folders of ``out`` in the order they ran; an error if there are none."""
    if not out.is_dir():
        raise SessionFolderError(f"{out} is not a folder; give the --out folder of rsi-study run")
    found = sorted(d for d in out.iterdir() if (d / "session.json").is_file())
    if not found:
        raise SessionFolderError(f"{out} holds no session (no */session.json): nothing to report")
    return found


def report(out: Path) -> Path:
    """Measure every participant of every session in ``out``; write the report and CSVs."""
    rows: list[dict[str, Any]] = []
    sections: list[str] = []
    evs_rows: list[dict[str, Any]] = []
    reaction_rows: list[dict[str, Any]] = []
    figure_rows: list[dict[str, Any]] = []
    title = ""
    for session in sessions_in(out):
        info = about(session)
        title = info["scenario"]
        for person in info["participants"]:
            found = measure(session, person)
            (session / person / "measures.json").write_text(json.dumps(found, indent=1))
            key = {"session": session.name, "condition": info["condition"], "participant": person}
            evs_rows += [
                {**key, "floor_at_s": at, "evs_s": lag} for at, lag in found["ear_voice_span_s"]
            ]
            reaction_rows += [{**key, **reaction} for reaction in found["reactions"]]
            figure_rows += [{**key, **_flat(line)} for line in found["figures"]]
            rows.append({**key, **_summary(found)})
            sections.append(_section(session.name, info, found))
    _write_csv(
        out / "evs.csv", ("session", "condition", "participant", "floor_at_s", "evs_s"), evs_rows
    )
    _write_csv(
        out / "reactions.csv",
        ("session", "condition", "participant", "event", "kind", "seconds", "action"),
        reaction_rows,
    )
    _write_csv(out / "figures.csv", FIGURE_FIELDS, figure_rows)
    summary = (*SUMMARY_FIELDS, *(f"{name}_{how}" for name, how in FIGURE_SUMMARY))
    _write_csv(out / "summary.csv", summary, rows)
    page = out / "report.html"
    page.write_text(_page(title, rows, sections), encoding="utf-8")
    return page


def _summary(found: dict[str, Any]) -> dict[str, Any]:
    spans = [lag for _, lag in found["ear_voice_span_s"]]
    answered = [r["seconds"] for r in found["reactions"] if r["seconds"] is not None]
    return {
        "evs_median_s": round(statistics.median(spans), 3) if spans else None,
        "evs_count": len(spans),
        "reaction_mean_s": round(statistics.fmean(answered), 3) if answered else None,
        "tasks": len(found["reactions"]),
        "misses": sum(r["seconds"] is None for r in found["reactions"]),
        "silences": len(found["silences"]),
        "overlap_share": found["overlap_share"],
        "off_air_speech_s": round(sum(b - a for a, b in found["off_air_speech"]), 2),
        "laeq_db": found["laeq_db"],
        **_questionnaire(found),
        **_figure_summary(found["figures"]),
    }


def _figure_summary(lines: list[dict[str, Any]]) -> dict[str, Any]:
    """Each of :data:`FIGURE_SUMMARY` over the figures' lines (None where none had it)."""
    summary: dict[str, Any] = {}
    for name, how in FIGURE_SUMMARY:
        values = [float(line[name]) for line in lines if line.get(name) is not None]
        value = (statistics.fmean(values) if how == "mean" else max(values)) if values else None
        summary[f"{name}_{how}"] = None if value is None else round(value, 4)
    return summary


def _flat(line: dict[str, Any]) -> dict[str, Any]:
    """A line of ``figures.jsonl`` as a row of ``figures.csv`` (inputs: "channel:dBFS ...")."""
    inputs = " ".join(f"{i['channel']}:{i['dbfs']}" for i in line.get("inputs", []))
    return {**line, "inputs": inputs}


def _questionnaire(found: dict[str, Any]) -> dict[str, Any]:
    scores = found["questionnaire"] or {}
    return {"sus": scores.get("sus"), "tlx_raw": scores.get("tlx_raw")}


def _write_csv(path: Path, fields: Sequence[str], rows: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(fields), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def _figure(found: dict[str, Any], duration: float) -> str:
    """The timeline, the ear-voice span, then the exposure and the link over time (when the
    figures were kept), as a data: URL of a PNG."""
    lines = found["figures"]
    ratios = [3.0, 2.0, *([1.6, 1.6] if lines else [])]
    fig, axes = plt.subplots(
        len(ratios),
        1,
        figsize=(10, 0.85 * sum(ratios)),
        sharex=True,
        gridspec_kw={"height_ratios": ratios},
    )
    top, evs = axes[0], axes[1]
    lanes = (
        ("floor_speech", "floor", "#7a8ca3"),
        ("speech", "speech", "#2b7bba"),
        ("on_air", "on air", "#c0392b"),
    )
    for lane, (name, _, colour) in enumerate(lanes):
        bars = [(a, b - a) for a, b in found[name]]
        top.broken_barh(bars, (2 - lane - 0.35, 0.7), color=colour)
    top.set_yticks([2, 1, 0], [label for _, label, _ in lanes])
    for at, kind in found["events"]:
        for axis in axes:
            axis.axvline(at, color="#444", linestyle="--", linewidth=0.8)
        top.text(at, 2.55, kind, rotation=20, fontsize=7, va="bottom")
    for at, action in found["actions"]:
        top.plot(at, -0.55, marker="^", color="#27ae60", markersize=6)
        top.text(at + 0.05, -0.75, action, fontsize=6, color="#27ae60")
    top.set_ylim(-1.0, 3.2)
    spans = found["ear_voice_span_s"]
    evs.plot([a for a, _ in spans], [lag for _, lag in spans], marker="o", color="#2b7bba")
    evs.set_ylabel("ear-voice span (s)")
    evs.set_ylim(bottom=0)
    if lines:
        _over_time(
            axes[2], lines, (("leq_spl", "Leq"), ("input_spl", "input")), "exposure (dB SPL)"
        )
        axes[2].set_ylim(bottom=0)  # silence reads far below hearing
        _over_time(
            axes[3],
            lines,
            (("rtt_ms", "round trip"), ("jitter_ms", "jitter"), ("buffer_ms", "buffer")),
            "link (ms)",
        )
    axes[-1].set_xlabel("session time (s)")
    axes[-1].set_xlim(0, duration)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90)
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _over_time(
    axis: Any, lines: list[dict[str, Any]], curves: Sequence[tuple[str, str]], label: str
) -> None:
    """Figures of ``figures.jsonl`` against the session's clock (a gap where one is unknown)."""
    times = [float(line["session_s"]) for line in lines]
    for key, name in curves:
        values = [math.nan if line.get(key) is None else float(line[key]) for line in lines]
        axis.plot(times, values, label=name, linewidth=1.2)
    axis.set_ylabel(label)
    axis.legend(loc="upper right", fontsize=7, ncols=len(curves))


def _section(session: str, info: dict[str, Any], found: dict[str, Any]) -> str:
    e = html.escape
    reactions = "".join(
        f"<tr><td>{r['event']}</td><td>{e(r['kind'])}</td>"
        f"<td>{_seconds(r['seconds'])}</td>"
        f"<td>{e(r['action'] or '')}</td></tr>"
        for r in found["reactions"]
    )
    return (
        f"<h2>{e(found['participant'])}, session {e(session)} ({e(info['condition'])})</h2>"
        f'<img alt="timeline and ear-voice span of {e(found["participant"])}" '
        f'src="{_figure(found, float(info["duration_s"]))}">'
        f"<p>Exposure: L<sub>Aeq</sub> {found['laeq_db']} dB SPL (calibration "
        f"{info['spl_at_full_scale']} dB SPL at full scale). Overlap with the floor: "
        f"{found['overlap_share']:.0%} of their speech. Speech off air: "
        f"{len(found['off_air_speech'])} time(s).</p>"
        f"{_link(found['figures'])}"
        f"{_answers(found['questionnaire'])}"
        "<table><tr><th>event</th><th>kind</th><th>reaction</th><th>action</th></tr>"
        f"{reactions}</table>"
    )


def _link(lines: list[dict[str, Any]]) -> str:
    if not lines:
        return ""
    got = _figure_summary(lines)
    return (
        f"<p>Link (figures.csv): round trip {_ms(got['rtt_ms_mean'])} on average, "
        f"{_ms(got['rtt_ms_max'])} at most; jitter at most {_ms(got['jitter_ms_max'])}; "
        f"buffer {_ms(got['buffer_ms_mean'])} on average; {got['concealed_max']:g} frames "
        f"concealed. Exposure Leq at most {got['leq_spl_max']:g} dB SPL; the protection "
        f"reduced the gain by {got['gain_reduction_db_max']:g} dB at most.</p>"
    )


def _ms(value: float | None) -> str:
    return "unknown" if value is None else f"{value:.0f} ms"


def _answers(scores: dict[str, Any] | None) -> str:
    if scores is None:
        return ""
    own = ", ".join(str(answer) for answer in scores["likert"]) or "none"
    return (
        f"<p>Questionnaires: SUS {scores['sus']:g} (0-100), raw NASA-TLX "
        f"{scores['tlx_raw']:g} (0-100); the scenario's own items: {own}.</p>"
    )


def _seconds(value: float | None) -> str:
    return "missed" if value is None else f"{value:.3f} s"


def _page(title: str, rows: list[dict[str, Any]], sections: list[str]) -> str:
    e = html.escape
    by_condition: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_condition.setdefault(row["condition"], []).append(row)
    comparison = "".join(
        f"<tr><td>{e(condition)}</td><td>{len(group)}</td>"
        f"<td>{_mean(group, 'evs_median_s')}</td><td>{_mean(group, 'reaction_mean_s')}</td>"
        f"<td>{sum(r['misses'] for r in group)}</td><td>{_mean(group, 'laeq_db')}</td>"
        f"<td>{_mean(group, 'sus')}</td><td>{_mean(group, 'tlx_raw')}</td></tr>"
        for condition, group in by_condition.items()
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{e(title)}: study report</title><style>"
        "body{font-family:sans-serif;max-width:60em;margin:auto}"
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:.2em .6em}"
        "img{max-width:100%}</style></head><body>"
        f"<h1>{e(title)}</h1><p>Participants appear under pseudonyms. Made by rsi-study report "
        "from the folder beside this file; nothing was sent anywhere.</p>"
        "<h2>Conditions compared</h2><table><tr><th>condition</th><th>participants</th>"
        "<th>median ear-voice span (s)</th><th>mean reaction (s)</th><th>missed tasks</th>"
        "<th>L<sub>Aeq</sub> (dB SPL)</th><th>SUS</th><th>raw NASA-TLX</th></tr>"
        f"{comparison}</table>" + "".join(sections) + "</body></html>"
    )


def _mean(rows: list[dict[str, Any]], key: str) -> str:
    values = [r[key] for r in rows if r[key] is not None]
    return f"{statistics.fmean(values):.3f}" if values else "none"
