using Appliance.Audio.Denoise;
using Appliance.Audio.Vad;

namespace Appliance.Audio.Echo;

/// <summary>
/// Line echo canceller: a partitioned-block frequency-domain adaptive filter (PBFDAF / MDF,
/// Soo and Pang 1990, Valin 2007) over the last 16..128 ms of what the box played (the reference)
/// predicts the echo in the line signal and subtracts it.
/// <para>
/// Blocks of 32 samples (a 20 ms frame is 5 or 10 of them, so no latency is added), overlap-save
/// with a 64-point FFT, K = tail / 32 partitions. The step is normalised per bin by the
/// reference's power over the whole tail, which whitens speech (plain NLMS crawls on its
/// low-pass spectrum); proportionate per-partition gains speed up the few partitions that hold
/// a line echo, and the step shrinks as the error nears the near-end noise floor. Two filters guard against divergence (Valin's foreground/background):
/// the background adapts on every block with far-end signal; the foreground, which makes the
/// output, only takes the background's taps when the background has cancelled clearly better
/// for a while; a background that does clearly worse (near-end speech leaked into it) is reset
/// from the foreground. A Geigel detector also freezes adaptation on loud double talk.
/// </para>
/// All buffers are allocated once; a frame allocates nothing.
/// </summary>
public sealed class LineEchoCanceller
{
    /// <summary>Samples per adaptation block (partition length).</summary>
    public const int BlockSamples = 32;

    private const int Fft = 2 * BlockSamples;
    private const int Bins = BlockSamples + 1;
    // Background better than foreground by this power ratio (about 0.5 dB, smoothed) -> the
    // foreground takes its taps...
    private const float CopyRatio = 0.9f;
    // ...but only if the background removes at least 6 dB of the line signal: during double talk
    // a background adapting on the caller's voice can predict part of it from block to block and
    // beat the foreground without cancelling any echo.
    private const float CancelledRatio = 0.25f;
    // Background worse than foreground by this ratio (6 dB) -> background is reset from it.
    private const float ResetRatio = 4f;
    // Smoothing of the per-block powers the two-filter decision compares (about 4 blocks).
    private const float DecisionSmoothing = 0.75f;
    // The error's 2 s minimum over 32 samples underestimates the noise power; this corrects it.
    private const float NoiseFloorBias = 2f;
    private const int ResidualHoldFrames = 4;

    private readonly int _frame;
    private readonly float _stepSize;
    // Per-bin regulariser: the reference power sum of a -80 dBFS white reference.
    private readonly float _regularisation;
    private readonly RealFft _fft = new(Fft);
    private readonly ReferenceSpectra _history;
    private readonly PartitionedFilter _foreground;
    private readonly PartitionedFilter _background;
    private readonly GeigelDoubleTalkDetector _doubleTalk = new();
    // Floor of the background's error power per block (the near-end noise), over 2 s.
    private readonly MinimumTracker _errorFloor = new(4, 125);
    // [previous block | current block] of the reference, the overlap-save window.
    private readonly float[] _window = new float[Fft];
    private readonly float[] _time = new float[Fft];
    private readonly float[] _yRe = new float[Bins];
    private readonly float[] _yIm = new float[Bins];
    private readonly float[] _scratch = new float[Bins];
    private readonly float[] _mic = new float[BlockSamples];
    private readonly float[] _errorFg = new float[BlockSamples];
    private readonly float[] _errorBg = new float[BlockSamples];
    // Peak |reference| of each of the last frames covering the tail, a ring.
    private readonly float[] _framePeaks;
    private int _framePeakNext;
    private int _constrainNext;
    private float _fgPower;
    private float _bgPower;
    private float _micPower;
    private float _erleDb;
    // Frames left in which the residual-based detector still reports double talk.
    private int _residualHold;

    /// <param name="sampleRate">8000 or 16000.</param>
    /// <param name="tail">Echo tail to cover, 16..128 ms (bulk delay included).</param>
    /// <param name="stepSize">Background step (0..1]; 1 measured best for ERLE after 2 s on speech.</param>
    public LineEchoCanceller(int sampleRate, TimeSpan tail, float stepSize = 1f)
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
        int partitions = ((int)(sampleRate * tail.TotalSeconds) + BlockSamples - 1) / BlockSamples;
        Taps = partitions * BlockSamples;
        _stepSize = stepSize;
        _regularisation = Fft * partitions * 1e-8f;
        _history = new ReferenceSpectra(partitions, Bins);
        _foreground = new PartitionedFilter(partitions, Bins);
        _background = new PartitionedFilter(partitions, Bins);
        _framePeaks = new float[(int)Math.Ceiling(tail.TotalMilliseconds / 20) + 1];
    }

    public int SampleRate { get; }

    public int FrameSamples => _frame;

    /// <summary>Length of the modelled echo path in samples (the tail rounded up to whole blocks).</summary>
    public int Taps { get; }

    /// <summary>Double talk was detected in the last frame (Geigel, within its hold time, or a residual far above the converged level).</summary>
    public bool DoubleTalk => _doubleTalk.Active || _residualHold > 0;

    /// <summary>Power of the last microphone frame, linear (full scale = 1).</summary>
    public float LastMicPower { get; private set; }

    /// <summary>Power of the last output (residual) frame, linear.</summary>
    public float LastResidualPower { get; private set; }

    /// <summary>Largest |reference| over the tail and the last frame (full scale = 1).</summary>
    public float LastReferencePeak { get; private set; }

    /// <summary>Largest |microphone| sample of the last frame (full scale = 1).</summary>
    public float LastMicPeak { get; private set; }

    /// <summary>Echo return loss enhancement the canceller currently achieves (dB, smoothed).</summary>
    public float ErleDb => _erleDb;

    /// <summary>
    /// Cancels one frame. <paramref name="reference"/> is what the box played during this frame
    /// (silence when nothing), <paramref name="mic"/> what came back; output may alias mic.
    /// </summary>
    public void Process(ReadOnlySpan<short> mic, ReadOnlySpan<short> reference, Span<short> output)
    {
        if (mic.Length != _frame || reference.Length != _frame || output.Length != _frame)
        {
            throw new ArgumentException($"Frames must hold {_frame} samples (mic {mic.Length}, reference {reference.Length}, output {output.Length}).");
        }
        float micPeak = 0f, refPeak = 0f;
        for (int i = 0; i < _frame; i++)
        {
            micPeak = MathF.Max(micPeak, MathF.Abs(mic[i] * (1f / 32768f)));
            refPeak = MathF.Max(refPeak, MathF.Abs(reference[i] * (1f / 32768f)));
        }
        _framePeaks[_framePeakNext] = refPeak;
        _framePeakNext = _framePeakNext + 1 == _framePeaks.Length ? 0 : _framePeakNext + 1;
        refPeak = 0f;
        foreach (float p in _framePeaks)
        {
            refPeak = MathF.Max(refPeak, p);
        }
        LastReferencePeak = refPeak;
        LastMicPeak = micPeak;
        bool farActive = refPeak > 1e-4f;
        bool adapt = !_doubleTalk.Update(micPeak, refPeak) && farActive;
        if (adapt)
        {
            _background.UpdateGains();
        }

        float micPower = 0f, residualPower = 0f;
        for (int start = 0; start < _frame; start += BlockSamples)
        {
            var micBlock = mic.Slice(start, BlockSamples);
            for (int i = 0; i < BlockSamples; i++)
            {
                _mic[i] = micBlock[i] * (1f / 32768f);
            }
            var errors = ProcessBlock(reference.Slice(start, BlockSamples), adapt, farActive);
            var outBlock = output.Slice(start, BlockSamples);
            for (int i = 0; i < BlockSamples; i++)
            {
                float e = errors[i];
                micPower += _mic[i] * _mic[i];
                residualPower += e * e;
                outBlock[i] = (short)Math.Clamp(MathF.Round(e * 32768f), short.MinValue, short.MaxValue);
            }
        }
        LastMicPower = micPower / _frame;
        LastResidualPower = residualPower / _frame;
        TrackErle(adapt);
    }

    /// <summary>One block: filter with both models, adapt the background, pick the output.</summary>
    private ReadOnlySpan<float> ProcessBlock(ReadOnlySpan<short> reference, bool adapt, bool farActive)
    {
        Array.Copy(_window, BlockSamples, _window, 0, BlockSamples);
        for (int i = 0; i < BlockSamples; i++)
        {
            _window[BlockSamples + i] = reference[i] * (1f / 32768f);
        }
        _history.Push(_fft, _window);
        float fgPower = Residual(_foreground, _errorFg);
        float bgPower = Residual(_background, _errorBg);
        _errorFloor.Push(bgPower);
        if (adapt)
        {
            AdaptBackground(bgPower);
        }
        if (!farActive)
        {
            return _errorFg;
        }
        _fgPower = DecisionSmoothing * _fgPower + (1f - DecisionSmoothing) * fgPower;
        _bgPower = DecisionSmoothing * _bgPower + (1f - DecisionSmoothing) * bgPower;
        float micPower = 0f;
        foreach (float d in _mic)
        {
            micPower += d * d;
        }
        _micPower = DecisionSmoothing * _micPower + (1f - DecisionSmoothing) * micPower;
        if (_bgPower < CopyRatio * _fgPower && bgPower < fgPower && _bgPower < CancelledRatio * _micPower)
        {
            _foreground.CopyFrom(_background);
            _fgPower = _bgPower;
            return _errorBg;
        }
        if (_bgPower > ResetRatio * _fgPower)
        {
            _background.CopyFrom(_foreground);
            _bgPower = _fgPower;
        }
        return _errorFg;
    }

    /// <summary>error = mic - filter output for this block; returns the error's energy.</summary>
    private float Residual(PartitionedFilter filter, float[] error)
    {
        filter.Filter(_history, _yRe, _yIm);
        _fft.Inverse(_yRe, _yIm, _time);
        float energy = 0f;
        for (int i = 0; i < BlockSamples; i++)
        {
            float e = _mic[i] - _time[BlockSamples + i];
            error[i] = e;
            energy += e * e;
        }
        return energy;
    }

    /// <summary>
    /// One proportionate step on the background's error, then constrains one partition. The step
    /// shrinks as the error nears the near-end noise floor (the error's minimum over 2 s): what is
    /// left there is mostly noise, and a full step would write it into the taps.
    /// </summary>
    private void AdaptBackground(float errorPower)
    {
        float noise = NoiseFloorBias * _errorFloor.Minimum;
        if (errorPower <= noise)
        {
            return;
        }
        float step = _stepSize * (1f - noise / errorPower);
        Array.Clear(_time, 0, BlockSamples);
        Array.Copy(_errorBg, 0, _time, BlockSamples, BlockSamples);
        _fft.Forward(_time, _yRe, _yIm);
        _background.Adapt(_history, _yRe, _yIm, step, _regularisation, _scratch);
        _background.Constrain(_constrainNext, _fft, _time);
        _constrainNext = _constrainNext + 1 == _background.Partitions ? 0 : _constrainNext + 1;
    }

    // Second double-talk signal, for near-end speech too soft for Geigel: once converged, a frame
    // whose ERLE falls far below the long-term figure holds near-end speech (for the echo detector;
    // adaptation needs no freeze for it, the foreground/background pair already guards the filter).
    private void TrackErle(bool adapted)
    {
        if (LastReferencePeak < 1e-3f || LastMicPower < 1e-8f)
        {
            _residualHold = 0;
            return;
        }
        float frameErle = 10f * MathF.Log10((LastMicPower + 1e-12f) / (LastResidualPower + 1e-12f));
        float residualDb = 10f * MathF.Log10(LastResidualPower + 1e-12f);
        if (_erleDb > 20f && frameErle < _erleDb - 20f && residualDb > -50f)
        {
            // Held like Geigel's, so the caller's softer syllables in between do not drag the
            // long-term figure down; it sinks by 2 dB/s, so a real echo-path change stops reading
            // as double talk within ~5 s.
            _residualHold = ResidualHoldFrames;
            _erleDb -= 0.04f;
        }
        else if (_residualHold > 0)
        {
            _residualHold--;
        }
        else if (adapted)
        {
            _erleDb += 0.05f * (frameErle - _erleDb);
        }
    }

    public void Reset()
    {
        _history.Clear();
        _foreground.Clear();
        _background.Clear();
        _doubleTalk.Reset();
        _errorFloor.Reset();
        Array.Clear(_window);
        Array.Clear(_framePeaks);
        _framePeakNext = 0;
        _constrainNext = 0;
        _fgPower = 0f;
        _bgPower = 0f;
        _erleDb = 0f;
        _residualHold = 0;
    }
}
