using Appliance.Hal.Line;
using Appliance.Hal.Simulated;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Hal.Tests.Line;

/// <summary>An analog line on the simulated board, clocked by a fake clock in 20 ms audio frames.</summary>
internal sealed class LineHarness : IDisposable
{
    private readonly short[] _frame;

    public LineHarness(AnalogLineOptions? options = null, IDisconnectToneDetector? disconnectTone = null)
    {
        Board = new SimulatedBoard(Time);
        Line = new AnalogLine(Board, options ?? new AnalogLineOptions(), Time, disconnectTone);
        _frame = new short[Board.Audio.FrameSamples];
        Line.IncomingCall += (_, e) => Events.Add($"incoming {e.CallerNumber ?? "-"} {e.CallerId?.Name ?? "-"}");
        Line.Answered += (_, _) => Events.Add("answered");
        Line.DtmfReceived += (_, e) => Events.Add($"dtmf {e.Digit}");
        Line.CallEnded += (_, e) =>
        {
            Events.Add($"ended {e.Reason}");
            Ended.Add(e);
        };
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public SimulatedBoard Board { get; }

    public AnalogLine Line { get; }

    public List<string> Events { get; } = [];

    public List<LineCallEndedEventArgs> Ended { get; } = [];

    /// <summary>Runs the clock, pumping one captured frame into the line every 20 ms.</summary>
    public void Run(TimeSpan duration)
    {
        for (var t = TimeSpan.Zero; t < duration; t += TimeSpan.FromMilliseconds(20))
        {
            Time.Advance(TimeSpan.FromMilliseconds(20));
            Board.Audio.ReadFrame(_frame);
            Line.ProcessCapturedFrame(_frame);
        }
    }

    public void Run(double seconds) => Run(TimeSpan.FromSeconds(seconds));

    /// <summary>Rings (US, Bell 202 caller ID) and runs until the line has answered.</summary>
    public void Connect()
    {
        Board.Exchange.Ring(Appliance.Hal.Ring.RingCadenceProfile.US, new("5551234567", "ALICE"), CallerIdSignal.Bell202);
        for (int i = 0; i < 750 && Line.State != LineState.InCall; i++)
        {
            Run(TimeSpan.FromMilliseconds(20));
        }

        Assert.Equal(LineState.InCall, Line.State);
        Events.Clear();
    }

    public void Dispose()
    {
        Line.Dispose();
        Board.Dispose();
    }
}
