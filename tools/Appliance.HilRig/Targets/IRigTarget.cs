using Appliance.Audio.Tones;
using Appliance.Hal;
using Appliance.Hal.CallerId;
using Appliance.Hal.Leds;
using Appliance.Hal.Simulated;

namespace Appliance.HilRig.Targets;

/// <summary>Something observed on the device under test (a call event), with its time.</summary>
public sealed record RigEvent(DateTimeOffset At, string Kind, string? CallerNumber = null, string? CallerName = null, string? Reason = null);

/// <summary>
/// The device under test as a scenario sees it: the rig side of the phone line (ring it, talk,
/// hang up) and the box's observable outputs (hook relay, LEDs, audio, call events). The simulated
/// target runs the box in-process; a hardware rig implements the same members over its own GPIO
/// (ring generator, loop simulator) and audio (see docs/hal.md).
/// </summary>
public interface IRigTarget : IDisposable
{
    DateTimeOffset Now { get; }

    int SampleRate { get; }

    HookState Hook { get; }

    IReadOnlyList<RigEvent> Events { get; }

    /// <summary>Lets time pass (the simulated target runs its clock and audio in 20 ms steps).</summary>
    void Advance(TimeSpan duration);

    void Ring(CallerIdInfo? callerId, CallerIdSignal signal, int maxRings);

    void CallerHangsUp();

    /// <summary>The far end hangs up without opening the loop; the exchange plays <paramref name="tone"/> of the line's country.</summary>
    void CallerHangsUpWithTone(CallProgressTone tone);

    void PlayCallerAudio(short[] samples);

    /// <summary>When the box first played sound to the line at or after <paramref name="since"/>.</summary>
    DateTimeOffset? FirstAgentAudioAfter(DateTimeOffset since);

    LedPattern Led(LedId led);

    /// <summary>Makes the box end the conversation (as the engine would).</summary>
    void AgentHangsUp();

    void Flash();

    /// <summary>Fault injection: stickRelay, cutLine or ringDuringCall.</summary>
    void InjectFault(string kind);
}
