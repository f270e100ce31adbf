#!/usr/bin/env bash
# Measures the CPU the running visualizer uses while paused: starts it in tmux (160x45, 8 GiB guest, paused), lets it
# settle, then reads utime+stime from /proc/PID/stat over a window. Prints the share of one core in percent.
# Usage: scripts/paused-cpu.sh [SECONDS]   (needs tmux; builds Release first)
set -euo pipefail
cd "$(dirname "$0")/.."
window=${1:-20}
dotnet build src/Viz.App -c Release -v quiet -nologo >/dev/null
app="$PWD/src/Viz.App/bin/Release/net10.0/balloonviz"
folder="$(mktemp -d)"
socket="$folder/socket"
trap 'tmux -S "$socket" kill-server 2>/dev/null || true; rm -rf "$folder"' EXIT
tmux -S "$socket" new-session -d -s cpu -x 160 -y 45 "$app --memory 8GiB --speed paused"
sleep 15
pid=$(pgrep -f -n "^$app --memory 8GiB --speed paused")
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks)
sleep "$window"
after=$(ticks)
awk -v t=$((after - before)) -v hz="$hz" -v s="$window" 'BEGIN { printf "paused CPU: %.2f%% of one core over %d s\n", 100 * t / hz / s, s }'
tmux -S "$socket" send-keys -t cpu q
