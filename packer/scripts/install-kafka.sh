#!/usr/bin/env bash
# Kafka broker image: Java 17, Apache Kafka (KRaft) under /opt/kafka, and the units that render server.properties
# from the user data at boot and mount the data volume. Variables: see lib.sh, plus KAFKA_VERSION, KAFKA_SCALA_VERSION,
# KAFKA_MIRROR and KAFKA_SHA512 (optional: pins the archive; otherwise it is checked against the published .sha512).
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

kafka_version="${KAFKA_VERSION:?KAFKA_VERSION is required}"
scala_version="${KAFKA_SCALA_VERSION:-2.13}"
mirror="${KAFKA_MIRROR:-https://archive.apache.org/dist/kafka}"

install_kafka() {
  local name="kafka_$scala_version-$kafka_version" dir tmp expected actual
  dir="/opt/$name"
  if [ -x "$dir/bin/kafka-server-start.sh" ]; then
    log "Kafka $kafka_version already in $dir"
  else
    tmp=$(mktemp -d)
    curl -fsSL -o "$tmp/$name.tgz" "$mirror/$kafka_version/$name.tgz"
    if [ -n "${KAFKA_SHA512:-}" ]; then
      expected="${KAFKA_SHA512,,}"
    else
      curl -fsSL -o "$tmp/$name.tgz.sha512" "$mirror/$kafka_version/$name.tgz.sha512"
      # accepts both the "file: AB12 CD34 ..." and the "ab12cd34...  file" layouts
      expected=$(tr -d '[:space:]' <"$tmp/$name.tgz.sha512" | sed -E 's/^[^:]*://; s/kafka_.*\.tgz$//' | tr 'A-F' 'a-f')
    fi
    [[ "$expected" =~ ^[0-9a-f]{128}$ ]] || die "no usable SHA-512 for $name.tgz"
    actual=$(sha512sum "$tmp/$name.tgz" | cut -d' ' -f1)
    [ "$actual" = "$expected" ] || die "$name.tgz: SHA-512 mismatch"
    tar -xzf "$tmp/$name.tgz" -C /opt
    rm -rf "$tmp"
  fi
  ln -sfn "$dir" /opt/kafka
  mkdir -p /var/lib/kafka
  chown -R kafka:kafka "$dir" /var/lib/kafka
}

if system; then
  apt-get -o DPkg::Lock::Timeout=300 update -q
fi
apt_install openjdk-17-jre-headless xfsprogs curl ca-certificates
system_user kafka /var/lib/kafka
system && install_kafka

put_boot_lib
put bin/streamrec-kafka-configure /usr/local/sbin/streamrec-kafka-configure 0755
put systemd/kafka-configure.service /etc/systemd/system/kafka-configure.service 0644
put systemd/kafka-data-volume.service /etc/systemd/system/kafka-data-volume.service 0644
put systemd/kafka.service /etc/systemd/system/kafka.service 0644
enable_units kafka-configure.service kafka-data-volume.service kafka.service
