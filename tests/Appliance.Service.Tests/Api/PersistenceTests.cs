using System.Text.Json.Nodes;

namespace Appliance.Service.Tests.Api;

public sealed class PersistenceTests
{
    [Fact]
    public async Task A_restart_keeps_every_record_and_the_first_key()
    {
        JsonObject agent, number, connection;
        string key, dir;
        using (var first = new ApplianceFactory())
        {
            dir = first.DataDirectory;
            var api = first.Api();
            key = first.ApiKey;
            (_, connection) = await api.PostAsync("/v1/connections", """{"name":"trunk","type":"sip_trunk","allowed_addresses":["127.0.0.1"]}""");
            var (_, upsert) = await api.PostAsync("/v1/agents/upsert",
                """{"name":"kept","welcome_message":"Still here","phone_number":"custom","custom_phone_numbers":["+15550300001"],"tasks":[{"name":"book","description":"Book a visit"}]}""");
            agent = upsert["agent"]!.AsObject();
            var (_, numbers) = await api.GetJsonAsync("/v1/phone-numbers");
            number = numbers["phone_numbers"]![0]!.AsObject();
        }
        using var second = new ApplianceFactory(dir);
        var again = second.Api();
        Assert.Equal(key, second.ApiKey);
        var (status, reloaded) = await again.GetJsonAsync($"/v1/agents/{agent["id"]}");
        Assert.Equal(200, status);
        Assert.True(JsonNode.DeepEquals(agent, reloaded), $"{agent}\n!=\n{reloaded}");
        var (_, reloadedNumber) = await again.GetJsonAsync($"/v1/phone-numbers/{number["id"]}");
        Assert.True(JsonNode.DeepEquals(number, reloadedNumber));
        var (_, reloadedConnection) = await again.GetJsonAsync($"/v1/connections/{connection["id"]}");
        Assert.True(JsonNode.DeepEquals(connection, reloadedConnection));
    }
}
