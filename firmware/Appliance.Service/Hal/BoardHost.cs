using Appliance.Audio.Tones;
using Appliance.Hal;
using Appliance.Hal.Board;
using Appliance.Hal.Leds;
using Appliance.Hal.Line;
using Appliance.Hal.Linux;
using Appliance.Hal.Ring;
using Appliance.Hal.Simulated;

namespace Appliance.Service.Hal;

/// <summary>
/// Owns the board for the box's life. <c>Hal:Board</c> = "simulated" (the default, so the appliance
/// runs anywhere), "none" (no analog line), or the path of a board profile JSON (the Linux board).
/// Builds the analog line (ring cadence and disconnect tones of <c>Hal:Country</c>, answer after
/// <c>Hal:AnswerAfterRings</c>), the LEDs and the line's audio pump, and hands every incoming call to
/// <see cref="AnalogCallHandler"/>.
/// </summary>
internal sealed class BoardHost(IConfiguration configuration, TimeProvider time, AnalogCallHandler calls, ILogger<BoardHost> logger)
    : IHostedService, IDisposable
{
    private static readonly TimeSpan FrameTime = TimeSpan.FromMilliseconds(20);
    private ITimer? _pumpTimer;
    private long _pumpStarted;
    private long _framesPumped;
    private int _disposed;

    public IBoard? Board { get; private set; }

    /// <summary>The board when it is the simulated one (test-mode API); null on hardware.</summary>
    public SimulatedBoard? Simulated => Board as SimulatedBoard;

    public AnalogLine? Line { get; private set; }

    public LineAudioPump? Pump { get; private set; }

    public LineStatusIndicator? Indicator { get; private set; }

    public string Country { get; private set; } = "US";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var choice = configuration["Hal:Board"] is { Length: > 0 } b ? b : "simulated";
        if (choice.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            logger.LogInformation("No board (Hal:Board=none): the analog line is off");
            return Task.CompletedTask;
        }
        Country = configuration["Hal:Country"] is { Length: > 0 } c ? c.ToUpperInvariant() : "US";
        var plan = TonePlan.ForCountry(Country)
            ?? throw new InvalidOperationException($"Hal:Country '{Country}' has no call-progress tone plan (known: US, CA, GB, DE, FR, AU, EU)");
        var options = new AnalogLineOptions
        {
            Cadence = RingCadenceProfile.ForCountry(Country),
            AnswerAfterRings = int.TryParse(configuration["Hal:AnswerAfterRings"], out var rings) ? rings : 2,
            LineNumber = configuration["Hal:LineNumber"],
        };

        var board = choice.Equals("simulated", StringComparison.OrdinalIgnoreCase)
            ? new SimulatedBoard(time)
            : (IBoard)LinuxBoard.Open(BoardProfileLoader.LoadFile(choice), time);
        Board = board;
        if (board.Audio.SampleRate != 8000)
        {
            throw new InvalidOperationException($"Hal:Board '{choice}': the line codec runs at {board.Audio.SampleRate} Hz; calls need 8000 Hz");
        }
        Line = new AnalogLine(board, options, time, new ExchangeToneDisconnectDetector(plan, board.Audio.SampleRate));
        Indicator = new LineStatusIndicator(board.Leds, Line);
        Pump = new LineAudioPump(board.Audio, Line);
        calls.Attach(Line, Pump);
        if (board.Info.IsSimulated)
        {
            // The simulated codec does not block, so a timer paces the pump; it catches up on late wake-ups.
            _pumpStarted = time.GetTimestamp();
            _pumpTimer = time.CreateTimer(_ => PumpDue(), null, FrameTime, FrameTime);
        }
        else
        {
            Pump.Start();
        }
        Indicator.BootCompleted();
        Indicator.SetLineReady(true);
        logger.LogInformation("Board {Board} ({Kind}), analog line {Country}, answers after {Rings} ring(s)",
            board.Info.Name, board.Info.IsSimulated ? "simulated" : "hardware", Country, options.AnswerAfterRings);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _pumpTimer?.Dispose();
        Pump?.Stop();
        Line?.HangUp();
        Indicator?.Dispose();
        Line?.Dispose();
        Board?.Dispose();
    }

    private void PumpDue()
    {
        var due = (long)(time.GetElapsedTime(_pumpStarted) / FrameTime);
        // At most 10 frames at once: after a long stall the line skips ahead instead of bursting.
        if (due - _framesPumped > 10)
        {
            _framesPumped = due - 10;
        }
        while (_framesPumped < due && Volatile.Read(ref _disposed) == 0)
        {
            Pump!.PumpOnce();
            _framesPumped++;
        }
    }
}
