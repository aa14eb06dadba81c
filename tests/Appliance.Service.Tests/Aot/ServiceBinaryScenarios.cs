using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Appliance.Service.Tests.Aot;

/// <summary>
/// What every published binary must do, whatever its architecture. Each scenario starts the real
/// process on a fresh temp --data directory; the x64 and arm64 test classes run the same scenarios.
/// </summary>
internal static class ServiceBinaryScenarios
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>/healthz, the first key's private file, auth on /v1, and /v1/system from a native binary.</summary>
    public static async Task FirstStartServesHealthAndSystem(ServiceBinary binary)
    {
        using var data = new TempDirectory();
        await using var service = await ServiceProcess.StartAsync(binary, data.Path);

        using (var health = await service.Client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("ok", (string?)(await ReadJson(health))["status"]);
        }

        var keyFile = Path.Combine(data.Path, "initial-api-key.txt");
        Assert.True(File.Exists(keyFile), "no first API key file. Output:" + Environment.NewLine + service.Output);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        var key = (await File.ReadAllTextAsync(keyFile)).Trim();
        Assert.False(string.IsNullOrEmpty(key));

        using (var anonymous = await service.Client.GetAsync(new Uri("/v1/system", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using var system = await Send(service, HttpMethod.Get, "/v1/system", key);
        Assert.Equal(HttpStatusCode.OK, system.StatusCode);
        var info = await ReadJson(system);
        Assert.True((bool?)info["native_aot"], "the binary reports it runs on the JIT: " + info.ToJsonString());
        Assert.Equal(binary.Architecture, (string?)info["architecture"]);
        Assert.StartsWith(Path.GetFullPath(data.Path), (string?)info["storage_path"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty((string?)info["version"]));
    }

    /// <summary>Upsert insert then update and GET through the binary's LiteDB store, then a restart keeps it all.</summary>
    public static async Task UpsertedAgentSurvivesRestart(ServiceBinary binary)
    {
        using var data = new TempDirectory();
        string id;
        string key;
        await using (var first = await ServiceProcess.StartAsync(binary, data.Path))
        {
            key = (await File.ReadAllTextAsync(Path.Combine(data.Path, "initial-api-key.txt"))).Trim();

            var inserted = await Upsert(first, key, """{"name":"aot-agent","system_prompt":"first prompt"}""");
            Assert.True((bool?)inserted["inserted"]);
            Assert.False((bool?)inserted["updated"]);
            id = (string?)inserted["agent"]?["id"] ?? "";
            Assert.False(string.IsNullOrEmpty(id), inserted.ToJsonString());

            var updated = await Upsert(first, key, """{"name":"aot-agent","system_prompt":"second prompt","audio_speed":1.25}""");
            Assert.False((bool?)updated["inserted"]);
            Assert.True((bool?)updated["updated"]);
            Assert.Equal(id, (string?)updated["agent"]?["id"]);

            await AssertStoredAgent(first, key, id);
            Assert.Equal(0, await first.StopAsync(StopTimeout));
        }

        await using var second = await ServiceProcess.StartAsync(binary, data.Path);
        await AssertStoredAgent(second, key, id);
        Assert.Equal(key, (await File.ReadAllTextAsync(Path.Combine(data.Path, "initial-api-key.txt"))).Trim());
    }

    private static async Task AssertStoredAgent(ServiceProcess service, string key, string id)
    {
        using var response = await Send(service, HttpMethod.Get, "/v1/agents/" + id, key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var agent = await ReadJson(response);
        Assert.Equal(id, (string?)agent["id"]);
        Assert.Equal("aot-agent", (string?)agent["name"]);
        Assert.Equal("second prompt", (string?)agent["system_prompt"]);
        Assert.Equal(1.25, (double?)agent["audio_speed"]);
    }

    private static async Task<JsonObject> Upsert(ServiceProcess service, string key, string body)
    {
        using var response = await Send(service, HttpMethod.Post, "/v1/agents/upsert?project=main", key, body);
        var json = await ReadJson(response);
        Assert.True(response.IsSuccessStatusCode, $"upsert answered {(int)response.StatusCode}: {json.ToJsonString()}");
        return json;
    }

    private static async Task<HttpResponseMessage> Send(ServiceProcess service, HttpMethod method, string path, string key, string? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        return await service.Client.SendAsync(request);
    }

    private static async Task<JsonObject> ReadJson(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException("not a JSON object: " + text);
    }
}
