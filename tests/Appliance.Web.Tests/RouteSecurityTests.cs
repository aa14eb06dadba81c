using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests;

/// <summary>
/// Every route the app maps, read from its EndpointDataSource (so a new page or API is covered
/// without touching this test), refuses a request that has neither a session nor a key; and no
/// secret reaches a page or a list a logged-in technician can read.
/// </summary>
public sealed class RouteSecurityTests
{
    // The only routes a stranger may reach: health, the two pre-session pages and their calls.
    private static readonly string[] Public =
        ["/", "/healthz", "/web/", "/web/setup", "/web/login", "/web/auth/state", "/web/auth/setup", "/web/auth/login"];

    [Fact]
    public async Task Every_mapped_page_and_api_route_refuses_a_request_without_session_or_key()
    {
        using var box = new WebBox();
        using (var owner = box.Http())
        {
            await owner.SetUpAsync(box);
        }
        using var stranger = box.Http();
        var checkedRoutes = 0;
        foreach (var endpoint in box.Services.GetRequiredService<EndpointDataSource>().Endpoints)
        {
            if (endpoint is not RouteEndpoint { RoutePattern.RawText: { } pattern } route || Array.IndexOf(Public, "/" + pattern.TrimStart('/')) >= 0)
            {
                continue;
            }
            var url = "/" + System.Text.RegularExpressions.Regex.Replace(pattern.TrimStart('/'), @"\{(\*)?(?<name>[a-z_]+)[^}]*\}", m => m.Groups["name"].Value == "page" ? "dashboard" : "x1");
            var methods = route.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = WebClientExtensions.Json("{}");
                }
                using var response = await stranger.SendAsync(request);
                var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/web/login");
                Assert.True(refused, $"{method} {url} ({pattern}) answered {(int)response.StatusCode} without a session or key");
                checkedRoutes++;
            }
        }
        // The enumeration itself must have found the app's routes, not an empty list.
        Assert.True(checkedRoutes > 30, $"only {checkedRoutes} routes were checked");
    }

    [Fact]
    public async Task No_secret_value_reaches_a_page_or_a_list_the_technician_reads()
    {
        const string secret = "sk-route-secret-5d20c8";
        using var box = new WebBox();
        using (var api = box.Api())
        {
            await api.CreateAsync("/v1/connections", $$"""{"name":"pbx","type":"sip_registration","host":"127.0.0.1","username":"100","password":"{{secret}}"}""");
            await api.CreateAsync("/v1/connections", $$"""{"name":"cloud","type":"openai_compatible","base_url":"http://127.0.0.1:9/v1","api_key":"{{secret}}"}""");
            await api.CreateAsync("/v1/agents", $$"""{"name":"hooked","webhook_url":"http://127.0.0.1:9/hook","webhook_secret":"{{secret}}"}""");
        }
        using var client = box.Http();
        await client.SetUpAsync(box);
        var pages = new[] { "dashboard", "agents", "numbers", "connections", "calls", "api-keys", "diagnostics" }.Select(p => "/web/" + p);
        string[] reads = ["/v1/agents", "/v1/connections", "/v1/phone-numbers", "/web/api/status", "/web/api/backup", "/web/api/logs?level=trace&limit=1000"];
        foreach (var url in pages.Concat(reads))
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(secret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
