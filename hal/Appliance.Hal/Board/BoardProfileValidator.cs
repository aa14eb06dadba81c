namespace Appliance.Hal.Board;

/// <summary>The rules a board profile must satisfy before the firmware uses it.</summary>
public static class BoardProfileValidator
{
    public const int MaxDebounceMs = 1000;
    public const int MaxPinOffset = 1023;
    private static readonly int[] SupportedSampleRates = [8000, 16000, 48000];

    public static IReadOnlyList<string> Validate(BoardProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(profile.Name))
        {
            errors.Add("name is missing");
        }

        if (string.IsNullOrWhiteSpace(profile.GpioChip))
        {
            errors.Add("gpioChip is missing");
        }

        ValidatePins(profile.Pins, errors);
        ValidateAudio(profile.Audio, errors);
        if (profile.CodecControl is { } i2c && (i2c.Bus < 0 || i2c.Address is < 0x03 or > 0x77))
        {
            errors.Add($"codecControl: I2C bus {i2c.Bus} address 0x{i2c.Address:x2} is out of range (bus >= 0, address 0x03-0x77)");
        }

        return errors;
    }

    private static void ValidatePins(Dictionary<string, PinProfile>? pins, List<string> errors)
    {
        if (pins is null)
        {
            errors.Add("pins are missing");
            return;
        }

        foreach (var role in BoardPinRoles.AllJsonNames)
        {
            if (!pins.TryGetValue(role, out var pin) || pin?.Pin is null)
            {
                errors.Add($"pin '{role}' is missing");
            }
        }

        var usedBy = new Dictionary<int, string>();
        foreach (var (role, pin) in pins)
        {
            if (!BoardPinRoles.AllJsonNames.Contains(role))
            {
                errors.Add($"pin role '{role}' is unknown (known: {string.Join(", ", BoardPinRoles.AllJsonNames)})");
            }

            if (pin?.Pin is not { } offset)
            {
                continue;
            }

            if (offset is < 0 or > MaxPinOffset)
            {
                errors.Add($"pin '{role}': line {offset} is out of range 0-{MaxPinOffset}");
            }
            else if (!usedBy.TryAdd(offset, role))
            {
                errors.Add($"pin {offset} is used twice ('{usedBy[offset]}' and '{role}')");
            }

            if (pin.DebounceMs is < 0 or > MaxDebounceMs)
            {
                errors.Add($"pin '{role}': debounceMs {pin.DebounceMs} is out of range 0-{MaxDebounceMs}");
            }
        }
    }

    private static void ValidateAudio(AudioProfile? audio, List<string> errors)
    {
        if (audio is null)
        {
            errors.Add("audio is missing");
            return;
        }

        if (string.IsNullOrWhiteSpace(audio.AlsaDevice))
        {
            errors.Add("audio.alsaDevice is missing");
        }

        if (Array.IndexOf(SupportedSampleRates, audio.SampleRate) < 0)
        {
            errors.Add($"audio.sampleRate {audio.SampleRate} is not supported (use 8000, 16000 or 48000)");
        }
    }
}
