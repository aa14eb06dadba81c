namespace Appliance.Audio.Models;

/// <summary>File names written by tools/fetch-models.sh.</summary>
public static class ModelFiles
{
    /// <summary>Silero VAD v5, from the npm package @ricky0123/vad-web (dist/silero_vad_v5.onnx).</summary>
    public const string SileroVadV5 = "silero_vad_v5.onnx";

    /// <summary>RNNoise (48 kHz, 10 ms frames), SIMD emscripten build from @sapphi-red/web-noise-suppressor.</summary>
    public const string RnnoiseWasm = "rnnoise_simd.wasm";

    /// <summary>GTCRN (16 kHz, 16 ms frames), emscripten build from @sapphi-red/web-noise-suppressor.</summary>
    public const string GtcrnWasm = "gtcrn.wasm";

    /// <summary>WebRTC's VAD (libfvad), emscripten build from @echogarden/fvad-wasm; test reference only.</summary>
    public const string WebRtcVadWasm = "fvad.wasm";
}
