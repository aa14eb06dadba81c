namespace Appliance.Hal.Linux.Alsa;

/// <summary>
/// The line codec through ALSA: a capture and a playback PCM at the board's sample rate, moved in
/// 20 ms frames. Call <see cref="ReadFrame"/> from one audio thread and <see cref="WriteFrame"/>
/// from one (possibly the same) thread; both block for at most about a frame.
/// </summary>
public sealed class AlsaAudioCodec : IAudioCodec, IDisposable
{
    /// <summary>Three frames of device buffering: enough to ride out scheduling jitter, small for latency.</summary>
    public static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(60);

    private readonly AlsaConfig? _config;
    private readonly AlsaPcm _capture;
    private readonly AlsaPcm _playback;

    /// <param name="captureDevice">ALSA PCM name for line input.</param>
    /// <param name="playbackDevice">ALSA PCM name for line output.</param>
    /// <param name="sampleRate">8000 or 16000 (48000 where the codec only does that).</param>
    /// <param name="configFile">Optional ALSA configuration defining the PCMs, used instead of the system's.</param>
    public AlsaAudioCodec(string captureDevice, string playbackDevice, int sampleRate, string? configFile = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(captureDevice);
        ArgumentException.ThrowIfNullOrWhiteSpace(playbackDevice);
        if (sampleRate is not (8000 or 16000 or 48000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "use 8000, 16000 or 48000");
        }

        SampleRate = sampleRate;
        FrameSamples = sampleRate / 50;
        _config = configFile is null ? null : AlsaConfig.Load(configFile);
        try
        {
            _capture = new AlsaPcm(captureDevice, capture: true, sampleRate, Latency, _config);
            try
            {
                _playback = new AlsaPcm(playbackDevice, capture: false, sampleRate, Latency, _config);
            }
            catch
            {
                _capture.Dispose();
                throw;
            }
        }
        catch
        {
            _config?.Dispose();
            throw;
        }
    }

    public int SampleRate { get; }

    public int FrameSamples { get; }

    public long XrunCount => _capture.XrunCount + _playback.XrunCount;

    public void ReadFrame(Span<short> frame)
    {
        CheckLength(frame.Length);
        _capture.Read(frame);
    }

    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        CheckLength(frame.Length);
        _playback.Write(frame);
    }

    public void Dispose()
    {
        _capture.Dispose();
        _playback.Dispose();
        _config?.Dispose();
    }

    private void CheckLength(int length)
    {
        if (length != FrameSamples)
        {
            throw new ArgumentException($"frames are {FrameSamples} samples (20 ms at {SampleRate} Hz), got {length}");
        }
    }
}
