#!/usr/bin/env bash
# App node image: Java 17, the Streamrec build (cli/target/streamrec.jar and cli/target/lib, from
# `mvn -DskipTests package -pl cli -am`) under /opt/streamrec, and one unit per service. Which services run is
# decided at boot by streamrec-configure from the user data; config and secrets are fetched then, never baked.
# Variables: see lib.sh, plus APP_BUILD_DIR (a directory holding streamrec.jar and lib/).
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

build_dir="${APP_BUILD_DIR:?APP_BUILD_DIR must hold streamrec.jar and lib/}"
if [ ! -f "$build_dir/streamrec.jar" ] || [ ! -d "$build_dir/lib" ]; then
  die "$build_dir has no streamrec.jar and lib/: run 'mvn -DskipTests package -pl cli -am' first"
fi

if system; then
  apt-get -o DPkg::Lock::Timeout=300 update -q
fi
apt_install openjdk-17-jre-headless awscli curl ca-certificates
system_user streamrec /var/lib/streamrec

app="$root/opt/streamrec"
mkdir -p "$app"
install -m 0644 "$build_dir/streamrec.jar" "$app/streamrec.jar"
# swap the whole lib directory, so that a jar the build no longer uses does not linger on the classpath
rm -rf "$app/lib.new"
cp -R "$build_dir/lib" "$app/lib.new"
rm -rf "${app:?}/lib"
mv "$app/lib.new" "$app/lib"
mkdir -p "$root/var/lib/streamrec"
system && chown streamrec:streamrec "$root/var/lib/streamrec"

put_boot_lib
put bin/streamrec-configure /usr/local/sbin/streamrec-configure 0755
put bin/streamrec /usr/local/bin/streamrec 0755
put systemd/streamrec-configure.service /etc/systemd/system/streamrec-configure.service 0644
for service in gateway processor sink push registry; do
  sed "s/@SERVICE@/$service/g" "$files_dir/systemd/streamrec-service.template" \
    | write "/etc/systemd/system/streamrec-$service.service" 0644
done
enable_units streamrec-configure.service
