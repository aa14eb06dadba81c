using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Appliance.Telephony.Tests.Interop;

namespace Appliance.Service.Tests.Calls;

/// <summary>
/// A PBX connection created through the API while the box runs registers at once against a real
/// Kamailio registrar (digest auth), without a restart; the SIP status and trace endpoints show the
/// registration and the REGISTER exchange with the credentials redacted; deleting the connection
/// removes the registration.
/// </summary>
public sealed class SipConnectionReloadTests : IAsyncLifetime
{
    private const string Password = "reload-secret-77";
    private readonly ApplianceFactory _box = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _box.DisposeAsync();

    [Fact]
    public async Task A_registration_created_through_the_api_registers_without_a_restart_and_shows_in_the_status()
    {
        var api = _box.Api();
        var (_, before) = await api.GetJsonAsync("/v1/system/sip");
        Assert.Empty(before["registrations"]!.AsArray());
        Assert.Contains("127.0.0.1", before["trusted_peers"]!.AsArray().Select(p => p!.GetValue<string>()));

        var dir = PeerProcess.TempDirectory();
        var port = PeerProcess.FreePort();
        var cfgPath = Path.Combine(dir, "kamailio.cfg");
        await File.WriteAllTextAsync(cfgPath, (await File.ReadAllTextAsync(KamailioConfig()))
            .Replace("__PORT__", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("__PASSWORD__", Password, StringComparison.Ordinal)
            .Replace("__ALGORITHM__", "SHA-256", StringComparison.Ordinal));
        try
        {
            await using var kamailio = PeerProcess.Start("kamailio", dir, "-f", cfgPath, "-DD", "-E", "-n", "1", "-P", Path.Combine(dir, "k.pid"), "-Y", dir);
            var (created, connection) = await api.PostAsync("/v1/connections",
                $$"""{"name":"office-pbx","type":"sip_registration","host":"127.0.0.1","port":{{port}},"username":"100","password":"{{Password}}","register_expires_sec":120}""");
            Assert.Equal(201, created);
            var clock = Stopwatch.StartNew();
            var registration = await WaitForAsync(api, r => r["state"]!.GetValue<string>() == "registered", TimeSpan.FromSeconds(15));
            // Kamailio may still be starting when the first REGISTER goes; on a quiet machine this takes well under a second.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"registered after {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.Equal(connection["id"]!.GetValue<string>(), registration["connection_id"]!.GetValue<string>());
            Assert.Equal("office-pbx", registration["connection_name"]!.GetValue<string>());
            Assert.Equal(200, registration["last_status"]!.GetValue<int>());
            Assert.InRange(registration["expires_sec"]!.GetValue<int>(), 1, 120);

            // The trace holds the challenge and the authenticated REGISTER, never the credentials.
            var (traced, trace) = await api.GetJsonAsync("/v1/system/sip/trace?limit=50");
            Assert.Equal(200, traced);
            var texts = trace["messages"]!.AsArray().Select(m => m!["text"]!.GetValue<string>()).ToList();
            Assert.Contains(texts, t => t.StartsWith("REGISTER sip:127.0.0.1", StringComparison.Ordinal) && t.Contains("Authorization: [redacted]", StringComparison.Ordinal));
            Assert.Contains(texts, t => t.StartsWith("SIP/2.0 401", StringComparison.Ordinal));
            Assert.DoesNotContain(texts, t => t.Contains(Password, StringComparison.Ordinal) || t.Contains("response=", StringComparison.Ordinal));

            using var deleted = await api.DeleteAsync(new Uri("/v1/connections/" + connection["id"]!.GetValue<string>(), UriKind.Relative));
            Assert.True(deleted.IsSuccessStatusCode);
            await WaitForAsync(api, null, TimeSpan.FromSeconds(10));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    [InlineData("ten")]
    public async Task A_bad_trace_limit_is_refused_naming_the_field(string limit)
    {
        var (status, problem) = await _box.Api().GetJsonAsync("/v1/system/sip/trace?limit=" + limit);
        Assert.Equal(422, status); // the API's status for invalid fields
        Assert.Contains("limit", problem.ErrorFields());
    }

    [Fact]
    public async Task The_sip_status_needs_an_api_key()
    {
        using var anonymous = _box.CreateClient();
        using var response = await anonymous.GetAsync(new Uri("/v1/system/sip", UriKind.Relative));
        Assert.Equal(401, (int)response.StatusCode);
    }

    /// <summary>
    /// Polls GET /v1/system/sip until the single registration matches <paramref name="match"/>, or,
    /// with a null match, until there is none; returns the registration.
    /// </summary>
    private static async Task<JsonObject> WaitForAsync(HttpClient api, Func<JsonObject, bool>? match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var (_, status) = await api.GetJsonAsync("/v1/system/sip");
            var registrations = status["registrations"]!.AsArray();
            if (match is null ? registrations.Count == 0 : registrations is [JsonObject r] && match(r))
            {
                return match is null ? status : (JsonObject)registrations[0]!;
            }
            Assert.True(DateTime.UtcNow < deadline, "SIP status never got there:\n" + status.ToJsonString());
            await Task.Delay(100);
        }
    }

    /// <summary>The Kamailio registrar configuration the telephony interop tests use (one copy in the repository).</summary>
    private static string KamailioConfig()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Appliance.Telephony.Tests", "Scenarios", "kamailio-registrar.cfg");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("kamailio-registrar.cfg not found above " + AppContext.BaseDirectory);
    }
}
