namespace Appliance.Hal.Board;

/// <summary>
/// One board's wiring as stored in hal/boards/&lt;name&gt;.json. Loaded through
/// <see cref="BoardProfileLoader"/>, which validates it before anything touches a pin.
/// </summary>
public sealed class BoardProfile
{
    public string? Name { get; init; }

    /// <summary>GPIO chip (libgpiod character device name), e.g. "gpiochip0".</summary>
    public string? GpioChip { get; init; }

    /// <summary>Audio codec / DAA part number, informative.</summary>
    public string? CodecChip { get; init; }

    /// <summary>Pins by role name (see <see cref="BoardPinRoles"/>).</summary>
    public Dictionary<string, PinProfile>? Pins { get; init; }

    public AudioProfile? Audio { get; init; }

    /// <summary>Optional I2C control port of the codec.</summary>
    public I2cProfile? CodecControl { get; init; }

    /// <summary>The pin for a role; only valid on a validated profile.</summary>
    public PinProfile Pin(BoardPinRole role) => Pins![BoardPinRoles.JsonName(role)];
}

/// <summary>One GPIO line.</summary>
public sealed class PinProfile
{
    /// <summary>Line offset on the GPIO chip.</summary>
    public int? Pin { get; init; }

    /// <summary>True when the electrical low level means "active" (lit, relay closed, ringing).</summary>
    public bool ActiveLow { get; init; }

    /// <summary>Input debounce in milliseconds (inputs only; 0 = none).</summary>
    public int DebounceMs { get; init; }
}

/// <summary>ALSA side of the codec.</summary>
public sealed class AudioProfile
{
    /// <summary>ALSA PCM name, e.g. "hw:0,0" or "plughw:CARD=wm8960,DEV=0".</summary>
    public string? AlsaDevice { get; init; }

    public int SampleRate { get; init; }

    /// <summary>Optional ALSA configuration file defining <see cref="AlsaDevice"/>.</summary>
    public string? AlsaConfigFile { get; init; }
}

/// <summary>I2C address of a codec control port.</summary>
public sealed class I2cProfile
{
    public int Bus { get; init; }

    public int Address { get; init; }
}
