using Appliance.Audio.Resampling;

namespace Appliance.Audio.Tests.Denoise.Neural;

/// <summary>
/// Runs a neural denoiser that works at its own rate and block size on our 20 ms PCM16 frames at
/// 8 or 16 kHz: band-limited resampling to the engine's rate, a block FIFO (pre-filled with one
/// block of silence so a frame's worth of output is always ready), the engine, and back. The output
/// lags the input by the FIFO, the resamplers and the engine's own look-ahead; the scorer finds that
/// lag by correlation. Buffers are allocated once; nothing allocates per frame.
/// </summary>
internal abstract class NeuralDenoiseReference : IDisposable
{
    private readonly Resampler? _up;
    private readonly Resampler? _down;
    private readonly short[] _engineFrame;
    private readonly float[] _pending;
    private readonly float[] _ready;
    private readonly float[] _blockOut;
    private int _pendingCount;
    private int _readyCount;

    protected NeuralDenoiseReference(int sampleRate, int engineRate, int blockSamples)
    {
        if (sampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "8000 or 16000 Hz.");
        }
        SampleRate = sampleRate;
        BlockSamples = blockSamples;
        if (engineRate != sampleRate)
        {
            _up = new Resampler(sampleRate, engineRate);
            _down = new Resampler(engineRate, sampleRate);
        }
        int engineFrame = engineRate / 50;
        _engineFrame = new short[engineFrame];
        _pending = new float[blockSamples + engineFrame];
        _ready = new float[2 * blockSamples + engineFrame];
        _blockOut = new float[blockSamples];
        _readyCount = blockSamples;
    }

    public int SampleRate { get; }

    /// <summary>Samples per engine call at the engine's rate.</summary>
    public int BlockSamples { get; }

    /// <summary>Denoises one 20 ms frame in place.</summary>
    public void Process(Span<short> frame)
    {
        if (frame.Length != SampleRate / 50)
        {
            throw new ArgumentException($"A 20 ms frame holds {SampleRate / 50} samples, got {frame.Length}.", nameof(frame));
        }
        Span<short> engineFrame = _engineFrame;
        if (_up is null) frame.CopyTo(engineFrame);
        else _up.Process(frame, engineFrame);

        for (int i = 0; i < engineFrame.Length; i++)
        {
            _pending[_pendingCount + i] = engineFrame[i] / 32768f;
        }
        _pendingCount += engineFrame.Length;
        int consumed = 0;
        while (_pendingCount - consumed >= BlockSamples)
        {
            ProcessBlock(_pending.AsSpan(consumed, BlockSamples), _blockOut);
            _blockOut.CopyTo(_ready.AsSpan(_readyCount));
            _readyCount += BlockSamples;
            consumed += BlockSamples;
        }
        Array.Copy(_pending, consumed, _pending, 0, _pendingCount - consumed);
        _pendingCount -= consumed;

        for (int i = 0; i < engineFrame.Length; i++)
        {
            engineFrame[i] = (short)Math.Clamp(MathF.Round(_ready[i] * 32768f), short.MinValue, short.MaxValue);
        }
        Array.Copy(_ready, engineFrame.Length, _ready, 0, _readyCount - engineFrame.Length);
        _readyCount -= engineFrame.Length;

        if (_down is null) engineFrame.CopyTo(frame);
        else _down.Process(engineFrame, frame);
    }

    /// <summary>One engine block: input and output are floats in [-1, 1] at the engine's rate.</summary>
    protected abstract void ProcessBlock(ReadOnlySpan<float> input, Span<float> output);

    public abstract void Dispose();
}
