#!/usr/bin/env bash
# Publishes the service (firmware/Appliance.Service) as a self-contained, trimmed Native AOT binary:
#   tools/publish-aot.sh                  -> artifacts/linux-x64/appliance
#   tools/publish-aot.sh --rid linux-arm64 -> artifacts/linux-arm64/appliance (needs the cross
#                                            toolchain; build-arm64.sh installs it)
#   tools/publish-aot.sh --jit            -> also artifacts/jit/appliance.dll, the same code as a
#                                            framework-dependent JIT app (for tools/Appliance.ServiceBench)
# Idempotent: re-running republishes into the same folders. The last line printed is the binary's path.
#
# Trim/AOT warnings: our own assemblies' warnings fail the build (TreatWarningsAsErrors). A third-party
# assembly's warnings arrive collapsed as IL2104/IL3053; those are reviewed one by one in
# docs/decisions/0001-native-aot.md and listed in REVIEWED_ASSEMBLIES below. Any other assembly that
# starts producing them fails this script until someone reviews it.
set -euo pipefail

REVIEWED_ASSEMBLIES=("LiteDB" "System.Device.Gpio")

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rid="linux-x64"
jit=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rid) rid="${2:?--rid needs a runtime identifier}"; shift 2 ;;
    --jit) jit=true; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "publish-aot: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

project="$root/firmware/Appliance.Service"
out="$root/artifacts/$rid"
log="$root/artifacts/publish-$rid.log"
mkdir -p "$root/artifacts"

echo "publish-aot: Native AOT $rid -> $out (log: $log)" >&2
started=$SECONDS
if ! dotnet publish "$project" -c Release -r "$rid" -p:PublishAot=true -o "$out" --nologo >"$log" 2>&1; then
  grep -E ': (error|warning) ' "$log" | sort -u >&2 || tail -n 30 "$log" >&2
  echo "publish-aot: FAILED, see $log" >&2
  exit 1
fi

# Every IL2104/IL3053 line names the assembly that produced the collapsed warnings.
unreviewed=$(grep -oE "warning IL(2104|3053): Assembly '[^']+'" "$log" | sed -E "s/.*Assembly '([^']+)'/\1/" | sort -u |
  grep -vxF -f <(printf '%s\n' "${REVIEWED_ASSEMBLIES[@]}") || true)
if [[ -n "$unreviewed" ]]; then
  echo "publish-aot: trim/AOT warnings from assemblies nobody has reviewed: $unreviewed" >&2
  echo "publish-aot: review them (TrimmerSingleWarn=false shows each one), then list them in docs/decisions/0001-native-aot.md and REVIEWED_ASSEMBLIES" >&2
  exit 1
fi
# Any other IL warning would come from our own code, which TreatWarningsAsErrors already stops; check anyway.
if grep -E 'warning IL[0-9]{4}' "$log" | grep -vE 'warning IL(2104|3053)' >&2; then
  echo "publish-aot: unexpected trim/AOT warnings above" >&2
  exit 1
fi
echo "publish-aot: done in $((SECONDS - started)) s, $(du -h "$out/appliance" | cut -f1) binary" >&2

if $jit; then
  jit_out="$root/artifacts/jit"
  echo "publish-aot: JIT build -> $jit_out" >&2
  # PublishAot=false also turns off the request delegate generator; keep it on, so both builds run
  # the same generated endpoint code (and the AOT analyzers stay quiet about reflection-based Map*).
  if ! dotnet publish "$project" -c Release -p:PublishAot=false -p:EnableRequestDelegateGenerator=true -o "$jit_out" --nologo >"$root/artifacts/publish-jit.log" 2>&1; then
    tail -n 30 "$root/artifacts/publish-jit.log" >&2
    echo "publish-aot: JIT publish FAILED" >&2
    exit 1
  fi
  echo "$jit_out/appliance.dll"
fi
echo "$out/appliance"
