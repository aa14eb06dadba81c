using Appliance.Audio.Vad;

namespace Appliance.Audio.Tests.Vad;

public class SpeechPrebufferTests
{
    [Fact]
    public void Returns_newest_samples_in_order_across_wraparound()
    {
        var ring = new SpeechPrebuffer(10);
        short[] data = new short[27];
        for (short i = 0; i < data.Length; i++) data[i] = i;
        for (int i = 0; i < data.Length; i += 7)
        {
            ring.Write(data.AsSpan(i, Math.Min(7, data.Length - i)));
        }
        var dst = new short[6];
        Assert.Equal(6, ring.CopyNewest(dst));
        Assert.Equal(new short[] { 21, 22, 23, 24, 25, 26 }, dst);
    }

    [Fact]
    public void Write_larger_than_capacity_keeps_tail()
    {
        var ring = new SpeechPrebuffer(4);
        ring.Write(new short[] { 1, 2, 3, 4, 5, 6 });
        var dst = new short[8];
        Assert.Equal(4, ring.CopyNewest(dst));
        Assert.Equal(new short[] { 3, 4, 5, 6 }, dst[..4]);
    }

    [Fact]
    public void Detector_hands_over_prebuffer_plus_confirming_frames()
    {
        var options = VadOptions.FromSeconds(0.5f, 0.1, 0.06, 0.3);
        var vad = new VoiceActivityDetector(new EnergyVad(8000), options);
        var quiet = new short[160];
        var loud = new short[160];
        for (int i = 0; i < 160; i++) loud[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 8000.0));
        for (int i = 0; i < 50; i++) vad.Process(quiet);
        VadDecision d = default;
        int frames = 0;
        while (d.Transition != VadTransition.SpeechStarted && frames < 10)
        {
            d = vad.Process(loud);
            frames++;
        }
        Assert.Equal(VadTransition.SpeechStarted, d.Transition);
        Assert.Equal(3, frames);
        var dst = new short[vad.MaxSpeechStartSamples];
        int n = vad.CopySpeechStart(d, dst);
        Assert.Equal(800 + 3 * 160, n);
        // First 800 samples are the quiet prebuffer, then the loud frames.
        Assert.Equal(0, dst[799]);
        Assert.Equal(loud[1], dst[801]);
    }
}
