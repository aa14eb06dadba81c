#!/usr/bin/env bash
# Builds the appliance for the box: a self-contained, trimmed Native AOT linux-arm64 binary at
# artifacts/linux-arm64/appliance, then proves it starts and answers /healthz under qemu.
#   ./build-arm64.sh              install the cross toolchain if missing, publish, smoke-run
#   ./build-arm64.sh --no-smoke   skip the qemu run
# Idempotent: a second run installs nothing and republishes in place. Progress goes to stderr;
# the only line on stdout is the binary's path.
# Debian only; installing packages and the smoke run (unshare -m, bind mount) need root.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
smoke=true
case "${1:-}" in
  "") ;;
  --no-smoke) smoke=false ;;
  -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
  *) echo "build-arm64: unknown argument '$1' (try --help)" >&2; exit 2 ;;
esac

say() { echo "build-arm64: $*" >&2; }

# clang is the cross linker driver (gcc rejects --target); binutils-aarch64 strips the symbols;
# the arm64 -dev packages are what the native runtime links against.
PACKAGES=(clang lld binutils-aarch64-linux-gnu gcc-aarch64-linux-gnu libc6-dev:arm64 zlib1g-dev:arm64 libstdc++6:arm64 qemu-user-static)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

ensure_toolchain() {
  local missing=()
  for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
  if [[ ${#missing[@]} -eq 0 ]]; then
    say "cross toolchain present"
    return
  fi
  [[ $EUID -eq 0 ]] || { say "missing ${missing[*]}; run as root to install them"; exit 1; }
  say "installing ${missing[*]}"
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    dpkg --add-architecture arm64
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
  say "toolchain installed"
}

smoke_run() {
  local binary=$1 data log pid url key
  [[ $EUID -eq 0 ]] || { say "the qemu smoke run needs root (unshare -m); use --no-smoke to skip it"; exit 1; }
  data=$(mktemp -d /tmp/appliance-arm64-smoke.XXXXXX)
  log="$data/service.log"
  # No -L prefix: with it the AOT binary dies silently. OnnxRuntime's CPU probe crashes on the x86
  # host's /proc/cpuinfo, so the process sees an ARM one through a private bind mount.
  unshare -m sh -c 'mount --bind "$1" /proc/cpuinfo && shift && exec qemu-aarch64-static "$@"' \
    sh "$root/tools/cpuinfo.arm64" "$binary" --urls http://127.0.0.1:0 --data "$data" >"$log" 2>&1 &
  pid=$!
  # shellcheck disable=SC2064 # expand now: the trap must know this run's pid and folder
  trap "kill $pid 2>/dev/null || true; rm -rf '$data'" EXIT
  say "smoke: started under qemu-aarch64-static (pid $pid), waiting for it to listen"
  for _ in $(seq 1 180); do
    url=$(grep -oE 'Listening on http://[^ /]+' "$log" | head -n1 | cut -d' ' -f3 || true)
    [[ -n "$url" ]] && break
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; say "smoke: FAILED, the binary exited"; exit 1; }
    sleep 0.5
  done
  [[ -n "$url" ]] || { cat "$log" >&2; say "smoke: FAILED, not listening after 90 s"; exit 1; }
  if ! curl -fsS "$url/healthz" | grep -q '"status":"ok"'; then
    cat "$log" >&2; say "smoke: FAILED, /healthz did not answer ok"; exit 1
  fi
  key=$(tr -d '[:space:]' <"$data/initial-api-key.txt")
  say "smoke: $url/healthz ok; /v1/system: $(curl -fsS -H "Authorization: Bearer $key" "$url/v1/system")"
  kill -TERM "$pid"
  wait "$pid" || { say "smoke: FAILED, exit code $? after SIGTERM"; exit 1; }
  say "smoke: passed (stopped cleanly)"
}

ensure_toolchain
binary=$("$root/tools/publish-aot.sh" --rid linux-arm64 | tail -n1)
say "binary: $binary ($(du -h "$binary" | cut -f1))"
if $smoke; then
  smoke_run "$binary"
fi
echo "$binary"
