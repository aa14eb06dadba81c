using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Appliance.Configuration.Model;

namespace Appliance.Service.Web;

/// <summary>The outcome of a "test connection": whether it worked, what was seen, how long it took.</summary>
internal sealed record ProbeResult(bool? Ok, string Detail, long ElapsedMs)
{
    public JsonObject ToJson() => new() { ["ok"] = Ok, ["detail"] = Detail, ["elapsed_ms"] = ElapsedMs };
}

/// <summary>
/// "Test connection" for the connections page: a cloud provider gets one short authenticated request
/// to its models/account URL on the configured base URL; a PBX or trunk gets a SIP OPTIONS over UDP
/// (any SIP answer proves a SIP server listens) or a TCP connect for tcp/tls. Nothing is changed at
/// the far end. Error texts never carry the key: it is scrubbed from anything the provider echoes.
/// </summary>
internal sealed class ConnectionProbe(TimeProvider time)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    // Provider type → default base URL, the read-only path to ask, and how the key is sent.
    private static readonly Dictionary<string, (string BaseUrl, string Path, string Header, string Prefix)> Providers = new(StringComparer.Ordinal)
    {
        [ConnectionTypes.OpenAiCompatible] = ("", "/models", "Authorization", "Bearer "),
        ["openai"] = ("https://api.openai.com/v1", "/models", "Authorization", "Bearer "),
        ["deepseek"] = ("https://api.deepseek.com", "/models", "Authorization", "Bearer "),
        ["deepgram"] = ("https://api.deepgram.com/v1", "/projects", "Authorization", "Token "),
        ["elevenlabs"] = ("https://api.elevenlabs.io/v1", "/user", "xi-api-key", ""),
        ["cartesia"] = ("https://api.cartesia.ai", "/voices", "X-API-Key", ""),
    };

    public async Task<ProbeResult> TestAsync(Connection connection, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var clock = Stopwatch.StartNew();
        try
        {
            var (ok, detail) = connection.Type switch
            {
                var t when Providers.ContainsKey(t) => await ProviderAsync(connection, Providers[t], linked.Token),
                ConnectionTypes.SipRegistration or ConnectionTypes.SipTrunk => await SipAsync(connection, linked.Token),
                _ => ((bool?)null, $"a {connection.Type} connection cannot be tested from here"),
            };
            return new ProbeResult(ok, detail, clock.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new ProbeResult(false, $"no answer within {Timeout.TotalSeconds:0} s", clock.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException)
        {
            return new ProbeResult(false, Scrub(ex.Message, connection.ApiKey), clock.ElapsedMilliseconds);
        }
    }

    private static async Task<(bool?, string)> ProviderAsync(Connection c, (string BaseUrl, string Path, string Header, string Prefix) provider, CancellationToken ct)
    {
        var baseUrl = (c.BaseUrl ?? provider.BaseUrl).TrimEnd('/');
        if (baseUrl.Length == 0)
        {
            return (false, "base_url is not set");
        }
        if (string.IsNullOrEmpty(c.ApiKey))
        {
            return (false, "api_key is not set");
        }
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, baseUrl + provider.Path);
        request.Headers.TryAddWithoutValidation(provider.Header, provider.Prefix + c.ApiKey);
        if (c.Type == "cartesia")
        {
            request.Headers.Add("Cartesia-Version", "2024-06-10");
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        if (response.IsSuccessStatusCode)
        {
            return (true, $"{status} from {request.RequestUri!.GetLeftPart(UriPartial.Path)}");
        }
        var body = await ReadSomeAsync(response, ct);
        return (false, $"{status} from {request.RequestUri!.GetLeftPart(UriPartial.Path)}{(body.Length > 0 ? ": " + Scrub(body, c.ApiKey) : "")}");
    }

    private static async Task<(bool?, string)> SipAsync(Connection c, CancellationToken ct)
    {
        var host = c.Host ?? (c.AllowedAddresses.Count > 0 ? c.AllowedAddresses[0].Split('/')[0] : null);
        if (host is null)
        {
            return (false, "host is not set");
        }
        var port = c.Port ?? (c.Transport == "tls" ? 5061 : 5060);
        var addresses = await Dns.GetHostAddressesAsync(host, ct);
        if (addresses.Length == 0)
        {
            return (false, $"{host} does not resolve");
        }
        var target = new IPEndPoint(addresses[0], port);
        if (c.Transport is "tcp" or "tls")
        {
            using var tcp = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await tcp.ConnectAsync(target, ct);
            return (true, $"TCP connection to {target} accepted");
        }
        using var udp = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(target.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
        await udp.SendToAsync(Options(host, port, (IPEndPoint)udp.LocalEndPoint!), target, ct);
        var buffer = new byte[2048];
        var received = await udp.ReceiveAsync(buffer, ct);
        var firstLine = Encoding.ASCII.GetString(buffer, 0, received).Split("\r\n", 2)[0];
        return firstLine.StartsWith("SIP/2.0 ", StringComparison.Ordinal)
            ? (true, $"{target} answered OPTIONS: {firstLine[8..]}")
            : (false, $"{target} answered something that is not SIP");
    }

    private static byte[] Options(string host, int port, IPEndPoint local)
    {
        var branch = "z9hG4bK" + Guid.NewGuid().ToString("N")[..16];
        var tag = Guid.NewGuid().ToString("N")[..8];
        var message =
            $"OPTIONS sip:{host}:{port} SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP {local};branch={branch};rport\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: <sip:probe@{local}>;tag={tag}\r\n" +
            $"To: <sip:{host}:{port}>\r\n" +
            $"Call-ID: {Guid.NewGuid():N}@appliance\r\n" +
            "CSeq: 1 OPTIONS\r\n" +
            "Accept: application/sdp\r\n" +
            "Content-Length: 0\r\n\r\n";
        return Encoding.ASCII.GetBytes(message);
    }

    private static async Task<string> ReadSomeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        return (text.Length > 300 ? text[..300] + "…" : text).ReplaceLineEndings(" ").Trim();
    }

    private static string Scrub(string text, string? secret) =>
        string.IsNullOrEmpty(secret) ? text : text.Replace(secret, "[api key]", StringComparison.Ordinal);
}
