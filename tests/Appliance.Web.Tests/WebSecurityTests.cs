using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Web.Tests;

/// <summary>Plain-HTTP checks of the page's security: setup code, sessions, CSRF, lockout, headers.</summary>
public sealed class WebSecurityTests
{
    private static readonly string[] Pages = ["dashboard", "agents", "numbers", "connections", "calls", "api-keys"];

    [Fact]
    public async Task First_run_needs_the_setup_code_written_owner_only_and_then_never_again()
    {
        using var box = new WebBox();
        using var client = box.Http();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(box.SetupCodePath));
        using (var redirect = await client.GetAsync("/web/dashboard"))
        {
            Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
            Assert.Equal("/web/setup", redirect.Headers.Location?.OriginalString);
        }

        var (wrong, wrongBody) = await client.PostJsonAsync("/web/auth/setup", """{"setup_code":"AAAA-BBBB-CCCC","password":"long enough password"}""");
        Assert.Equal(422, wrong);
        Assert.True(wrongBody["errors"]!.AsObject().ContainsKey("setup_code"));
        var (weak, weakBody) = await client.PostJsonAsync("/web/auth/setup", $$"""{"setup_code":"{{box.SetupCode.ToLowerInvariant()}}","password":"short"}""");
        Assert.Equal(422, weak);
        Assert.Equal(["password"], weakBody["errors"]!.AsObject().Select(e => e.Key));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/web/auth/setup")
        {
            Content = WebClientExtensions.Json($$"""{"setup_code":"{{box.SetupCode}}","password":"{{WebClientExtensions.Password}}"}"""),
        };
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("appliance_session=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(box.SetupCodePath));

        using var stranger = box.Http();
        var (again, _) = await stranger.PostJsonAsync("/web/auth/setup", """{"setup_code":"AAAA-BBBB-CCCC","password":"stranger's password"}""");
        Assert.Equal(409, again);
        Assert.Equal(401, (await stranger.LoginAsync("stranger's password")).Status);
        Assert.Equal(200, (await stranger.LoginAsync(WebClientExtensions.Password)).Status);
    }

    [Fact]
    public async Task Every_page_and_api_refuses_a_request_without_a_session_or_key()
    {
        using var box = new WebBox();
        using (var owner = box.Http())
        {
            await owner.SetUpAsync(box);
        }
        using var client = box.Http();
        foreach (var page in Pages)
        {
            using var response = await client.GetAsync($"/web/{page}");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/web/login", response.Headers.Location?.OriginalString);
            Assert.DoesNotContain("<main>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        string[] apis = ["/v1/agents", "/v1/phone-numbers", "/v1/connections", "/v1/api-keys", "/v1/calls", "/v1/calls/active", "/v1/system", "/web/events", "/web/auth/session"];
        foreach (var url in apis)
        {
            using var get = await client.GetAsync(url);
            Assert.True(get.StatusCode == HttpStatusCode.Unauthorized, $"GET {url}: {get.StatusCode}");
        }
        foreach (var url in apis[..4])
        {
            var (status, _) = await client.PostJsonAsync(url, """{"name":"x"}""");
            Assert.True(status == 401, $"POST {url}: {status}");
        }
        Assert.Equal(403, (await client.PostJsonAsync("/web/auth/logout", "{}")).Status);
    }

    [Fact]
    public async Task A_session_reaches_v1_but_writes_need_its_csrf_token_and_bearer_keys_still_work()
    {
        using var box = new WebBox();
        using var client = box.Http();
        var csrf = await client.SetUpAsync(box);

        using (var list = await client.GetAsync("/v1/agents"))
        {
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        }
        Assert.Equal(403, (await client.PostJsonAsync("/v1/agents", """{"name":"no-token"}""")).Status);
        Assert.Equal(403, (await client.PostJsonAsync("/v1/agents", """{"name":"bad-token"}""", csrf + "x")).Status);
        Assert.Equal(201, (await client.PostJsonAsync("/v1/agents", """{"name":"with-token"}""", csrf)).Status);

        using var api = box.Api();
        Assert.Equal(201, (await api.PostJsonAsync("/v1/agents", """{"name":"by-key"}""")).Status);

        Assert.Equal(200, (await client.PostJsonAsync("/web/auth/logout", "{}", csrf)).Status);
        using var after = await client.GetAsync("/v1/agents");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task The_live_event_stream_sends_active_calls_and_system_status_and_ends_at_logout()
    {
        using var box = new WebBox();
        using var client = box.Http();
        var csrf = await client.SetUpAsync(box);
        using var response = await client.GetAsync("/web/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal("event: calls", await reader.ReadLineAsync(timeout.Token));
        Assert.Equal("""data: {"calls":[]}""", await reader.ReadLineAsync(timeout.Token));
        Assert.Equal("", await reader.ReadLineAsync(timeout.Token));
        Assert.Equal("event: status", await reader.ReadLineAsync(timeout.Token));
        var status = System.Text.Json.Nodes.JsonNode.Parse((await reader.ReadLineAsync(timeout.Token))!["data: ".Length..])!;
        Assert.True((long)status["memory"]!["process_rss_bytes"]! > 0);
        Assert.True((long)status["storage"]!["free_bytes"]! > 0);
        Assert.Equal("udp", (string?)status["sip"]!["listening"]![0]!["transport"]);
        Assert.StartsWith("127.0.0.1:", (string?)status["sip"]!["listening"]![0]!["address"], StringComparison.Ordinal);

        Assert.Equal(200, (await client.PostJsonAsync("/web/auth/logout", "{}", csrf)).Status);
        // The server closes the stream within its sampling period, though the status would go on every 2 s.
        await reader.ReadToEndAsync(timeout.Token);
    }

    [Fact]
    public async Task Five_failed_logins_lock_the_client_out_for_five_minutes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var box = new WebBox(clock);
        using var client = box.Http();
        await client.SetUpAsync(box);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(401, (await client.LoginAsync("wrong password " + i)).Status);
        }
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/web/auth/login") { Content = WebClientExtensions.Json($$"""{"password":"{{WebClientExtensions.Password}}"}""") })
        using (var locked = await client.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
            Assert.Equal(TimeSpan.FromMinutes(5), locked.Headers.RetryAfter?.Delta);
        }
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(429, (await client.LoginAsync(WebClientExtensions.Password)).Status);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(200, (await client.LoginAsync(WebClientExtensions.Password)).Status);
        // A success clears the count: four more failures do not lock the client out.
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(401, (await client.LoginAsync("wrong again " + i)).Status);
        }
        Assert.Equal(200, (await client.LoginAsync(WebClientExtensions.Password)).Status);
    }

    [Fact]
    public async Task Login_and_setup_take_only_json_so_a_cross_site_form_cannot_post_them()
    {
        using var box = new WebBox();
        using var client = box.Http();
        using var form = new FormUrlEncodedContent([new("setup_code", box.SetupCode), new("password", WebClientExtensions.Password)]);
        using var response = await client.PostAsync("/web/auth/setup", form);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.True(File.Exists(box.SetupCodePath));
    }

    [Fact]
    public async Task Pages_and_api_carry_the_security_headers()
    {
        using var box = new WebBox();
        using var client = box.Http();
        foreach (var url in new[] { "/web/setup", "/v1/agents", "/web/assets/common.js" })
        {
            using var response = await client.GetAsync(url);
            var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        }
    }
}
