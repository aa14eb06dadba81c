using Appliance.Audio.Mixing;
using Appliance.Audio.Vad;
using Appliance.Configuration.Model;
using Appliance.Conversation.Providers;
using Appliance.Conversation.Providers.Fallback;
using Appliance.Conversation.Session;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Conversation.Tests.Session;

/// <summary>
/// The call session on a fake clock: every 20 ms tick is driven by the test, so silence timers,
/// pokes, barge-in and hang-ups are checked to the frame, with local (degraded) providers.
/// </summary>
public sealed class CallSessionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly SoundLibrary Sounds = new(8000);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly MemoryCallLine _line = new();
    private readonly ToneSpeech _speech = new();

    private (CallSession Session, CallRecord Record) NewSession(Agent agent)
    {
        var factory = new ProviderChainFactory(new HttpClient(), new EndpointGuards(_time), _speech);
        var providers = factory.ForCall(StageEndpoints.None, null);
        var record = new CallRecord { Id = "call-1", StartedAt = Start };
        var services = new CallSessionServices(_time, NullLogger.Instance, _ => new EnergyVad(8000), Sounds, _ => { });
        return (new CallSession(_line, agent, providers, record, services), record);
    }

    /// <summary>Advances the fake clock a frame at a time, letting the session's tasks run between frames.</summary>
    private async Task RunUntilAsync(Func<bool> done, TimeSpan limit, Action<TimeSpan>? atEachFrame = null)
    {
        var elapsed = TimeSpan.Zero;
        while (!done())
        {
            Assert.True(elapsed < limit, $"not done after {limit.TotalSeconds} s of call time");
            atEachFrame?.Invoke(elapsed);
            _time.Advance(TimeSpan.FromMilliseconds(20));
            elapsed += TimeSpan.FromMilliseconds(20);
            await Task.Delay(1);
        }
    }

    private static double SecondsAfterStart(CallRecord record, string eventType) =>
        (record.Events.First(e => e.Type == eventType).At - Start).TotalSeconds;

    [Fact]
    public async Task Silence_gets_one_poke_then_the_call_ends_after_the_end_of_conversation_silence()
    {
        var (session, record) = NewSession(new Agent
        {
            Name = "timer", WelcomeMessage = "Hello there", NoInputPokeSec = 5, NoInputEndConversationSec = 12,
            NoInputPokeText = "Are you still there?",
        });
        var run = session.RunAsync();
        await RunUntilAsync(() => run.IsCompleted, TimeSpan.FromSeconds(40));
        await run;

        // Welcome: 2 words = 200 ms of speech; the poke comes 5 s after it ends, the hang-up 12 s after the poke's 400 ms.
        Assert.InRange(SecondsAfterStart(record, "no_input_poke"), 5.1, 5.4);
        Assert.InRange(SecondsAfterStart(record, "no_input_hang_up"), 17.5, 17.9);
        Assert.Equal(["Hello there", "Are you still there?"], _speech.Spoken);
        Assert.True(_line.HungUp);
        Assert.Equal(CallStatuses.Completed, record.Status);
        Assert.Equal("no input", record.EndReason);
        Assert.Equal(CallState.Ended, session.State);
    }

    [Fact]
    public async Task A_null_poke_means_no_poke_only_the_hang_up()
    {
        var (session, record) = NewSession(new Agent { Name = "nopoke", WelcomeMessage = "", NoInputPokeSec = null, NoInputEndConversationSec = 3 });
        var run = session.RunAsync();
        await RunUntilAsync(() => run.IsCompleted, TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(record.Events, e => e.Type == "no_input_poke");
        Assert.InRange(SecondsAfterStart(record, "no_input_hang_up"), 2.9, 3.2);
        Assert.Empty(_speech.Spoken);
    }

    [Fact]
    public async Task The_caller_hanging_up_ends_the_session_at_once_with_the_reason()
    {
        var (session, record) = NewSession(new Agent { Name = "bye", WelcomeMessage = "Hi", NoInputEndConversationSec = 60 });
        var run = session.RunAsync();
        await RunUntilAsync(() => _time.GetUtcNow() - Start > TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
        _line.CallerHangsUp();
        await RunUntilAsync(() => run.IsCompleted, TimeSpan.FromSeconds(1));
        Assert.Equal("remote-bye", record.EndReason);
        Assert.Equal(CallStatuses.Completed, record.Status);
        Assert.NotNull(record.EndedAt);
    }

    [Fact]
    public async Task A_caller_talking_over_the_agent_interrupts_it_and_its_speech_stops()
    {
        var words = string.Join(' ', Enumerable.Repeat("word", 40)); // 4 s of agent speech
        var (session, record) = NewSession(new Agent { Name = "barge", WelcomeMessage = words, InterruptionSensitivity = 1.0, NoInputEndConversationSec = 30 });
        var run = session.RunAsync();
        var callerSpoke = false;
        await RunUntilAsync(() => record.Events.Any(e => e.Type == "barge_in"), TimeSpan.FromSeconds(3), elapsed =>
        {
            if (!callerSpoke && elapsed >= TimeSpan.FromSeconds(1))
            {
                callerSpoke = true;
                _line.Say(CallerAudio.Voice(1.5));
            }
        });
        var bargeAt = SecondsAfterStart(record, "barge_in");
        Assert.InRange(bargeAt, 1.0, 1.6);
        var voicedAtBargeIn = _line.VoicedFramesSent;
        await RunUntilAsync(() => false || _time.GetUtcNow() - Start > TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4));
        // At most a frame or two in flight after the barge-in; the rest of the 4 s welcome is dropped.
        Assert.InRange(_line.VoicedFramesSent - voicedAtBargeIn, 0, 2);
        _line.CallerHangsUp();
        await RunUntilAsync(() => run.IsCompleted, TimeSpan.FromSeconds(2));
        Assert.True(record.Turns[0].Interrupted);
    }

    [Fact]
    public async Task With_no_cloud_the_box_takes_a_message_and_ends_the_call_itself()
    {
        var (session, record) = NewSession(new Agent
        {
            Name = "taker", WelcomeMessage = "Hello, I can take a message.", NoInputPokeSec = null, NoInputEndConversationSec = 20,
            Tools = [BuiltInTools.EndConversation],
        });
        var run = session.RunAsync();
        var nextTurnAt = TimeSpan.FromSeconds(1);
        await RunUntilAsync(() => run.IsCompleted, TimeSpan.FromSeconds(40), elapsed =>
        {
            // The caller answers each question a second after the box finishes asking.
            if (elapsed >= nextTurnAt && session.State == CallState.Listening)
            {
                _line.Say(CallerAudio.Voice(1.0));
                nextTurnAt = elapsed + TimeSpan.FromSeconds(4);
            }
        });
        Assert.True(_line.HungUp);
        Assert.True(record.Degraded || record.Turns.Count > 0);
        Assert.Contains(record.Turns, t => t.Role == "agent" && t.Text.Contains("name", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(record.Turns, t => t.Role == "agent" && t.Text.Contains("recorded", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(record.Events, e => e.Type == "hang_up");
        Assert.Equal(CallStatuses.Completed, record.Status);
    }

    /// <summary>
    /// The caller talks from 0.5 s in <paramref name="segments"/> of voice with 240 ms pauses between
    /// them (mid-turn: the VAD holds speech open 300 ms); returns what the line carried until the caller
    /// stopped, before the agent could answer.
    /// </summary>
    private async Task<(CallRecord Record, int VoicedFramesSent)> CallerTalksWithPausesAsync(bool backchannel, params double[] segments)
    {
        var (session, record) = NewSession(new Agent { Name = "listener", WelcomeMessage = "", NoInputEndConversationSec = 30, EnableBackchannel = backchannel });
        var run = session.RunAsync();
        var audio = new List<short>();
        foreach (var seconds in segments)
        {
            audio.AddRange(CallerAudio.Voice(seconds));
            audio.AddRange(new short[8000 * 240 / 1000]);
        }
        var callerDone = TimeSpan.FromSeconds(0.5 + (audio.Count / 8000.0));
        var said = false;
        await RunUntilAsync(() => _time.GetUtcNow() - Start >= callerDone, TimeSpan.FromSeconds(20), elapsed =>
        {
            if (!said && elapsed >= TimeSpan.FromSeconds(0.5))
            {
                said = true;
                _line.Say(audio.ToArray());
            }
        });
        var voiced = _line.VoicedFramesSent;
        Assert.Empty(_speech.Spoken); // the agent has not spoken: whatever the line carried was the cue
        _line.CallerHangsUp();
        await RunUntilAsync(() => run.IsCompleted, TimeSpan.FromSeconds(5));
        return (record, voiced);
    }

    [Fact]
    public async Task A_long_caller_turn_with_pauses_gets_one_backchannel_at_a_pause_after_4_s()
    {
        var (record, voiced) = await CallerTalksWithPausesAsync(true, 1.5, 1.5, 1.5, 1.5, 1.5);
        // Pauses end at 2.0, 3.74, 5.48, 7.22 s: the first after 4 s of turn is the one at 5.48 s
        // (cue 160 ms into it); the next, 1.74 s later, is within the 5 s spacing.
        var cue = Assert.Single(record.Events, e => e.Type == "backchannel");
        Assert.InRange((cue.At - Start).TotalSeconds, 5.5, 5.8);
        Assert.InRange(voiced, 10, 25); // the ~0.5 s mm-hm, nothing else
    }

    [Fact]
    public async Task A_short_turn_gets_no_backchannel()
    {
        var (record, voiced) = await CallerTalksWithPausesAsync(true, 1.5, 1.5);
        Assert.DoesNotContain(record.Events, e => e.Type == "backchannel");
        Assert.Equal(0, voiced);
    }

    [Fact]
    public async Task A_disabled_backchannel_never_plays()
    {
        var (record, voiced) = await CallerTalksWithPausesAsync(false, 1.5, 1.5, 1.5, 1.5, 1.5);
        Assert.DoesNotContain(record.Events, e => e.Type == "backchannel");
        Assert.Equal(0, voiced);
    }
}
