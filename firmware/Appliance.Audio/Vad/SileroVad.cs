using Microsoft.ML.OnnxRuntime;

namespace Appliance.Audio.Vad;

/// <summary>
/// Per-call Silero VAD v5 classifier over 20 ms frames. Silero wants 256-sample (8 kHz) or
/// 512-sample (16 kHz) chunks preceded by the last 32/64 samples of the previous chunk, with the
/// [2,1,128] recurrent state carried between chunks. Frames are gathered into chunks; each frame
/// reports the probability of the newest finished chunk (at most one chunk, 32 ms, of delay).
/// All tensors are bound once (OrtIoBinding over pinned arrays), so a frame allocates nothing.
/// </summary>
public sealed class SileroVad : IVoiceActivityClassifier, IDisposable
{
    private const int StateLength = 2 * 1 * 128;

    private readonly InferenceSession _session;
    private readonly int _chunk;
    private readonly int _context;
    private readonly float[] _input;      // context + chunk, bound as "input"
    private readonly float[] _state;      // bound as "state"
    private readonly float[] _stateOut;   // bound as "stateN"
    private readonly float[] _output = new float[1];
    private readonly long[] _sampleRate;
    private readonly OrtValue[] _values;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions = new();
    private int _filled;
    private float _probability;

    public SileroVad(SileroVadModel model, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(model);
        FrameSamples = VadFrame.SamplesFor(sampleRate);
        SampleRate = sampleRate;
        _session = model.Session;
        _chunk = sampleRate == 8000 ? 256 : 512;
        _context = sampleRate == 8000 ? 32 : 64;
        _input = new float[_context + _chunk];
        _state = new float[StateLength];
        _stateOut = new float[StateLength];
        _sampleRate = [sampleRate];
        _values =
        [
            OrtValue.CreateTensorValueFromMemory(_input, [1, _input.Length]),
            OrtValue.CreateTensorValueFromMemory(_state, [2, 1, 128]),
            OrtValue.CreateTensorValueFromMemory(_sampleRate, [1]),
            OrtValue.CreateTensorValueFromMemory(_output, [1, 1]),
            OrtValue.CreateTensorValueFromMemory(_stateOut, [2, 1, 128]),
        ];
        _binding = _session.CreateIoBinding();
        _binding.BindInput("input", _values[0]);
        _binding.BindInput("state", _values[1]);
        _binding.BindInput("sr", _values[2]);
        _binding.BindOutput("output", _values[3]);
        _binding.BindOutput("stateN", _values[4]);
        _filled = _context;
    }

    public int SampleRate { get; }

    public int FrameSamples { get; }

    /// <summary>Samples per Silero chunk (256 or 512), for cost reporting.</summary>
    public int ChunkSamples => _chunk;

    public float Classify(ReadOnlySpan<short> frame)
    {
        VadFrame.CheckLength(frame, FrameSamples);
        int end = _context + _chunk;
        for (int i = 0; i < frame.Length; i++)
        {
            _input[_filled++] = frame[i] * (1f / 32768f);
            if (_filled == end)
            {
                RunChunk();
                // The chunk's tail becomes the next chunk's context.
                Array.Copy(_input, _chunk, _input, 0, _context);
                _filled = _context;
            }
        }
        return _probability;
    }

    public void Reset()
    {
        Array.Clear(_input);
        Array.Clear(_state);
        _filled = _context;
        _probability = 0f;
    }

    public void Dispose()
    {
        _binding.Dispose();
        _runOptions.Dispose();
        foreach (var v in _values)
        {
            v.Dispose();
        }
    }

    private void RunChunk()
    {
        _session.RunWithBinding(_runOptions, _binding);
        _probability = _output[0];
        Array.Copy(_stateOut, _state, StateLength);
    }
}
