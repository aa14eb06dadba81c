using System.Text.Json.Nodes;
using Appliance.Conversation.Providers.Tools;
using Microsoft.Extensions.AI;

namespace Appliance.Conversation.Session;

/// <summary>
/// Puts every tool call of the model into the call record (arguments and result) and tells the
/// event_action subscribers; the tool itself is unchanged.
/// </summary>
internal sealed class RecordedTool(AIFunction inner, CallLog log, CallExtensions extensions) : DelegatingAIFunction(inner)
{
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var args = ToolArguments.ToJson(arguments);
        log.Event(CallToolEvents.Call, Clip(Name + " " + args.ToJsonString()));
        object? result;
        try
        {
            result = await base.InvokeCoreAsync(arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.Event(CallToolEvents.Result, Clip(Name + ": failed (" + e.GetType().Name + ")"));
            throw;
        }
        var text = ToolArguments.ResultText(result);
        log.Event(CallToolEvents.Result, Clip(Name + ": " + text));
        extensions.Action(Name, new JsonObject { ["arguments"] = args, ["result"] = Clip(text) });
        return result;
    }

    private static string Clip(string text) => text.Length > CallToolEvents.MaxDetailChars ? text[..CallToolEvents.MaxDetailChars] : text;
}
