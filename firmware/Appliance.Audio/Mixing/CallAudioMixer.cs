namespace Appliance.Audio.Mixing;

/// <summary>
/// What the caller hears, one 20 ms frame at a time: the agent's speech over a looped ambient bed,
/// the thinking sound while the agent thinks, hold music while on hold, and comfort noise underneath,
/// through a soft limiter. Seed fields: background_noise / ambientSound / config.ambient_type and
/// background_noise_level / config.ambient_volume (0..0.25); config.thinking_sounds_enabled,
/// thinking_volume, thinking_clip_id; warm-transfer hold music; one-shot cues (the enable_backchannel
/// "mm-hm") over everything. No allocation per frame; one per call.
/// </summary>
public sealed class CallAudioMixer
{
    /// <summary>Largest ambient level the seeds allow.</summary>
    public const float MaxAmbientLevel = 0.25f;

    private readonly SoundLibrary _library;
    private readonly LoopPlayer _ambient = new();
    private readonly LoopPlayer _thinking = new();
    private readonly LoopPlayer _hold = new();
    private readonly ComfortNoise _comfort;
    private readonly float[] _mix;
    private float _ambientLevel;
    private float _thinkingVolume = 1;
    private float _comfortRms;
    private ReadOnlyMemory<short> _cue;
    private int _cuePosition;
    private float _cueLevel = 1;

    /// <summary>Creates a mixer on the sounds of <paramref name="library"/>.</summary>
    public CallAudioMixer(SoundLibrary library, uint seed = 1)
    {
        _library = library;
        _mix = new float[AudioFormat.SamplesPerFrame(library.SampleRate)];
        _comfort = new ComfortNoise(seed);
        ComfortNoiseDbfs = -66;
    }

    /// <summary>Samples per frame the mixer expects.</summary>
    public int FrameLength => _mix.Length;

    /// <summary>Selects the ambient bed, or none.</summary>
    public void SetAmbient(SoundId? bed)
    {
        if (bed is null)
        {
            _ambient.Clear();
        }
        else
        {
            _ambient.Set(_library.Get(bed.Value));
        }
    }

    /// <summary>Ambient gain 0..0.25 (background_noise_level); out-of-range values are clamped.</summary>
    public float AmbientLevel
    {
        get => _ambientLevel;
        set => _ambientLevel = float.IsFinite(value) ? Math.Clamp(value, 0, MaxAmbientLevel) : 0;
    }

    /// <summary>Selects the thinking clip (KEYBOARD_TYPING or KEYBOARD_TYPING2), or none to disable.</summary>
    public void SetThinkingClip(SoundId? clip)
    {
        if (clip is null)
        {
            _thinking.Clear();
        }
        else
        {
            _thinking.Set(_library.Get(clip.Value));
        }
    }

    /// <summary>Thinking sound gain 0..1 (thinking_volume).</summary>
    public float ThinkingVolume
    {
        get => _thinkingVolume;
        set => _thinkingVolume = float.IsFinite(value) ? Math.Clamp(value, 0, 1) : 0;
    }

    /// <summary>True while the agent is thinking (the thinking clip plays).</summary>
    public bool IsThinking { get; set; }

    /// <summary>True while the caller is on hold: hold music replaces speech and ambience.</summary>
    public bool IsOnHold { get; set; }

    /// <summary>Starts a one-shot cue (e.g. <see cref="SoundId.Backchannel"/>) over everything; ignored while one plays.</summary>
    /// <returns>True when the cue starts, false when another is still playing.</returns>
    public bool PlayCue(SoundId cue)
    {
        if (IsCuePlaying)
        {
            return false;
        }
        _cue = _library.Get(cue);
        _cuePosition = 0;
        return true;
    }

    /// <summary>True while a cue started by <see cref="PlayCue"/> has samples left.</summary>
    public bool IsCuePlaying => _cuePosition < _cue.Length;

    /// <summary>Cue gain 0..1 (the cue itself is made at -20 dBFS).</summary>
    public float CueLevel
    {
        get => _cueLevel;
        set => _cueLevel = float.IsFinite(value) ? Math.Clamp(value, 0, 1) : 0;
    }

    /// <summary>Comfort-noise level in dBFS RMS; below -100 turns it off.</summary>
    public double ComfortNoiseDbfs
    {
        get => 20 * Math.Log10(Math.Max(_comfortRms, 1e-9) / 32767);
        set => _comfortRms = value < -100 || !double.IsFinite(value) ? 0 : (float)(32767 * Math.Pow(10, value / 20));
    }

    /// <summary>Mixes one frame. <paramref name="speech"/> may be empty (agent silent).</summary>
    public void Mix(ReadOnlySpan<short> speech, Span<short> output)
    {
        if (output.Length != _mix.Length || (!speech.IsEmpty && speech.Length != _mix.Length))
        {
            throw new ArgumentException($"Frames hold {_mix.Length} samples.");
        }
        Span<float> mix = _mix;
        mix.Clear();
        if (IsOnHold)
        {
            if (!_hold.IsSet)
            {
                _hold.Set(_library.Get(SoundId.HoldMusic));
            }
            _hold.AddTo(mix, 1);
        }
        else
        {
            for (int i = 0; i < speech.Length; i++)
            {
                mix[i] = speech[i];
            }
            _ambient.AddTo(mix, _ambientLevel);
            if (IsThinking)
            {
                _thinking.AddTo(mix, _thinkingVolume);
            }
        }
        AddCue(mix);
        if (_comfortRms > 0)
        {
            _comfort.AddTo(mix, _comfortRms);
        }
        SoftLimiter.Apply(mix, output);
    }

    private void AddCue(Span<float> mix)
    {
        ReadOnlySpan<short> cue = _cue.Span;
        int count = Math.Min(mix.Length, cue.Length - _cuePosition);
        for (int i = 0; i < count; i++)
        {
            mix[i] += _cueLevel * cue[_cuePosition + i];
        }
        _cuePosition += Math.Max(count, 0);
    }
}
