using System.Numerics.Tensors;

namespace Appliance.Benchmarks.Echo;

/// <summary>
/// The appliance's previous line echo canceller, kept here only as the time-domain baseline of
/// <see cref="EchoCancellerBenchmarks"/> (it cost ~169 µs a frame).
/// An improved proportionate NLMS filter (IPNLMS, Benesty and Gay 2002) over
/// the last 64..128 ms of what the box played (the reference) predicts the echo in the line signal
/// and subtracts it. Proportionate gains (refreshed once per frame from the taps' magnitudes) let
/// the few taps of a sparse line echo path, a bulk delay then a short response, converge fast.
/// Adaptation uses pre-emphasised (whitened) copies of reference and error, which speeds up
/// convergence on speech a lot (speech is strongly low-pass, plain NLMS crawls on it); filtering
/// uses the plain signals with the same taps, valid because pre-emphasis commutes with the echo
/// path. A Geigel detector freezes adaptation during double talk. Vectorised with
/// TensorPrimitives; all buffers are allocated once.
/// </summary>
public sealed class IpnlmsEchoCanceller
{
    private const float PreEmphasis = 0.9f;

    private readonly int _taps;
    private readonly int _frame;
    private readonly float _stepSize;
    private readonly float _regularisation;
    // Layout: [tail history (taps) | current frame (frame)], oldest first; shifted once per frame.
    private readonly float[] _x;
    private readonly float[] _xw;
    // Taps stored oldest-first to line up with the history slices (w[taps-1] multiplies x[n]).
    private readonly float[] _w;
    // Per-tap proportionate gains and a scratch row (gain x whitened regressor).
    private readonly float[] _gain;
    private readonly float[] _scratch;
    // Geigel double-talk detector (ratio 0.5, 4 frames hold), inline.
    private int _doubleTalkHold;
    // Long-term echo return loss enhancement (dB) over frames with echo and no double talk.
    private float _erleDb;
    private bool _residualSaysDoubleTalk;
    private float _lastRef;
    private float _lastError;
    // Step applied at the previous sample times that sample's cross term (whitened . plain
    // regressor), so the whitened error can be formed exactly; see Process.
    private float _lastCorrection;

    /// <param name="sampleRate">8000 or 16000.</param>
    /// <param name="tail">Echo tail to cover, 16..128 ms (bulk delay included).</param>
    /// <param name="stepSize">Adaptation step (0..1]; 0.7 measured best for ERLE after 2 s on speech.</param>
    public IpnlmsEchoCanceller(int sampleRate, TimeSpan tail, float stepSize = 0.7f)
    {
        if (sampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "8000 or 16000 Hz.");
        }
        if (tail < TimeSpan.FromMilliseconds(16) || tail > TimeSpan.FromMilliseconds(128))
        {
            throw new ArgumentOutOfRangeException(nameof(tail), tail, "Tail must be 16..128 ms.");
        }
        if (!(stepSize > 0f && stepSize <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "Step size must be in (0, 1].");
        }
        SampleRate = sampleRate;
        _frame = sampleRate / 50;
        _taps = (int)(sampleRate * tail.TotalSeconds);
        _stepSize = stepSize;
        // Keeps the step bounded when the reference is silent (about -60 dBFS per sample).
        _regularisation = _taps * 1e-6f;
        _x = new float[_taps + _frame];
        _xw = new float[_taps + _frame];
        _w = new float[_taps];
        _gain = new float[_taps];
        _scratch = new float[_taps];
    }

    public int SampleRate { get; }

    public int FrameSamples => _frame;

    public int Taps => _taps;

    /// <summary>Double talk was detected in the last frame (or within the hold time).</summary>
    public bool DoubleTalk => _doubleTalkHold > 0;

    /// <summary>Power of the last microphone frame, linear (full scale = 1).</summary>
    public float LastMicPower { get; private set; }

    /// <summary>Power of the last output (residual) frame, linear.</summary>
    public float LastResidualPower { get; private set; }

    /// <summary>Largest |reference| over the tail and the last frame (full scale = 1).</summary>
    public float LastReferencePeak { get; private set; }

    /// <summary>Largest |microphone| sample of the last frame (full scale = 1).</summary>
    public float LastMicPeak { get; private set; }

    /// <summary>
    /// Cancels one frame. <paramref name="reference"/> is what the box played during this frame
    /// (silence when nothing), <paramref name="mic"/> what came back; output may alias mic.
    /// </summary>
    public void Process(ReadOnlySpan<short> mic, ReadOnlySpan<short> reference, Span<short> output)
    {
        if (mic.Length != _frame || reference.Length != _frame || output.Length != _frame)
        {
            throw new ArgumentException($"Frames must hold {_frame} samples.");
        }
        // Shift history and append the new reference frame (plain and whitened).
        Array.Copy(_x, _frame, _x, 0, _taps);
        Array.Copy(_xw, _frame, _xw, 0, _taps);
        float micPeak = 0f;
        for (int i = 0; i < _frame; i++)
        {
            float r = reference[i] * (1f / 32768f);
            _x[_taps + i] = r;
            _xw[_taps + i] = r - PreEmphasis * _lastRef;
            _lastRef = r;
            micPeak = MathF.Max(micPeak, MathF.Abs(mic[i] * (1f / 32768f)));
        }
        // MaxMagnitude returns the signed sample, hence Abs.
        LastReferencePeak = MathF.Abs(TensorPrimitives.MaxMagnitude(_x.AsSpan()));
        LastMicPeak = micPeak;
        float geigelPeak = _residualSaysDoubleTalk ? float.MaxValue : micPeak;
        _doubleTalkHold = geigelPeak > 0.5f * LastReferencePeak ? 4 : Math.Max(0, _doubleTalkHold - 1);
        bool adapt = _doubleTalkHold == 0 && LastReferencePeak > 1e-4f;

        var xs = _x.AsSpan();
        var xws = _xw.AsSpan();
        var w = _w.AsSpan();
        if (adapt)
        {
            UpdateProportionateGains();
        }
        var gain = _gain.AsSpan();
        var scratch = _scratch.AsSpan();
        float micPower = 0f, residualPower = 0f;
        for (int i = 0; i < _frame; i++)
        {
            float d = mic[i] * (1f / 32768f);
            float e = d - TensorPrimitives.Dot(w, xs.Slice(i + 1, _taps));
            // Whitened error with the current taps: e[n] - a * (e[n-1] recomputed with the taps
            // updated since). Using the stale e[n-1] instead makes the loop diverge.
            float ew = e - PreEmphasis * (_lastError - _lastCorrection);
            _lastError = e;
            _lastCorrection = 0f;
            if (adapt)
            {
                var xw = xws.Slice(i + 1, _taps);
                TensorPrimitives.Multiply(xw, gain, scratch);
                float energy = TensorPrimitives.Dot(scratch, xw);
                float g = _stepSize * ew / (energy + _regularisation);
                TensorPrimitives.MultiplyAdd(scratch, g, w, w);
                _lastCorrection = g * TensorPrimitives.Dot(scratch, xs.Slice(i + 1, _taps));
            }
            micPower += d * d;
            residualPower += e * e;
            output[i] = (short)Math.Clamp(MathF.Round(e * 32768f), short.MinValue, short.MaxValue);
        }
        LastMicPower = micPower / _frame;
        LastResidualPower = residualPower / _frame;
        TrackErle(adapt);
    }

    /// <summary>Echo return loss enhancement the filter currently achieves (dB, smoothed).</summary>
    public float ErleDb => _erleDb;

    // Second double-talk check, for near-end speech too soft for Geigel: once the filter has
    // converged, a frame whose ERLE falls far below the long-term figure holds near-end speech.
    // It acts on the next frame (the decision needs this frame's residual).
    private void TrackErle(bool adapted)
    {
        if (LastReferencePeak < 1e-3f || LastMicPower < 1e-8f)
        {
            _residualSaysDoubleTalk = false;
            return;
        }
        float frameErle = 10f * MathF.Log10((LastMicPower + 1e-12f) / (LastResidualPower + 1e-12f));
        float residualDb = 10f * MathF.Log10(LastResidualPower + 1e-12f);
        _residualSaysDoubleTalk = _erleDb > 20f && frameErle < _erleDb - 20f && residualDb > -50f;
        if (_residualSaysDoubleTalk)
        {
            // Sink by 2 dB/s so a real echo-path change is re-learnt within ~5 s, while a caller
            // talking over the agent for a few seconds does not unfreeze adaptation.
            _erleDb -= 0.04f;
        }
        else if (adapted)
        {
            _erleDb += 0.05f * (frameErle - _erleDb);
        }
    }

    /// <summary>IPNLMS gains: half uniform, half proportional to |w| (alpha = 0), summing to 1 x taps.</summary>
    private void UpdateProportionateGains()
    {
        float l1 = TensorPrimitives.SumOfMagnitudes(_w.AsSpan());
        float uniform = 0.5f;
        float proportional = 0.5f * _taps / (l1 + 1e-6f);
        for (int k = 0; k < _taps; k++)
        {
            _gain[k] = uniform + proportional * MathF.Abs(_w[k]);
        }
    }

    public void Reset()
    {
        Array.Clear(_x);
        Array.Clear(_xw);
        Array.Clear(_w);
        _doubleTalkHold = 0;
        _lastRef = 0f;
        _lastError = 0f;
        _lastCorrection = 0f;
        _erleDb = 0f;
        _residualSaysDoubleTalk = false;
    }
}
