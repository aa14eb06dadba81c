namespace Appliance.Service.Tests.Api;

public sealed class PhoneNumberApiTests : IDisposable
{
    private readonly ApplianceFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Numbers_are_e164_unique_and_map_to_an_agent()
    {
        var api = _factory.Api();
        var (badStatus, bad) = await api.PostAsync("/v1/phone-numbers", """{"number":"555-0100"}""");
        Assert.Equal(422, badStatus);
        Assert.Contains("number", bad.ErrorFields());

        var (_, agent) = await api.PostAsync("/v1/agents", """{"name":"reception"}""");
        var (status, number) = await api.PostAsync("/v1/phone-numbers",
            $$"""{"number":"+15550400001","label":"Main line","agent_id":"{{agent["id"]}}"}""");
        Assert.Equal(201, status);
        var (dupStatus, dup) = await api.PostAsync("/v1/phone-numbers", """{"number":"+15550400001"}""");
        Assert.Equal(409, dupStatus);
        Assert.Contains("number", dup.ErrorFields());

        var (_, reloaded) = await api.GetJsonAsync($"/v1/agents/{agent["id"]}");
        Assert.Equal("custom", reloaded["phone_number"]!.GetValue<string>());
        Assert.Equal("+15550400001", reloaded["custom_phone_numbers"]![0]!.GetValue<string>());

        var (unassign, _) = await api.PutAsync($"/v1/phone-numbers/{number["id"]}", """{"agent_id":null}""");
        Assert.Equal(200, unassign);
        var (_, after) = await api.GetJsonAsync($"/v1/agents/{agent["id"]}");
        Assert.Empty(after["custom_phone_numbers"]!.AsArray());
        Assert.Null(after["phone_number"]);
    }

    [Fact]
    public async Task A_number_has_one_inbound_agent()
    {
        var api = _factory.Api();
        await api.PostAsync("/v1/agents", """{"name":"first","phone_number":"custom","custom_phone_numbers":["+15550400002"]}""");
        var (status, problem) = await api.PostAsync("/v1/agents", """{"name":"second","phone_number":"custom","custom_phone_numbers":["+15550400002"]}""");
        Assert.Equal(422, status);
        Assert.Contains("custom_phone_numbers[0]", problem.ErrorFields());
        var (_, list) = await api.GetJsonAsync("/v1/agents");
        Assert.Single(list["agents"]!.AsArray());
    }

    [Fact]
    public async Task Assign_automatically_takes_a_free_inbound_number_or_explains_there_is_none()
    {
        var api = _factory.Api();
        var (none, problem) = await api.PostAsync("/v1/agents", """{"name":"auto","phone_number":"assign-automatically"}""");
        Assert.Equal(422, none);
        Assert.Contains("phone_number", problem.ErrorFields());

        await api.PostAsync("/v1/phone-numbers", """{"number":"+15550400003","outbound_only":true}""");
        await api.PostAsync("/v1/phone-numbers", """{"number":"+15550400004"}""");
        var (status, agent) = await api.PostAsync("/v1/agents", """{"name":"auto","phone_number":"assign-automatically"}""");
        Assert.Equal(201, status);
        Assert.Equal("+15550400004", agent["custom_phone_numbers"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_number_must_arrive_on_a_telephony_connection()
    {
        var api = _factory.Api();
        var (_, openai) = await api.PostAsync("/v1/connections", """{"name":"llm","type":"openai_compatible","base_url":"http://127.0.0.1:9/v1","api_key":"k"}""");
        var (status, problem) = await api.PostAsync("/v1/phone-numbers", $$"""{"number":"+15550400005","connection_id":"{{openai["id"]}}"}""");
        Assert.Equal(422, status);
        Assert.Contains("connection_id", problem.ErrorFields());
        var (_, pbx) = await api.PostAsync("/v1/connections", """{"name":"pbx","type":"sip_trunk","host":"127.0.0.1"}""");
        var (ok, _) = await api.PostAsync("/v1/phone-numbers", $$"""{"number":"+15550400005","connection_id":"{{pbx["id"]}}"}""");
        Assert.Equal(201, ok);
        var (inUse, conflict) = await api.SendAsync(HttpMethod.Delete, $"/v1/connections/{pbx["id"]}");
        Assert.Equal(409, inUse);
        Assert.Contains("+15550400005", conflict["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name":"x","type":"carrier-pigeon"}""", "type")]
    [InlineData("""{"name":"x","type":"sip_registration","host":"pbx.local","username":"200"}""", "password")]
    [InlineData("""{"name":"x","type":"sip_trunk","allowed_addresses":["not-an-ip"]}""", "allowed_addresses[0]")]
    [InlineData("""{"name":"x","type":"sip_trunk","host":"h","port":70000}""", "port")]
    [InlineData("""{"name":"x","type":"openai_compatible"}""", "base_url")]
    [InlineData("""{"name":"x","type":"smtp","host":"mail","from_address":"nobody"}""", "from_address")]
    public async Task Connection_rules_name_the_field(string body, string field)
    {
        var (status, problem) = await _factory.Api().PostAsync("/v1/connections", body);
        Assert.Equal(422, status);
        Assert.Contains(field, problem.ErrorFields());
    }
}
