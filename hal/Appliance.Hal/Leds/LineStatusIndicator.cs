using Appliance.Hal.Line;

namespace Appliance.Hal.Leds;

/// <summary>
/// Shows the appliance's status on the front-panel LEDs with the meanings documented in
/// docs/hal.md. The analog line's state is followed automatically; the rest is reported by
/// the service (boot, registration, agent speech, cloud reachability, faults).
/// </summary>
public sealed class LineStatusIndicator : IDisposable
{
    private readonly ILineStatusLeds _leds;
    private readonly AnalogLine? _line;
    private bool _faultReported;

    public LineStatusIndicator(ILineStatusLeds leds, AnalogLine? line = null)
    {
        ArgumentNullException.ThrowIfNull(leds);
        _leds = leds;
        _line = line;
        _leds.SetPattern(LedId.Power, LedPattern.FastBlink);
        _leds.SetPattern(LedId.Line, LedPattern.SlowBlink);
        if (line is not null)
        {
            line.StateChanged += OnLineState;
            OnLineState(line.State);
        }
    }

    /// <summary>Boot finished: power LED steady.</summary>
    public void BootCompleted() => _leds.SetPattern(LedId.Power, LedPattern.On);

    /// <summary>A line is usable (SIP registered or analog line voltage present): steady; otherwise slow blink.</summary>
    public void SetLineReady(bool ready) => _leds.SetPattern(LedId.Line, ready ? LedPattern.On : LedPattern.SlowBlink);

    public void SetAgentSpeaking(bool speaking) => _leds.SetPattern(LedId.AgentSpeaking, speaking ? LedPattern.On : LedPattern.Off);

    /// <summary>Cloud providers unreachable (running on local fallbacks): slow blink.</summary>
    public void SetCloudReachable(bool reachable) => _leds.SetPattern(LedId.Cloud, reachable ? LedPattern.Off : LedPattern.SlowBlink);

    /// <summary>A fault the service detected (storage, audio device): double blink until cleared.</summary>
    public void SetFault(bool fault)
    {
        _faultReported = fault;
        UpdateFault(_line?.State ?? LineState.Idle);
    }

    /// <summary>Ringing, call and line-fault LEDs for a line state (also used for SIP calls).</summary>
    public void OnLineState(LineState state)
    {
        _leds.SetPattern(LedId.Ringing, state == LineState.Ringing ? LedPattern.FastBlink : LedPattern.Off);
        _leds.SetPattern(LedId.InCall, state switch
        {
            LineState.InCall => LedPattern.On,
            LineState.Answering or LineState.Flashing or LineState.HangingUp => LedPattern.SlowBlink,
            _ => LedPattern.Off,
        });
        if (state != LineState.InCall)
        {
            _leds.SetPattern(LedId.AgentSpeaking, LedPattern.Off);
        }

        UpdateFault(state);
    }

    public void Dispose()
    {
        if (_line is not null)
        {
            _line.StateChanged -= OnLineState;
        }
    }

    private void UpdateFault(LineState state) =>
        _leds.SetPattern(LedId.Fault, state == LineState.Fault ? LedPattern.On : _faultReported ? LedPattern.DoubleBlink : LedPattern.Off);
}
