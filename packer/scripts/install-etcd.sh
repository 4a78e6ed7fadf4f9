#!/usr/bin/env bash
# etcd node image: Debian's etcd-server, with its default single-node member removed so that the cluster is
# bootstrapped only from the user data at first boot. Variables: see lib.sh.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if system; then
  # the package starts a throw-away single-node member on install; keep it from ever starting
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod 0755 /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  apt-get -o DPkg::Lock::Timeout=300 update -q
fi
apt_install etcd-server etcd-client curl ca-certificates
if system; then
  # only the package's throw-away member; a real member's data (member-data) is never touched
  rm -rf /var/lib/etcd/default
  install -d -o etcd -g etcd -m 0700 /var/lib/etcd
fi

put_boot_lib
put bin/streamrec-etcd-configure /usr/local/sbin/streamrec-etcd-configure 0755
put systemd/etcd-configure.service /etc/systemd/system/etcd-configure.service 0644
put systemd/etcd.service /etc/systemd/system/etcd.service 0644
enable_units etcd-configure.service etcd.service
