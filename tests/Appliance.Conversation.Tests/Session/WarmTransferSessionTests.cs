using System.Runtime.CompilerServices;
using Appliance.Audio.Mixing;
using Appliance.Audio.Vad;
using Appliance.Configuration.Model;
using Appliance.Conversation.Providers;
using Appliance.Conversation.Providers.Fallback;
using Appliance.Conversation.Session;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Conversation.Tests.Session;

/// <summary>
/// Warm transfer in the call session on a fake clock: the model asks for it at once, the caller is
/// put on hold music, the target is consulted and briefed on its own line, then the caller is joined
/// to it; or, when the target does not answer or hangs up, the model hears that it failed.
/// </summary>
public sealed class WarmTransferSessionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly MemoryCallLine _line = new();
    private readonly ToneSpeech _speech = new();
    private readonly TransferringChat _chat = new();

    private (CallSession Session, CallRecord Record) NewSession()
    {
        var factory = new ProviderChainFactory(new HttpClient(), new EndpointGuards(_time), _speech);
        var providers = factory.ForCall(StageEndpoints.None, null) with { Language = _chat };
        var record = new CallRecord { Id = "call-1", StartedAt = Start };
        var services = new CallSessionServices(_time, NullLogger.Instance, _ => new EnergyVad(8000), new SoundLibrary(8000), _ => { });
        var agent = new Agent
        {
            Name = "desk", GenerateWelcomeMessage = true, TransferNumber = "200", WarmTransferEnabled = true,
            NoInputPokeSec = null, NoInputEndConversationSec = 30,
        };
        return (new CallSession(_line, agent, providers, record, services), record);
    }

    private async Task RunUntilAsync(Func<bool> done, TimeSpan limit, Action? atEachFrame = null)
    {
        var elapsed = TimeSpan.Zero;
        while (!done())
        {
            Assert.True(elapsed < limit, $"not done after {limit.TotalSeconds} s of call time");
            atEachFrame?.Invoke();
            _time.Advance(TimeSpan.FromMilliseconds(20));
            elapsed += TimeSpan.FromMilliseconds(20);
            await Task.Delay(1);
        }
    }

    [Fact]
    public async Task The_caller_holds_while_the_target_is_briefed_then_is_joined_to_it()
    {
        var (session, record) = NewSession();
        var run = session.RunAsync();
        await RunUntilAsync(() => run.IsCompleted, TimeSpan.FromSeconds(20));
        await run;

        var (target, consultation) = Assert.Single(_line.Consultations);
        Assert.Equal("200", target);
        // The briefing went to the target only, in the agent's voice: who calls, from which number.
        var briefing = Assert.Single(_speech.Spoken);
        Assert.Contains("+15550009999", briefing, StringComparison.Ordinal);
        Assert.Contains("desk", briefing, StringComparison.Ordinal);
        var briefingFrames = briefing.Split(' ').Length * 5;
        Assert.InRange(consultation.VoicedFramesSent, briefingFrames - 1, briefingFrames);
        // Meanwhile the caller heard hold music (the agent said nothing to the caller).
        Assert.True(_line.VoicedFramesSent >= briefingFrames - 5, $"{_line.VoicedFramesSent} frames of hold music");
        Assert.Same(consultation, Assert.Single(_line.CompletedTransfers));
        Assert.True(consultation.HungUp, "the consultation leg is released after the transfer");
        Assert.Equal(CallStatuses.Transferred, record.Status);
        Assert.Contains(record.Events, e => e.Type == "warm_transfer" && e.Detail == "200");
        Assert.Contains(record.Events, e => e.Type == "consult_answered" && e.Detail!.Contains(consultation.CallId, StringComparison.Ordinal));
        Assert.Contains(record.Events, e => e.Type == "handover" && e.Detail == briefing);
        Assert.Contains(record.Events, e => e.Type == "transfer_result" && e.Detail == "accepted");
    }

    [Fact]
    public async Task A_target_that_does_not_answer_brings_the_agent_back_to_the_caller()
    {
        _line.ConsultAnswers = false;
        var (session, record) = NewSession();
        var run = session.RunAsync();
        await RunUntilAsync(() => _speech.Spoken.Count > 0, TimeSpan.FromSeconds(10));
        await RunUntilAsync(() => session.State == CallState.Listening, TimeSpan.FromSeconds(10));
        _line.CallerHangsUp();
        await RunUntilAsync(() => run.IsCompleted, TimeSpan.FromSeconds(2));

        Assert.Empty(_line.Consultations);
        Assert.Empty(_line.CompletedTransfers);
        Assert.Contains("the transfer did not go through", _chat.ToolResult, StringComparison.Ordinal);
        Assert.Equal([TransferringChat.Apology], _speech.Spoken);
        Assert.Contains(record.Events, e => e.Type == "consult_result" && e.Detail == "not answered");
        Assert.Contains(record.Events, e => e.Type == "transfer_result" && e.Detail == "failed");
        Assert.Equal(CallStatuses.Completed, record.Status);
    }

    [Fact]
    public async Task A_target_hanging_up_during_the_briefing_is_not_sent_the_caller()
    {
        var (session, record) = NewSession();
        var run = session.RunAsync();
        await RunUntilAsync(() => _speech.Spoken.Contains(TransferringChat.Apology), TimeSpan.FromSeconds(10), () =>
        {
            if (_line.Consultations is [(_, var consultation)] && consultation.SentFrames == 10)
            {
                consultation.CallerHangsUp();
            }
        });
        _line.CallerHangsUp();
        await RunUntilAsync(() => run.IsCompleted, TimeSpan.FromSeconds(2));

        Assert.Empty(_line.CompletedTransfers);
        Assert.False(_line.Consultations[0].Line.HungUp, "a leg the target ended is not hung up again");
        Assert.Contains(record.Events, e => e.Type == "consult_result" && e.Detail == "the target hung up: remote-bye");
        Assert.Contains(record.Events, e => e.Type == "transfer_result" && e.Detail == "failed");
        Assert.NotEqual(CallStatuses.Transferred, record.Status);
    }

    /// <summary>A model that asks for a warm transfer at once, and apologises when told it failed.</summary>
    private sealed class TransferringChat : IChatClient
    {
        public const string Apology = "Sorry, nobody is free right now.";

        public string ToolResult { get; private set; } = "";

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            var result = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().LastOrDefault();
            if (result is null)
            {
                var call = new FunctionCallContent("call-1", Appliance.Conversation.Providers.Tools.BuiltInTools.TransferCall, new Dictionary<string, object?> { ["target"] = "front desk", ["warm"] = true });
                yield return new ChatResponseUpdate(ChatRole.Assistant, [call]);
                yield break;
            }
            ToolResult = result.Result?.ToString() ?? "";
            yield return new ChatResponseUpdate(ChatRole.Assistant, Apology);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
