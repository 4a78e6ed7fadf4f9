#!/usr/bin/env bash
# Checks the AMI templates and their provisioning without AWS credentials or network (CI runs it):
#   1. packer fmt -check and packer validate of the configuration (this directory);
#   2. shellcheck of every script, and `set -euo pipefail` in every one that is run rather than sourced;
#   3. the local null-source build of every image into a temporary root, twice (the second must change nothing),
#      and that a local build without a target root is refused;
#   4. a simulated first boot of each image's boot scripts against the sample user data in test/userdata, with
#      stand-ins for the AWS CLI, curl (instance metadata), systemctl and runuser (test/stubs), assertions on what
#      they rendered, and a second boot that must change nothing.
# Ends with "N passed, N failed"; exits non-zero on any failure.
set -euo pipefail
# no update check or telemetry: the check must not need the network
export CHECKPOINT_DISABLE=1
for tool in packer shellcheck; do
  command -v "$tool" >/dev/null || { echo "packer/check.sh: $tool is missing: apt-get install -y $tool" >&2; exit 1; }
done
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

pass() { passed=$((passed + 1)); echo "ok     $*"; }
flunk() { failed=$((failed + 1)); echo "FAILED $*"; }
# check DESCRIPTION COMMAND...: one assertion
check() {
  local what="$1"
  shift
  if "$@" >"$work/last.log" 2>&1; then pass "$what"; else flunk "$what"; sed 's/^/       /' "$work/last.log"; fi
}
has_line() { grep -qxF -- "$2" "$1"; }
lacks_text() { ! grep -rqF -- "$2" "$1"; }
fails_with() {
  local message="$1"
  shift
  ! "$@" >"$work/expected-failure.log" 2>&1 && grep -qF -- "$message" "$work/expected-failure.log"
}
snapshot() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum) }
# strict_mode FILE...: every script (not the sourced libraries, which run inside one) stops at the first error
strict_mode() {
  local file
  for file in "$@"; do
    grep -qxF 'set -euo pipefail' "$file" || { echo "$file has no 'set -euo pipefail' line"; return 1; }
  done
}

# A stand-in for the Maven build of cli/, so that this check does not depend on the build order.
build="$work/build"
mkdir -p "$build/lib"
echo "stand-in jar" >"$build/streamrec.jar"
echo "stand-in dependency" >"$build/lib/dependency.jar"

images=(kafka etcd arangodb app)

check "packer fmt -check" packer fmt -check .
check "packer validate" packer validate -var "streamrec_build_dir=$build" .
check "shellcheck" shellcheck -x check.sh scripts/*.sh files/bin/* files/lib/*.sh test/stubs/*
check "every script runs with set -euo pipefail" strict_mode check.sh scripts/install-*.sh files/bin/* test/stubs/*

local_build() {
  packer build -only="null.$1" -var "target_root=$work/root-$1" -var "streamrec_build_dir=$build" .
}
check "a local build without target_root is refused (it would write into /)" fails_with "needs TARGET_ROOT" \
  packer build -color=false -only=null.kafka -var "streamrec_build_dir=$build" .
for t in "${images[@]}"; do
  check "local build $t" local_build "$t"
  snapshot "$work/root-$t" >"$work/$t.first"
  check "local build $t again changes nothing" local_build "$t"
  snapshot "$work/root-$t" >"$work/$t.second"
  check "local build $t is idempotent" cmp "$work/$t.first" "$work/$t.second"
done

# boot ROOT USERDATA SCRIPT: run a rendered boot script as the node would at boot, with the stand-ins on PATH
boot() {
  TARGET_ROOT="$1" USER_DATA_FILE="$here/test/userdata/$2" PATH="$here/test/stubs:$PATH" "$1/usr/local/sbin/$3"
}

echo "--- kafka"
root="$work/root-kafka"
check "kafka units installed" test -f "$root/etc/systemd/system/kafka.service" \
  -a -f "$root/etc/systemd/system/kafka-configure.service" -a -f "$root/etc/systemd/system/kafka-data-volume.service"
check "kafka waits for its data volume" grep -q '^Requires=kafka-configure.service kafka-data-volume.service$' \
  "$root/etc/systemd/system/kafka.service"
# shellcheck disable=SC2016 # the unit's own ${KAFKA_CLUSTER_ID}, expanded by systemd
check "kafka formats its storage with the cluster id" grep -qF 'kafka-storage.sh format --ignore-formatted --cluster-id ${KAFKA_CLUSTER_ID}' \
  "$root/etc/systemd/system/kafka.service"
check "kafka configure runs" boot "$root" kafka-2.env streamrec-kafka-configure
snapshot "$root" >"$work/kafka-boot.first"
check "kafka configure again" boot "$root" kafka-2.env streamrec-kafka-configure
check "kafka configure again changes nothing" cmp "$work/kafka-boot.first" <(snapshot "$root")
props="$root/etc/kafka/server.properties"
check "server.properties node.id" has_line "$props" "node.id=2"
check "server.properties voters" has_line "$props" \
  "controller.quorum.voters=1@10.0.20.10:9093,2@10.0.21.10:9093,3@10.0.22.10:9093"
check "server.properties rack = AZ" has_line "$props" "broker.rack=eu-west-1b"
check "server.properties listeners" has_line "$props" "listeners=PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093"
check "server.properties advertised listener" has_line "$props" "advertised.listeners=PLAINTEXT://10.0.21.10:9092"
check "server.properties KRaft roles" has_line "$props" "process.roles=broker,controller"
check "server.properties log dir on the data volume" has_line "$props" "log.dirs=/var/lib/kafka/data"
check "server.properties replication defaults" has_line "$props" "min.insync.replicas=2"
check "kafka.env cluster id and heap" has_line "$root/etc/kafka/kafka.env" "KAFKA_CLUSTER_ID=q1Sh-9_ISia_zwGINzRvyQ"
check "kafka.env heap" has_line "$root/etc/kafka/kafka.env" 'KAFKA_HEAP_OPTS="-Xms2g -Xmx2g"'
sed 's/^KAFKA_NODE_ID=2$/KAFKA_NODE_ID=4/' test/userdata/kafka-2.env >"$work/kafka-bad.env"
check "a node id outside the voters is refused" fails_with "KAFKA_NODE_ID 4 is not among the voters" \
  env TARGET_ROOT="$root" USER_DATA_FILE="$work/kafka-bad.env" "$root/usr/local/sbin/streamrec-kafka-configure"
grep -v '^AVAILABILITY_ZONE=' test/userdata/kafka-2.env >"$work/kafka-norack.env"
check "missing AZ is refused" fails_with "user data has no AVAILABILITY_ZONE" \
  env TARGET_ROOT="$root" USER_DATA_FILE="$work/kafka-norack.env" "$root/usr/local/sbin/streamrec-kafka-configure"

echo "--- etcd"
root="$work/root-etcd"
check "etcd units installed" test -f "$root/etc/systemd/system/etcd.service" -a -f "$root/etc/systemd/system/etcd-configure.service"
check "etcd configure runs" boot "$root" etcd-3.env streamrec-etcd-configure
snapshot "$root" >"$work/etcd-boot.first"
check "etcd configure again" boot "$root" etcd-3.env streamrec-etcd-configure
check "etcd configure again changes nothing" cmp "$work/etcd-boot.first" <(snapshot "$root")
env_file="$root/etc/etcd/etcd.env"
check "etcd.env member name" has_line "$env_file" "ETCD_NAME=etcd-3"
check "etcd.env initial cluster" has_line "$env_file" \
  "ETCD_INITIAL_CLUSTER=etcd-1=http://10.0.20.20:2380,etcd-2=http://10.0.21.20:2380,etcd-3=http://10.0.22.20:2380"
check "etcd.env peer URL" has_line "$env_file" "ETCD_INITIAL_ADVERTISE_PEER_URLS=http://10.0.22.20:2380"
check "etcd.env client URL" has_line "$env_file" "ETCD_ADVERTISE_CLIENT_URLS=http://10.0.22.20:2379"
check "etcd.env bootstraps a new cluster" has_line "$env_file" "ETCD_INITIAL_CLUSTER_STATE=new"
sed 's/^ETCD_NAME=etcd-3$/ETCD_NAME=etcd-9/' test/userdata/etcd-3.env >"$work/etcd-bad.env"
check "a member missing from the initial cluster is refused" fails_with "does not list this member" \
  env TARGET_ROOT="$root" USER_DATA_FILE="$work/etcd-bad.env" "$root/usr/local/sbin/streamrec-etcd-configure"

echo "--- arangodb"
root="$work/root-arangodb"
password="s3cret-root-$RANDOM$RANDOM"
export STUB_DIR="$work/stub-arangodb" STUB_EXPECTED_PASSWORD="$password"
mkdir -p "$STUB_DIR/secrets"
printf '%s\n' "$password" >"$STUB_DIR/secrets/streamrec_prod_arangodb-root"
check "apt source is ArangoDB's repository" grep -qF "https://download.arangodb.com/arangodb312/DEBIAN/ /" \
  "$root/etc/apt/sources.list.d/arangodb.list"
check "arangod.conf requires authentication" has_line "$root/etc/arangodb3/arangod.conf" "authentication = true"
check "arangod.conf listens on 8529" has_line "$root/etc/arangodb3/arangod.conf" "endpoint = tcp://0.0.0.0:8529"
check "arangodb3 starts only after the root init" grep -q '^Requires=arangodb-data-volume.service arangodb-root-init.service$' \
  "$root/etc/systemd/system/arangodb3.service.d/streamrec.conf"
mkdir -p "$root/var/lib/arangodb3" # on a node, arangodb-data-volume.service mounts the volume here first
check "root init runs" boot "$root" arangodb.env streamrec-arangodb-root-init
check "root password read from Secrets Manager" grep -qF "secretsmanager get-secret-value --secret-id streamrec/prod/arangodb-root" \
  "$STUB_DIR/calls"
check "arango-init-database ran as arangodb" grep -qF "runuser -u arangodb -- /usr/sbin/arango-init-database" "$STUB_DIR/calls"
check "password handed over in the environment" grep -qxF "root password received through the environment" "$STUB_DIR/calls"
check "password not written to disk" lacks_text "$root" "$password"
check "password not on any command line" lacks_text "$STUB_DIR/calls" "$password"
calls_before=$(wc -l <"$STUB_DIR/calls")
check "second boot runs" boot "$root" arangodb.env streamrec-arangodb-root-init
check "second boot leaves the initialised database alone" test "$(wc -l <"$STUB_DIR/calls")" -eq "$calls_before"

echo "--- app"
root="$work/root-app"
token="push-token-$RANDOM$RANDOM-0123456789abcdef0123456789"
export STUB_DIR="$work/stub-app"
mkdir -p "$STUB_DIR/ssm" "$STUB_DIR/secrets" "$STUB_DIR/imds"
printf 'streamrec.kafka.bootstrap-servers=10.0.20.10:9092\nstreamrec.etcd.endpoints=http://10.0.20.20:2379\n' \
  >"$STUB_DIR/ssm/_streamrec_prod_streamrec.properties"
printf '%s\n' "$token" >"$STUB_DIR/secrets/streamrec_prod_push-token-secret"
printf '10.0.11.23' >"$STUB_DIR/imds/meta-data_local-ipv4"
printf 'i-0abc123def4567890' >"$STUB_DIR/imds/meta-data_instance-id"
check "jar installed" cmp "$build/streamrec.jar" "$root/opt/streamrec/streamrec.jar"
check "dependencies installed" cmp "$build/lib/dependency.jar" "$root/opt/streamrec/lib/dependency.jar"
for service in gateway processor sink push; do
  check "unit streamrec-$service" has_line "$root/etc/systemd/system/streamrec-$service.service" \
    "ExecStart=/usr/bin/java \$JAVA_OPTS -cp /opt/streamrec/streamrec.jar:/opt/streamrec/lib/* io.streamrec.cli.Streamrec $service --config /etc/streamrec/streamrec.properties"
  check "streamrec-$service may hold many sockets" has_line "$root/etc/systemd/system/streamrec-$service.service" \
    "LimitNOFILE=1048576"
  check "streamrec-$service reads its secrets from the boot-time file" has_line \
    "$root/etc/systemd/system/streamrec-$service.service" "EnvironmentFile=/run/streamrec/secrets.env"
done
check "operator command installed" grep -qF "io.streamrec.cli.Streamrec \"\$@\"" "$root/usr/local/bin/streamrec"
check "configure runs" boot "$root" app.env streamrec-configure
snapshot "$root" >"$work/app-boot.first"
check "configure again" boot "$root" app.env streamrec-configure
check "configure again changes nothing" cmp "$work/app-boot.first" <(snapshot "$root")
check "properties from SSM" has_line "$root/etc/streamrec/streamrec.properties" \
  "streamrec.kafka.bootstrap-servers=10.0.20.10:9092"
check "the processor advertises this node's address" has_line "$root/etc/streamrec/streamrec.properties" \
  "streamrec.processor.advertised-url=http://10.0.11.23:8082"
check "processor and sink keep the instance id as static group member id" grep -qzF \
  $'streamrec.processor.instance-id=i-0abc123def4567890\nstreamrec.sink.instance-id=i-0abc123def4567890\n' \
  "$root/etc/streamrec/streamrec.properties"
check "the node's identity comes last, after SSM's lines" test \
  "$(tail -n 1 "$root/etc/streamrec/streamrec.properties")" = "streamrec.sink.instance-id=i-0abc123def4567890"
check "instance metadata read with an IMDSv2 session token" has_line "$STUB_DIR/calls" \
  "curl PUT http://169.254.169.254/latest/api/token"
check "secret in the runtime env file" has_line "$root/run/streamrec/secrets.env" "STREAMREC_PUSH_TOKEN_SECRET='$token'"
check "runtime env file readable by root only" test "$(stat -c %a "$root/run/streamrec/secrets.env")" = 600
check "secret nowhere but /run" lacks_text "$root/etc" "$token"
check "heap from user data" grep -qF -- "-Xmx768m" "$root/etc/streamrec/jvm.env"
check "only the listed services start" has_line "$STUB_DIR/calls" \
  "systemctl start --no-block streamrec-gateway.service streamrec-push.service"
printf 'streamrec.processor.port=9182\n' >>"$STUB_DIR/ssm/_streamrec_prod_streamrec.properties"
check "configure with another processor port" boot "$root" app.env streamrec-configure
check "the advertised URL follows the processor's configured port" has_line "$root/etc/streamrec/streamrec.properties" \
  "streamrec.processor.advertised-url=http://10.0.11.23:9182"
rm "$STUB_DIR/imds/meta-data_instance-id"
check "no instance id in the metadata is refused" fails_with "cannot read this node's instance id" \
  env TARGET_ROOT="$root" USER_DATA_FILE="$here/test/userdata/app.env" PATH="$here/test/stubs:$PATH" \
  "$root/usr/local/sbin/streamrec-configure"
sed 's/^SERVICES=.*/SERVICES=gateway mailer/' test/userdata/app.env >"$work/app-bad.env"
check "an unknown service is refused" fails_with "unknown service 'mailer'" \
  env TARGET_ROOT="$root" USER_DATA_FILE="$work/app-bad.env" PATH="$here/test/stubs:$PATH" "$root/usr/local/sbin/streamrec-configure"

echo "packer: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
