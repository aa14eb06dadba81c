using Appliance.Conversation.Providers;
using Appliance.Conversation.Providers.Fallback;
using Appliance.Conversation.Providers.Stt;
using Appliance.Conversation.Providers.Tts;
using Appliance.Conversation.Tests.Fakes;
using Microsoft.Extensions.AI;
using Polly.CircuitBreaker;

namespace Appliance.Conversation.Tests.Providers;

/// <summary>The per-stage chains against two real local servers that fail in the ways clouds do.</summary>
public sealed class FallbackChainTests : IAsyncLifetime
{
    private TwoCloudsFixture _clouds = null!;

    public async Task InitializeAsync() => _clouds = await TwoCloudsFixture.StartAsync();

    public async Task DisposeAsync() => await _clouds.DisposeAsync();

    private static readonly ChatMessage[] Question = [new(ChatRole.User, "What are your opening hours?")];

    [Fact]
    public async Task Primary_answering_500_hands_the_turn_to_the_secondary()
    {
        _clouds.Primary.Failure = FakeFailure.ServerError;
        _clouds.Secondary.TranscriptText = "from the secondary";
        var call = _clouds.NewCall();

        var transcript = await call.SpeechToText.TranscribeAsync(TestAudio.Tone(8000, 300, 0.5), new SttOptions(8000), CancellationToken.None);

        Assert.Equal("from the secondary", transcript.Text);
        var report = Assert.Single(_clouds.Reports);
        Assert.Equal(ProviderStage.SpeechToText, report.Stage);
        Assert.Equal("secondary", report.ServedBy);
        Assert.False(report.Degraded);
        Assert.Equal([AttemptOutcome.Failed, AttemptOutcome.Served], report.Attempts.Select(a => a.Outcome));
        Assert.Contains("500", report.Attempts[0].Error, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-primary", report.Attempts[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Primary_hanging_times_out_on_the_clock_and_the_time_to_first_token_says_so()
    {
        _clouds.Primary.Failure = FakeFailure.Hang;
        _clouds.Secondary.ChatText = "We open at nine.";
        var call = _clouds.NewCall();

        var reply = call.Language.GetStreamingResponseAsync(Question).ToChatResponseAsync();
        await _clouds.Primary.WaitForRequestAsync();
        Assert.False(reply.IsCompleted);
        _clouds.Time.Advance(TwoCloudsFixture.FirstResultTimeout);

        Assert.Equal("We open at nine.", (await reply.WaitAsync(TimeSpan.FromSeconds(10))).Text.Trim());
        var report = Assert.Single(_clouds.Reports);
        Assert.Equal("secondary", report.ServedBy);
        Assert.Equal([AttemptOutcome.TimedOut, AttemptOutcome.Served], report.Attempts.Select(a => a.Outcome));
        Assert.Equal(TwoCloudsFixture.FirstResultTimeout, report.FirstResult);
    }

    [Fact]
    public async Task A_reply_cut_by_a_killed_server_is_continued_by_the_secondary_without_repeating()
    {
        _clouds.Primary.Failure = FakeFailure.StallMidStream;
        _clouds.Secondary.ChatText = "check that for you.";
        var call = _clouds.NewCall();
        var text = "";

        await foreach (var update in call.Language.GetStreamingResponseAsync(Question))
        {
            text += update.Text;
            if (text == "Let me ")
            {
                await _clouds.Primary.KillAsync();
            }
        }

        Assert.Equal("Let me check that for you.", text.Trim());
        var continued = Assert.Single(_clouds.Secondary.Received).Body;
        Assert.Contains("\"Let me \"", continued, StringComparison.Ordinal);
        Assert.Contains("Continue it from exactly there", continued, StringComparison.Ordinal);
        var report = Assert.Single(_clouds.Reports);
        Assert.Equal([AttemptOutcome.FailedMidStream, AttemptOutcome.Served], report.Attempts.Select(a => a.Outcome));
    }

    [Fact]
    public async Task Speech_from_a_server_killed_mid_stream_restarts_on_the_secondary()
    {
        _clouds.Primary.Failure = FakeFailure.StallMidStream;
        var call = _clouds.NewCall();
        var frames = 0;
        var afterKill = new List<short>();

        await foreach (var frame in call.TextToSpeech.SynthesizeAsync(new SpeechRequest("Your call is important to us.", 8000), CancellationToken.None))
        {
            if (++frames == 2)
            {
                await _clouds.Primary.KillAsync();
            }
            else if (frames > 2)
            {
                afterKill.AddRange(frame.Span);
            }
        }

        Assert.True(afterKill.Count / 8000.0 > 1.0, "the whole sentence should come from the secondary");
        Assert.True(TestAudio.Rms(afterKill.ToArray()) > 300);
        Assert.Single(_clouds.Secondary.Received);
        var report = Assert.Single(_clouds.Reports);
        Assert.Equal("secondary", report.ServedBy);
        Assert.Equal(AttemptOutcome.FailedMidStream, report.Attempts[0].Outcome);
    }

    [Fact]
    public async Task A_stream_that_goes_silent_is_abandoned_after_the_idle_timeout()
    {
        _clouds.Primary.Failure = FakeFailure.StallMidStream;
        _clouds.Secondary.ChatText = "how can I help?";
        var call = _clouds.NewCall();

        var reply = call.Language.GetStreamingResponseAsync(Question).ToChatResponseAsync();
        await _clouds.Primary.WaitForRequestAsync();
        // The idle clock starts once the first chunk is through, at a moment the test cannot see: step the clock.
        for (var i = 0; i < 50 && !reply.IsCompleted; i++)
        {
            _clouds.Time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(10);
        }

        Assert.Equal("Let me how can I help?", (await reply.WaitAsync(TimeSpan.FromSeconds(10))).Text.Trim());
        Assert.Equal(AttemptOutcome.FailedMidStream, Assert.Single(_clouds.Reports).Attempts[0].Outcome);
    }

    [Fact]
    public async Task When_every_cloud_fails_each_stage_is_served_in_degraded_mode()
    {
        _clouds.Primary.Failure = FakeFailure.ServerError;
        _clouds.Secondary.Failure = FakeFailure.ServerError;
        var call = _clouds.NewCall();

        var transcript = await call.SpeechToText.TranscribeAsync(TestAudio.Tone(8000, 300, 0.5), new SttOptions(8000), CancellationToken.None);
        var reply = await call.Language.GetStreamingResponseAsync(Question).ToChatResponseAsync();
        var (speech, lengths) = await TestAudio.CollectAsync(call.TextToSpeech.SynthesizeAsync(new SpeechRequest(reply.Text, 8000), CancellationToken.None));

        Assert.True(transcript.Unavailable);
        Assert.Contains("take a message", reply.Text, StringComparison.Ordinal);
        Assert.All(lengths, length => Assert.Equal(160, length));
        Assert.True(speech.Length / 8000.0 > 2.0 && TestAudio.Rms(speech) > 300, "espeak-ng should speak the message taker's words");
        Assert.All(_clouds.Reports, r => Assert.True(r.Degraded));
        Assert.Equal(["local-none", "local-message-taker", "local-espeak"], _clouds.Reports.Select(r => r.ServedBy));
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_half_opens_after_the_break()
    {
        _clouds.Primary.Failure = FakeFailure.ServerError;
        var call = _clouds.NewCall();
        var options = new SttOptions(8000);
        var audio = TestAudio.Tone(8000, 300, 0.2);
        var primary = _clouds.Guards.For(ProviderStage.SpeechToText, _clouds.Endpoint("primary", _clouds.Primary));

        for (var i = 0; i < TwoCloudsFixture.Policy.FailuresToBreak; i++)
        {
            await call.SpeechToText.TranscribeAsync(audio, options, CancellationToken.None);
        }

        Assert.Equal(CircuitState.Open, primary.State);
        await call.SpeechToText.TranscribeAsync(audio, options, CancellationToken.None);
        Assert.Equal(2, _clouds.Primary.Received.Count);
        Assert.Equal(AttemptOutcome.CircuitOpen, _clouds.Reports[^1].Attempts[0].Outcome);

        _clouds.Primary.Failure = FakeFailure.None;
        _clouds.Primary.TranscriptText = "primary is back";
        _clouds.Time.Advance(TwoCloudsFixture.Policy.BreakDuration);

        // Half-open: the next request is the trial that reaches the primary again, and closes the circuit.
        var transcript = await call.SpeechToText.TranscribeAsync(audio, options, CancellationToken.None);
        Assert.Equal("primary is back", transcript.Text);
        Assert.Equal(3, _clouds.Primary.Received.Count);
        Assert.Equal(CircuitState.Closed, primary.State);
    }

    [Fact]
    public async Task A_misconfigured_zero_timeout_is_clamped_instead_of_breaking_the_chain()
    {
        _clouds.Primary.TranscriptText = "still works";
        var call = _clouds.Factory.ForCall(
            new StageEndpoints([_clouds.Endpoint("zero", _clouds.Primary) with { Timeout = TimeSpan.Zero }], [], []), null);

        var transcript = await call.SpeechToText.TranscribeAsync(new short[160], new SttOptions(8000), CancellationToken.None);

        Assert.Equal("still works", transcript.Text);
    }

    [Fact]
    public async Task A_consumer_slower_than_the_idle_timeout_does_not_count_against_the_provider()
    {
        _clouds.Secondary.Failure = FakeFailure.ServerError;
        _clouds.Primary.ChatText = "one two three four";
        var call = _clouds.NewCall();
        var text = "";

        await foreach (var update in call.Language.GetStreamingResponseAsync(Question))
        {
            text += update.Text;
            // The session is busy (say, playing audio) for longer than the idle timeout.
            _clouds.Time.Advance(TwoCloudsFixture.Policy.IdleTimeout * 2);
        }

        Assert.Equal("one two three four", text.Trim());
        var report = Assert.Single(_clouds.Reports);
        Assert.Equal("primary", report.ServedBy);
        Assert.Equal([AttemptOutcome.Served], report.Attempts.Select(a => a.Outcome));
    }
}
