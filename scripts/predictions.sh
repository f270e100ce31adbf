#!/usr/bin/env bash
# Prints the predictions table of docs/migration-model.md: legacy and free page hinting migrations of idle and busy
# (kernel build) guests at 4 to 256 GiB with the default cost profile (the seed's host, QEMU's 300 ms downtime limit,
# the upstream hinting design). Run it from the repository root after building the Release app:
#   dotnet build src/Viz.App -c Release && bash scripts/predictions.sh
set -euo pipefail

app=src/Viz.App/bin/Release/net10.0/balloonviz
[[ -x $app ]] || { echo "predictions.sh: build the app first: dotnet build src/Viz.App -c Release" >&2; exit 1; }

echo "| guest | workload | legacy time | hinting time | time ratio | legacy sent | hinting sent | bytes ratio | legacy downtime | hinting downtime |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for memory in 4GiB 8GiB 32GiB 128GiB 256GiB; do
  for workload in idle build; do
    "$app" compare --no-config --memory "$memory" --workload "$workload" --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
l, h = d["legacy"], d["hinting"]
def gib(b):
    return "%.2f GiB" % (b / 2**30)
print("| %s | %s | %.0f ms | %.0f ms | %.3f | %s | %s | %.3f | %.0f ms | %.0f ms |" % (
    sys.argv[1], sys.argv[2], l["totalTimeMs"], h["totalTimeMs"], d["timeRatio"],
    gib(l["bytesTransferred"]), gib(h["bytesTransferred"]), d["bytesRatio"], l["downtimeMs"], h["downtimeMs"]))
' "$memory" "$workload"
  done
done
