#!/usr/bin/env bash
# Checks the batch-engine examples under deploy/ and the repository's shell scripts: shellcheck for every script,
# yamllint for the Kubernetes manifests, and the manifests against the Kubernetes API's schemas (kubernetes-models,
# from the npm registry). Installs what is missing (Debian packages as root or through sudo; npm packages into a
# temporary directory). .ci/run calls it; it runs from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v shellcheck >/dev/null 2>&1 || need+=(shellcheck)
command -v yamllint >/dev/null 2>&1 || need+=(yamllint)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
if [ "${#need[@]}" -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo -n"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

shellcheck -x scripts/*.sh deploy/slurm/*.sh deploy/slurm/*.sbatch deploy/slurm/sweep.env .ci/run
echo "shellcheck: scripts, deploy/slurm and .ci/run are clean"

yamllint -d "{extends: default, rules: {line-length: {max: 120}}}" deploy/kubernetes
echo "yamllint: deploy/kubernetes is clean"

models=$(mktemp -d)
trap 'rm -rf "$models"' EXIT
(cd "$models" && npm install --silent --no-audit --no-fund --no-save kubernetes-models@5.1.0 yaml@2.9.1 >/dev/null)
cp scripts/validate-kubernetes.mjs "$models/"
node "$models/validate-kubernetes.mjs" deploy/kubernetes/*.yaml
