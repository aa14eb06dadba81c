namespace Appliance.Audio.Tests.Denoise.Neural;

/// <summary>
/// GTCRN (Rong et al. 2024; 16 kHz, 256-sample hops, floats in [-1, 1]) from the emscripten build in
/// @sapphi-red/web-noise-suppressor, through Wasmtime. The build is minified: imports <c>a.a</c>
/// (__assert_fail) and <c>a.b</c> (emscripten_resize_heap); exports <c>c</c> memory,
/// <c>d</c> constructors, <c>e</c> gtcrn_create, <c>i</c> gtcrn_process(state, in, out), <c>k</c> malloc
/// (names read from the package's worklet glue, which maps them the same way).
/// </summary>
internal sealed class GtcrnReference : NeuralDenoiseReference
{
    private const int Block = 256;
    private readonly EmscriptenModule _wasm;
    private readonly Action<int, int, int> _process;
    private readonly int _state;
    private readonly int _in;
    private readonly int _out;

    public GtcrnReference(string wasmPath, int sampleRate)
        : base(sampleRate, engineRate: 16000, blockSamples: Block)
    {
        _wasm = new EmscriptenModule(wasmPath, new EmscriptenImports("a", "a", "b", MemcpyBig: null), "c", "d");
        var malloc = _wasm.Function<int, int>("k");
        _process = _wasm.Action<int, int, int>("i");
        _state = _wasm.Function<int>("e")();
        _in = malloc(Block * sizeof(float));
        _out = malloc(Block * sizeof(float));
        if (_state == 0 || _in == 0 || _out == 0)
        {
            throw new InvalidOperationException("gtcrn_create or malloc failed.");
        }
    }

    protected override void ProcessBlock(ReadOnlySpan<float> input, Span<float> output)
    {
        input.CopyTo(_wasm.Floats(_in, Block));
        _process(_state, _in, _out);
        _wasm.Floats(_out, Block).CopyTo(output);
    }

    public override void Dispose() => _wasm.Dispose();
}
