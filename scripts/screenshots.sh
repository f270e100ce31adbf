#!/usr/bin/env bash
# Drives the real balloonviz in tmux and turns its screens into PNGs in screenshots/:
#   main.png (default theme, a 3 GiB hog holding its memory), migration.png (a live migration with free page hinting
#   under way, slowed down to show its first pass), poison.png (the same after it freed it under
#   page_poison), help.png (the ? screen), light.png (the light theme, zoomed in), mono.png (glyphs only),
#   projector.png (120x35: the side panels by priority, a finished migration in the status bar),
#   laptop.png (an 80x24 terminal: no side panels, the summary line), too-small.png (a 50x15 terminal),
#   colours-16.png and colours-256.png (the same guest on a 16-colour and a 256-colour terminal), host.png (four guests
#   on one overcommitted host: the host view), host-guest.png (the second of them in full), demo-chapter.png and
#   demo.png (balloonviz demo headline at 120x35: waiting at a chapter mark, then the legacy migration in slow motion)
#   demo-laptop.png (demo reporting at 80x24), demo-step.png (the features line a step changed, pointed out),
#   versus.png and versus-projector.png (--versus hinting=on: the same
#   guest without and with hinting, migrating side by side, at 160x45 and 120x35).
# The sessions say COLORTERM=truecolor, as a 24-bit terminal does, except where a shot chooses its depth.
# Needs tmux, aha, chromium and fonts-dejavu-core (apt-get install -y tmux aha chromium fonts-dejavu-core).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in tmux aha chromium; do
  command -v "$tool" >/dev/null || { echo "screenshots.sh: $tool is missing (apt-get install -y tmux aha chromium fonts-dejavu-core)" >&2; exit 1; }
done

dotnet build src/Viz.App -c Release -v quiet -nologo >/dev/null
app="$PWD/src/Viz.App/bin/Release/net10.0/balloonviz"
out="$PWD/screenshots"
work="$(mktemp -d)"
session="bvz-shots-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT

# start COLS ROWS ARGS...: starts the app in a fresh tmux session of that size.
start() {
  local cols=$1 rows=$2; shift 2
  tmux kill-session -t "$session" 2>/dev/null || true
  tmux new-session -d -s "$session" -x "$cols" -y "$rows" -e COLORTERM=truecolor "$app $*"
  sleep 4
}

# shoot NAME COLS ROWS: captures the pane with its colours and renders it to screenshots/NAME.png.
shoot() {
  local name=$1 cols=$2 rows=$3
  # The 16 ANSI colours become xterm's default RGB for them: aha draws bright backgrounds (SGR 100-107) as black.
  tmux capture-pane -t "$session" -p -e -N \
    | perl -pe 'BEGIN { @rgb = ("0;0;0","205;0;0","0;205;0","205;205;0","0;0;238","205;0;205","0;205;205","229;229;229","127;127;127","255;0;0","0;255;0","255;255;0","92;92;255","255;0;255","0;255;255","255;255;255") }
        s{\e\[(\d+)m}{ my $c = $1; $c >= 30 && $c <= 37 ? "\e[38;2;$rgb[$c-30]m" : $c >= 90 && $c <= 97 ? "\e[38;2;$rgb[$c-82]m"
          : $c >= 40 && $c <= 47 ? "\e[48;2;$rgb[$c-40]m" : $c >= 100 && $c <= 107 ? "\e[48;2;$rgb[$c-92]m" : "\e[${c}m" }ge' \
    > "$work/$name.ans"
  # Half blocks become two-colour gradients filling the whole line (a font's ▀ leaves a gap under each row);
  # text spans get a hair of padding so their backgrounds meet.
  aha --black -f "$work/$name.ans" \
    | perl -CSD -pe 's{<span style="color:(#[0-9a-f]{6});background-color:(#[0-9a-f]{6});">(▀+)</span>}{<span class="hb" style="background:linear-gradient($1 50%,$2 50%);">$3</span>}g' \
    | sed 's|</head>|<style>body{margin:0;background:#000}pre{margin:0;font-family:"DejaVu Sans Mono",monospace;font-size:14px;line-height:17px}span{padding-bottom:0.7px}.hb{display:inline-block;height:17px;vertical-align:top;padding:0;color:transparent}</style></head>|' \
    > "$work/$name.html"
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size=$((cols * 17 / 2 + 8)),$((rows * 17 + 8)) \
    --screenshot="$out/$name.png" "file://$work/$name.html" >/dev/null 2>&1
  echo "screenshots/$name.png"
}

keys() { tmux send-keys -t "$session" "$@"; sleep 0.7; }

mkdir -p "$out"
start 160 45 --memory 8GiB --workload hog:3GiB --seed 1
sleep 2
keys Right Right Down
shoot main 160 45
keys '?'
shoot help 160 45
keys Escape
keys t
keys z
keys z
shoot light 160 45
keys t t t t
shoot mono 160 45
keys q
start 160 45 --memory 8GiB --workload build --hinting on --seed 1
sleep 3
keys -
keys - - - -
keys m
shoot migration 160 45
keys q
start 160 45 --memory 8GiB --workload hog:3GiB --poison page_poison --speed 2 --seed 1
sleep 4
keys Right Right Down
shoot poison 160 45
keys q
start 120 35 --memory 8GiB --workload build --hinting on --seed 1
sleep 3
keys m
sleep 1
shoot projector 120 35
keys q
start 80 24 --memory 8GiB --workload build --seed 1
sleep 2
shoot laptop 80 24
keys q
start 50 15
shoot too-small 50 15
keys q
start 120 35 --memory 8GiB --workload hog:3GiB --reporting on --seed 1 --colours 16
sleep 2
shoot colours-16 120 35
keys q
start 120 35 --memory 8GiB --workload hog:3GiB --reporting on --seed 1 --colours 256
sleep 2
shoot colours-256 120 35
keys q
start 160 45 --guest 1GiB:build --guest 1GiB:hog:700MiB@128MiB/s,reporting=on --guest 512MiB:pagecache:300MiB --guest 1GiB:hog:900MiB@64MiB/s --host-memory 2GiB --speed 4 --seed 1
sleep 4
shoot host 160 45
keys 2
shoot host-guest 160 45
keys q
start 120 35 demo headline --no-config
sleep 1
shoot demo-chapter 120 35
keys Space
sleep 2
shoot demo 120 35
keys q
start 80 24 demo reporting --no-config
sleep 1
shoot demo-laptop 80 24
keys q
start 120 35 demo reporting --no-stops --no-config
sleep 6.5
shoot demo-step 120 35
keys q
start 160 45 --memory 8GiB --workload freed:60% --versus hinting=on --seed 1 --no-config
sleep 12
keys m
sleep 1
shoot versus 160 45
keys q
start 120 35 --memory 8GiB --workload freed:60% --versus hinting=on --seed 1 --no-config
sleep 12
keys m
sleep 2
shoot versus-projector 120 35
keys q
