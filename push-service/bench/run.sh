#!/usr/bin/env bash
# Push service benchmark: sockets held, RSS per socket, fan-out and produce->push latency, against a bare Undertow
# WebSocket server in the same run (each server in its own JVM with the same flags; load from feed-load.mjs).
# Usage: push-service/bench/run.sh            (from anywhere; BENCH_CONNECTIONS, BENCH_ROUNDS, BENCH_RATE,
#        BENCH_RATE_SECONDS override the defaults). Results: push-service/target/push-benchmark.md
set -euo pipefail

module_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo_dir="$(dirname "$module_dir")"

# every socket is a file descriptor on both sides: raise the limit as far as this machine lets us
wanted_fds=1048576
if ! ulimit -n "$wanted_fds" 2>/dev/null; then
  ulimit -n "$(ulimit -Hn)"
  echo "note: the hard limit on open files is $(ulimit -Hn); raising it needs CAP_SYS_RESOURCE" \
       "(e.g. LimitNOFILE=1048576 in a systemd unit, or 'nofile' in /etc/security/limits.conf)" >&2
fi
fd_limit="$(ulimit -n)"
# the server JVM keeps a few hundred descriptors for itself (jars, Kafka, epoll)
default_connections=$(( fd_limit > 101000 ? 100000 : fd_limit - 1000 ))
connections="${BENCH_CONNECTIONS:-$default_connections}"

(cd "$module_dir/bench" && npm ci --no-audit --no-fund --loglevel=error)

cd "$repo_dir"
mvn -B -o -q verify -pl push-service -Dit.test=PushBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.connections="$connections" \
  -Dbench.rounds="${BENCH_ROUNDS:-5}" \
  -Dbench.rate="${BENCH_RATE:-10000}" \
  -Dbench.rate-seconds="${BENCH_RATE_SECONDS:-5}"

echo "open-file limit: $fd_limit; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
cat "$module_dir/target/push-benchmark.md"
