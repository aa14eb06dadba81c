using System.Text;

namespace Appliance.Conversation.Providers.Tools;

/// <summary>One of an agent's extensions.mcp_servers, reached over Streamable HTTP.</summary>
public sealed record McpServerEndpoint
{
    public required string Name { get; init; }
    public required Uri Url { get; init; }
    /// <summary>Auth headers (auth_headers); secrets: never printed.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
    /// <summary>Deadline for connecting and for each tool call.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Name = ").Append(Name).Append(", Url = ").Append(Url).Append(", Timeout = ").Append(Timeout)
            .Append(", Headers = ").Append(Headers is { Count: > 0 } ? "(set)" : "(none)");
        return true;
    }
}
