namespace Appliance.Audio.Vad;

/// <summary>
/// Turns per-frame probabilities into debounced speech segments: a voiced run must last the
/// minimum speech duration to start a segment, and an unvoiced run the minimum silence duration
/// to end it. Inside speech the threshold drops by <see cref="HysteresisDrop"/> (as Silero's own
/// iterator does) so soft word endings do not chop a segment. Pure logic, no audio.
/// </summary>
public sealed class VadSegmenter
{
    /// <summary>How far the threshold falls while inside speech.</summary>
    public const float HysteresisDrop = 0.15f;

    private readonly float _threshold;
    private readonly int _minSpeechFrames;
    private readonly int _minSilenceFrames;
    private int _voicedRun;
    private int _unvoicedRun;

    public VadSegmenter(VadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _threshold = options.Threshold;
        _minSpeechFrames = Math.Max(1, FramesIn(options.MinSpeechDuration));
        _minSilenceFrames = Math.Max(1, FramesIn(options.MinSilenceDuration));
    }

    public bool InSpeech { get; private set; }

    public VadDecision Push(float probability)
    {
        if (float.IsNaN(probability))
        {
            probability = 0f;
        }
        float threshold = InSpeech ? MathF.Max(0f, _threshold - HysteresisDrop) : _threshold;
        // A threshold of 0 would call digital silence speech; require some probability.
        bool voiced = probability >= threshold && probability > 0f;
        if (voiced)
        {
            _voicedRun++;
            _unvoicedRun = 0;
        }
        else
        {
            _unvoicedRun++;
            _voicedRun = 0;
        }

        var transition = VadTransition.None;
        int before = 0;
        if (!InSpeech && _voicedRun >= _minSpeechFrames)
        {
            InSpeech = true;
            transition = VadTransition.SpeechStarted;
            before = _voicedRun - 1;
        }
        else if (InSpeech && _unvoicedRun >= _minSilenceFrames)
        {
            InSpeech = false;
            transition = VadTransition.SpeechEnded;
        }
        return new VadDecision(probability, voiced, InSpeech, transition, before);
    }

    public void Reset()
    {
        InSpeech = false;
        _voicedRun = 0;
        _unvoicedRun = 0;
    }

    internal static int FramesIn(TimeSpan duration) =>
        (int)Math.Round(duration.TotalMilliseconds / VadFrame.FrameMilliseconds, MidpointRounding.AwayFromZero);
}
