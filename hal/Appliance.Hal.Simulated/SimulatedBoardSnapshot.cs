using System.Text.Json.Serialization;
using Appliance.Hal.Leds;

namespace Appliance.Hal.Simulated;

/// <summary>
/// What an outside driver (the service's authenticated test-mode API, used by the HIL tool against a
/// running box) can observe on the simulated board at one moment.
/// </summary>
public sealed record SimulatedBoardSnapshot(
    DateTimeOffset At,
    HookState Hook,
    HookState Contacts,
    bool Ringing,
    int RingsSent,
    bool LoopCurrent,
    IReadOnlyDictionary<LedId, LedPattern> Leds,
    int CaptureSamplesPending,
    DateTimeOffset? LastAgentSoundAt);

/// <summary>A request to ring the simulated line, as the test-mode API receives it.</summary>
public sealed record SimulatedRingRequest(string? CallerNumber, string? CallerName, CallerIdSignal CallerId = CallerIdSignal.Bell202, string Country = "US", int MaxRings = 10);

/// <summary>Source-generated JSON for the test-mode API's bodies (AOT: no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SimulatedBoardSnapshot))]
[JsonSerializable(typeof(SimulatedRingRequest))]
public sealed partial class SimulatedBoardJsonContext : JsonSerializerContext;
