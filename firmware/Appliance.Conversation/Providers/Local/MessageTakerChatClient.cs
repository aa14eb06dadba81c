using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;

namespace Appliance.Conversation.Providers.Local;

/// <summary>
/// The language model of last resort: a scripted message taker (greet, ask name, number and
/// message, confirm, goodbye) used when every LLM endpoint has failed, so a call never meets dead
/// air. It is an <see cref="IChatClient"/> like the real models, and ends the call the same way, with
/// an end_conversation function call. One instance per call: it remembers where the script is.
/// </summary>
public sealed class MessageTakerChatClient : IChatClient
{
    public const string EndConversationTool = "end_conversation";
    private readonly Lock _gate = new();
    private Step _step;
    private string? _name;
    private string? _number;
    private string? _message;

    private enum Step
    {
        AskName,
        AskNumber,
        AskMessage,
        Confirm,
        Done,
    }

    public TakenMessage Taken
    {
        get
        {
            lock (_gate)
            {
                return new TakenMessage(_name, _number, _message);
            }
        }
    }

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Next(messages))));

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        foreach (var content in Next(messages))
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, [content]) { ModelId = "message-taker" };
        }
    }

    private List<AIContent> Next(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ChatMessage? lastUser = null;
        var agentSpoke = false;
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.User)
            {
                lastUser = message;
            }
            else if (message.Role == ChatRole.Assistant)
            {
                agentSpoke = true;
            }
        }

        var heard = lastUser?.Text.Trim() is { Length: > 0 } text ? text : null;
        lock (_gate)
        {
            return Advance(heard, greet: !agentSpoke);
        }
    }

    // Each call is one agent turn: what the caller just said answers the previous question.
    private List<AIContent> Advance(string? heard, bool greet)
    {
        var prefix = greet ? "Hello, thank you for calling. " : string.Empty;
        switch (_step)
        {
            case Step.AskName:
                _step = Step.AskNumber;
                return Say(prefix + "I'm sorry, I can't help with that right now, but I can take a message. May I have your name, please?");
            case Step.AskNumber:
                _name = heard;
                _step = Step.AskMessage;
                return Say(heard is null ? "Thank you. What number can we call you back on?" : $"Thank you, {heard}. What number can we call you back on?");
            case Step.AskMessage:
                _number = heard is null ? null : Digits(heard);
                _step = Step.Confirm;
                return Say("And what message would you like to leave?");
            case Step.Confirm when heard is null:
                // Without a transcript the caller's yes or no cannot be understood: the recording is the message.
                _step = Step.Done;
                return Goodbye("Thank you, your message has been recorded.");
            case Step.Confirm:
                _message = heard;
                _step = Step.Done;
                return Say($"I have a message from {_name ?? "you"}, on {_number ?? "the number you gave"}: {heard}. Is that right?");
            default:
                if (heard is not null && heard.StartsWith("no", StringComparison.OrdinalIgnoreCase))
                {
                    _step = Step.Confirm;
                    return Say("Sorry about that. Please tell me your message again.");
                }

                return Goodbye("Thank you.");
        }
    }

    private static List<AIContent> Say(string text) => [new TextContent(text)];

    private static List<AIContent> Goodbye(string text) =>
    [
        new TextContent(text + " Someone will call you back soon. Goodbye."),
        new FunctionCallContent("message-taker-end", EndConversationTool, new Dictionary<string, object?> { ["reason"] = "message taken" }),
    ];

    private static string? Digits(string heard)
    {
        var digits = new StringBuilder();
        foreach (var c in heard)
        {
            if (char.IsAsciiDigit(c) || (c == '+' && digits.Length == 0))
            {
                digits.Append(c);
            }
        }

        return digits.Length >= 3 ? digits.ToString() : heard;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;

    public void Dispose()
    {
    }
}
