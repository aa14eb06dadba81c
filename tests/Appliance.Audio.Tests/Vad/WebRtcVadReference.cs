using Appliance.Audio.Tests.Denoise.Neural;
using Appliance.Audio.Vad;

namespace Appliance.Audio.Tests.Vad;

/// <summary>
/// WebRTC's VAD (libfvad) from the emscripten build in @echogarden/fvad-wasm, through Wasmtime: the
/// VAD reference the issue names. Minified names (from the package's fvad.js): imports <c>a.a</c>
/// __assert_fail, <c>a.b</c> emscripten_resize_heap; exports <c>c</c> memory, <c>d</c> constructors,
/// <c>e</c> fvad_new, <c>f</c> malloc, <c>j</c> fvad_set_mode, <c>k</c> fvad_set_sample_rate,
/// <c>l</c> fvad_process(inst, samples, count) returning 1 (speech), 0 or -1 (error).
/// </summary>
internal sealed class WebRtcVadReference : IVoiceActivityClassifier, IDisposable
{
    private readonly EmscriptenModule _wasm;
    private readonly Func<int, int, int, int> _process;
    private readonly int _instance;
    private readonly int _buffer;
    private readonly int _mode;

    /// <param name="mode">0 (quality) .. 3 (very aggressive).</param>
    public WebRtcVadReference(string wasmPath, int sampleRate, int mode)
    {
        SampleRate = sampleRate;
        FrameSamples = sampleRate / 50;
        _mode = mode;
        _wasm = new EmscriptenModule(wasmPath, new EmscriptenImports("a", "a", "b", MemcpyBig: null), "c", "d");
        _process = _wasm.Function<int, int, int, int>("l");
        _instance = _wasm.Function<int>("e")();
        _buffer = _wasm.Function<int, int>("f")(FrameSamples * sizeof(short));
        if (_instance == 0 || _buffer == 0)
        {
            throw new InvalidOperationException("fvad_new or malloc failed.");
        }
        Configure();
    }

    public int SampleRate { get; }

    public int FrameSamples { get; }

    public float Classify(ReadOnlySpan<short> frame)
    {
        frame.CopyTo(_wasm.Shorts(_buffer, FrameSamples));
        int result = _process(_instance, _buffer, FrameSamples);
        return result < 0 ? throw new InvalidOperationException("fvad_process failed.") : result;
    }

    public void Reset()
    {
        _wasm.Action<int>("g")(_instance);
        Configure();
    }

    private void Configure()
    {
        if (_wasm.Function<int, int, int>("j")(_instance, _mode) != 0 || _wasm.Function<int, int, int>("k")(_instance, SampleRate) != 0)
        {
            throw new ArgumentException($"fvad rejected mode {_mode} or rate {SampleRate}.");
        }
    }

    public void Dispose() => _wasm.Dispose();
}
