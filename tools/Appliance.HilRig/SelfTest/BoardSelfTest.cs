using Appliance.Hal;
using Appliance.Hal.Leds;

namespace Appliance.HilRig.SelfTest;

/// <summary>
/// Technician self-test of any board: LED walk, hook relay click, and an audio loopback tone
/// (needs the line output looped to the line input, e.g. the rig's loopback plug) measuring
/// level and round-trip latency. <paramref name="wait"/> sleeps on hardware and advances a fake clock in simulation.
/// </summary>
public static class BoardSelfTest
{
    private const int ToneHz = 1000;
    private const double ToneAmplitude = 8231; // -12 dBFS peak
    private const int LeadFrames = 5;
    private const int ToneFrames = 15;
    private const int TotalFrames = 50; // one second: room for up to ~600 ms of latency

    public static SelfTestReport Run(IBoard board, Action<TimeSpan> wait)
    {
        ArgumentNullException.ThrowIfNull(board);
        ArgumentNullException.ThrowIfNull(wait);
        var walked = new List<string>();
        foreach (var led in Enum.GetValues<LedId>())
        {
            board.Leds.SetPattern(led, LedPattern.On);
            wait(TimeSpan.FromMilliseconds(300));
            board.Leds.SetPattern(led, LedPattern.Off);
            walked.Add(led.ToString());
        }

        board.Hook.SetHook(HookState.OffHook);
        wait(TimeSpan.FromMilliseconds(200));
        bool loopCurrent = board.LoopCurrent.IsPresent;
        board.Hook.SetHook(HookState.OnHook);
        wait(TimeSpan.FromMilliseconds(200));

        var (level, gain, latency) = MeasureLoopback(board.Audio);
        return new SelfTestReport(walked, loopCurrent, level, gain, latency, board.Audio.XrunCount);
    }

    /// <summary>Plays silence, a tone, silence while capturing frame by frame; finds the tone's onset both ways.</summary>
    internal static (double? LevelDbfs, double? GainDb, double? LatencyMs) MeasureLoopback(IAudioCodec audio)
    {
        int n = audio.FrameSamples;
        var sent = new short[TotalFrames * n];
        for (int i = LeadFrames * n; i < (LeadFrames + ToneFrames) * n; i++)
        {
            sent[i] = (short)(ToneAmplitude * Math.Sin(2 * Math.PI * ToneHz * i / audio.SampleRate));
        }

        var received = new short[sent.Length];
        for (int f = 0; f < TotalFrames; f++)
        {
            audio.WriteFrame(sent.AsSpan(f * n, n));
            audio.ReadFrame(received.AsSpan(f * n, n));
        }

        int sentOnset = Onset(sent);
        int receivedOnset = Onset(received);
        if (receivedOnset < 0)
        {
            return (null, null, null);
        }

        // Measure the steady middle of the tone (skip 50 ms at each end).
        int skip = audio.SampleRate / 20;
        int length = (ToneFrames * n) - (2 * skip);
        double sentDb = Dbfs(sent.AsSpan(sentOnset + skip, length));
        double receivedDb = Dbfs(received.AsSpan(receivedOnset + skip, Math.Min(length, received.Length - receivedOnset - skip)));
        return (receivedDb, receivedDb - sentDb, (receivedOnset - sentOnset) * 1000.0 / audio.SampleRate);
    }

    /// <summary>First sample above half the signal's peak; -1 when the signal is below -50 dBFS.</summary>
    private static int Onset(ReadOnlySpan<short> signal)
    {
        int peak = 0;
        foreach (short s in signal)
        {
            peak = Math.Max(peak, Math.Abs((int)s));
        }

        if (peak < 100)
        {
            return -1;
        }

        for (int i = 0; i < signal.Length; i++)
        {
            if (Math.Abs((int)signal[i]) * 2 > peak)
            {
                return i;
            }
        }

        return -1;
    }

    private static double Dbfs(ReadOnlySpan<short> signal)
    {
        double sum = 0;
        foreach (short s in signal)
        {
            sum += s * (double)s;
        }

        return 20 * Math.Log10(Math.Sqrt(sum / Math.Max(1, signal.Length)) / 32768.0);
    }
}
