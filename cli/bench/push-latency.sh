#!/usr/bin/env bash
# Issue 7's end-to-end latencies on the real pipeline (PushLatencyBenchmark): strategy put in etcd -> 10k connected
# clients updated, and gateway event -> feed at rising rates up to 10k events/s, each with its Kafka peer measured
# in the same run. Results: cli/target/benchmarks/push-latency.md (copy the tables into docs/benchmarks.md, push).
# Extra arguments go to Maven, e.g. -Dbench.users=2000 -Dbench.strategy-rounds=1 -Dbench.step-seconds=5.
set -euo pipefail
cd "$(dirname "$0")/../.."

# 10k server sockets live in the demo's JVM and 10k client sockets in the benchmark's: each needs its own headroom
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" -lt 12000 ]; then
  echo "the open-file limit is $(ulimit -n); the benchmark needs about 11,000 per process" >&2
  exit 1
fi

mvn -B -o verify -pl cli -Dit.test=PushLatencyBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest.jvm.args="-Xmx2g --add-opens=java.base/java.nio.channels.spi=ALL-UNNAMED" "$@"
cat cli/target/benchmarks/push-latency.md
