# shellcheck shell=bash
# Sourced by the boot-time scripts on every Streamrec node.
# User data is plain KEY=VALUE lines (# comments allowed), never executed: values are taken literally.
# TARGET_ROOT prefixes every path written (empty on a node; a temp dir in packer/check.sh).
# USER_DATA_FILE replaces the instance metadata lookup (packer/check.sh uses it).

root="${TARGET_ROOT:-}"
root="${root%/}"
declare -A user_data=()

fail() { echo "$(basename "$0"): $*" >&2; exit 1; }
note() { echo "$(basename "$0"): $*" >&2; }

# One instance metadata value through IMDSv2.
imds() {
  local token
  token=$(curl -fsS -m 5 -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' http://169.254.169.254/latest/api/token)
  curl -fsS -m 5 -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/$1"
}

load_user_data() {
  local text line key n=0
  if [ -n "${USER_DATA_FILE:-}" ]; then
    text=$(cat "$USER_DATA_FILE")
  else
    text=$(imds user-data) || fail "cannot read the instance user data"
  fi
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    line="${line%$'\r'}"
    case "$line" in '' | '#'*) continue ;; esac
    key="${line%%=*}"
    [[ "$line" == *=* && "$key" =~ ^[A-Z][A-Z0-9_]*$ ]] || fail "user data line $n is not KEY=VALUE: $line"
    user_data["$key"]="${line#*=}"
  done <<<"$text"
}

# ud KEY [DEFAULT]: a user data value; without a default a missing key is an error.
ud() {
  if [ -n "${user_data[$1]+set}" ]; then
    printf '%s' "${user_data[$1]}"
  elif [ $# -ge 2 ]; then
    printf '%s' "$2"
  else
    fail "user data has no $1"
  fi
}

# ud_match KEY REGEX [DEFAULT]: like ud, and the value must match REGEX.
ud_match() {
  local value
  value=$(ud "$1" "${@:3}")
  [[ "$value" =~ $2 ]] || fail "user data $1='$value' is invalid (expected $2)"
  printf '%s' "$value"
}

# render PATH MODE < content: write atomically, and only when the content changed.
render() {
  local dest="$root$1" tmp
  mkdir -p "$(dirname "$dest")"
  tmp=$(mktemp "$dest.XXXXXX")
  cat >"$tmp"
  chmod "$2" "$tmp"
  if cmp -s "$tmp" "$dest"; then rm -f "$tmp"; else mv -f "$tmp" "$dest"; fi
}
