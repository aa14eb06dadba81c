using System.ComponentModel;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Appliance.Conversation.Tests.Fakes;

/// <summary>
/// A small MCP server over Streamable HTTP (stateless: a transport and server per POST), built on
/// the SDK's own server classes. ModelContextProtocol.AspNetCore 2.3.1 pins the SDK to 2.3.1 while
/// the client under test is 2.4.0, so the few lines of HTTP glue it would give are written here.
/// </summary>
public sealed class FakeMcpServer : FakeServerHost
{
    public Uri Url => new(BaseAddress, "mcp");

    public List<string> Calls { get; } = [];

    /// <summary>Set to make the slow_lookup tool wait until the request is aborted.</summary>
    public bool SlowToolHangs { get; set; } = true;

    public static async Task<FakeMcpServer> StartNewAsync()
    {
        var server = new FakeMcpServer();
        await server.StartAsync();
        return server;
    }

    protected override void Map(WebApplication app) => app.MapPost("/mcp", HandleAsync);

    private async Task HandleAsync(HttpContext context)
    {
        var message = await JsonSerializer.DeserializeAsync<JsonRpcMessage>(context.Request.Body, McpJsonUtilities.DefaultOptions, context.RequestAborted);
        if (message is null)
        {
            context.Response.StatusCode = 400;
            return;
        }

        await using var transport = new StreamableHttpServerTransport(null) { Stateless = true };
        await using var server = McpServer.Create(transport, Options());
        var running = server.RunAsync(context.RequestAborted);
        context.Response.ContentType = "text/event-stream";
        var responded = await transport.HandlePostRequestAsync(message, context.Response.Body, context.RequestAborted);
        if (!responded)
        {
            context.Response.StatusCode = 202;
        }

        await transport.DisposeAsync();
        await running.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private McpServerOptions Options()
    {
        var tools = new McpServerPrimitiveCollection<McpServerTool>();
        tools.Add(McpServerTool.Create(
            ([Description("Postcode to check")] string postcode) =>
            {
                lock (Calls)
                {
                    Calls.Add("coverage " + postcode);
                }

                return $"We deliver to {postcode} on Tuesdays.";
            },
            new McpServerToolCreateOptions { Name = "check_coverage", Description = "Says when we deliver to a postcode." }));
        tools.Add(McpServerTool.Create(
            async (CancellationToken token) =>
            {
                if (SlowToolHangs)
                {
                    await Task.Delay(Timeout.Infinite, token);
                }

                return "slow answer";
            },
            new McpServerToolCreateOptions { Name = "slow_lookup", Description = "Never answers in time." }));
        return new McpServerOptions { ServerInfo = new Implementation { Name = "fake-mcp", Version = "1.0" }, ToolCollection = tools };
    }
}
