namespace Appliance.Audio.Mixing;

/// <summary>
/// All procedural sounds at one sample rate, generated once (a few hundred ms of CPU at start-up) and
/// shared read-only by every call's <see cref="CallAudioMixer"/>. Register one per rate as a singleton.
/// </summary>
public sealed class SoundLibrary
{
    private readonly short[][] _sounds;

    /// <summary>Generates every <see cref="SoundId"/> at <paramref name="sampleRate"/>; the same seed gives the same audio.</summary>
    public SoundLibrary(int sampleRate = AudioFormat.TelephonyRate, int seed = 1)
    {
        AudioFormat.SamplesPerFrame(sampleRate);
        SampleRate = sampleRate;
        var ids = Enum.GetValues<SoundId>();
        _sounds = new short[ids.Length][];
        foreach (SoundId id in ids)
        {
            _sounds[(int)id] = ProceduralSounds.Generate(id, sampleRate, seed);
        }
    }

    /// <summary>Sample rate of every sound.</summary>
    public int SampleRate { get; }

    /// <summary>The loop for <paramref name="id"/> (do not modify).</summary>
    public ReadOnlyMemory<short> Get(SoundId id) => _sounds[(int)id];
}
