using System.Text.Json;
using Appliance.Conversation.Providers.Tools;
using Appliance.Conversation.Tests.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Conversation.Tests.Providers;

/// <summary>MCP tools through the ModelContextProtocol client against a real local MCP server.</summary>
public sealed class McpToolsTests : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly FakeTimeProvider _time = new();
    private FakeMcpServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeMcpServer.StartNewAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
    }

    private Task<McpToolSource> Connect() => McpToolSource.ConnectAsync(
        new McpServerEndpoint { Name = "deliveries", Url = _server.Url, Timeout = TimeSpan.FromSeconds(4), Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer mcp-secret" } },
        _http, _time, CancellationToken.None);

    [Fact]
    public async Task Lists_the_servers_tools_and_calls_one()
    {
        await using var source = await Connect();
        var coverage = source.Tools.Single(t => t.Name == "check_coverage");

        var result = await coverage.InvokeAsync(new AIFunctionArguments(new Dictionary<string, object?> { ["postcode"] = "SW1A 1AA" }));

        Assert.Equal(["check_coverage", "slow_lookup"], source.Tools.Select(t => t.Name).Order());
        Assert.Equal("string", coverage.JsonSchema.GetProperty("properties").GetProperty("postcode").GetProperty("type").GetString());
        Assert.Contains("We deliver to SW1A 1AA on Tuesdays.", JsonSerializer.Serialize(result), StringComparison.Ordinal);
        Assert.Equal(["coverage SW1A 1AA"], _server.Calls);
    }

    [Fact]
    public async Task A_tool_call_past_the_deadline_returns_a_refusal()
    {
        await using var source = await Connect();
        var slow = source.Tools.Single(t => t.Name == "slow_lookup");

        // The deadline is armed before InvokeAsync returns, on the fake clock.
        var pending = slow.InvokeAsync(new AIFunctionArguments()).AsTask();
        _time.Advance(TimeSpan.FromSeconds(4));

        var result = (JsonElement)(await pending.WaitAsync(TimeSpan.FromSeconds(10)))!;
        Assert.False(result.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task An_unreachable_server_fails_the_connection_not_the_process()
    {
        var url = _server.Url;
        await _server.KillAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => McpToolSource.ConnectAsync(
            new McpServerEndpoint { Name = "gone", Url = url }, _http, _time, CancellationToken.None));
    }
}
