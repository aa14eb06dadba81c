namespace Appliance.Hal.CallerId;

/// <summary>
/// Generates on-hook caller-ID FSK exactly as an exchange sends it: channel seizure, mark,
/// then each byte as an asynchronous character (start 0, 8 data bits LSB first, stop 1).
/// Used by the simulated board, the HIL rig and the tests; not on the real-time path.
/// </summary>
public static class FskModulator
{
    /// <summary>Signal for one message at the given amplitude (peak, 16-bit) and sample rate.</summary>
    public static short[] Modulate(ReadOnlySpan<byte> message, FskStandard standard, int sampleRate, double amplitude = 6000)
    {
        ArgumentNullException.ThrowIfNull(standard);
        var bits = new List<bool>(standard.SeizureBits + standard.MarkBits + (message.Length * 10) + 10);
        for (int i = 0; i < standard.SeizureBits; i++)
        {
            bits.Add(i % 2 == 1);
        }

        for (int i = 0; i < standard.MarkBits; i++)
        {
            bits.Add(true);
        }

        foreach (byte b in message)
        {
            bits.Add(false);
            for (int bit = 0; bit < 8; bit++)
            {
                bits.Add(((b >> bit) & 1) == 1);
            }

            bits.Add(true);
        }

        for (int i = 0; i < 8; i++)
        {
            bits.Add(true); // trailing mark so the receiver sees the last stop bit cleanly
        }

        double samplesPerBit = sampleRate / FskStandard.BaudRate;
        int total = (int)Math.Ceiling(bits.Count * samplesPerBit);
        var samples = new short[total];
        double phase = 0;
        for (int n = 0; n < total; n++)
        {
            bool mark = bits[Math.Min((int)(n / samplesPerBit), bits.Count - 1)];
            phase += 2 * Math.PI * (mark ? standard.MarkHz : standard.SpaceHz) / sampleRate;
            samples[n] = (short)Math.Round(amplitude * Math.Sin(phase));
        }

        return samples;
    }
}
