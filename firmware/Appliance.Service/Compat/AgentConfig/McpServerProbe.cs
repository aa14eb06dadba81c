using System.Security.Cryptography;
using System.Text;
using ModelContextProtocol.Client;

namespace Appliance.Service.Compat.AgentConfig;

/// <summary>The outcome of testing one MCP server: its fingerprint and tools, or why it could not be reached.</summary>
internal sealed record McpProbeResult(string? Fingerprint, IReadOnlyList<string> Tools, string? Failure);

/// <summary>
/// Tests an MCP server on save, as seed 004 asks: connect (Streamable HTTP or SSE), initialize,
/// list the tools. The fingerprint is a hash of the server's name, version and tool names, so a
/// changed server shows up as a changed fingerprint.
/// </summary>
internal static class McpServerProbe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    // One client for every probe: probes are rare (a PUT with MCP servers) and short.
    private static readonly HttpClient Http = new() { Timeout = Timeout };

    public static async Task<McpProbeResult> TestAsync(string name, Uri endpoint, string transportType,
        IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = endpoint,
                Name = name,
                TransportMode = transportType == "sse" ? HttpTransportMode.Sse : HttpTransportMode.StreamableHttp,
                AdditionalHeaders = headers.Count == 0 ? null : new Dictionary<string, string>(headers),
            },
            Http,
            loggerFactory: null,
            ownsHttpClient: false);
        try
        {
            await using var client = await McpClient.CreateAsync(transport, new McpClientOptions(), loggerFactory: null, deadline.Token);
            var tools = await client.ListToolsAsync(cancellationToken: deadline.Token);
            var names = new List<string>(tools.Count);
            foreach (var tool in tools)
            {
                names.Add(tool.Name);
            }
            names.Sort(StringComparer.Ordinal);
            var info = client.ServerInfo;
            var identity = $"{info?.Name}\n{info?.Version}\n{string.Join('\n', names)}";
            return new McpProbeResult(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity))), names, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new McpProbeResult(null, [], $"the MCP server did not answer within {Timeout.TotalSeconds:0} s; stored untested");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or ModelContextProtocol.McpException or System.Text.Json.JsonException or InvalidOperationException)
        {
            // The message says what failed (refused, 401, not MCP) without echoing headers or secrets.
            return new McpProbeResult(null, [], $"the MCP server could not be tested ({ex.GetType().Name}: {ex.Message}); stored untested");
        }
    }
}
