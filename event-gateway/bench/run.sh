#!/usr/bin/env bash
# Event gateway benchmark, in one run on one machine and one broker:
#   (a) the gateway: single-event POST /v1/events (req/s, p50/p99), batched 100 events per request (events/s),
#       and p99 at half the single-event maximum rate (wrk paced with delay());
#   (b) nginx answering 204 on the same path, same wrk script, threads and connections;
#   (c) Kafka's ProducerPerformance against the same broker, same record size and the gateway's producer settings
#       (acks=all, idempotence, linger, compression).
# Usage: event-gateway/bench/run.sh   (env: DURATION=20s CONNECTIONS=256 THREADS=2 NGINX_PORT=18089)
# Prints a markdown table; the raw outputs stay in the work directory it names.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MODULE="$(dirname "$HERE")"
ROOT="$(dirname "$MODULE")"
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-256}"
THREADS="${THREADS:-2}"
NGINX_PORT="${NGINX_PORT:-18089}"
BATCH=100
WORK="$(mktemp -d /tmp/gateway-bench.XXXXXX)"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT

for tool in wrk nginx java mvn; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done

echo "bench: building event-gateway and its test classpath (work dir $WORK)" >&2
mvn -B -o -q -f "$ROOT/pom.xml" install -pl event-gateway -DskipTests
mvn -B -o -q -f "$ROOT/pom.xml" dependency:build-classpath -pl event-gateway -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/classpath.txt"
CLASSPATH_ALL="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$WORK/classpath.txt")"

echo "bench: starting broker, registry and gateway" >&2
java -Xms1g -Xmx1g -cp "$CLASSPATH_ALL" io.streamrec.gateway.GatewayBenchmarkEnvironment "$WORK/ready.env" \
  >"$WORK/environment.log" 2>&1 &
PIDS+=("$!")
for _ in $(seq 1 120); do
  [ -f "$WORK/ready.env" ] && break
  sleep 1
done
[ -f "$WORK/ready.env" ] || { echo "bench: the environment did not start; see $WORK/environment.log" >&2; exit 1; }
setting() { sed -n "s/^$1=//p" "$WORK/ready.env"; }
gateway_port=$(setting gateway_port)
topic=$(setting topic)
record_size=$(setting record_size)
# the gateway's batching and durability settings; not its short max.block.ms and timeouts, which turn a full buffer
# into an HTTP 503 where ProducerPerformance is meant to wait
producer_props=$(setting producer_props | tr ' ' '\n' \
  | grep -v -e '^max.block.ms=' -e '^delivery.timeout.ms=' -e '^request.timeout.ms=' -e '^client.id=' | tr '\n' ' ')
GATEWAY="http://127.0.0.1:$gateway_port/v1/events"
STREAMREC_BENCH_KEY=$(setting api_key)
export STREAMREC_BENCH_KEY

echo "bench: starting nginx on $NGINX_PORT" >&2
mkdir -p "$WORK/nginx"
sed "s/__PORT__/$NGINX_PORT/" "$HERE/nginx.conf" >"$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' 2>"$WORK/nginx.log" &
PIDS+=("$!")
sleep 1

# run NAME URL EVENTS_PER_REQUEST [DELAY_MS] [CONNECTIONS]: wrk's output goes to $WORK/NAME.txt
run() {
  local name="$1" url="$2" events="$3" delay="${4:-0}" connections="${5:-$CONNECTIONS}"
  echo "bench: $name ($connections connections, $DURATION)" >&2
  STREAMREC_BENCH_EVENTS="$events" STREAMREC_BENCH_DELAY_MS="$delay" \
    wrk -t"$THREADS" -c"$connections" -d"$DURATION" --latency -s "$HERE/events.lua" "$url" >"$WORK/$name.txt"
}
rps() { awk '/^Requests\/sec/ {print $2}' "$WORK/$1.txt"; }
# wrk prints latencies as 812.00us, 1.23ms or 1.05s: in ms
percentile() {
  awk -v p="$2%" '$1 == p {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)}
    else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}' "$WORK/$1.txt"
}
errors() { awk '/Non-2xx or 3xx responses/ {print $NF; found=1} END {if (!found) print 0}' "$WORK/$1.txt"; }

# the machine may be shared: the load average says how much, and the ratios of the same run are what compare
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
run warmup "$GATEWAY" 1
run gateway-single "$GATEWAY" 1
run nginx-single "http://127.0.0.1:$NGINX_PORT/v1/events" 1
run gateway-batch "$GATEWAY" "$BATCH"

records=$(awk -v r="$(rps gateway-batch)" 'BEGIN {n = int(r * 100 * 20); if (n < 500000) n = 500000; print n}')
echo "bench: ProducerPerformance, $records records of $record_size bytes" >&2
# shellcheck disable=SC2086 # producer_props is a list of key=value pairs
java -Xms512m -Xmx512m -cp "$CLASSPATH_ALL" org.apache.kafka.tools.ProducerPerformance --topic "$topic" \
  --num-records "$records" --record-size "$record_size" --throughput -1 \
  --producer-props $producer_props client.id=producer-performance >"$WORK/producer-performance.txt" 2>&1
pp_rate=$(awk '/records sent/ {line=$0} END {split(line, a, ","); split(a[2], b, " "); print b[1]}' \
  "$WORK/producer-performance.txt")

single=$(rps gateway-single)
half=$(awk -v r="$single" 'BEGIN {printf "%d", r / 2}')
# wrk waits delay() after each answer, so a connection's rate is 1 / (delay + latency): short calibration runs
# measure the latency at the rate they reach and correct the delay for it, until the rate is within 10 % of the
# target (the latency depends on the rate, and on a shared machine on the load too, so one correction can overshoot)
delay=$(awk -v c="$CONNECTIONS" -v h="$half" 'BEGIN {d = int(c * 1000 / h + 0.5); if (d < 1) d = 1; print d}')
for _ in 1 2 3; do
  DURATION=5s run gateway-half-rate-calibration "$GATEWAY" 1 "$delay"
  reached=$(rps gateway-half-rate-calibration)
  if awk -v r="$reached" -v h="$half" 'BEGIN {exit !(r > h * 0.9 && r < h * 1.1)}'; then
    break
  fi
  delay=$(awk -v c="$CONNECTIONS" -v h="$half" -v d="$delay" -v r="$reached" \
    'BEGIN {latency = c * 1000 / r - d; d = int(c * 1000 / h - latency + 0.5); if (d < 1) d = 1; print d}')
done
run gateway-half-rate "$GATEWAY" 1 "$delay"

nginx_rps=$(rps nginx-single)
batch_events=$(awk -v r="$(rps gateway-batch)" -v b="$BATCH" 'BEGIN {printf "%.0f", r * b}')
cat <<TABLE

Measured $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, record size $record_size B,
load average (1/5/15 min) $load_before before the run and $(cut -d' ' -f1-3 /proc/loadavg) after it

| run | result | p50 | p99 | non-2xx |
|---|---|---|---|---|
| gateway, 1 event per POST | $(printf '%.0f' "$single") req/s | $(percentile gateway-single 50) ms | $(percentile gateway-single 99) ms | $(errors gateway-single) |
| nginx 204, same script | $(printf '%.0f' "$nginx_rps") req/s | $(percentile nginx-single 50) ms | $(percentile nginx-single 99) ms | $(errors nginx-single) |
| gateway, $BATCH events per POST | $batch_events events/s ($(printf '%.0f' "$(rps gateway-batch)") req/s) | $(percentile gateway-batch 50) ms | $(percentile gateway-batch 99) ms | $(errors gateway-batch) |
| ProducerPerformance, same broker | $(printf '%.0f' "$pp_rate") records/s | | | |
| gateway at half max rate (target $half req/s, $delay ms pacing) | $(printf '%.0f' "$(rps gateway-half-rate)") req/s | $(percentile gateway-half-rate 50) ms | $(percentile gateway-half-rate 99) ms | $(errors gateway-half-rate) |

| ratio | value | target |
|---|---|---|
| gateway / nginx (single) | $(awk -v a="$single" -v b="$nginx_rps" 'BEGIN {printf "%.2f", a / b}') | >= 0.5 |
| gateway batched / ProducerPerformance | $(awk -v a="$batch_events" -v b="$pp_rate" 'BEGIN {printf "%.2f", a / b}') | >= 0.9 |

Raw outputs: $WORK
TABLE
