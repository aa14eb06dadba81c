#!/usr/bin/env bash
# The one test command (README.md; .ci/run calls exactly this). On a fresh Debian machine it
# installs what the tests need, fetches the models from npm, publishes the Native AOT binaries the
# process tests start, then runs every test project and prints one closing summary line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

step() { printf '\n== %s\n' "$*"; }

# Debian packages of the real peers and tools the tests drive.
packages=(sip-tester baresip-core kamailio espeak-ng sox libspeexdsp1 alsa-utils clang lld zlib1g-dev chromium)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  step "installing ${missing[*]}"
  sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

step "fetching models (npm)"
bash tools/fetch-models.sh

step "building"
dotnet build Appliance.sln -c Release -nologo -clp:ErrorsOnly

step "publishing the Native AOT binaries the process tests start"
bash tools/publish-aot.sh
export APPLIANCE_AOT_BINARY="$PWD/artifacts/linux-x64/appliance"
if [[ "${APPLIANCE_SKIP_ARM64:-0}" != 1 ]]; then
  bash build-arm64.sh --no-smoke
  export APPLIANCE_ARM64_BINARY="$PWD/artifacts/linux-arm64/appliance"
fi

step "testing"
log=$(mktemp)
set +e
dotnet test Appliance.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line for CI: the sum of every test assembly's counts.
awk '/(Passed|Failed)! +- +Failed: /{
  for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
} END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
