#!/usr/bin/env bash
# ArangoDB image: arangodb3 from ArangoDB's apt repository, with no database on the image. At first boot the data
# volume is mounted and the database is created with the root password from Secrets Manager. Variables: see lib.sh,
# plus ARANGODB_REPO (the repository series, e.g. arangodb312).
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

series="${ARANGODB_REPO:?ARANGODB_REPO is required, e.g. arangodb312}"
repo="https://download.arangodb.com/$series/DEBIAN"
keyring=/usr/share/keyrings/arangodb.gpg

write /etc/apt/sources.list.d/arangodb.list 0644 <<LIST
deb [signed-by=$keyring] $repo/ /
LIST

if system; then
  apt-get -o DPkg::Lock::Timeout=300 update -q
  apt_install curl gnupg ca-certificates xfsprogs awscli
  curl -fsSL "$repo/Release.key" | gpg --dearmor --yes -o "$keyring"
  apt-get -o DPkg::Lock::Timeout=300 update -q
  # the package asks for a root password; give it none: the database it creates is deleted below
  debconf-set-selections <<'SEL'
arangodb3 arangodb3/password password
arangodb3 arangodb3/password_again password
arangodb3 arangodb3/upgrade boolean true
arangodb3 arangodb3/backup boolean false
SEL
  apt_install arangodb3
  # no database (and so no password) is baked: the first boot creates it on the data volume. Never on a node
  # whose data volume is mounted or initialised: re-running this there must not delete the graph.
  if ! mountpoint -q /var/lib/arangodb3 && [ ! -e /var/lib/arangodb3/.streamrec-root-initialised ]; then
    systemctl stop arangodb3.service
    rm -rf /var/lib/arangodb3/* /var/lib/arangodb3/.[!.]* /var/lib/arangodb3-apps/*
  fi
fi

put_boot_lib
put arangod.conf /etc/arangodb3/arangod.conf 0644
put bin/streamrec-arangodb-root-init /usr/local/sbin/streamrec-arangodb-root-init 0755
put systemd/arangodb-data-volume.service /etc/systemd/system/arangodb-data-volume.service 0644
put systemd/arangodb-root-init.service /etc/systemd/system/arangodb-root-init.service 0644
put systemd/arangodb3-streamrec.conf /etc/systemd/system/arangodb3.service.d/streamrec.conf 0644
enable_units arangodb-data-volume.service arangodb-root-init.service arangodb3.service
