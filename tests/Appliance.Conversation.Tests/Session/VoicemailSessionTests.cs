using Appliance.Audio.Mixing;
using Appliance.Audio.Vad;
using Appliance.Configuration.Model;
using Appliance.Conversation.Providers;
using Appliance.Conversation.Providers.Fallback;
using Appliance.Conversation.Session;
using Appliance.Conversation.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Conversation.Tests.Session;

/// <summary>
/// Voicemail detection on a call, on a fake clock: an espeak-ng greeting with a 1 kHz beep is a
/// machine that gets the voicemail message after the beep; "Hello?" and silence is a person.
/// </summary>
public sealed class VoicemailSessionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly SoundLibrary Sounds = new(8000);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly MemoryCallLine _line = new();
    private readonly ToneSpeech _speech = new();

    private (CallSession Session, CallRecord Record) NewSession(Agent agent, string direction = CallDirections.Outbound)
    {
        var providers = new ProviderChainFactory(new HttpClient(), new EndpointGuards(_time), _speech).ForCall(StageEndpoints.None, null);
        var record = new CallRecord { Id = "vm-1", StartedAt = Start, Direction = direction };
        var services = new CallSessionServices(_time, NullLogger.Instance, _ => new EnergyVad(8000), Sounds, _ => { });
        return (new CallSession(_line, agent, providers, record, services), record);
    }

    private static Agent VoicemailAgent(string? message) => new()
    {
        Name = "reminders", WelcomeMessage = "Hello, this is the clinic", VoicemailDetection = true,
        VoicemailMessage = message, NoInputEndConversationSec = 20,
    };

    private static async Task<short[]> PcmAsync(string text)
    {
        var raw = await Espeak.RawPcmAsync(text, 8000);
        var samples = new short[raw.Length / 2];
        Buffer.BlockCopy(raw, 0, samples, 0, samples.Length * 2);
        return samples;
    }

    /// <summary>The machine's greeting: a sentence, a short pause, then a 500 ms 1 kHz beep.</summary>
    private static async Task<(short[] Audio, double BeepEndSeconds)> GreetingWithBeepAsync()
    {
        var speech = await PcmAsync("You have reached the Miller family. We cannot take your call right now, please leave a message after the tone.");
        var audio = new short[speech.Length + (8000 * 3 / 10) + (8000 / 2)];
        speech.CopyTo(audio, 0);
        var beepStart = speech.Length + (8000 * 3 / 10);
        for (var n = 0; n < 4000; n++)
        {
            audio[beepStart + n] = (short)(8000 * Math.Sin(2 * Math.PI * 1000 * n / 8000.0));
        }
        return (audio, audio.Length / 8000.0);
    }

    private async Task RunUntilAsync(Func<bool> done, TimeSpan limit)
    {
        var elapsed = TimeSpan.Zero;
        while (!done())
        {
            Assert.True(elapsed < limit, $"not done after {limit.TotalSeconds} s of call time");
            _time.Advance(TimeSpan.FromMilliseconds(20));
            elapsed += TimeSpan.FromMilliseconds(20);
            await Task.Delay(1);
        }
    }

    [Fact]
    public async Task A_machine_greeting_gets_the_voicemail_message_after_the_beep_then_the_call_ends()
    {
        var (greeting, beepEnd) = await GreetingWithBeepAsync();
        var (session, record) = NewSession(VoicemailAgent("Hi {{caller_number}}, your appointment is tomorrow at nine"));
        _line.Say(greeting);
        var run = session.RunAsync();
        await RunUntilAsync(() => run.IsCompleted, TimeSpan.FromSeconds(40));
        await run;

        var detection = Assert.Single(record.Events, e => e.Type == "voicemail_detection");
        Assert.StartsWith("machine", detection.Detail);
        Assert.Contains(record.Events, e => e.Type == "voicemail_beep");
        // The welcome is never spoken to a machine; the message is spoken once, after the beep.
        var spoken = Assert.Single(_speech.Spoken);
        Assert.StartsWith("Hi ", spoken);
        Assert.EndsWith("your appointment is tomorrow at nine", spoken);
        var messageTurn = Assert.Single(record.Turns);
        Assert.InRange((messageTurn.At - Start).TotalSeconds, beepEnd, beepEnd + 0.5);
        Assert.False(messageTurn.Interrupted);
        Assert.Equal(CallStatuses.Voicemail, record.Status);
        Assert.Equal("voicemail", record.EndReason);
        Assert.True(_line.HungUp);
        Assert.DoesNotContain(record.Events, e => e.Type == "barge_in");
    }

    [Fact]
    public async Task A_machine_with_no_voicemail_message_is_hung_up_on_at_the_verdict()
    {
        var (greeting, beepEnd) = await GreetingWithBeepAsync();
        var (session, record) = NewSession(VoicemailAgent(message: null));
        _line.Say(greeting);
        var run = session.RunAsync();
        await RunUntilAsync(() => run.IsCompleted, TimeSpan.FromSeconds(40));

        Assert.Empty(_speech.Spoken);
        Assert.Equal(CallStatuses.Voicemail, record.Status);
        Assert.True((record.EndedAt!.Value - Start).TotalSeconds < beepEnd - 1, "waited for the beep with nothing to say");
        Assert.True(_line.HungUp);
    }

    [Fact]
    public async Task A_person_saying_hello_then_waiting_gets_the_normal_call()
    {
        var (session, record) = NewSession(VoicemailAgent("This is a machine message"));
        _line.Say(await PcmAsync("Hello?"));
        var run = session.RunAsync();
        await RunUntilAsync(() => _speech.Spoken.Count > 0, TimeSpan.FromSeconds(6));
        _line.CallerHangsUp();
        await RunUntilAsync(() => run.IsCompleted, TimeSpan.FromSeconds(2));

        Assert.StartsWith("human", Assert.Single(record.Events, e => e.Type == "voicemail_detection").Detail);
        Assert.Equal(["Hello, this is the clinic"], _speech.Spoken);
        Assert.Equal(CallStatuses.Completed, record.Status);
    }

    [Fact]
    public async Task Inbound_calls_are_not_screened()
    {
        var (session, record) = NewSession(VoicemailAgent("This is a machine message"), CallDirections.Inbound);
        var (greeting, _) = await GreetingWithBeepAsync();
        _line.Say(greeting);
        var run = session.RunAsync();
        await RunUntilAsync(() => _speech.Spoken.Count > 0, TimeSpan.FromSeconds(2));
        _line.CallerHangsUp();
        await RunUntilAsync(() => run.IsCompleted, TimeSpan.FromSeconds(2));

        Assert.DoesNotContain(record.Events, e => e.Type.StartsWith("voicemail", StringComparison.Ordinal));
        Assert.Equal("Hello, this is the clinic", _speech.Spoken[0]);
        Assert.NotEqual(CallStatuses.Voicemail, record.Status);
    }
}
