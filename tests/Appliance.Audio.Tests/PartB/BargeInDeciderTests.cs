using Appliance.Audio.Endpointing;
using Appliance.Audio.Vad;

namespace Appliance.Audio.Tests.PartB;

public class BargeInDeciderTests
{
    private static readonly VadDecision Voiced = new(0.9f, true, true, VadTransition.None, 0);
    private static readonly VadDecision Silent = new(0.1f, false, false, VadTransition.None, 0);

    /// <summary>Index of the frame at which the decider fires, or -1.</summary>
    private static int FireFrame(BargeInDecider d, string pattern, bool echo = false)
    {
        for (int i = 0; i < pattern.Length; i++)
        {
            if (d.OnFrame(agentSpeaking: true, pattern[i] == 'x' ? Voiced : Silent, echo))
            {
                return i;
            }
        }
        return -1;
    }

    private static BargeInDecider Make(float s) => new(new BargeInOptions { InterruptionSensitivity = s });

    [Fact]
    public void Sensitivity_one_interrupts_at_the_first_sound() =>
        Assert.Equal(3, FireFrame(Make(1f), "...x"));

    [Fact]
    public void Sensitivity_zero_never_interrupts() =>
        Assert.Equal(-1, FireFrame(Make(0f), new string('x', 500)));

    [Fact]
    public void Default_half_needs_600ms_of_speech()
    {
        // 30 voiced frames = 0.6 s: fires on the 30th.
        Assert.Equal(29, FireFrame(Make(0.5f), new string('x', 60)));
    }

    [Fact]
    public void Backchannel_and_cough_are_ignored_at_default()
    {
        // "mhm" 0.4 s, pause, cough 0.2 s, pause, "mhm" 0.4 s.
        string pattern = new string('x', 20) + new string('.', 15) + new string('x', 10) + new string('.', 15) + new string('x', 20) + new string('.', 20);
        Assert.Equal(-1, FireFrame(Make(0.5f), pattern));
    }

    [Fact]
    public void Short_gaps_inside_words_are_bridged()
    {
        // 0.3 s, 0.1 s gap, 0.3 s: bridged, fires when 0.6 s of voiced time is reached.
        string pattern = new string('x', 15) + new string('.', 5) + new string('x', 20);
        Assert.Equal(34, FireFrame(Make(0.5f), pattern));
    }

    [Fact]
    public void Echo_frames_do_not_count()
    {
        Assert.Equal(-1, FireFrame(Make(1f), new string('x', 100), echo: true));
    }

    [Fact]
    public void Fires_once_per_agent_utterance_and_rearms_after_the_agent_stops()
    {
        var d = Make(1f);
        Assert.True(d.OnFrame(true, Voiced, false));
        Assert.False(d.OnFrame(true, Voiced, false));
        Assert.False(d.OnFrame(false, Voiced, false));
        Assert.True(d.OnFrame(true, Voiced, false));
    }

    [Fact]
    public void Caller_speech_while_agent_is_silent_is_not_a_barge_in()
    {
        var d = Make(1f);
        for (int i = 0; i < 10; i++) Assert.False(d.OnFrame(false, Voiced, false));
    }

    [Theory]
    [InlineData(-0.01f)]
    [InlineData(1.01f)]
    [InlineData(float.NaN)]
    public void Out_of_range_sensitivity_is_rejected(float s) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Make(s));
}
