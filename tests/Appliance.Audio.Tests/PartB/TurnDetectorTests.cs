using Appliance.Audio.Endpointing;
using Appliance.Audio.Vad;

namespace Appliance.Audio.Tests.PartB;

public class TurnDetectorTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);

    /// <summary>Feeds a voiced/unvoiced pattern (frames) through a real segmenter; returns the end-of-turn time.</summary>
    private static TimeSpan? EndOfTurn(TurnDetector turn, params (bool Voiced, int Frames)[] pattern) =>
        EndOfTurn(turn, 0.1, pattern);

    private static TimeSpan? EndOfTurn(TurnDetector turn, double vadMinSilence, params (bool Voiced, int Frames)[] pattern)
    {
        var seg = new VadSegmenter(VadOptions.FromSeconds(0.5f, 0, 0.02, vadMinSilence));
        var t = TimeSpan.Zero;
        foreach (var (voiced, frames) in pattern)
        {
            for (int i = 0; i < frames; i++, t += Frame)
            {
                if (turn.OnFrame(t, seg.Push(voiced ? 0.9f : 0.1f)) == TurnEvent.UserTurnEnded)
                {
                    return t + Frame;
                }
            }
        }
        return null;
    }

    private static TurnDetector Make(EndpointingSensitivity s, double min = 0.1, double max = 2.0) =>
        new(new EndpointingOptions { MinDelay = TimeSpan.FromSeconds(min), MaxDelay = TimeSpan.FromSeconds(max), Sensitivity = s });

    [Fact]
    public void Sensitive_without_hint_ends_min_plus_an_eighth_of_the_span_after_speech()
    {
        // 0.1 + 1.9 * 0.25 * 0.5 = 0.3375 s -> first frame end at or past it: 0.34 s after speech.
        var end = EndOfTurn(Make(EndpointingSensitivity.Sensitive), (true, 50), (false, 200));
        Assert.Equal(TimeSpan.FromSeconds(1.0 + 0.34), end);
    }

    [Fact]
    public void Relaxed_without_hint_waits_half_way()
    {
        // 0.1 + 1.9 * 0.5 = 1.05 s -> 1.06 s on the frame grid.
        var end = EndOfTurn(Make(EndpointingSensitivity.Relaxed), (true, 50), (false, 200));
        Assert.Equal(TimeSpan.FromSeconds(1.0 + 1.06), end);
    }

    [Fact]
    public void Completion_hint_of_one_ends_at_min_delay_except_where_vad_holds_longer()
    {
        var turn = Make(EndpointingSensitivity.Relaxed, min: 0.2);
        turn.SetCompletionHint(1f);
        var end = EndOfTurn(turn, (true, 50), (false, 200));
        Assert.Equal(TimeSpan.FromSeconds(1.2), end);

        // min 0.1 s is shorter than the VAD's 0.1 s min silence + frame grid: the VAD closes first.
        var fast = Make(EndpointingSensitivity.Relaxed, min: 0.0);
        fast.SetCompletionHint(1f);
        Assert.Equal(TimeSpan.FromSeconds(1.1), EndOfTurn(fast, (true, 50), (false, 200)));
    }

    [Fact]
    public void Auto_adapts_to_the_callers_own_pauses()
    {
        // Pause of 0.4 s inside the turn -> wait 0.6 s after the last word (ends at 1.6 s).
        var end = EndOfTurn(Make(EndpointingSensitivity.Auto), (true, 30), (false, 20), (true, 30), (false, 200));
        Assert.Equal(TimeSpan.FromSeconds(1.6 + 0.6), end);
    }

    [Fact]
    public void Auto_without_pauses_waits_a_fifth_of_the_span()
    {
        // 0.1 + 0.2 * 1.9 = 0.48 s.
        Assert.Equal(TimeSpan.FromSeconds(1.0 + 0.48), EndOfTurn(Make(EndpointingSensitivity.Auto), (true, 50), (false, 200)));
    }

    [Fact]
    public void Max_delay_ends_the_turn_even_while_the_vad_holds_speech_open()
    {
        var turn = Make(EndpointingSensitivity.Relaxed, min: 0.1, max: 0.5);
        turn.SetCompletionHint(0f);
        // The VAD's min silence is 1.0 s, longer than max_endpointing_delay: max wins.
        Assert.Equal(TimeSpan.FromSeconds(0.6 + 0.5), EndOfTurn(turn, 1.0, (true, 30), (false, 100)));
    }

    [Fact]
    public void Speech_resuming_before_the_delay_keeps_the_turn_open()
    {
        var turn = Make(EndpointingSensitivity.Relaxed);
        Assert.Null(EndOfTurn(turn, (true, 50), (false, 40), (true, 10)));
        Assert.True(turn.InTurn);
    }

    [Theory]
    [InlineData("auto", EndpointingSensitivity.Auto)]
    [InlineData(" Relaxed ", EndpointingSensitivity.Relaxed)]
    [InlineData("SENSITIVE", EndpointingSensitivity.Sensitive)]
    public void Sensitivity_parses(string text, EndpointingSensitivity expected) =>
        Assert.Equal(expected, EndpointingOptions.ParseSensitivity(text));

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => EndpointingOptions.ParseSensitivity("eager"));
        Assert.ThrowsAny<ArgumentException>(() => Make(EndpointingSensitivity.Auto, min: 3, max: 2));
        Assert.ThrowsAny<ArgumentException>(() => Make(EndpointingSensitivity.Auto, min: -1));
        Assert.ThrowsAny<ArgumentException>(() => Make((EndpointingSensitivity)42));
    }
}
