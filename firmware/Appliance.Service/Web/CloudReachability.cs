using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Appliance.Configuration.Store;

namespace Appliance.Service.Web;

/// <summary>
/// Whether each provider connection's endpoint answers, for the dashboard. A connection is probed
/// (HEAD to its base URL, 5 s timeout) only while someone looks at the status and at most once a
/// minute; any HTTP answer, even 401 or 404, counts as reachable: the network path and the server
/// work, which is what the technician is checking. Credentials are never sent.
/// </summary>
internal sealed class CloudReachability(ConfigurationStore store, TimeProvider time, ILogger<CloudReachability> logger) : IDisposable
{
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private sealed class Probe
    {
        public DateTimeOffset? LastAttempt;
        public DateTimeOffset? LastSuccess;
        public DateTimeOffset? LastFailure;
        public string? LastError;
        public int InFlight;
    }

    private readonly ConcurrentDictionary<string, Probe> _probes = new(StringComparer.Ordinal);
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = ProbeTimeout };

    /// <summary>One entry per enabled connection with a base URL; starts the probes that are due (never waits for them).</summary>
    public JsonArray Snapshot()
    {
        var list = new JsonArray();
        var now = time.GetUtcNow();
        foreach (var connection in store.ListConnections())
        {
            if (!connection.Enabled || !Uri.TryCreate(connection.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                continue;
            }
            var probe = _probes.GetOrAdd(connection.Id, _ => new Probe());
            if ((probe.LastAttempt is not { } last || now - last >= ProbeInterval) && Interlocked.Exchange(ref probe.InFlight, 1) == 0)
            {
                probe.LastAttempt = now;
                _ = ProbeAsync(connection.Name, url, probe);
            }
            list.Add((JsonNode)new JsonObject
            {
                ["id"] = connection.Id,
                ["name"] = connection.Name,
                ["type"] = connection.Type,
                ["host"] = url.Host,
                ["reachable"] = probe.LastSuccess is null && probe.LastFailure is null ? null : probe.LastSuccess >= (probe.LastFailure ?? DateTimeOffset.MinValue),
                ["last_success"] = probe.LastSuccess?.ToString("O"),
                ["last_failure"] = probe.LastFailure?.ToString("O"),
                ["last_error"] = probe.LastError,
            });
        }
        return list;
    }

    private async Task ProbeAsync(string name, Uri url, Probe probe)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, url);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            probe.LastSuccess = time.GetUtcNow();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            probe.LastFailure = time.GetUtcNow();
            // The message names the host and the failure, never a credential (none is sent).
            probe.LastError = e is TaskCanceledException ? $"no answer within {ProbeTimeout.TotalSeconds:0} s" : e.Message;
            logger.LogInformation("Connection {Name}: {Host} is not reachable ({Error})", name, url.Host, probe.LastError);
        }
        finally
        {
            Volatile.Write(ref probe.InFlight, 0);
        }
    }

    public void Dispose() => _http.Dispose();
}
