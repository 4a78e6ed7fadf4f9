#!/usr/bin/env bash
# Connections held on this machine by several push-service instances (PushScaleOutBenchmark): the open-file limit
# is per process, so each instance and each Node load driver holds at most BENCH_PER_INSTANCE sockets.
# Usage: push-service/bench/scale-out.sh   (BENCH_INSTANCES, default 6; BENCH_PER_INSTANCE, default 16700).
# Results: push-service/target/push-scale-out.md
set -euo pipefail

module_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo_dir="$(dirname "$module_dir")"

ulimit -n "$(ulimit -Hn)"
per_instance="${BENCH_PER_INSTANCE:-16700}"
if [ "$(ulimit -n)" -lt $(( per_instance + 1000 )) ]; then
  echo "the open-file limit is $(ulimit -n); $per_instance sockets per process need about $(( per_instance + 1000 ))" >&2
  exit 1
fi

(cd "$module_dir/bench" && npm ci --no-audit --no-fund --loglevel=error)

cd "$repo_dir"
mvn -B -o -q verify -pl push-service -Dit.test=PushScaleOutBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.instances="${BENCH_INSTANCES:-6}" -Dbench.connections-per-instance="$per_instance"

echo "open-file limit per process: $(ulimit -n); $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
cat "$module_dir/target/push-scale-out.md"
