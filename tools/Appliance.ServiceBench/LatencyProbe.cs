using System.Diagnostics;
using System.Text;

namespace Appliance.ServiceBench;

/// <summary>
/// Sequential request latency over loopback HTTP with keep-alive: upserts (Phonic semantics, the
/// write path through validation and LiteDB) then GETs of one agent by id (the read path).
/// </summary>
internal static class LatencyProbe
{
    // Upserts rotate over a few names, so after the warm-up every measured upsert is an update.
    private const int Names = 20;

    public static async Task<(List<double> UpsertMs, List<double> GetMs)> MeasureAsync(HttpClient client, string key, int warmup, int requests)
    {
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        for (var i = 0; i < Math.Max(warmup, Names); i++)
        {
            await UpsertAsync(client, i);
        }
        var upserts = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            await UpsertAsync(client, i);
            upserts.Add(clock.Elapsed.TotalMilliseconds);
        }

        var path = new Uri("/v1/agents/bench-agent-0?project=main", UriKind.Relative);
        for (var i = 0; i < warmup; i++)
        {
            await GetAsync(client, path);
        }
        var gets = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            await GetAsync(client, path);
            gets.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (upserts, gets);
    }

    private static async Task UpsertAsync(HttpClient client, int i)
    {
        var body = $$"""{"name":"bench-agent-{{i % Names}}","system_prompt":"Prompt revision {{i}}.","audio_speed":1.1}""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/v1/agents/upsert?project=main", UriKind.Relative), content);
        await Ensure(response);
    }

    private static async Task GetAsync(HttpClient client, Uri path)
    {
        using var response = await client.GetAsync(path);
        await Ensure(response);
    }

    private static async Task Ensure(HttpResponseMessage response)
    {
        // Read the whole body: the latency a client sees includes it.
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        }
    }
}
