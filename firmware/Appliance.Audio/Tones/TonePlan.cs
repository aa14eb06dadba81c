namespace Appliance.Audio.Tones;

/// <summary>
/// A country's call-progress tones. Frequencies and cadences are those of the Annex to ITU Operational
/// Bulletin No. 781 "Various tones used in national networks (according to ITU-T Recommendation
/// E.180)" (the E.180 supplement), cross-checked with ETSI TR 101 041-1 for the European plans.
/// </summary>
public sealed class TonePlan
{
    private readonly ToneSpec[] _tones;

    public TonePlan(string country, params ToneSpec[] tones)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(country);
        Country = country;
        _tones = tones;
    }

    /// <summary>ISO 3166 code (or "EU" for the ETSI common plan).</summary>
    public string Country { get; }

    public IReadOnlyList<ToneSpec> Tones => _tones;

    /// <summary>The plan's tone of this kind.</summary>
    public ToneSpec this[CallProgressTone kind]
    {
        get
        {
            foreach (var tone in _tones)
            {
                if (tone.Kind == kind)
                {
                    return tone;
                }
            }
            throw new KeyNotFoundException($"The {Country} plan has no {kind} tone.");
        }
    }

    /// <summary>
    /// United States and Canada, the Precise Tone Plan (E.180 supplement, "United States"/"Canada";
    /// ANSI T1.401): dial 350+440 continuous, ringback 440+480 2 s/4 s, busy 480+620 0.5/0.5 s,
    /// reorder 480+620 0.25/0.25 s.
    /// </summary>
    public static TonePlan US { get; } = new("US",
        new ToneSpec(CallProgressTone.Dial, [350, 440], []),
        new ToneSpec(CallProgressTone.Ringback, [440, 480], [2000, 4000]),
        new ToneSpec(CallProgressTone.Busy, [480, 620], [500, 500]),
        new ToneSpec(CallProgressTone.Reorder, [480, 620], [250, 250]));

    /// <summary>
    /// United Kingdom (E.180 supplement, "United Kingdom"; SIN 350): dial 350+440 continuous,
    /// ringing 400+450 0.4/0.2/0.4/2.0 s, busy (engaged) 400 0.375/0.375 s, congestion
    /// (number unobtainable pattern) 400 0.4/0.35/0.225/0.525 s.
    /// </summary>
    public static TonePlan UK { get; } = new("GB",
        new ToneSpec(CallProgressTone.Dial, [350, 440], []),
        new ToneSpec(CallProgressTone.Ringback, [400, 450], [400, 200, 400, 2000]),
        new ToneSpec(CallProgressTone.Busy, [400], [375, 375]),
        new ToneSpec(CallProgressTone.Reorder, [400], [400, 350, 225, 525]));

    /// <summary>
    /// Germany (E.180 supplement, "Germany"): dial 425 continuous, ringing 425 1/4 s, busy 425
    /// 0.48/0.48 s, congestion 425 0.24/0.24 s.
    /// </summary>
    public static TonePlan DE { get; } = new("DE",
        new ToneSpec(CallProgressTone.Dial, [425], []),
        new ToneSpec(CallProgressTone.Ringback, [425], [1000, 4000]),
        new ToneSpec(CallProgressTone.Busy, [425], [480, 480]),
        new ToneSpec(CallProgressTone.Reorder, [425], [240, 240]));

    /// <summary>
    /// The ETSI common European plan (ETSI TR 101 041-1 / ES 201 970, recommended in E.180 §2 for
    /// Europe): dial 425 continuous, ringing 425 1/4 s, busy 425 0.5/0.5 s, congestion 425 0.25/0.25 s.
    /// </summary>
    public static TonePlan EU { get; } = new("EU",
        new ToneSpec(CallProgressTone.Dial, [425], []),
        new ToneSpec(CallProgressTone.Ringback, [425], [1000, 4000]),
        new ToneSpec(CallProgressTone.Busy, [425], [500, 500]),
        new ToneSpec(CallProgressTone.Reorder, [425], [250, 250]));

    /// <summary>
    /// France (E.180 supplement, "France"): dial 440 continuous, ringing 440 1.5/3.5 s, busy 440
    /// 0.5/0.5 s, congestion 440 0.25/0.25 s.
    /// </summary>
    public static TonePlan FR { get; } = new("FR",
        new ToneSpec(CallProgressTone.Dial, [440], []),
        new ToneSpec(CallProgressTone.Ringback, [440], [1500, 3500]),
        new ToneSpec(CallProgressTone.Busy, [440], [500, 500]),
        new ToneSpec(CallProgressTone.Reorder, [440], [250, 250]));

    /// <summary>
    /// Australia (E.180 supplement, "Australia"; ACIF S002): dial "425x25" (425 Hz modulated at 25 Hz,
    /// generated as 413+438 Hz, which beat at 25 Hz), ringing "425x25" generated as 400+450 Hz
    /// 0.4/0.2/0.4/2.0 s,
    /// busy 425 0.375/0.375 s, congestion 425 0.375/0.375 s with every other burst 10 dB lower. The
    /// level step is not a cadence, so congestion is recognised as the busy pattern.
    /// </summary>
    public static TonePlan AU { get; } = new("AU",
        new ToneSpec(CallProgressTone.Dial, [413, 438], []),
        new ToneSpec(CallProgressTone.Ringback, [400, 450], [400, 200, 400, 2000]),
        new ToneSpec(CallProgressTone.Busy, [425], [375, 375]),
        new ToneSpec(CallProgressTone.Reorder, [425], [375, 375]));

    /// <summary>Every built-in plan.</summary>
    public static IReadOnlyList<TonePlan> All { get; } = [US, UK, DE, EU, FR, AU];

    /// <summary>
    /// The plan for a country code: "US", "CA", "GB" (or "UK"), "DE", "FR", "AU", or "EU" for the
    /// ETSI plan; null when there is no built-in plan (the caller picks "EU" or asks for one).
    /// </summary>
    public static TonePlan? ForCountry(string? country) => country?.Trim().ToUpperInvariant() switch
    {
        "US" or "CA" => US,
        "GB" or "UK" => UK,
        "DE" => DE,
        "FR" => FR,
        "AU" => AU,
        "EU" => EU,
        _ => null,
    };
}
