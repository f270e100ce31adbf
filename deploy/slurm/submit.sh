#!/usr/bin/env bash
# Submits the sweep in sweep.env as a Slurm array job, one task per point, and a job that gathers the points into one
# results file and plots it once every task has succeeded. Run it from the directory the results should go to:
#   deploy/slurm/submit.sh [extra sbatch options, e.g. --partition=short]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=deploy/slurm/sweep.env
source "$here/sweep.env"

points=$("$BALLOONVIZ" sweep "${SWEEP[@]}" --list-points | wc -l)
if [ "$points" -eq 0 ]; then
  echo "submit.sh: the sweep has no points" >&2
  exit 1
fi

mkdir -p "$RESULTS_DIR" logs
# At most 32 tasks at once (%32): a point is a few seconds to minutes of one core and a few GiB for large guests.
array=$(sbatch --parsable --array="0-$((points - 1))%32" "$@" "$here/point.sbatch")
sbatch --parsable --dependency="afterok:${array%%;*}" "$@" "$here/gather.sbatch" >/dev/null
echo "submitted $points points as job $array; the gathered results will be $GATHERED and the plot $PLOT"
