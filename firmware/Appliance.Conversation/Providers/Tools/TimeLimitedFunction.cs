using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Appliance.Conversation.Providers.Tools;

/// <summary>
/// Gives a tool call a deadline on the call's clock. A tool that overruns is cancelled and the
/// model is told so, as a result it can act on; a failing tool likewise, so a broken webhook or MCP
/// server cannot stall or end the conversation.
/// </summary>
public sealed class TimeLimitedFunction(AIFunction inner, TimeSpan timeout, TimeProvider time) : DelegatingAIFunction(inner)
{
    public TimeSpan Timeout => timeout;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            return await base.InvokeCoreAsync(arguments, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Refusal($"tool '{Name}' did not answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is HttpRequestException or ProviderException or IOException or InvalidOperationException)
        {
            return Refusal($"tool '{Name}' failed: {e.GetType().Name}");
        }
    }

    // Serialized here, with source-generated metadata, as AIFunctionFactory does for tool results.
    private static JsonElement Refusal(string why) =>
        JsonSerializer.SerializeToElement(ToolOutcome.Rejected(why), ToolJsonContext.Default.ToolOutcome);

    /// <summary>Wraps each tool with the same deadline.</summary>
    public static IReadOnlyList<AIFunction> WrapAll(IEnumerable<AIFunction> tools, TimeSpan timeout, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var wrapped = new List<AIFunction>();
        foreach (var tool in tools)
        {
            wrapped.Add(new TimeLimitedFunction(tool, timeout, time));
        }

        return wrapped;
    }
}
