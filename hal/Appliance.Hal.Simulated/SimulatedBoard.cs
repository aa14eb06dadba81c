using Appliance.Hal.Board;
using Appliance.Hal.Leds;

namespace Appliance.Hal.Simulated;

/// <summary>
/// The whole board in memory, wired to a <see cref="SimulatedExchange"/>. Used by tests, by the
/// HIL rig in CI and as the embedded default so the appliance runs on any PC.
/// </summary>
public sealed class SimulatedBoard : IBoard
{
    public SimulatedBoard(TimeProvider time, int sampleRate = 8000, string name = "simulated")
    {
        ArgumentNullException.ThrowIfNull(time);
        if (sampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "the simulated line runs at 8000 or 16000 Hz");
        }

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

    public void Dispose()
    {
        Exchange.Dispose();
        Leds.Dispose();
    }
}
