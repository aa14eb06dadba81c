namespace Appliance.Hal;

/// <summary>
/// The line's audio codec (a DAA/codec chip through ALSA, or the simulated board):
/// 16-bit mono PCM moved in fixed 20 ms frames.
/// </summary>
public interface IAudioCodec
{
    int SampleRate { get; }

    /// <summary>Samples in one 20 ms frame at <see cref="SampleRate"/>.</summary>
    int FrameSamples { get; }

    /// <summary>Capture under-runs and playback over-runs recovered so far.</summary>
    long XrunCount { get; }

    /// <summary>Fills <paramref name="frame"/> (exactly <see cref="FrameSamples"/> long) with line input.</summary>
    void ReadFrame(Span<short> frame);

    /// <summary>Plays one frame (exactly <see cref="FrameSamples"/> long) to the line.</summary>
    void WriteFrame(ReadOnlySpan<short> frame);
}
