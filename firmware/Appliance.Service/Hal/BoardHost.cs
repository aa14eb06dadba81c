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
/// <c>Hal:AnswerAfterRings</c>), the LEDs and the line's audio pump, keeps a short log of line events
/// (for the test-mode API), and hands every incoming call to <see cref="AnalogCallHandler"/>.
/// </summary>
internal sealed class BoardHost(IConfiguration configuration, TimeProvider time, AnalogCallHandler calls, ILogger<BoardHost> logger)
    : IHostedService, IDisposable
{
    private const int EventLogSize = 200;
    private static readonly TimeSpan FrameTime = TimeSpan.FromMilliseconds(20);
    // The agent-speaking LED stays lit through the gaps between words and short pauses, as a person
    // watching it expects, instead of flickering with every syllable.
    private static readonly TimeSpan SpeakingHangover = TimeSpan.FromMilliseconds(600);
    private readonly Lock _gate = new();
    private readonly List<LineEvent> _events = [];
    private ITimer? _pumpTimer;
    private ITimer? _ledTimer;
    private long _pumpStarted;
    private long _framesPumped;
    private long _lastSoundAt;
    private int _disposed;
    private bool _ledsHeld;

    public IBoard? Board { get; private set; }

    /// <summary>The board when it is the simulated one (test-mode API); null on hardware.</summary>
    public SimulatedBoard? Simulated => Board as SimulatedBoard;

    public AnalogLine? Line { get; private set; }

    public LineAudioPump? Pump { get; private set; }

    /// <summary>
    /// True while something else owns the LEDs (the diagnostics LED walk): the agent-speaking refresh
    /// leaves them alone. The line's own state changes still reach the indicator, so ringing shows.
    /// </summary>
    public bool LedsHeld
    {
        get => Volatile.Read(ref _ledsHeld);
        set => Volatile.Write(ref _ledsHeld, value);
    }

    public LineStatusIndicator? Indicator { get; private set; }

    public string Country { get; private set; } = "US";

    public int AnswerAfterRings { get; private set; } = 2;

    /// <summary>The line's recent call events, oldest first.</summary>
    public IReadOnlyList<LineEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var choice = configuration["Hal:Board"] is { Length: > 0 } b ? b : "simulated";
        if (choice.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            logger.LogInformation("No board (Hal:Board=none): the analog line is off");
            return Task.CompletedTask;
        }
        var country = configuration["Hal:Country"] is { Length: > 0 } c ? c.ToUpperInvariant() : "US";
        var rings = int.TryParse(configuration["Hal:AnswerAfterRings"], out var r) ? r : 2;
        var board = choice.Equals("simulated", StringComparison.OrdinalIgnoreCase)
            ? new SimulatedBoard(time)
            : (IBoard)LinuxBoard.Open(BoardProfileLoader.LoadFile(choice), time);
        Board = board;
        if (board.Audio.SampleRate != 8000)
        {
            throw new InvalidOperationException($"Hal:Board '{choice}': the line codec runs at {board.Audio.SampleRate} Hz; calls need 8000 Hz");
        }
        lock (_gate)
        {
            BuildLineLocked(board, country, rings);
        }
        if (board.Info.IsSimulated)
        {
            // The simulated codec does not block, so a timer paces the pump; it catches up on late wake-ups.
            _pumpStarted = time.GetTimestamp();
            _pumpTimer = time.CreateTimer(_ => PumpDue(), null, FrameTime, FrameTime);
        }
        else
        {
            Pump!.Start();
        }
        _ledTimer = time.CreateTimer(_ => RefreshAgentSpeaking(), null, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50));
        logger.LogInformation("Board {Board} ({Kind}), analog line {Country}, answers after {Rings} ring(s)",
            board.Info.Name, board.Info.IsSimulated ? "simulated" : "hardware", Country, AnswerAfterRings);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Test mode only: rebuilds the idle simulated line for another country or ring count, so HIL
    /// scenarios with their own settings can run against one box.
    /// </summary>
    public void Reconfigure(string country, int answerAfterRings)
    {
        lock (_gate)
        {
            if (Simulated is not { } board || Line is not { } line || Pump is not { } pump || Indicator is not { } indicator)
            {
                throw new InvalidOperationException("only the simulated board's line can be reconfigured");
            }
            if (line.State != LineState.Idle)
            {
                throw new InvalidOperationException($"the line is {line.State}; wait until it is idle");
            }
            indicator.Dispose();
            line.Dispose();
            pump.Dispose();
            BuildLineLocked(board, country, answerAfterRings);
        }
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
        _ledTimer?.Dispose();
        lock (_gate)
        {
            Pump?.Stop();
            Line?.HangUp();
            Indicator?.Dispose();
            Line?.Dispose();
            Board?.Dispose();
        }
    }

    private void BuildLineLocked(IBoard board, string country, int answerAfterRings)
    {
        var plan = TonePlan.ForCountry(country)
            ?? throw new ArgumentException($"country '{country}' has no call-progress tone plan (known: US, CA, GB, DE, FR, AU, EU)", nameof(country));
        var options = new AnalogLineOptions
        {
            Cadence = RingCadenceProfile.ForCountry(country),
            AnswerAfterRings = answerAfterRings,
            LineNumber = configuration["Hal:LineNumber"],
        };
        options.Validate();
        var line = new AnalogLine(board, options, time, new ExchangeToneDisconnectDetector(plan, board.Audio.SampleRate));
        line.IncomingCall += (_, e) => Log(new LineEvent(time.GetUtcNow(), "incoming", e.CallerNumber, e.CallerId?.Name));
        line.Answered += (_, _) => Log(new LineEvent(time.GetUtcNow(), "answered"));
        line.DtmfReceived += (_, e) => Log(new LineEvent(time.GetUtcNow(), "dtmf", Reason: e.Digit.ToString()));
        line.CallEnded += (_, e) => Log(new LineEvent(time.GetUtcNow(), "ended", Reason: e.Reason.ToString()));
        Indicator = new LineStatusIndicator(board.Leds, line);
        Indicator.BootCompleted();
        Indicator.SetLineReady(true);
        var pump = new LineAudioPump(board.Audio, line);
        line.CallEnded += (_, _) => pump.ClearPlayback(); // what the session queued is not for the next call
        Pump = pump;
        calls.Attach(line, pump);
        Line = line;
        Country = country;
        AnswerAfterRings = answerAfterRings;
    }

    private void Log(LineEvent e)
    {
        lock (_events)
        {
            if (_events.Count == EventLogSize)
            {
                _events.RemoveAt(0);
            }
            _events.Add(e);
        }
    }

    private void RefreshAgentSpeaking()
    {
        if (!LedsHeld)
        {
            var inCall = Line?.State == LineState.InCall;
            if (inCall && Pump?.PlayingSound == true)
            {
                _lastSoundAt = time.GetTimestamp();
            }
            Indicator?.SetAgentSpeaking(inCall && _lastSoundAt != 0 && time.GetElapsedTime(_lastSoundAt) < SpeakingHangover);
        }
    }

    private void PumpDue()
    {
        var due = (long)(time.GetElapsedTime(_pumpStarted) / FrameTime);
        // At most 10 frames at once: after a long stall the line skips ahead instead of bursting.
        if (due - _framesPumped > 10)
        {
            _framesPumped = due - 10;
        }
        // The simulated codec only copies memory, so holding the lock (against Reconfigure) is cheap.
        lock (_gate)
        {
            while (_framesPumped < due && Volatile.Read(ref _disposed) == 0)
            {
                Pump!.PumpOnce();
                _framesPumped++;
            }
        }
    }
}

/// <summary>One call event on the analog line (incoming, answered, dtmf, ended), for the test-mode API.</summary>
internal sealed record LineEvent(DateTimeOffset At, string Kind, string? CallerNumber = null, string? CallerName = null, string? Reason = null);
