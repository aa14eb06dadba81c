using Appliance.Hal.CallerId;
using Appliance.Hal.Leds;
using Appliance.Hal.Line;
using Appliance.Hal.Ring;
using Appliance.Hal.Simulated;

namespace Appliance.Hal.Tests.Line;

public class AnalogLineTests
{
    private static readonly CallerIdInfo Alice = new("5551234567", "ALICE", "11231415");

    [Theory]
    [InlineData("US", CallerIdSignal.Bell202, 12.5)]
    [InlineData("UK", CallerIdSignal.V23, 6.5)]
    [InlineData("DE", CallerIdSignal.V23, 10.5)]
    public void Answers_after_two_rings_with_fsk_caller_id(string country, CallerIdSignal signal, double seconds)
    {
        var cadence = RingCadenceProfile.ForCountry(country);
        using var h = new LineHarness(new AnalogLineOptions { Cadence = cadence });
        h.Board.Exchange.Ring(cadence, Alice, signal);
        h.Run(seconds);

        Assert.Equal(["incoming 5551234567 ALICE", "answered"], h.Events);
        Assert.Equal(LineState.InCall, h.Line.State);
        Assert.Equal(HookState.OffHook, h.Board.Hook.State);
        Assert.False(h.Board.Exchange.IsRinging);
        Assert.Equal(2, h.Board.Exchange.RingsSent);
    }

    [Fact]
    public void Dtmf_caller_id_before_first_ring_is_reported()
    {
        using var h = new LineHarness(new AnalogLineOptions { Cadence = RingCadenceProfile.DE, AnswerAfterRings = 1 });
        h.Board.Exchange.Ring(RingCadenceProfile.DE, new CallerIdInfo("0612345678"), CallerIdSignal.Dtmf);
        h.Run(8);
        Assert.Equal(["incoming 0612345678 -", "answered"], h.Events);
    }

    [Fact]
    public void Stale_caller_id_heard_long_before_ringing_is_not_attached_to_the_call()
    {
        using var h = new LineHarness(new AnalogLineOptions { AnswerAfterRings = 1 });
        h.Board.Audio.InjectCapture(FskModulator.Modulate(CallerIdMessageCodec.Encode(Alice, true), FskStandard.Bell202, 8000));
        h.Run(10);
        Assert.Equal(Alice, h.Line.CallerId);
        h.Board.Exchange.Ring(RingCadenceProfile.US);
        h.Run(2.5);
        Assert.Equal(["incoming - -", "answered"], h.Events);
    }

    [Fact]
    public void Fsk_caller_id_just_before_the_first_ring_is_kept()
    {
        using var h = new LineHarness(new AnalogLineOptions { AnswerAfterRings = 1, Cadence = RingCadenceProfile.UK });
        h.Board.Audio.InjectCapture(FskModulator.Modulate(CallerIdMessageCodec.Encode(Alice, true), FskStandard.V23, 8000));
        h.Run(1);
        h.Board.Exchange.Ring(RingCadenceProfile.UK);
        h.Run(1.5);
        Assert.Equal(["incoming 5551234567 ALICE", "answered"], h.Events);
    }

    [Fact]
    public void Without_caller_id_the_call_still_arrives()
    {
        using var h = new LineHarness();
        h.Board.Exchange.Ring(RingCadenceProfile.US);
        h.Run(13);
        Assert.Equal(["incoming - -", "answered"], h.Events);
    }

    [Fact]
    public void Caller_giving_up_before_answer_returns_to_idle_without_a_call()
    {
        using var h = new LineHarness(new AnalogLineOptions { AnswerAfterRings = 3 });
        h.Board.Exchange.Ring(RingCadenceProfile.US, Alice, CallerIdSignal.Bell202, maxRings: 2);
        h.Run(10);
        Assert.Equal(LineState.Ringing, h.Line.State);
        Assert.Equal(Alice, h.Line.CallerId);
        h.Run(10);
        Assert.Equal(LineState.Idle, h.Line.State);
        Assert.Null(h.Line.CallerId);
        Assert.Empty(h.Events);
        Assert.Equal([HookState.OnHook], h.Board.Hook.History.Select(x => x.State));
    }

    [Fact]
    public void Far_end_hang_up_ends_the_call_on_hook()
    {
        using var h = new LineHarness();
        h.Connect();
        h.Run(5);
        h.Board.Exchange.CallerHangsUp();
        h.Run(0.2);
        Assert.Empty(h.Events); // shorter than the 300 ms glitch filter
        h.Run(0.2);
        Assert.Equal(["ended LoopCurrentDropped"], h.Events);
        Assert.Equal(LineState.Idle, h.Line.State);
        Assert.Equal(HookState.OnHook, h.Board.Hook.State);
        Assert.InRange(h.Ended[0].Duration.TotalSeconds, 5.2, 5.8);
    }

    [Fact]
    public void Loop_current_glitch_does_not_end_the_call()
    {
        using var h = new LineHarness();
        h.Connect();
        h.Board.LoopCurrent.Set(false);
        h.Run(0.1);
        h.Board.Exchange.RestoreLoopCurrent();
        h.Run(2);
        Assert.Empty(h.Events);
        Assert.Equal(LineState.InCall, h.Line.State);
    }

    [Fact]
    public void Loop_current_lost_mid_sentence_ends_on_hook_while_agent_speaks()
    {
        using var h = new LineHarness();
        h.Connect();
        var speech = new short[h.Board.Audio.FrameSamples];
        Array.Fill(speech, (short)3000);
        h.Board.Audio.WriteFrame(speech);
        h.Board.Exchange.LineConnected = false;
        h.Board.LoopCurrent.Set(false);
        h.Run(0.4);
        Assert.Equal(["ended LoopCurrentDropped"], h.Events);
        Assert.Equal(HookState.OnHook, h.Board.Hook.State);
    }

    [Fact]
    public void Local_hang_up_waits_for_the_relay_then_ends()
    {
        using var h = new LineHarness();
        h.Connect();
        h.Line.HangUp();
        Assert.Equal(LineState.HangingUp, h.Line.State);
        Assert.Empty(h.Events);
        h.Run(0.04);
        Assert.Equal(["ended LocalHangup"], h.Events);
        Assert.Equal(LineState.Idle, h.Line.State);
        Assert.Equal(HookState.OnHook, h.Board.Hook.Contacts);
    }

    [Fact]
    public void Relay_stuck_closed_ends_the_call_as_a_fault_and_lights_the_fault_led()
    {
        using var h = new LineHarness();
        using var indicator = new LineStatusIndicator(h.Board.Leds, h.Line);
        h.Connect();
        h.Board.Hook.StuckOffHook = true;
        h.Line.HangUp();
        h.Run(1.2);
        Assert.Equal(["ended RelayStuck"], h.Events);
        Assert.Equal(LineState.Fault, h.Line.State);
        Assert.Equal(HookState.OnHook, h.Board.Hook.State);
        Assert.Equal(LedPattern.On, h.Board.Leds.GetPattern(LedId.Fault));

        // The relay frees itself (drops to the commanded on-hook position): the line recovers to idle.
        h.Board.Hook.StuckOffHook = false;
        h.Run(0.1);
        Assert.Equal(LineState.Idle, h.Line.State);
        Assert.Equal(LedPattern.Off, h.Board.Leds.GetPattern(LedId.Fault));
    }

    [Fact]
    public void No_loop_current_after_answering_ends_on_hook()
    {
        using var h = new LineHarness();
        h.Board.Exchange.LineConnected = false;
        h.Board.Exchange.Ring(RingCadenceProfile.US);
        h.Run(15);
        Assert.Equal(["incoming - -", "ended NoLoopCurrent"], h.Events);
        Assert.Equal(HookState.OnHook, h.Board.Hook.State);
    }

    [Fact]
    public void Ring_during_a_call_ends_it_on_hook()
    {
        using var h = new LineHarness();
        h.Connect();
        h.Board.Ring.Set(true);
        h.Run(0.1);
        Assert.Equal(["ended UnexpectedRing"], h.Events);
        Assert.Equal(HookState.OnHook, h.Board.Hook.State);
        Assert.Equal(LineState.Idle, h.Line.State);
    }

    [Fact]
    public void Long_silence_ends_the_call()
    {
        using var h = new LineHarness(new AnalogLineOptions { SilenceTimeout = TimeSpan.FromSeconds(10) });
        h.Connect();
        h.Run(9.5);
        Assert.Empty(h.Events);
        h.Run(1);
        Assert.Equal(["ended Silence"], h.Events);
    }

    [Fact]
    public void Speech_resets_the_silence_timer()
    {
        using var h = new LineHarness(new AnalogLineOptions { SilenceTimeout = TimeSpan.FromSeconds(10) });
        h.Connect();
        h.Run(8);
        h.Board.Audio.InjectCapture(Enumerable.Range(0, 800).Select(i => (short)(2000 * Math.Sin(i * 0.3))).ToArray());
        h.Run(8);
        Assert.Empty(h.Events);
    }

    [Fact]
    public void Disconnect_tone_ends_the_call()
    {
        var detector = new LoudFramesDetector();
        using var h = new LineHarness(disconnectTone: detector);
        h.Connect();
        h.Board.Audio.InjectCapture(Enumerable.Repeat((short)8000, 1600).ToArray());
        h.Run(0.5);
        Assert.Equal(["ended DisconnectTone"], h.Events);
        Assert.True(detector.Resets > 0);
    }

    [Fact]
    public void Dtmf_in_a_call_is_reported()
    {
        using var h = new LineHarness();
        h.Connect();
        var generator = new Appliance.Audio.Dtmf.DtmfGenerator();
        generator.Enqueue("12#");
        var frame = new short[160];
        while (generator.IsPlaying)
        {
            generator.Fill(frame);
            h.Board.Audio.InjectCapture(frame);
        }

        h.Run(1);
        Assert.Equal(["dtmf 1", "dtmf 2", "dtmf #"], h.Events);
    }

    [Fact]
    public void Flash_goes_on_hook_briefly_and_keeps_the_call()
    {
        using var h = new LineHarness();
        h.Connect();
        Assert.True(h.Line.Flash());
        Assert.Equal(LineState.Flashing, h.Line.State);
        h.Run(1.5);
        Assert.Equal(LineState.InCall, h.Line.State);
        Assert.Empty(h.Events);
        var history = h.Board.Hook.History;
        Assert.Equal(HookState.OnHook, history[^2].State);
        Assert.Equal(HookState.OffHook, history[^1].State);
        Assert.Equal(TimeSpan.FromMilliseconds(600), history[^1].At - history[^2].At);
    }

    [Fact]
    public void Flash_without_a_call_is_refused()
    {
        using var h = new LineHarness();
        Assert.False(h.Line.Flash());
        Assert.Equal(HookState.OnHook, h.Board.Hook.State);
    }

    [Fact]
    public void Leds_follow_the_call()
    {
        using var h = new LineHarness();
        using var indicator = new LineStatusIndicator(h.Board.Leds, h.Line);
        h.Board.Exchange.Ring(RingCadenceProfile.US);
        h.Run(1);
        Assert.Equal(LedPattern.FastBlink, h.Board.Leds.GetPattern(LedId.Ringing));
        var now = h.Time.GetUtcNow();
        Assert.Equal(5, h.Board.LedDriver.TimesLit(LedId.Ringing, now - TimeSpan.FromSeconds(1), now));
        h.Run(12);
        Assert.Equal(LedPattern.Off, h.Board.Leds.GetPattern(LedId.Ringing));
        Assert.Equal(LedPattern.On, h.Board.Leds.GetPattern(LedId.InCall));
        h.Line.HangUp();
        h.Run(0.1);
        Assert.Equal(LedPattern.Off, h.Board.Leds.GetPattern(LedId.InCall));
    }

    /// <summary>Stands in for an Appliance.Audio tone detector: any loud frame counts as the tone.</summary>
    private sealed class LoudFramesDetector : IDisconnectToneDetector
    {
        public int Resets { get; private set; }

        public bool Process(ReadOnlySpan<short> frame) => frame[0] > 4000;

        public void Reset() => Resets++;
    }
}
