using Appliance.Hal;
using Appliance.Hal.Leds;
using Appliance.Hal.Line;
using Appliance.Service.Hal;

namespace Appliance.Service.Web;

/// <summary>
/// The diagnostics page's LED walk: lights each front-panel LED alone in turn (<see cref="StepTime"/>
/// each, in <see cref="LedId"/> order) through the board's LED interface, so the technician sees every
/// LED work and the dashboard's mirror (/v1/system/board) shows the same. A TimeProvider timer drives
/// it; the request only starts it. Afterwards the LEDs show the box's state again: the patterns from
/// before the walk, refreshed for the line's current state. While it runs the walk holds the LEDs
/// (<see cref="BoardHost.LedsHeld"/>), so the line's agent-speaking refresh does not undo a step. A call
/// on the analog line still drives the indicator at once (ringing is never hidden) and ends the walk at
/// its next step.
/// </summary>
internal sealed class DiagnosticsLedWalk(BoardHost host, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan StepTime = TimeSpan.FromMilliseconds(400);

    private static readonly LedId[] Order = Enum.GetValues<LedId>();
    private readonly Lock _gate = new();
    private readonly LedPattern[] _before = new LedPattern[Order.Length];
    private ITimer? _timer;
    private long _started;

    /// <summary>The LED lit by a running walk; null when none runs.</summary>
    public LedId? Current
    {
        get
        {
            lock (_gate)
            {
                return _timer is null ? null : Order[StepAt(time.GetElapsedTime(_started))];
            }
        }
    }

    public static IReadOnlyList<LedId> Leds => Order;

    /// <summary>Starts a walk; the reason it cannot when there is no board, a walk runs or the line is busy.</summary>
    public string? Start()
    {
        if (host.Board is not { } board || host.Line is not { } line)
        {
            return "this box has no board (Hal:Board=none)";
        }
        lock (_gate)
        {
            if (_timer is not null)
            {
                return "an LED walk is already running";
            }
            if (line.State != LineState.Idle)
            {
                return $"the analog line is {line.State}; the LEDs show the call";
            }
            for (int i = 0; i < Order.Length; i++)
            {
                _before[i] = board.Leds.GetPattern(Order[i]);
            }
            _started = time.GetTimestamp();
            host.LedsHeld = true;
            Show(board.Leds, 0);
            _timer = time.CreateTimer(_ => OnTick(), null, StepTime, StepTime);
        }
        return null;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_timer is not null)
            {
                _timer.Dispose();
                _timer = null;
                host.LedsHeld = false;
            }
        }
    }

    private static int StepAt(TimeSpan elapsed) => Math.Min((int)(elapsed / StepTime), Order.Length - 1);

    private static void Show(ILineStatusLeds leds, int step)
    {
        for (int i = 0; i < Order.Length; i++)
        {
            leds.SetPattern(Order[i], i == step ? LedPattern.On : LedPattern.Off);
        }
    }

    private void OnTick()
    {
        lock (_gate)
        {
            if (_timer is null || host.Board is not { } board)
            {
                return;
            }
            var elapsed = time.GetElapsedTime(_started);
            var line = host.Line;
            if (elapsed < StepTime * Order.Length && line?.State == LineState.Idle)
            {
                Show(board.Leds, StepAt(elapsed));
                return;
            }
            _timer.Dispose();
            _timer = null;
            host.LedsHeld = false;
            for (int i = 0; i < Order.Length; i++)
            {
                board.Leds.SetPattern(Order[i], _before[i]);
            }
            // Ringing, in-call and agent-speaking follow the line as it is now, not as it was.
            if (line is not null)
            {
                host.Indicator?.OnLineState(line.State);
            }
        }
    }
}
