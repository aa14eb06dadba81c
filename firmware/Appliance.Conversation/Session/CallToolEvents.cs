namespace Appliance.Conversation.Session;

/// <summary>Event types the session writes to the call record for the model's tool calls.</summary>
public static class CallToolEvents
{
    /// <summary>Detail: <c>name {arguments as JSON}</c>.</summary>
    public const string Call = "tool_call";

    /// <summary>Detail: <c>name: result</c> (at most <see cref="MaxDetailChars"/> characters).</summary>
    public const string Result = "tool_result";

    public const int MaxDetailChars = 500;
}
