using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Appliance.Web.Tests;

/// <summary>What a technician's browser does over plain HTTP: set up, log in, call the API with the CSRF token.</summary>
public static class WebClientExtensions
{
    public const string Password = "correct horse battery";

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<(int Status, JsonObject Body)> PostJsonAsync(this HttpClient client, string url, string json, string? csrf = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Json(json) };
        if (csrf is not null)
        {
            request.Headers.Add("X-CSRF-Token", csrf);
        }
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await BodyOf(response));
    }

    /// <summary>First-run setup with the box's code; returns the session's CSRF token.</summary>
    public static async Task<string> SetUpAsync(this HttpClient client, WebBox box, string password = Password)
    {
        var body = new JsonObject { ["setup_code"] = box.SetupCode, ["password"] = password }.ToJsonString();
        var (status, result) = await client.PostJsonAsync("/web/auth/setup", body);
        Assert.Equal(200, status);
        return result["csrf_token"]!.GetValue<string>();
    }

    public static async Task<(int Status, JsonObject Body)> LoginAsync(this HttpClient client, string password) =>
        await client.PostJsonAsync("/web/auth/login", new JsonObject { ["password"] = password }.ToJsonString());

    public static async Task<JsonObject> BodyOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.StartsWith('{') ? (JsonObject)JsonNode.Parse(text)! : [];
    }

    /// <summary>A client sending the box's first API key (bearer), for test arrangement.</summary>
    public static HttpClient Api(this WebBox box)
    {
        var client = box.Http();
        client.DefaultRequestHeaders.Authorization = new("Bearer", box.ApiKey);
        return client;
    }

    public static async Task<JsonObject> CreateAsync(this HttpClient api, string url, string json)
    {
        using var response = await api.PostAsync(url, Json(json));
        var body = await BodyOf(response);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body.ToJsonString()}");
        return body;
    }

    public static Task<JsonObject?> GetObjectAsync(this HttpClient client, string url) => client.GetFromJsonAsync<JsonObject>(url);
}
