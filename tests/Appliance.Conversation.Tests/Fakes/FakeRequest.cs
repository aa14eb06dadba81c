namespace Appliance.Conversation.Tests.Fakes;

/// <summary>What a fake server received: the path, the Authorization header, and the body or form fields.</summary>
public sealed record FakeRequest(string Path, string? Authorization, string Body, IReadOnlyDictionary<string, string> Form)
{
    public int FileBytes { get; init; }
}
