using Appliance.Audio.Tones;
using Appliance.Hal.Line;
using Appliance.Hal.Simulated;

namespace Appliance.Hal.Tests.Line;

/// <summary>Outgoing calls on the simulated board's exchange, clocked through the line's audio pump.</summary>
public class AnalogLineDialTests
{
    [Fact]
    public void Dialled_call_is_answered_after_ringback_and_the_exchange_heard_the_digits()
    {
        using var h = new LineHarness();
        using var pump = new LineAudioPump(h.Board.Audio, h.Line);
        h.Board.Exchange.ExpectOutgoingCall(TonePlan.US, OutgoingCallOutcome.Answer, ringbackCycles: 2);

        var callId = h.Line.Dial("+1 (555) 010-9#");
        Assert.NotNull(callId);
        Assert.Equal(HookState.OffHook, h.Board.Hook.State);
        Assert.Null(h.Line.Dial("123")); // one call at a time
        Pump(h, pump, 30, () => h.Line.State == LineState.InCall);

        Assert.Equal("15550109#", h.Board.Exchange.DialledDigits);
        Assert.Equal(["answered"], h.Events);
        Assert.Equal(LineState.InCall, h.Line.State);

        h.Line.HangUp();
        Pump(h, pump, 1, () => false);
        Assert.Equal(["answered", "ended LocalHangup"], h.Events);
        Assert.Equal(LineState.Idle, h.Line.State);
    }

    [Theory]
    [InlineData("DE")]
    [InlineData("US")]
    public void Busy_after_dialling_ends_the_call_on_hook(string country)
    {
        var plan = TonePlan.ForCountry(country)!;
        using var h = new LineHarness(new AnalogLineOptions { Tones = plan });
        using var pump = new LineAudioPump(h.Board.Audio, h.Line);
        h.Board.Exchange.ExpectOutgoingCall(plan, OutgoingCallOutcome.Busy);

        h.Line.Dial("0301234");
        Pump(h, pump, 15, () => h.Line.State == LineState.Idle);

        Assert.Equal("0301234", h.Board.Exchange.DialledDigits);
        Assert.Equal(["ended Busy"], h.Events);
        Assert.Equal(HookState.OnHook, h.Board.Hook.State);
    }

    [Fact]
    public void No_dial_tone_gives_up_after_three_seconds_without_dialling()
    {
        using var h = new LineHarness();
        using var pump = new LineAudioPump(h.Board.Audio, h.Line);
        h.Board.Exchange.ExpectOutgoingCall(TonePlan.US, OutgoingCallOutcome.NoDialTone);

        h.Line.Dial("5550100");
        Pump(h, pump, 2.8, () => false);
        Assert.Equal(LineState.Dialing, h.Line.State);
        Pump(h, pump, 0.4, () => false);

        Assert.Equal(["ended NoDialTone"], h.Events);
        Assert.Equal("", h.Board.Exchange.DialledDigits);
        Assert.Equal(HookState.OnHook, h.Board.Hook.State);
    }

    [Fact]
    public void Endless_ringback_ends_as_no_answer_after_45_seconds()
    {
        using var h = new LineHarness();
        using var pump = new LineAudioPump(h.Board.Audio, h.Line);
        h.Board.Exchange.ExpectOutgoingCall(TonePlan.US, OutgoingCallOutcome.NoAnswer);

        h.Line.Dial("5550100");
        Pump(h, pump, 40, () => false);
        Assert.Equal(LineState.Calling, h.Line.State);
        Pump(h, pump, 10, () => h.Line.State == LineState.Idle);

        Assert.Equal(["ended NoAnswer"], h.Events);
        Assert.Equal(LineState.Idle, h.Line.State);
    }

    [Fact]
    public void Loop_current_lost_while_calling_ends_the_call()
    {
        using var h = new LineHarness();
        using var pump = new LineAudioPump(h.Board.Audio, h.Line);
        h.Board.Exchange.ExpectOutgoingCall(TonePlan.US, OutgoingCallOutcome.NoAnswer);

        h.Line.Dial("5550100");
        Pump(h, pump, 5, () => false);
        h.Board.Exchange.CallerHangsUp();
        Pump(h, pump, 0.2, () => false);

        Assert.Equal(["ended LoopCurrentDropped"], h.Events);
        Assert.Equal(HookState.OnHook, h.Board.Hook.State);
    }

    [Theory]
    [InlineData("")]
    [InlineData("555-CALL")]
    [InlineData("sip:alice@example.com")]
    [InlineData("123456789012345678901234567890123")]
    public void Undiallable_numbers_are_refused_naming_the_field(string number)
    {
        using var h = new LineHarness();
        var error = Assert.Throws<ArgumentException>(() => h.Line.Dial(number));
        Assert.StartsWith("number", error.Message, StringComparison.Ordinal);
        Assert.Equal(LineState.Idle, h.Line.State);
        Assert.Equal(HookState.OnHook, h.Board.Hook.State);
    }

    // Advances the fake clock one frame at a time through the pump, as the board host does.
    private static void Pump(LineHarness h, LineAudioPump pump, double seconds, Func<bool> done)
    {
        for (int i = 0; i < seconds * 50 && !done(); i++)
        {
            h.Time.Advance(TimeSpan.FromMilliseconds(20));
            pump.PumpOnce();
        }
    }
}
