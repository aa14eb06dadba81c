using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Appliance.Service.Tests.Compat;

/// <summary>
/// A minimal MCP server on 127.0.0.1 speaking Streamable HTTP with plain JSON replies: initialize,
/// notifications, tools/list. It demands an Authorization header, so a test can see that stored
/// header secrets are used when the box re-tests the server.
/// </summary>
public sealed class TinyMcpServer : IAsyncDisposable
{
    public const string RequiredAuthorization = "Bearer mcp-test-secret";
    private readonly WebApplication _app;

    private TinyMcpServer(WebApplication app) => _app = app;

    public Uri Endpoint => new(_app.Urls.First() + "/mcp");

    public int Requests { get; private set; }

    public static async Task<TinyMcpServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new TinyMcpServer(app);
        app.MapPost("/mcp", server.HandleAsync);
        app.MapGet("/mcp", () => Results.StatusCode(StatusCodes.Status405MethodNotAllowed));
        app.MapDelete("/mcp", () => Results.Ok());
        await app.StartAsync();
        return server;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        Requests++;
        if (request.Headers.Authorization.ToString() != RequiredAuthorization)
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }
        var message = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        if (message["id"] is not { } id)
        {
            return Results.StatusCode(StatusCodes.Status202Accepted);
        }
        JsonNode? result = message["method"]!.GetValue<string>() switch
        {
            "initialize" => new JsonObject
            {
                ["protocolVersion"] = message["params"]!["protocolVersion"]!.DeepClone(),
                ["capabilities"] = new JsonObject { ["tools"] = new JsonObject() },
                ["serverInfo"] = new JsonObject { ["name"] = "tiny-crm", ["version"] = "1.0.0" },
            },
            "tools/list" => new JsonObject
            {
                ["tools"] = new JsonArray(
                    new JsonObject { ["name"] = "lookup_customer", ["description"] = "Finds a customer", ["inputSchema"] = new JsonObject { ["type"] = "object" } },
                    new JsonObject { ["name"] = "create_ticket", ["description"] = "Opens a ticket", ["inputSchema"] = new JsonObject { ["type"] = "object" } }),
            },
            _ => null,
        };
        var reply = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone() };
        if (result is null)
        {
            // Newer clients probe optional methods first (e.g. server discovery) and fall back on this error.
            reply["error"] = new JsonObject { ["code"] = -32601, ["message"] = "Method not found" };
        }
        else
        {
            reply["result"] = result;
        }
        return Results.Text(reply.ToJsonString(), "application/json");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
