using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Appliance.Service.Tests.Compat;

/// <summary>Seed 004 extensions: MCP servers are stored in their stored shape and tested on save against a real server.</summary>
public sealed class AgentConfigMcpTests : IClassFixture<CompatBox>
{
    private const string Agents = "/compat/agentconfig/agents";
    private readonly ApplianceFactory _factory;

    public AgentConfigMcpTests(CompatBox box) => _factory = box.Factory;

    private async Task<string> NewAgentAsync(HttpClient api)
    {
        var (_, created) = await api.PostAsync("/v1/agents", $$"""{"name":"mcp-{{Guid.NewGuid():N}}"}""");
        return created["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_reachable_server_is_stored_with_fingerprint_and_tools_and_retested_with_its_stored_secret()
    {
        await using var mcp = await TinyMcpServer.StartAsync();
        var api = _factory.Api();
        var id = await NewAgentAsync(api);
        var body = new JsonObject
        {
            ["extensions"] = new JsonObject
            {
                ["mcp_servers"] = new JsonArray(new JsonObject
                {
                    ["name"] = "crm",
                    ["url"] = mcp.Endpoint.ToString(),
                    ["auth_headers"] = new JsonArray(new JsonObject { ["key"] = "Authorization", ["value"] = TinyMcpServer.RequiredAuthorization }),
                }),
            },
        };
        var (status, agent) = await api.PutAsync($"{Agents}/{id}", body.ToJsonString());
        Assert.Equal(200, status);
        Assert.True(agent["warnings"] is null, agent["warnings"]?.ToJsonString());
        var server = agent["extensions"]!["mcp_servers"]![0]!;
        Assert.Equal("crm", server["connection_name"]!.GetValue<string>());
        Assert.Equal(mcp.Endpoint.ToString(), server["mcp_endpoint_url"]!.GetValue<string>());
        Assert.Null(server["name"]);
        var fingerprint = server["fingerprint"]!.GetValue<string>();
        Assert.Equal(64, fingerprint.Length);
        Assert.Equal(["create_ticket", "lookup_customer"], server["discovered_tools"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.DoesNotContain(TinyMcpServer.RequiredAuthorization, agent.ToJsonString(), StringComparison.Ordinal);

        // A discovered tool is now a custom tool the agent may name.
        var (toolStatus, _) = await api.PutAsync($"/v1/agents/{id}", """{"tools":["lookup_customer"]}""");
        Assert.Equal(200, toolStatus);

        // GET → PUT sends the stored shape back without the header value: the stored secret is used for the re-test.
        var (_, read) = await api.GetJsonAsync($"{Agents}/{id}");
        var before = mcp.Requests;
        var (again, retested) = await api.PutAsync($"{Agents}/{id}", new JsonObject { ["extensions"] = read["extensions"]!.DeepClone() }.ToJsonString());
        Assert.Equal(200, again);
        Assert.True(mcp.Requests > before);
        Assert.True(retested["warnings"] is null, retested["warnings"]?.ToJsonString());
        Assert.Equal(fingerprint, retested["extensions"]!["mcp_servers"]![0]!["fingerprint"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unreachable_server_is_stored_untested_with_a_non_fatal_warning()
    {
        var port = FreePort();
        var api = _factory.Api();
        var id = await NewAgentAsync(api);
        var (status, agent) = await api.PutAsync($"{Agents}/{id}",
            $$$"""{"extensions":{"mcp_servers":[{"name":"gone","url":"http://127.0.0.1:{{{port}}}/mcp"}],"webhooks":[{"name":"after","url":"https://example.com/hook","conditions":["after_call"]}]}}""");
        Assert.Equal(200, status);
        var warning = Assert.Single(agent["warnings"]!.AsArray())!;
        Assert.Equal("gone", warning["connection_name"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(warning["message"]!.GetValue<string>()));
        var server = agent["extensions"]!["mcp_servers"]![0]!;
        Assert.Null(server["fingerprint"]);
        Assert.Equal("after", agent["extensions"]!["webhooks"]![0]!["name"]!.GetValue<string>());

        // extensions is a full replace: sending only webhooks removes the MCP server.
        var (_, replaced) = await api.PutAsync($"{Agents}/{id}", """{"extensions":{"webhooks":[]}}""");
        Assert.Empty(replaced["extensions"]!["mcp_servers"]!.AsArray());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
