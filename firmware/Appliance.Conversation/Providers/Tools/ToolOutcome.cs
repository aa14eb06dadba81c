namespace Appliance.Conversation.Providers.Tools;

/// <summary>What a tool call returns to the model.</summary>
public sealed record ToolOutcome(bool Ok, string Detail)
{
    public static ToolOutcome Rejected(string why) => new(false, why);
}
