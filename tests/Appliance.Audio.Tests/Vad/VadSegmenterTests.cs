using Appliance.Audio.Vad;

namespace Appliance.Audio.Tests.Vad;

public class VadSegmenterTests
{
    private static VadSegmenter Make(double minSpeech = 0.1, double minSilence = 0.3, float threshold = 0.5f) =>
        new(VadOptions.FromSeconds(threshold, 0.3, minSpeech, minSilence));

    [Fact]
    public void Speech_starts_after_min_speech_duration_and_reports_its_true_start()
    {
        var seg = Make(minSpeech: 0.1);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(VadTransition.None, seg.Push(0.9f).Transition);
        }
        var started = seg.Push(0.9f);
        Assert.Equal(VadTransition.SpeechStarted, started.Transition);
        Assert.Equal(4, started.SpeechFramesBefore);
    }

    [Fact]
    public void Burst_shorter_than_min_speech_is_ignored()
    {
        var seg = Make(minSpeech: 0.1);
        for (int i = 0; i < 4; i++) seg.Push(0.9f);
        seg.Push(0.1f);
        for (int i = 0; i < 4; i++) Assert.False(seg.Push(0.9f).InSpeech);
    }

    [Fact]
    public void Speech_ends_exactly_after_min_silence_duration()
    {
        var seg = Make(minSpeech: 0.02, minSilence: 0.3);
        Assert.Equal(VadTransition.SpeechStarted, seg.Push(0.9f).Transition);
        for (int i = 0; i < 14; i++)
        {
            Assert.True(seg.Push(0.0f).InSpeech);
        }
        Assert.Equal(VadTransition.SpeechEnded, seg.Push(0.0f).Transition);
    }

    [Fact]
    public void Hysteresis_keeps_speech_through_probabilities_just_under_threshold()
    {
        var seg = Make(minSpeech: 0.02, minSilence: 0.04);
        seg.Push(0.9f);
        for (int i = 0; i < 10; i++)
        {
            var d = seg.Push(0.4f);
            Assert.True(d.IsVoiced);
            Assert.True(d.InSpeech);
        }
        seg.Push(0.3f);
        Assert.Equal(VadTransition.SpeechEnded, seg.Push(0.3f).Transition);
    }

    [Fact]
    public void NaN_probability_counts_as_silence()
    {
        var seg = Make(minSpeech: 0.02);
        Assert.False(seg.Push(float.NaN).IsVoiced);
    }

    [Theory]
    [InlineData(-0.1f, 0.3, 0.1, 0.3)]
    [InlineData(1.1f, 0.3, 0.1, 0.3)]
    [InlineData(0.5f, -1, 0.1, 0.3)]
    [InlineData(0.5f, 0.3, double.NaN, 0.3)]
    [InlineData(0.5f, 0.3, 0.1, double.PositiveInfinity)]
    public void Invalid_options_are_rejected(float threshold, double prebuffer, double minSpeech, double minSilence)
    {
        Assert.ThrowsAny<ArgumentException>(() => VadOptions.FromSeconds(threshold, prebuffer, minSpeech, minSilence));
    }
}
