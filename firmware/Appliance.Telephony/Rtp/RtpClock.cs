namespace Appliance.Telephony.Rtp;

/// <summary>The 8 kHz clock shared by G.711 and telephone-event, with the fixed 20 ms frame.</summary>
public static class RtpClock
{
    public const int SampleRate = 8000;
    public const int SamplesPerMs = SampleRate / 1000;
    public const int FrameMs = 20;
    public const int SamplesPerFrame = SamplesPerMs * FrameMs;

    /// <summary>An elapsed time in RTP clock units, wrapping like RTP timestamps do.</summary>
    public static uint ToRtpUnits(TimeSpan elapsed) => unchecked((uint)(elapsed.Ticks * SampleRate / TimeSpan.TicksPerSecond));
}
