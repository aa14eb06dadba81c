using Appliance.Audio.Tones;
using Appliance.Hal.Ring;

namespace Appliance.Hal.Line;

/// <summary>Settings of the analog line; defaults suit North American and European lines.</summary>
public sealed class AnalogLineOptions
{
    public RingCadenceProfile Cadence { get; init; } = RingCadenceProfile.US;

    /// <summary>Rings to wait before answering (2 lets caller ID arrive after the first ring).</summary>
    public int AnswerAfterRings { get; init; } = 2;

    /// <summary>This line's own number, reported as the called number.</summary>
    public string? LineNumber { get; init; }

    /// <summary>Loop-current loss shorter than this is a glitch, not a hang-up.</summary>
    public TimeSpan LoopDropConfirm { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How long loop current may take to appear after going off hook.</summary>
    public TimeSpan SeizeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long loop current may take to stop after going on hook before the relay counts as stuck.</summary>
    public TimeSpan ReleaseTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>On-hook time of a hook flash (US 600 ms; many European exchanges 100 ms).</summary>
    public TimeSpan FlashDuration { get; init; } = TimeSpan.FromMilliseconds(600);

    /// <summary>Hang up after the line has been silent this long; zero disables.</summary>
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>RMS below which a frame counts as silent (about -50 dBFS).</summary>
    public double SilenceRms { get; init; } = 100;

    /// <summary>The exchange's call-progress tones (dial tone, ringback, busy) heard when dialling out.</summary>
    public TonePlan Tones { get; init; } = TonePlan.US;

    /// <summary>Outgoing call: how long dial tone may take after going off hook.</summary>
    public TimeSpan DialToneTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Outgoing call: how long the far end may ring before the call is given up.</summary>
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// Outgoing call: after ringback, this long without ringback counts as answered (an analog line
    /// gives no answer signal, so the end of ringback is the only sign).
    /// </summary>
    public TimeSpan AnswerQuiet { get; init; } = TimeSpan.FromSeconds(1);

    public void Validate()
    {
        if (AnswerAfterRings is < 1 or > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(AnswerAfterRings), AnswerAfterRings, "must be 1-20");
        }

        ArgumentNullException.ThrowIfNull(Cadence);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FlashDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SeizeTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReleaseTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(SilenceTimeout, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(Tones);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DialToneTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AnswerTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AnswerQuiet, TimeSpan.Zero);
    }
}
