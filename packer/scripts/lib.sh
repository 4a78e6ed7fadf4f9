# shellcheck shell=bash
# Sourced by every install script. One script runs two ways:
#   on the image  TARGET_ROOT=/          SYSTEM_INSTALL=1  apt, downloads, users, systemctl, then the files
#   local build   TARGET_ROOT=<temp dir> SYSTEM_INSTALL=0  only the files (units, boot scripts, config), which the
#                                                          check then inspects; nothing outside TARGET_ROOT changes
# FILES_DIR is packer/files (uploaded next to the scripts on the image).

root="${TARGET_ROOT:-}"
root="${root%/}"
system_install="${SYSTEM_INSTALL:-1}"
files_dir="${FILES_DIR:?FILES_DIR must point at packer/files}"

log() { echo "streamrec-packer: $*" >&2; }
die() { log "$*"; exit 1; }

case "$system_install" in
  1) ;;
  0) [ -n "$root" ] || die "a local build (SYSTEM_INSTALL=0) needs TARGET_ROOT, so that it never writes into /" ;;
  *) die "SYSTEM_INSTALL must be 0 or 1, not '$system_install'" ;;
esac

# True on the image; false in a local build, where package installs, users and systemctl are skipped.
system() { [ "$system_install" = 1 ]; }

apt_install() {
  system || { log "local build: not installing $*"; return 0; }
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "$@"
}

# put SRC DEST MODE: install a file from FILES_DIR under TARGET_ROOT (re-running overwrites with the same bytes).
put() {
  local src="$files_dir/$1" dest="$root$2"
  [ -f "$src" ] || die "missing $src"
  mkdir -p "$(dirname "$dest")"
  install -m "$3" "$src" "$dest"
}

# The boot-time helpers every image shares.
put_boot_lib() {
  put lib/boot.sh /usr/local/lib/streamrec/boot.sh 0644
  put bin/streamrec-data-volume /usr/local/sbin/streamrec-data-volume 0755
}

system_user() {
  system || return 0
  id -u "$1" >/dev/null 2>&1 || useradd --system --home-dir "$2" --shell /usr/sbin/nologin "$1"
}

enable_units() {
  system || return 0
  systemctl daemon-reload
  systemctl enable "$@"
}

# write DEST MODE < content: a generated file under TARGET_ROOT.
write() {
  local dest="$root$1"
  mkdir -p "$(dirname "$dest")"
  cat >"$dest"
  chmod "$2" "$dest"
}
