#!/usr/bin/env bash
# Fetches the on-device models the audio core uses into <repo>/.models/ (git-ignored).
# Only the npm registry is used (npm pack); files already present are kept, so a second run
# does nothing and prints nothing. Override the target folder with APPLIANCE_MODELS_DIR.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
models_dir="${APPLIANCE_MODELS_DIR:-$repo_root/.models}"
mkdir -p "$models_dir"

# fetch <npm package@version> <path inside the package> <target file name>
fetch() {
  local spec="$1" inner="$2" target="$models_dir/$3"
  [[ -s "$target" ]] && return 0
  local work
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  (cd "$work" && npm pack --silent "$spec" >/dev/null 2>&1) || { echo "fetch-models: npm pack $spec failed" >&2; return 1; }
  tar -xzf "$work"/*.tgz -C "$work" "package/$inner"
  mv "$work/package/$inner" "$target.tmp" && mv "$target.tmp" "$target"
  echo "fetch-models: $3 from $spec"
}

# Silero VAD v5 (MIT model, shipped in the ISC-licensed vad-web package).
fetch "@ricky0123/vad-web@0.0.31" "dist/silero_vad_v5.onnx" "silero_vad_v5.onnx"

# Neural denoise references (MIT package; RNNoise BSD-3, GTCRN MIT): emscripten builds run through
# Wasmtime by the audio tests and benchmarks. RNNoise's SIMD build; GTCRN at 16 kHz.
fetch "@sapphi-red/web-noise-suppressor@0.4.1" "dist/rnnoise_simd.wasm" "rnnoise_simd.wasm"
fetch "@sapphi-red/web-noise-suppressor@0.4.1" "dist/gtcrn.wasm" "gtcrn.wasm"

# WebRTC's VAD (libfvad, BSD-3) as emscripten wasm: the VAD reference of the audio tests.
fetch "@echogarden/fvad-wasm@0.2.0" "fvad.wasm" "fvad.wasm"
