namespace Appliance.Conversation.Tests.Fakes;

/// <summary>One streamed chat reply of <see cref="FakeOpenAiServer"/>: a tool call when set, else the text.</summary>
public sealed record FakeChatReply(string Text, (string Name, string ArgumentsJson)? ToolCall = null)
{
    public static FakeChatReply Tool(string name, string argumentsJson) => new("", (name, argumentsJson));
}
