using System.Text.Json.Nodes;
using Appliance.Configuration.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Service.Tests.Api;

/// <summary>Secrets are write-only: stored, used, never returned, and kept across GET → PUT.</summary>
public sealed class SecretTests : IDisposable
{
    private const string AgentBody = """
        {
          "name": "secretive",
          "webhook_secret": "SECRET-webhook-1",
          "configuration_endpoint": {"url": "https://config.example.com/start", "headers": {"X-Api-Key": "SECRET-header-2"}},
          "extensions": {"mcp_servers": [{"connection_name": "crm", "mcp_endpoint_url": "https://mcp.example.com/mcp",
                          "auth_headers": [{"key": "Authorization", "value": "SECRET-mcp-3"}]}]},
          "integrations": {"twilio": {"accountSid": "AC123", "authToken": "SECRET-twilio-4", "fromNumber": "+15550102030"},
                           "netsapiens": {"url": "https://ns.example.com", "username": "u", "password": "SECRET-ns-5", "domain": "d",
                                          "client_id": "c", "client_secret": "SECRET-ns-6", "extension": "100", "access_token": "SECRET-ns-7"}}
        }
        """;

    private const string ConnectionBody = """
        {"name":"pbx","type":"sip_registration","host":"127.0.0.1","username":"200","password":"SECRET-sip-8"}
        """;

    private readonly ApplianceFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task No_response_ever_contains_a_secret_and_secrets_set_lists_them()
    {
        var api = _factory.Api();
        var (status, upsert) = await api.PostAsync("/v1/agents/upsert", AgentBody);
        Assert.Equal(200, status);
        var (connStatus, connection) = await api.PostAsync("/v1/connections", ConnectionBody);
        Assert.Equal(201, connStatus);
        var id = upsert["agent"]!["id"]!.GetValue<string>();

        var bodies = new List<string> { upsert.ToJsonString(), connection.ToJsonString() };
        foreach (var url in new[] { "/v1/agents", $"/v1/agents/{id}", "/v1/connections", $"/v1/connections/{connection["id"]}", "/v1/api-keys", "/v1/system" })
        {
            bodies.Add(await api.GetStringAsync(url));
        }
        foreach (var body in bodies)
        {
            Assert.DoesNotContain("SECRET-", body, StringComparison.Ordinal);
            Assert.DoesNotContain(_factory.ApiKey, body, StringComparison.Ordinal);
        }
        var set = upsert["agent"]!["secrets_set"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.Contains("webhook_secret", set);
        Assert.Contains("configuration_endpoint.headers.X-Api-Key", set);
        Assert.Contains("extensions.mcp_servers[0].auth_headers[0].value", set);
        Assert.Contains("integrations.twilio.authToken", set);
        Assert.Contains("integrations.netsapiens.client_secret", set);
        Assert.Contains("password", connection["secrets_set"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task Get_modify_put_keeps_every_stored_secret()
    {
        var api = _factory.Api();
        var (_, upsert) = await api.PostAsync("/v1/agents/upsert", AgentBody);
        var agent = upsert["agent"]!.AsObject();
        agent["welcome_message"] = "Changed";
        var (status, _) = await api.PutAsync($"/v1/agents/{agent["id"]}", agent.ToJsonString());
        Assert.Equal(200, status);

        var stored = _factory.Services.GetRequiredService<ConfigurationStore>().GetAgent(agent["id"]!.GetValue<string>())!;
        Assert.Equal("Changed", stored.WelcomeMessage);
        Assert.Equal("SECRET-webhook-1", stored.WebhookSecret);
        Assert.Equal("SECRET-header-2", stored.ConfigurationEndpoint!.Headers["X-Api-Key"]);
        Assert.Equal("SECRET-mcp-3", stored.Extensions.McpServers[0].AuthHeaders[0].Value);
        Assert.Equal("SECRET-twilio-4", stored.Integrations["twilio"]!["authToken"]!.GetValue<string>());
        Assert.Equal("SECRET-ns-6", stored.Integrations["netsapiens"]!["client_secret"]!.GetValue<string>());
    }

    [Fact]
    public async Task Integrations_merge_field_by_field_and_null_removes()
    {
        var api = _factory.Api();
        var (_, upsert) = await api.PostAsync("/v1/agents/upsert", AgentBody);
        var id = upsert["agent"]!["id"]!.GetValue<string>();
        var (status, updated) = await api.PutAsync($"/v1/agents/{id}",
            """{"integrations":{"twilio":{"fromNumber":"+15559998888","testToNumber":"+15551112222"},"netsapiens":null}}""");
        Assert.Equal(200, status);
        var twilio = updated["integrations"]!["twilio"]!;
        Assert.Equal("+15559998888", twilio["fromNumber"]!.GetValue<string>());
        Assert.Equal("AC123", twilio["accountSid"]!.GetValue<string>());
        Assert.Null(updated["integrations"]!["netsapiens"]);
        var stored = _factory.Services.GetRequiredService<ConfigurationStore>().GetAgent(id)!;
        Assert.Equal("SECRET-twilio-4", stored.Integrations["twilio"]!["authToken"]!.GetValue<string>());
        Assert.False(stored.Integrations.ContainsKey("netsapiens"));

        var (_, cleared) = await api.PutAsync($"/v1/agents/{id}", """{"integrations":{"twilio":{"testToNumber":null}}}""");
        Assert.Null(cleared["integrations"]!["twilio"]!["testToNumber"]);
    }

    [Fact]
    public async Task The_api_key_is_stored_only_as_a_hash()
    {
        var api = _factory.Api();
        var (status, created) = await api.PostAsync("/v1/api-keys", """{"name":"rig"}""");
        Assert.Equal(201, status);
        var key = created["key"]!.GetValue<string>();
        var (_, list) = await api.GetJsonAsync("/v1/api-keys");
        Assert.DoesNotContain(key, list.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hash", list.ToJsonString(), StringComparison.Ordinal);
        _factory.Dispose();
        var db = File.ReadAllBytes(Path.Combine(_factory.DataDirectory, "appliance.db"));
        Assert.Equal(-1, System.Text.Encoding.ASCII.GetString(db).IndexOf(key, StringComparison.Ordinal));
    }
}
