namespace Appliance.Audio.Detection;

/// <summary>
/// Timing of answering-machine detection (seed 004 voicemail detection). Defaults follow the usual
/// AMD practice (Asterisk app_amd uses similar numbers): people say a word or two and wait, while
/// machines talk on for several seconds.
/// </summary>
public sealed record AnsweringMachineOptions
{
    /// <summary>A greeting still going after this long is a machine.</summary>
    public TimeSpan MachineGreeting { get; init; } = TimeSpan.FromSeconds(2.5);

    /// <summary>Silence after a shorter greeting that marks a person waiting for an answer.</summary>
    public TimeSpan AfterGreetingSilence { get; init; } = TimeSpan.FromSeconds(0.8);

    /// <summary>Voiced time a greeting needs before it counts (clicks and pops do not).</summary>
    public TimeSpan MinGreetingSpeech { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Nobody speaking for this long gives <see cref="AnsweringMachineVerdict.Unknown"/>.</summary>
    public TimeSpan InitialSilence { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Throws when the values cannot work together.</summary>
    public void Validate()
    {
        Positive(MachineGreeting, nameof(MachineGreeting));
        Positive(AfterGreetingSilence, nameof(AfterGreetingSilence));
        Positive(MinGreetingSpeech, nameof(MinGreetingSpeech));
        Positive(InitialSilence, nameof(InitialSilence));
        if (MinGreetingSpeech >= MachineGreeting)
        {
            throw new ArgumentException("MinGreetingSpeech must be shorter than MachineGreeting.");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(name, value, "Between 0 and 60 s.");
        }
    }
}
