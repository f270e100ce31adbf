#!/usr/bin/env bash
# Regenerates the three sweeps of docs/sweeps.md: their results (JSON lines), tables and plots, into docs/sweeps/.
# A rerun skips the points already in a results file; delete it to run a sweep anew.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Viz.App -c Release -v quiet -nologo >/dev/null
balloonviz=src/Viz.App/bin/Release/net10.0/balloonviz
out=docs/sweeps
mkdir -p "$out"

# 1. Migration time against the share of an 8 GiB guest written and then freed, legacy and hinting, without and
#    with init_on_alloc; three seeds a point.
"$balloonviz" sweep compare --no-config --memory 8GiB --workload freed:0%..90%+10% --init-on-alloc off,on --seed 1..3 \
  --out "$out/free-fraction.jsonl" --plot "$out/free-fraction.png" >"$out/free-fraction.txt"

# 2. Migration time against guest size, 1 GiB to 256 GiB, idle and half of it written and freed.
"$balloonviz" sweep compare --no-config --memory 1GiB..256GiB*2 --workload idle,freed:50% \
  --out "$out/guest-size.jsonl" --plot "$out/guest-size.png" >"$out/guest-size.txt"

# 3. The host memory an 8 GiB guest holds a minute after it began to write and free a share of itself, without and
#    with free page reporting.
"$balloonviz" sweep run --no-config --memory 8GiB --workload freed:0%..90%+10% --reporting off,on --duration 60s \
  --out "$out/reporting.jsonl" --plot "$out/reporting.png" >"$out/reporting.txt"
