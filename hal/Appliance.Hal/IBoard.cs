namespace Appliance.Hal;

/// <summary>Everything the firmware touches on one board, hardware or simulated.</summary>
public interface IBoard : IDisposable
{
    BoardInfo Info { get; }

    IHookSwitch Hook { get; }

    IRingDetector Ring { get; }

    ILoopCurrentSensor LoopCurrent { get; }

    ILineStatusLeds Leds { get; }

    IAudioCodec Audio { get; }

    /// <summary>Null when the codec has no control port.</summary>
    ICodecControl? CodecControl { get; }
}
