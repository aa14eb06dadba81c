namespace Appliance.Audio.Codecs;

/// <summary>The wire formats a seed's <c>audio_format</c> may name.</summary>
public enum AudioEncoding
{
    /// <summary><c>pcm_44100</c>: 16-bit little-endian PCM at 44.1 kHz.</summary>
    Pcm44100,

    /// <summary><c>pcm_16000</c>: 16-bit little-endian PCM at 16 kHz.</summary>
    Pcm16000,

    /// <summary><c>pcm_8000</c>: 16-bit little-endian PCM at 8 kHz.</summary>
    Pcm8000,

    /// <summary><c>mulaw_8000</c>: G.711 µ-law at 8 kHz, one byte per sample.</summary>
    MuLaw8000,
}

/// <summary>Seed names and properties of <see cref="AudioEncoding"/>.</summary>
public static class AudioEncodings
{
    /// <summary>Parses a seed value such as <c>pcm_16000</c> (case-insensitive).</summary>
    public static bool TryParse(string? value, out AudioEncoding encoding)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "pcm_44100": encoding = AudioEncoding.Pcm44100; return true;
            case "pcm_16000": encoding = AudioEncoding.Pcm16000; return true;
            case "pcm_8000": encoding = AudioEncoding.Pcm8000; return true;
            case "mulaw_8000" or "ulaw_8000": encoding = AudioEncoding.MuLaw8000; return true;
            default: encoding = default; return false;
        }
    }

    /// <summary>The seed spelling.</summary>
    public static string ToSeedValue(this AudioEncoding encoding) => encoding switch
    {
        AudioEncoding.Pcm44100 => "pcm_44100",
        AudioEncoding.Pcm16000 => "pcm_16000",
        AudioEncoding.Pcm8000 => "pcm_8000",
        AudioEncoding.MuLaw8000 => "mulaw_8000",
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };

    /// <summary>Samples per second.</summary>
    public static int SampleRate(this AudioEncoding encoding) => encoding switch
    {
        AudioEncoding.Pcm44100 => 44100,
        AudioEncoding.Pcm16000 => 16000,
        AudioEncoding.Pcm8000 or AudioEncoding.MuLaw8000 => 8000,
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };

    /// <summary>Bytes per sample on the wire.</summary>
    public static int BytesPerSample(this AudioEncoding encoding) => encoding == AudioEncoding.MuLaw8000 ? 1 : 2;
}
