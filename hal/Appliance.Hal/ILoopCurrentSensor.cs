namespace Appliance.Hal;

/// <summary>Senses DC loop current, which flows only while off hook and the far end holds the line.</summary>
public interface ILoopCurrentSensor
{
    bool IsPresent { get; }

    /// <summary>Raised with the new presence and the time it changed.</summary>
    event Action<bool, DateTimeOffset>? Changed;
}
