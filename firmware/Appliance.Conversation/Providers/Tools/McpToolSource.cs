using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;

namespace Appliance.Conversation.Providers.Tools;

/// <summary>
/// The tools of one MCP server for one call: connects over Streamable HTTP, lists the tools and
/// offers them to the model, each call under the server's deadline. Dispose at the end of the call.
/// </summary>
public sealed class McpToolSource : IAsyncDisposable
{
    private readonly McpClient _client;

    private McpToolSource(McpClient client, IReadOnlyList<AIFunction> tools)
    {
        _client = client;
        Tools = tools;
    }

    public IReadOnlyList<AIFunction> Tools { get; }

    /// <exception cref="TimeoutException">The server did not answer within its deadline.</exception>
    public static async Task<McpToolSource> ConnectAsync(McpServerEndpoint server, HttpClient http, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var deadline = new CancellationTokenSource(server.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = server.Url,
                Name = server.Name,
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = server.Headers is null ? null : new Dictionary<string, string>(server.Headers),
            },
            http,
            loggerFactory: null,
            ownsHttpClient: false);
        McpClient? client = null;
        try
        {
            client = await McpClient.CreateAsync(transport, new McpClientOptions(), loggerFactory: null, linked.Token).ConfigureAwait(false);
            var listed = await client.ListToolsAsync(cancellationToken: linked.Token).ConfigureAwait(false);
            return new McpToolSource(client, TimeLimitedFunction.WrapAll(listed, server.Timeout, time));
        }
        catch (Exception e)
        {
            if (client is not null)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            if (e is OperationCanceledException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"MCP server '{server.Name}' did not answer within {server.Timeout}.", e);
            }

            throw;
        }
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
