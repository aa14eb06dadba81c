namespace Appliance.Hal.Simulated;

/// <summary>Hook relay of the simulated board; can be told to stick closed to test fault handling.</summary>
public sealed class SimulatedHookSwitch : IHookSwitch
{
    private readonly TimeProvider _time;
    private readonly List<(DateTimeOffset At, HookState State)> _history = [];
    private readonly Lock _gate = new();
    private bool _stuck;

    internal SimulatedHookSwitch(TimeProvider time) => _time = time;

    /// <summary>Raised when the relay contacts actually move (not when a stuck relay ignores a command).</summary>
    internal event Action<HookState>? ContactsMoved;

    public HookState State { get; private set; }

    /// <summary>Where the contacts really are (differs from <see cref="State"/> when stuck).</summary>
    public HookState Contacts { get; private set; }

    /// <summary>Fault injection: the contacts stay off hook whatever is commanded; clearing it frees the relay.</summary>
    public bool StuckOffHook
    {
        get => _stuck;
        set
        {
            _stuck = value;
            if (!value && Contacts != State)
            {
                // A freed relay drops to the commanded position at once.
                Contacts = State;
                ContactsMoved?.Invoke(State);
            }
        }
    }

    /// <summary>Every commanded change, in order.</summary>
    public IReadOnlyList<(DateTimeOffset At, HookState State)> History
    {
        get
        {
            lock (_gate)
            {
                return [.. _history];
            }
        }
    }

    public void SetHook(HookState state)
    {
        lock (_gate)
        {
            if (state == State && _history.Count > 0)
            {
                return;
            }

            State = state;
            _history.Add((_time.GetUtcNow(), state));
        }

        var contacts = StuckOffHook ? HookState.OffHook : state;
        if (contacts != Contacts)
        {
            Contacts = contacts;
            ContactsMoved?.Invoke(contacts);
        }
    }
}
