using Appliance.Audio.Dtmf;
using Appliance.Conversation.Lines;
using Appliance.Hal;
using Appliance.Hal.Line;
using Appliance.Hal.Ring;
using Appliance.Hal.Simulated;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Service.Tests.Hal;

/// <summary>The analog call line's transfer on the simulated board: hook flash, the target's digits as DTMF, on hook.</summary>
public sealed class AnalogCallLineTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly SimulatedBoard _board;
    private readonly AnalogLine _line;
    private readonly LineAudioPump _pump;
    private IncomingLineCallEventArgs? _call;

    public AnalogCallLineTests()
    {
        _board = new SimulatedBoard(_time);
        _line = new AnalogLine(_board, new AnalogLineOptions { AnswerAfterRings = 1 }, _time);
        _pump = new LineAudioPump(_board.Audio, _line);
        _line.IncomingCall += (_, e) => _call = e;
    }

    public void Dispose()
    {
        _line.Dispose();
        _board.Dispose();
    }

    [Fact]
    public async Task Blind_transfer_flashes_dials_the_digits_and_goes_on_hook()
    {
        var call = await AnswerAsync();
        string? ended = null;
        call.Ended += reason => ended = reason;

        var transfer = call.TransferAsync("tel:+1 555-0100", CancellationToken.None);
        await StepUntilAsync(() => transfer.IsCompleted);

        Assert.True(await transfer);
        await StepUntilAsync(() => ended is not null); // the relay opens, loop current stops, the call ends
        var hooks = _board.Hook.History.Select(h => h.State).ToList();
        Assert.Equal([HookState.OnHook, HookState.OffHook, HookState.OnHook, HookState.OffHook, HookState.OnHook], hooks); // idle, answer, flash, back, hang up
        Assert.StartsWith("155501", Dtmf(_board.Audio.Played()), StringComparison.Ordinal);
        Assert.Equal("LocalHangup", ended);
    }

    [Fact]
    public async Task Every_digit_of_the_target_is_dialled_before_going_on_hook()
    {
        var call = await AnswerAsync();
        var transfer = call.TransferAsync("tel:+1 555-0100", CancellationToken.None);
        await StepUntilAsync(() => transfer.IsCompleted);
        Assert.Equal("15550100", Dtmf(_board.Audio.Played()));
    }

    [Fact]
    public async Task A_sip_uri_cannot_be_dialled_so_the_call_stays_up()
    {
        var call = await AnswerAsync();
        Assert.False(await call.TransferAsync("sip:alice@example.com", CancellationToken.None));
        Assert.Equal(LineState.InCall, _line.State);
        Assert.Equal("analog", call.Kind);
    }

    private async Task<AnalogCallLine> AnswerAsync()
    {
        _board.Exchange.Ring(RingCadenceProfile.US);
        await StepUntilAsync(() => _line.State == LineState.InCall);
        return new AnalogCallLine(_line, _pump, _call!, _time);
    }

    private async Task StepUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 1000 && !condition(); i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(20));
            _pump.PumpOnce();
            await Task.Delay(1); // let continuations of the line's delays run
        }
        Assert.True(condition(), "timed out on the simulated clock");
    }

    private static string Dtmf(short[] audio)
    {
        var detector = new DtmfDetector();
        Span<DtmfDigit> found = stackalloc DtmfDigit[4];
        var keys = new System.Text.StringBuilder();
        for (int at = 0; at + 160 <= audio.Length; at += 160)
        {
            int n = detector.Process(audio.AsSpan(at, 160), found);
            for (int i = 0; i < n; i++)
            {
                keys.Append(found[i].Key);
            }
        }
        return keys.ToString();
    }
}
