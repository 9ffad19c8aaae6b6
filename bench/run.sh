#!/usr/bin/env bash
# Times the offline preview of a stack the way a user meets it: a fresh process each time (runtime
# start-up, JIT, reading the stack file, two runs of the program, the diff and the text report).
# Usage: bench/run.sh [runs] [stack]   (default: 7 runs of prod, previewing ramp step 0 → 1)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-7}
stack=${2:-prod}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build bench/BlueGreen.Preview.Bench.csproj -c Release -v q -nologo >/dev/null
exe=bench/bin/Release/net10.0/BlueGreen.Preview.Bench
stepSetAt=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)
"$exe" --stack "$stack" ramp.step=1 "ramp.stepSetAt=$stepSetAt" >/dev/null 2>&1 # warm the disk cache, not the process

times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  "$exe" --stack "$stack" ramp.step=1 "ramp.stepSetAt=$stepSetAt" >/dev/null 2>&1
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done

sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "preview of $stack, $runs fresh processes, wall ms: ${times[*]}"
echo "min ${sorted[0]} ms, median ${sorted[$(( runs / 2 ))]} ms, max ${sorted[$(( runs - 1 ))]} ms ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
