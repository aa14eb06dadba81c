using Appliance.Hal.Board;
using Appliance.Hal.CallerId;
using Appliance.Hal.Ring;
using Appliance.Hal.Leds;

namespace Appliance.Hal.Simulated;

/// <summary>
/// The whole board in memory, wired to a <see cref="SimulatedExchange"/>. Used by tests, by the
/// HIL rig in CI and as the embedded default so the appliance runs on any PC.
/// </summary>
public sealed class SimulatedBoard : IBoard
{
    private readonly TimeProvider _time;

    public SimulatedBoard(TimeProvider time, int sampleRate = 8000, string name = "simulated")
    {
        ArgumentNullException.ThrowIfNull(time);
        if (sampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "the simulated line runs at 8000 or 16000 Hz");
        }

        _time = time;
        Info = new BoardInfo(name, IsSimulated: true, CodecChip: "simulated");
        Hook = new SimulatedHookSwitch(time);
        Ring = new SimulatedRingDetector(time);
        LoopCurrent = new SimulatedLoopCurrentSensor(time);
        Audio = new SimulatedAudioCodec(time, sampleRate);
        LedDriver = new SimulatedLedDriver(time);
        Leds = new LedPatternEngine(LedDriver, time);
        Exchange = new SimulatedExchange(Hook, Ring, LoopCurrent, Audio, time);
    }

    /// <summary>A simulated board named and clocked as a (validated) board profile says.</summary>
    public static SimulatedBoard FromProfile(BoardProfile profile, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new SimulatedBoard(time, profile.Audio!.SampleRate, profile.Name!);
    }

    public BoardInfo Info { get; }

    public SimulatedHookSwitch Hook { get; }

    public SimulatedRingDetector Ring { get; }

    public SimulatedLoopCurrentSensor LoopCurrent { get; }

    public SimulatedAudioCodec Audio { get; }

    public SimulatedLedDriver LedDriver { get; }

    public LedPatternEngine Leds { get; }

    public SimulatedCodecControl CodecControl { get; } = new();

    public SimulatedExchange Exchange { get; }

    IHookSwitch IBoard.Hook => Hook;

    IRingDetector IBoard.Ring => Ring;

    ILoopCurrentSensor IBoard.LoopCurrent => LoopCurrent;

    ILineStatusLeds IBoard.Leds => Leds;

    IAudioCodec IBoard.Audio => Audio;

    ICodecControl? IBoard.CodecControl => CodecControl;

    /// <summary>The board's observable state now (for the test-mode API).</summary>
    public SimulatedBoardSnapshot Snapshot()
    {
        var leds = new Dictionary<LedId, LedPattern>();
        foreach (var led in Enum.GetValues<LedId>())
        {
            leds[led] = Leds.GetPattern(led);
        }

        var now = _time.GetUtcNow();
        return new SimulatedBoardSnapshot(now, Hook.State, Hook.Contacts, Ring.IsRinging, Exchange.RingsSent, LoopCurrent.IsPresent, leds, Audio.PendingCapture, Audio.LastSoundBefore(now));
    }

    /// <summary>Rings the line as a test-mode request asks; rejects bad input with a clear message.</summary>
    public void StartCall(SimulatedRingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.CallerNumber is { } number && (number.Length > 20 || !number.All(char.IsAsciiDigit)))
        {
            throw new ArgumentException("callerNumber must be up to 20 digits", nameof(request));
        }

        if (request.CallerName is { Length: > 15 })
        {
            throw new ArgumentException("callerName must be up to 15 characters (caller ID limit)", nameof(request));
        }

        if (request.MaxRings is < 1 or > 50)
        {
            throw new ArgumentException("maxRings must be 1-50", nameof(request));
        }

        var callerId = request.CallerNumber is null && request.CallerName is null ? null : new CallerIdInfo(request.CallerNumber, request.CallerName);
        Exchange.Ring(RingCadenceProfile.ForCountry(request.Country), callerId, request.CallerId, request.MaxRings);
    }

    public void Dispose()
    {
        Exchange.Dispose();
        Leds.Dispose();
    }
}
