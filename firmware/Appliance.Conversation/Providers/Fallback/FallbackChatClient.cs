using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;

namespace Appliance.Conversation.Providers.Fallback;

/// <summary>
/// The LLM as one <see cref="IChatClient"/> over the fallback chain. When a model fails after part
/// of its reply was streamed (and maybe already spoken), the next model gets the conversation plus
/// that part and is asked to continue it, so the caller does not hear the start twice.
/// </summary>
public sealed class FallbackChatClient(FallbackChain<IChatClient> chain) : IChatClient
{
    internal const string ContinueInstruction =
        "Your previous reply was cut off after the assistant text above. Continue it from exactly there, without repeating it.";

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var history = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var delivered = new StringBuilder();
        await foreach (var update in chain.StreamAsync(
            (client, token) => client.GetStreamingResponseAsync(Resume(history, delivered), options, token),
            cancellationToken).ConfigureAwait(false))
        {
            delivered.Append(update.Text);
            yield return update;
        }
    }

    private static IReadOnlyList<ChatMessage> Resume(IReadOnlyList<ChatMessage> history, StringBuilder delivered)
    {
        if (delivered.Length == 0)
        {
            return history;
        }

        return [.. history, new ChatMessage(ChatRole.Assistant, delivered.ToString()), new ChatMessage(ChatRole.System, ContinueInstruction)];
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;

    public void Dispose()
    {
        // The chain's clients belong to whoever built the chain.
    }
}
