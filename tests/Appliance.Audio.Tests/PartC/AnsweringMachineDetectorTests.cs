using Xunit.Abstractions;
using Appliance.Audio.Detection;
using Appliance.Audio.Tests.TestSignals;

namespace Appliance.Audio.Tests.PartC;

/// <summary>
/// Answering-machine detection on generated calls: espeak-ng voicemail greetings followed by a
/// generated beep, against short espeak-ng "hello?" answers followed by silence. A -60 dBFS noise
/// floor stands in for the line.
/// </summary>
public class AnsweringMachineDetectorTests(ITestOutputHelper output)
{
    private const int Rate = 8000;
    private const int Frame = 160;

    public static TheoryData<string, string, double> Greetings => new()
    {
        { "Hi, you have reached Sarah Miller. I am not available right now, please leave a message after the tone.", "en-us", 1000 },
        { "Thank you for calling Acme Plumbing. Our office is closed, leave your name and number after the beep.", "en-gb", 850 },
        { "The person you are trying to reach is not available. At the tone, please record your message.", "en-us+f3", 1400 },
    };

    public static TheoryData<string, string> Hellos => new()
    {
        { "Hello?", "en-us" },
        { "Hello, who is this?", "en-gb" },
        { "Yes?", "en-us+m7" },
        { "Hi, Tom speaking.", "en-029" },
    };

    [Theory]
    [MemberData(nameof(Greetings))]
    public void Voicemail_greeting_is_a_machine_and_the_beep_end_is_reported(string text, string voice, double beepHz)
    {
        short[] greeting = Speech.Synthesize(text, Rate, voice);
        short[] call = Line(Signals.Silence(Rate / 2), greeting, Signals.Silence(Rate * 4 / 10), Signals.Sine(beepHz, 0.3, Rate, Rate / 2), Signals.Silence(Rate * 2));
        double beepEnd = (Rate / 2 + greeting.Length + Rate * 4 / 10 + Rate / 2) / (double)Rate;

        var (amd, beepEvents) = Run(call);
        output.WriteLine($"{voice}: {amd.Verdict} at {amd.DecisionTime.TotalSeconds:F2} s (greeting {greeting.Length / (double)Rate:F2} s); beep ends {beepEnd:F2} s, reported {string.Join(", ", beepEvents)}");
        Assert.Equal(AnsweringMachineVerdict.Machine, amd.Verdict);
        // Speech starts at 0.5 s: the verdict falls 2.5 s into the greeting, well before it ends.
        Assert.InRange(amd.DecisionTime.TotalSeconds, 2.9, 3.4);
        double reported = Assert.Single(beepEvents);
        Assert.InRange(reported - beepEnd, 0.0, 0.06);
    }

    [Theory]
    [MemberData(nameof(Hellos))]
    public void Short_hello_then_silence_is_a_human(string text, string voice)
    {
        short[] hello = Speech.Synthesize(text, Rate, voice);
        short[] call = Line(Signals.Silence(Rate * 3 / 10), hello, Signals.Silence(Rate * 3));
        double helloEnd = (Rate * 3 / 10 + hello.Length) / (double)Rate;

        var (amd, beeps) = Run(call);
        output.WriteLine($"{voice} '{text}': {amd.Verdict} at {amd.DecisionTime.TotalSeconds:F2} s (speech ends {helloEnd:F2} s)");
        Assert.Equal(AnsweringMachineVerdict.Human, amd.Verdict);
        // 0.8 s of silence after the greeting decides; espeak's trailing silence adds a little.
        Assert.InRange(amd.DecisionTime.TotalSeconds, helloEnd + 0.3, helloEnd + 1.0);
        Assert.Empty(beeps);
    }

    [Fact]
    public void Beep_without_greeting_is_a_machine()
    {
        short[] call = Line(Signals.Silence(Rate), Signals.Sine(1000, 0.3, Rate, Rate * 4 / 10), Signals.Silence(Rate * 2));
        var (amd, beeps) = Run(call);
        Assert.Equal(AnsweringMachineVerdict.Machine, amd.Verdict);
        Assert.InRange(amd.DecisionTime.TotalSeconds, 1.4, 1.46);
        Assert.Single(beeps);
    }

    [Fact]
    public void Silence_gives_unknown_after_the_initial_silence()
    {
        var (amd, _) = Run(Line(Signals.Silence(Rate * 6)));
        Assert.Equal(AnsweringMachineVerdict.Unknown, amd.Verdict);
        Assert.Equal(5.0, amd.DecisionTime.TotalSeconds, 2);
    }

    [Fact]
    public void Caller_vad_decisions_drive_the_verdict_when_given()
    {
        var amd = new AnsweringMachineDetector(Rate, new AnsweringMachineOptions { MachineGreeting = TimeSpan.FromSeconds(1) });
        var frame = new short[Frame];
        AnsweringMachineEvents last = AnsweringMachineEvents.None;
        for (int f = 0; f < 50 && amd.Verdict == AnsweringMachineVerdict.Pending; f++)
        {
            last = amd.Process(frame, speech: f >= 10);
        }
        // Voiced from 0.2 s: after 50 frames (1.0 s) only 0.8 s of greeting, still pending; the
        // 1 s greeting completes on frame 60, so the verdict comes at 1.2 s.
        Assert.Equal(AnsweringMachineVerdict.Pending, amd.Verdict);
        for (int f = 50; f < 60; f++) last = amd.Process(frame, speech: true);
        Assert.Equal(AnsweringMachineVerdict.Machine, amd.Verdict);
        Assert.Equal(AnsweringMachineEvents.Decided, last);
        Assert.Equal(1.2, amd.DecisionTime.TotalSeconds, 3);
    }

    [Fact]
    public void A_click_is_not_a_greeting()
    {
        var amd = new AnsweringMachineDetector(Rate);
        var frame = new short[Frame];
        for (int f = 0; f < 100; f++) amd.Process(frame, speech: f is 5 or 6);
        Assert.Equal(AnsweringMachineVerdict.Pending, amd.Verdict);
    }

    [Fact]
    public void Bad_frames_and_options_are_rejected()
    {
        var amd = new AnsweringMachineDetector(Rate);
        Assert.Throws<ArgumentException>(() => amd.Process(new short[100]));
        Assert.Throws<ArgumentException>(() => amd.Process(new short[320], speech: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnsweringMachineDetector(Rate, new AnsweringMachineOptions { MachineGreeting = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new AnsweringMachineDetector(Rate, new AnsweringMachineOptions { MinGreetingSpeech = TimeSpan.FromSeconds(3) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AnsweringMachineDetector(11025));
    }

    [Fact]
    public void Reset_starts_a_new_call()
    {
        short[] call = Line(Signals.Silence(Rate), Signals.Sine(1000, 0.3, Rate, Rate / 2), Signals.Silence(Rate));
        var (amd, _) = Run(call);
        Assert.Equal(AnsweringMachineVerdict.Machine, amd.Verdict);
        amd.Reset();
        Assert.Equal(AnsweringMachineVerdict.Pending, amd.Verdict);
        Assert.Equal(TimeSpan.Zero, amd.Elapsed);
    }

    [Fact]
    public void Steady_state_allocates_nothing()
    {
        short[] call = Line(Speech.Synthesize("Please leave a message after the tone.", Rate), Signals.Sine(1000, 0.3, Rate, Rate / 2));
        var amd = new AnsweringMachineDetector(Rate);
        amd.Process(call.AsSpan(0, Frame));
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int f = 1; f + 1 < call.Length / Frame; f++) amd.Process(call.AsSpan(f * Frame, Frame));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static (AnsweringMachineDetector Amd, List<double> BeepEndSeconds) Run(short[] call)
    {
        var amd = new AnsweringMachineDetector(Rate);
        var beeps = new List<double>();
        for (int f = 0; f + Frame <= call.Length; f += Frame)
        {
            if ((amd.Process(call.AsSpan(f, Frame)) & AnsweringMachineEvents.BeepEnded) != 0)
            {
                beeps.Add(amd.Elapsed.TotalSeconds);
            }
        }
        return (amd, beeps);
    }

    /// <summary>The parts one after another over a -60 dBFS line noise floor.</summary>
    internal static short[] Line(params short[][] parts)
    {
        short[] audio = Signals.Concat(parts);
        return Signals.Add(audio, Signals.WhiteNoise(audio.Length, -60, seed: audio.Length));
    }
}
