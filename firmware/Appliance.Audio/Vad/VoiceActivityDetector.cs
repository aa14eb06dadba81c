namespace Appliance.Audio.Vad;

/// <summary>
/// The VAD stage of a call: a classifier (Silero, or the energy VAD as fallback), the segmenter
/// with the configured threshold and durations, and the prebuffer. One instance per call leg;
/// feed every 20 ms frame in order.
/// </summary>
public sealed class VoiceActivityDetector
{
    private readonly IVoiceActivityClassifier _classifier;
    private readonly VadSegmenter _segmenter;
    private readonly SpeechPrebuffer _prebuffer;
    private readonly int _prebufferSamples;

    public VoiceActivityDetector(IVoiceActivityClassifier classifier, VadOptions options)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(options);
        _classifier = classifier;
        _segmenter = new VadSegmenter(options);
        int samplesPerMs = classifier.SampleRate / 1000;
        _prebufferSamples = (int)options.Prebuffer.TotalMilliseconds * samplesPerMs;
        // Room for the prebuffer plus the voiced frames spent confirming the start.
        _prebuffer = new SpeechPrebuffer(_prebufferSamples + (int)options.MinSpeechDuration.TotalMilliseconds * samplesPerMs + classifier.FrameSamples);
    }

    public IVoiceActivityClassifier Classifier => _classifier;

    public bool InSpeech => _segmenter.InSpeech;

    public VadDecision Process(ReadOnlySpan<short> frame)
    {
        float p = _classifier.Classify(frame);
        _prebuffer.Write(frame);
        return _segmenter.Push(p);
    }

    /// <summary>
    /// Right after <see cref="VadTransition.SpeechStarted"/>: copies the prebuffer plus the speech
    /// frames already seen (including the current one), oldest first; returns the sample count.
    /// </summary>
    public int CopySpeechStart(VadDecision started, Span<short> destination)
    {
        int wanted = _prebufferSamples + (started.SpeechFramesBefore + 1) * _classifier.FrameSamples;
        return _prebuffer.CopyNewest(destination[..Math.Min(destination.Length, wanted)]);
    }

    /// <summary>Largest sample count <see cref="CopySpeechStart"/> can return.</summary>
    public int MaxSpeechStartSamples => _prebuffer.Capacity;

    public void Reset()
    {
        _classifier.Reset();
        _segmenter.Reset();
        _prebuffer.Clear();
    }
}
