using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Appliance.Service.Tests;

/// <summary>
/// The real service (real HTTP pipeline, real LiteDB file) in a temp data directory. A second
/// factory on the same directory is a restart of the box.
/// </summary>
public sealed class ApplianceFactory : WebApplicationFactory<Program>
{
    public ApplianceFactory(string? dataDirectory = null)
    {
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "appliance-test-" + Guid.NewGuid().ToString("N"));
    }

    public string DataDirectory { get; }

    public string ApiKey => File.ReadAllText(Path.Combine(DataDirectory, "initial-api-key.txt")).Trim();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Data", DataDirectory);
        // Each test box takes its own free SIP port, so test classes can run side by side.
        builder.UseSetting("Sip:Port", "0");
    }

    /// <summary>A client that sends the first API key.</summary>
    public HttpClient Api()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }
}

/// <summary>Small helpers for JSON requests and responses.</summary>
public static class Http
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(JsonNode node) => Json(node.ToJsonString());

    public static async Task<(int Status, JsonObject Body)> SendAsync(this HttpClient client, HttpMethod method, string url, string? json = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = Json(json);
        }
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 && JsonNode.Parse(text) is JsonObject obj ? obj : [];
        return ((int)response.StatusCode, body);
    }

    public static Task<(int Status, JsonObject Body)> PostAsync(this HttpClient client, string url, string json) => client.SendAsync(HttpMethod.Post, url, json);

    public static Task<(int Status, JsonObject Body)> PutAsync(this HttpClient client, string url, string json) => client.SendAsync(HttpMethod.Put, url, json);

    public static Task<(int Status, JsonObject Body)> GetJsonAsync(this HttpClient client, string url) => client.SendAsync(HttpMethod.Get, url);

    /// <summary>The field names a problem-details response blames.</summary>
    public static IReadOnlyCollection<string> ErrorFields(this JsonObject problem) =>
        problem["errors"] is JsonObject errors ? errors.Select(e => e.Key).ToList() : [];
}
