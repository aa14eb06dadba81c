using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Appliance.Service.Tests.Compat;

/// <summary>Bad input on every compat route: always a 4xx problem details response, nothing changed in the store.</summary>
public sealed class CompatBadInputTests : IClassFixture<CompatBadInputTests.Box>
{
    public const string AgentId = "{agent}";
    public const string Number = "+15550777001";

    public sealed class Box : IDisposable
    {
        public Box()
        {
            var api = Factory.Api();
            var (_, agent) = api.PostAsync("/v1/agents", """{"name":"target","welcome_message":"unchanged"}""").GetAwaiter().GetResult();
            AgentIdValue = agent["id"]!.GetValue<string>();
            api.PostAsync("/v1/phone-numbers", $$"""{"number":"{{Number}}","label":"unchanged"}""").GetAwaiter().GetResult();
        }

        public ApplianceFactory Factory { get; } = new();

        public string AgentIdValue { get; }

        public void Dispose() => Factory.Dispose();
    }

    public static readonly TheoryData<string, string> WriteRoutes = new()
    {
        { "POST", "/compat/agentphone/v1/agents" },
        { "PATCH", "/compat/agentphone/v1/agents/" + AgentId },
        { "PUT", "/compat/agentphone/v1/agents/" + AgentId },
        { "PUT", "/compat/agentconfig/agents/" + AgentId },
        { "POST", "/compat/vocode/v1/numbers/update?phone_number=%2B15550777001" },
    };

    private readonly Box _box;

    public CompatBadInputTests(Box box) => _box = box;

    private string Url(string template) => template.Replace(AgentId, _box.AgentIdValue, StringComparison.Ordinal);

    private async Task<string> SnapshotAsync()
    {
        var api = _box.Factory.Api();
        var agents = await api.GetStringAsync("/v1/agents");
        var numbers = await api.GetStringAsync("/v1/phone-numbers");
        var connections = await api.GetStringAsync("/v1/connections");
        return agents + numbers + connections;
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string url, string body, bool authenticated = true)
    {
        var client = authenticated ? _box.Factory.Api() : _box.Factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), Url(url)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        return await client.SendAsync(request);
    }

    [Theory]
    [MemberData(nameof(WriteRoutes))]
    public async Task Malformed_json_is_a_400_problem_and_changes_nothing(string method, string url)
    {
        var before = await SnapshotAsync();
        foreach (var body in new[] { "{", "[1,2]", "\"text\"", "{\"name\": }", "{'name':'x'}", "", "null" })
        {
            using var response = await SendAsync(method, url, body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {url} '{body}' gave {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(WriteRoutes))]
    public async Task A_body_over_one_mebibyte_is_a_413(string method, string url)
    {
        var before = await SnapshotAsync();
        using var response = await SendAsync(method, url, "{\"description\":\"" + new string('a', 1024 * 1024 + 10) + "\"}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, await SnapshotAsync());
    }

    public static readonly TheoryData<string, string, string> WrongValues = new()
    {
        { "POST", "/compat/agentphone/v1/agents", """{"name":["list"],"voiceSpeed":true}""" },
        { "POST", "/compat/agentphone/v1/agents", """{"name":"x","maxSilenceMs":1e300}""" },
        { "PATCH", "/compat/agentphone/v1/agents/" + AgentId, """{"interruptionSensitivity":"very","extra":1}""" },
        { "PUT", "/compat/agentconfig/agents/" + AgentId, """{"voice_config":"fast","config":[1],"extensions":7}""" },
        { "PUT", "/compat/agentconfig/agents/" + AgentId, """{"pronunciations":{"word":"x"},"integrations":[]}""" },
        { "PUT", "/compat/agentconfig/agents/" + AgentId, """{"voice_config":{"min_endpointing_delay":"soon"},"language":null}""" },
        { "POST", "/compat/vocode/v1/numbers/update?phone_number=%2B15550777001", """{"inbound_agent":42,"label":{}}""" },
        { "POST", "/compat/vocode/v1/numbers/update?phone_number=%2B15550777001", """{"inbound_agent":{"actions":{},"deepgram_keywords":[],"idle_time_seconds":"long"}}""" },
    };

    [Theory]
    [MemberData(nameof(WrongValues))]
    public async Task Wrong_types_and_unknown_fields_are_422_problems_naming_fields(string method, string url, string body)
    {
        var before = await SnapshotAsync();
        using var response = await SendAsync(method, url, body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.NotEmpty(problem.ErrorFields());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("GET", "/compat/agentphone/v1/agents/nope")]
    [InlineData("PATCH", "/compat/agentphone/v1/agents/nope")]
    [InlineData("DELETE", "/compat/agentphone/v1/agents/nope")]
    [InlineData("GET", "/compat/agentconfig/agents/nope")]
    [InlineData("PUT", "/compat/agentconfig/agents/nope")]
    [InlineData("GET", "/compat/vocode/v1/numbers?phone_number=%2B19990000000")]
    [InlineData("POST", "/compat/vocode/v1/numbers/update?phone_number=%2B19990000000")]
    public async Task Unknown_ids_are_404_problems(string method, string url)
    {
        using var response = await SendAsync(method, url, """{"description":"x"}""");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("GET", "/compat/agentphone/v1/agents")]
    [InlineData("POST", "/compat/agentphone/v1/agents")]
    [InlineData("PUT", "/compat/agentconfig/agents/" + AgentId)]
    [InlineData("GET", "/compat/vocode/v1/numbers/list")]
    [InlineData("POST", "/compat/vocode/v1/numbers/update?phone_number=%2B15550777001")]
    public async Task Every_compat_route_needs_a_valid_key(string method, string url)
    {
        var before = await SnapshotAsync();
        using var response = await SendAsync(method, url, """{"name":"intruder","label":"x"}""", authenticated: false);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await SnapshotAsync());
    }
}
