using System.Net;
using System.Text;

namespace Appliance.Service.Tests.Api;

/// <summary>Malformed, oversized, unauthenticated or misdirected requests: always a 4xx problem, never a change.</summary>
public sealed class BadInputTests : IClassFixture<BadInputTests.Box>
{
    public sealed class Box : IDisposable
    {
        public ApplianceFactory Factory { get; } = new();
        public void Dispose() => Factory.Dispose();
    }

    public static readonly TheoryData<string, string> WriteRoutes = new()
    {
        { "POST", "/v1/agents/upsert" },
        { "POST", "/v1/agents" },
        { "PUT", "/v1/agents/missing" },
        { "POST", "/v1/phone-numbers" },
        { "POST", "/v1/connections" },
        { "POST", "/v1/api-keys" },
    };

    private readonly ApplianceFactory _factory;

    public BadInputTests(Box box) => _factory = box.Factory;

    [Theory]
    [MemberData(nameof(WriteRoutes))]
    public async Task Malformed_json_is_a_400_problem(string method, string url)
    {
        foreach (var body in new[] { "{", "[1,2]", "\"text\"", "{\"name\": }", "{'name':'x'}", "" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await _factory.Api().SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{method} {url} '{body}' gave {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [MemberData(nameof(WriteRoutes))]
    public async Task A_body_over_one_mebibyte_is_refused(string method, string url)
    {
        var big = "{\"name\":\"" + new string('a', 1024 * 1024 + 10) + "\"}";
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(big, Encoding.UTF8, "application/json") };
        using var response = await _factory.Api().SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/v1/agents")]
    [InlineData("POST", "/v1/agents/upsert")]
    [InlineData("GET", "/v1/phone-numbers")]
    [InlineData("GET", "/v1/connections")]
    [InlineData("GET", "/v1/api-keys")]
    [InlineData("GET", "/v1/system")]
    public async Task Every_v1_route_needs_a_valid_key(string method, string url)
    {
        var client = _factory.CreateClient();
        using var anonymous = new HttpRequestMessage(new HttpMethod(method), url) { Content = Http.Json("{}") };
        using var response = await client.SendAsync(anonymous);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());

        using var wrong = new HttpRequestMessage(new HttpMethod(method), url) { Content = Http.Json("{}") };
        wrong.Headers.Authorization = new("Bearer", "apk_" + new string('x', 43));
        using var refused = await client.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Health_needs_no_key()
    {
        var response = await _factory.CreateClient().GetStringAsync("/healthz");
        Assert.Contains("\"ok\"", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_ids_are_404_problems()
    {
        var api = _factory.Api();
        foreach (var url in new[] { "/v1/agents/nope", "/v1/phone-numbers/nope", "/v1/connections/nope" })
        {
            var (status, problem) = await api.GetJsonAsync(url);
            Assert.Equal(404, status);
            Assert.Equal("Not found", problem["title"]!.GetValue<string>());
            var (putStatus, _) = await api.PutAsync(url, "{}");
            Assert.Equal(404, putStatus);
        }
    }

    [Fact]
    public async Task System_reports_version_uptime_and_storage()
    {
        var (status, body) = await _factory.Api().GetJsonAsync("/v1/system");
        Assert.Equal(200, status);
        Assert.False(string.IsNullOrEmpty(body["version"]!.GetValue<string>()));
        Assert.True(body["uptime_sec"]!.GetValue<double>() >= 0);
        Assert.Equal(Path.Combine(_factory.DataDirectory, "appliance.db"), body["storage_path"]!.GetValue<string>());
    }
}
