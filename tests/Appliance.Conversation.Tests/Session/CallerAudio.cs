namespace Appliance.Conversation.Tests.Session;

/// <summary>Caller audio for session tests.</summary>
internal static class CallerAudio
{
    /// <summary>Speech-like caller audio: a 180 Hz buzz with syllable-rate amplitude modulation.</summary>
    public static short[] Voice(double seconds)
    {
        var samples = new short[(int)(8000 * seconds)];
        for (var n = 0; n < samples.Length; n++)
        {
            var t = n / 8000.0;
            var envelope = 0.6 + (0.4 * Math.Sin(2 * Math.PI * 4 * t));
            samples[n] = (short)(12000 * envelope * (Math.Sin(2 * Math.PI * 180 * t) + (0.5 * Math.Sin(2 * Math.PI * 540 * t))) / 1.5);
        }
        return samples;
    }
}
