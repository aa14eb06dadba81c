using Appliance.Audio.Echo;
using static Appliance.Audio.Tests.Echo.EchoScene;

namespace Appliance.Audio.Tests.Echo;

public class EchoDetectorTests
{
    private const int Frame = 160;

    /// <summary>Fraction of frames flagged as echo within [from, to) seconds.</summary>
    private static double EchoShare(float[] far, float[] mic, double from, double to)
    {
        var aec = new LineEchoCanceller(8000, TimeSpan.FromMilliseconds(128));
        var detector = new EchoDetector();
        short[] m = ToPcm(mic), r = ToPcm(far);
        var res = new short[Frame];
        int flagged = 0, counted = 0;
        for (int f = 0; f + Frame <= m.Length; f += Frame)
        {
            aec.Process(m.AsSpan(f, Frame), r.AsSpan(f, Frame), res);
            bool echo = detector.Update(aec);
            double t = f / 8000.0;
            // Only frames where the mic carries something (above -50 dBFS).
            if (t >= from && t < to && aec.LastMicPower > 1e-5f)
            {
                counted++;
                if (echo) flagged++;
            }
        }
        return flagged / (double)Math.Max(1, counted);
    }

    [Fact]
    public void Own_voice_coming_back_is_flagged_from_the_start()
    {
        float[] far = FarEnd(6);
        float[] echo = Convolve(far, Path(40, 10, seed: 1));
        double share = EchoShare(far, echo, 0, 6);
        Assert.True(share >= 0.95, $"only {share:P0} of echo frames flagged");
    }

    [Fact]
    public void Caller_talking_over_the_agent_after_convergence_is_not_echo()
    {
        float[] far = FarEnd(8);
        float[] echo = Convolve(far, Path(40, 10, seed: 1));
        float[] caller = NearSpeech(4, peak: 0.15f, voice: "en-us");
        var mic = (float[])echo.Clone();
        for (int i = 0; i < caller.Length && 4 * 8000 + i < mic.Length; i++) mic[4 * 8000 + i] += caller[i];
        double share = EchoShare(far, mic, 4.1, 4 + caller.Length / 8000.0);
        Assert.True(share <= 0.25, $"{share:P0} of caller frames taken for echo");
    }

    [Fact]
    public void Nothing_is_echo_while_the_box_is_silent()
    {
        var d = new EchoDetector();
        Assert.False(d.Update(referencePeak: 0f, micPeak: 0.3f, micPower: 0.01f, residualPower: 0.0001f, erleDb: 30f, doubleTalk: false));
        Assert.False(d.Update(float.NaN, 0.3f, 0.01f, 0.01f, 0f, false));
    }
}
