using Appliance.Audio.Tones;
using Appliance.Hal.Line;

namespace Appliance.Hal.Tests.Line;

/// <summary>The far end hangs up without a loop-current drop and the exchange plays its tone instead.</summary>
public class DisconnectToneTests
{
    [Theory]
    [InlineData("DE", CallProgressTone.Busy)]
    [InlineData("FR", CallProgressTone.Reorder)]
    [InlineData("GB", CallProgressTone.Busy)]
    [InlineData("US", CallProgressTone.Reorder)]
    public void Busy_or_reorder_from_the_exchange_ends_the_call_on_hook(string country, CallProgressTone tone)
    {
        var plan = TonePlan.ForCountry(country)!;
        using var h = new LineHarness(disconnectTone: new ExchangeToneDisconnectDetector(plan, 8000));
        h.Connect();
        h.Board.Exchange.FarEndHangsUpWithTone(plan, tone, TimeSpan.FromSeconds(10));

        h.Run(2.0 * plan[tone].CycleMs / 1000 + 0.5); // two cadence cycles and a little

        Assert.Equal(["ended DisconnectTone"], h.Events);
        Assert.Equal(HookState.OnHook, h.Board.Hook.State);
        Assert.Equal(LineState.Idle, h.Line.State);
        Assert.Equal(0, h.Board.Audio.PendingCapture); // the exchange's tone stopped with the call
    }

    [Fact]
    public void Ringback_or_dial_tone_in_a_call_does_not_end_it()
    {
        var plan = TonePlan.EU;
        using var h = new LineHarness(disconnectTone: new ExchangeToneDisconnectDetector(plan, 8000));
        h.Connect();
        h.Board.Exchange.FarEndHangsUpWithTone(plan, CallProgressTone.Ringback, TimeSpan.FromSeconds(12));
        h.Run(12);
        h.Board.Exchange.FarEndHangsUpWithTone(plan, CallProgressTone.Dial, TimeSpan.FromSeconds(5));
        h.Run(5);

        Assert.Empty(h.Events);
        Assert.Equal(LineState.InCall, h.Line.State);
    }

    [Fact]
    public void The_exchange_script_refuses_nonsense_durations()
    {
        using var h = new LineHarness();
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Board.Exchange.FarEndHangsUpWithTone(TonePlan.US, CallProgressTone.Busy, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Board.Exchange.FarEndHangsUpWithTone(TonePlan.US, CallProgressTone.Busy, TimeSpan.FromHours(1)));
    }
}
