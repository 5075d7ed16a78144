#!/usr/bin/env bash
# Regenerate the demo and benchmark speech clips in resources/speech/ from the
# texts in resources/speech/texts/ (one file per language).
#
#   bash scripts/make_speech.sh            # write resources/speech/LANG.ogg
#   bash scripts/make_speech.sh OUTDIR     # write them somewhere else (to compare)
#
# Needs espeak-ng and sox with Ogg Vorbis (Debian: espeak-ng, and sox with its
# libsox-fmt-base; scripts/bootstrap.sh installs them). The same versions of
# both give byte-identical files: espeak-ng is deterministic, and `sox -R`
# fixes the Ogg stream serial number and any dither. Other versions give
# slightly different speech, equally usable.
#
# Each clip: espeak-ng at 22.05 kHz (so nothing above 11 kHz), resampled by sox's
# very-high-quality rate converter to 48 kHz mono (-G guards the resampler's
# overshoot from clipping), peak-normalised to -3 dBFS (about -22 dBFS RMS,
# a close talker), a quarter second of silence at each end, Ogg Vorbis at
# quality 3 (about 80 kb/s). The script fails if a clip is not 8-12 s long.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
texts="$here/resources/speech/texts"
out="${1:-$here/resources/speech}"

for tool in espeak-ng sox soxi; do
    command -v "$tool" >/dev/null || { echo "make_speech: $tool is not installed" >&2; exit 1; }
done
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# language  espeak-ng voice     words per minute
while read -r lang voice speed; do
    espeak-ng -v "$voice" -s "$speed" -f "$texts/$lang.txt" -w "$work/$lang.wav"
    sox -R -G "$work/$lang.wav" -c 1 -C 3 "$out/$lang.ogg" \
        rate -v 48000 gain -n -3 pad 0.25 0.25
    seconds="$(soxi -D "$out/$lang.ogg")"
    if ! awk -v s="$seconds" 'BEGIN { exit !(s >= 8 && s <= 12) }'; then
        echo "make_speech: $lang.ogg lasts $seconds s, not 8-12 s: shorten $lang.txt" >&2
        exit 1
    fi
    printf '%s.ogg  %5.2f s  %7d bytes\n' "$lang" "$seconds" "$(stat -c %s "$out/$lang.ogg")"
done <<'EOF'
en  en-gb             175
fr  fr                175
es  es                175
de  de                175
ru  ru                175
ar  ar                205
zh  cmn-latn-pinyin   200
EOF
