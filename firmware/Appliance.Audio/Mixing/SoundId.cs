namespace Appliance.Audio.Mixing;

/// <summary>The procedurally generated sounds (seed: ambient_type / ambientSound, thinking_clip_id, hold music, enable_backchannel).</summary>
public enum SoundId
{
    /// <summary>Office: pink-ish room noise, distant murmur, occasional phone-like beeps.</summary>
    Office,

    /// <summary>Call centre: denser murmur of many talkers.</summary>
    CallCenter,

    /// <summary>Coffee shop: murmur plus cup and spoon clinks.</summary>
    CoffeeShop,

    /// <summary>Outdoor: wind-like low noise with slow gusts and bird chirps.</summary>
    Outdoor,

    /// <summary>Thinking sound KEYBOARD_TYPING: steady typing clicks.</summary>
    KeyboardTyping,

    /// <summary>Thinking sound KEYBOARD_TYPING2: bursts of faster, brighter typing.</summary>
    KeyboardTyping2,

    /// <summary>Hold music: a short looping tune.</summary>
    HoldMusic,

    /// <summary>Backchannel cue: a soft "mm-hm" (two short nasal hums, the second rising); played once, not looped.</summary>
    Backchannel,
}

/// <summary>Seed spellings of <see cref="SoundId"/>.</summary>
public static class SoundIds
{
    /// <summary>Maps ambient_type / ambientSound / background_noise values and thinking_clip_id to a sound.</summary>
    public static bool TryParse(string? value, out SoundId id)
    {
        switch (value?.Trim().Replace('-', '_').Replace(' ', '_').ToLowerInvariant())
        {
            case "office": id = SoundId.Office; return true;
            case "call_center" or "callcenter" or "call_centre": id = SoundId.CallCenter; return true;
            case "coffee_shop" or "coffeeshop" or "cafe": id = SoundId.CoffeeShop; return true;
            case "outdoor" or "outdoors": id = SoundId.Outdoor; return true;
            case "keyboard_typing": id = SoundId.KeyboardTyping; return true;
            case "keyboard_typing2": id = SoundId.KeyboardTyping2; return true;
            case "hold_music": id = SoundId.HoldMusic; return true;
            default: id = default; return false;
        }
    }
}
