namespace Appliance.Audio.Tests.Denoise.Neural;

/// <summary>
/// RNNoise (Valin 2018; 48 kHz, 480-sample frames, samples on the 16-bit scale) from the emscripten
/// build in @sapphi-red/web-noise-suppressor, through Wasmtime. Unminified exports:
/// <c>rnnoise_create(model)</c>, <c>rnnoise_process_frame(state, out, in)</c> (returns its own
/// speech probability), <c>malloc</c>.
/// </summary>
internal sealed class RnnoiseReference : NeuralDenoiseReference
{
    private const int Frame = 480;
    private readonly EmscriptenModule _wasm;
    private readonly Func<int, int, int, float> _process;
    private readonly int _state;
    private readonly int _in;
    private readonly int _out;

    public RnnoiseReference(string wasmPath, int sampleRate)
        : base(sampleRate, engineRate: 48000, blockSamples: Frame)
    {
        _wasm = new EmscriptenModule(wasmPath,
            new EmscriptenImports("env", "__assert_fail", "emscripten_resize_heap", "emscripten_memcpy_big"),
            "memory", "emscripten_stack_init", "__wasm_call_ctors");
        var malloc = _wasm.Function<int, int>("malloc");
        _process = _wasm.Function<int, int, int, float>("rnnoise_process_frame");
        int frameSize = _wasm.Function<int>("rnnoise_get_frame_size")();
        if (frameSize != Frame)
        {
            throw new InvalidDataException($"rnnoise frame size {frameSize}, expected {Frame}.");
        }
        _state = _wasm.Function<int, int>("rnnoise_create")(0); // 0 = the built-in model
        _in = malloc(Frame * sizeof(float));
        _out = malloc(Frame * sizeof(float));
        if (_state == 0 || _in == 0 || _out == 0)
        {
            throw new InvalidOperationException("rnnoise_create or malloc failed.");
        }
    }

    /// <summary>RNNoise's speech probability for the last block.</summary>
    public float LastVoiceProbability { get; private set; }

    protected override void ProcessBlock(ReadOnlySpan<float> input, Span<float> output)
    {
        Span<float> inBuffer = _wasm.Floats(_in, Frame);
        for (int i = 0; i < Frame; i++) inBuffer[i] = input[i] * 32768f;
        LastVoiceProbability = _process(_state, _out, _in);
        ReadOnlySpan<float> outBuffer = _wasm.Floats(_out, Frame);
        for (int i = 0; i < Frame; i++) output[i] = outBuffer[i] * (1f / 32768f);
    }

    public override void Dispose() => _wasm.Dispose();
}
