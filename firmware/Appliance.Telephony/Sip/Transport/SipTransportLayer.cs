using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Appliance.Telephony.Sip.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Telephony.Sip.Transport;

/// <summary>
/// RFC 3261 §18 transport layer over UDP and TCP: parses inbound bytes, stamps received/rport
/// (RFC 3581), answers unparseable requests statelessly, rate-limits per source and routes responses
/// back by the top Via.
/// </summary>
public sealed class SipTransportLayer : Transactions.ISipSender, IAsyncDisposable
{
    private readonly SipUdpChannel _udp;
    private readonly SipTcpChannel? _tcp;
    private readonly SipRateLimiter _limiter;
    private readonly ILogger _logger;
    private readonly IPAddress _advertised;
    private readonly SipTrace? _trace;
    private ISipMessageSink? _sink;

    private SipTransportLayer(SipUdpChannel udp, SipTcpChannel? tcp, SipTransportOptions options, TimeProvider time, ILogger logger)
    {
        _udp = udp;
        _tcp = tcp;
        _logger = logger;
        _trace = options.Trace;
        _limiter = new SipRateLimiter(time, options.RequestsPerSecondPerSource, options.RequestBurstPerSource);
        _advertised = options.AdvertisedAddress
            ?? (options.BindAddress.Equals(IPAddress.Any) || options.BindAddress.Equals(IPAddress.IPv6Any) ? IPAddress.Loopback : options.BindAddress);
    }

    public IPEndPoint UdpEndPoint => _udp.LocalEndPoint;

    public IPEndPoint? TcpEndPoint => _tcp?.LocalEndPoint;

    /// <summary>The address other parties can reach us at (Via sent-by, Contact, SDP).</summary>
    public IPAddress AdvertisedAddress => _advertised;

    /// <summary>Binds UDP (and TCP on the same port number). With port 0 a free port pair is searched.</summary>
    public static SipTransportLayer Bind(SipTransportOptions options, TimeProvider time, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        for (var attempt = 0; ; attempt++)
        {
            var udp = new SipUdpChannel(new IPEndPoint(options.BindAddress, options.Port), logger);
            if (!options.EnableTcp)
            {
                return new SipTransportLayer(udp, null, options, time, logger);
            }
            try
            {
                var tcp = new SipTcpChannel(new IPEndPoint(options.BindAddress, udp.LocalEndPoint.Port), logger);
                return new SipTransportLayer(udp, tcp, options, time, logger);
            }
            catch (SocketException) when (options.Port == 0 && attempt < 20)
            {
                // The random UDP port is taken on TCP: try another pair.
                udp.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }

    public void Start(ISipMessageSink sink)
    {
        _sink = sink;
        _udp.Start((data, remote) => OnBytes(data.Span, new SipEndPoint(SipTransportKind.Udp, remote)));
        _tcp?.Start((data, remote) => OnBytes(data.Span, new SipEndPoint(SipTransportKind.Tcp, remote)));
    }

    /// <summary>Our sent-by for a Via on <paramref name="kind"/>.</summary>
    public SipVia CreateVia(SipTransportKind kind, string branch)
    {
        var port = kind == SipTransportKind.Udp ? _udp.LocalEndPoint.Port : _tcp?.LocalEndPoint.Port ?? _udp.LocalEndPoint.Port;
        var via = new SipVia(kind == SipTransportKind.Udp ? "UDP" : "TCP", _advertised.ToString(), port, branch);
        via.Parameters.Set("rport", null);
        return via;
    }

    /// <summary>A Contact URI at our reachable address for the given transport.</summary>
    public SipUri CreateContactUri(string? user, SipTransportKind kind)
    {
        var uri = new SipUri("sip", user, FormatHost(_advertised), kind == SipTransportKind.Udp ? _udp.LocalEndPoint.Port : _tcp!.LocalEndPoint.Port);
        if (kind == SipTransportKind.Tcp)
        {
            uri.Parameters.Set("transport", "tcp");
        }
        return uri;
    }

    /// <summary>A fresh RFC 3261 branch: magic cookie plus 64 random bits.</summary>
    public static string NewBranch() => SipVia.MagicCookie + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>A random tag or Call-ID word.</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public ValueTask SendAsync(SipMessage message, SipEndPoint destination)
    {
        var bytes = SipWriter.ToArray(message);
        _trace?.Record(outgoing: true, destination, bytes);
        return destination.Transport == SipTransportKind.Udp || _tcp is null
            ? _udp.SendAsync(bytes, destination.Address)
            : _tcp.SendAsync(bytes, destination.Address);
    }

    /// <summary>Sends a response where its top Via says (RFC 3261 §18.2.2, RFC 3581 §4).</summary>
    public ValueTask SendResponseAsync(SipMessage response)
    {
        if (!TryGetResponseDestination(response, out var destination))
        {
            _logger.LogDebug("Response {Status} has no routable Via", response.StatusCode);
            return ValueTask.CompletedTask;
        }
        return SendAsync(response, destination);
    }

    public static bool TryGetResponseDestination(SipMessage response, out SipEndPoint destination)
    {
        destination = default;
        var via = response.TopVia;
        if (via is null || !IPAddress.TryParse((via.Received ?? via.Host).Trim('[', ']'), out var address))
        {
            return false;
        }
        var kind = via.Transport == "UDP" ? SipTransportKind.Udp : SipTransportKind.Tcp;
        var port = via.RPort ?? via.Port ?? 5060;
        destination = new SipEndPoint(kind, new IPEndPoint(address, port));
        return true;
    }

    private void OnBytes(ReadOnlySpan<byte> data, SipEndPoint source)
    {
        var looksLikeResponse = data.StartsWith("SIP/"u8);
        if (!looksLikeResponse && !_limiter.TryAcquire(source.Address.Address))
        {
            return;
        }
        _trace?.Record(outgoing: false, source, data);
        if (!SipParser.TryParse(data, out var message, out var error))
        {
            if (message is { IsRequest: true } && message.Method != "ACK")
            {
                StampReceived(message, source);
                _ = SendResponseAsync(SipMessage.CreateResponse(message, error.StatusCode, error.Reason, NewToken()));
            }
            _logger.LogDebug("Dropped malformed message from {Source}: {Reason}", source, error.Reason);
            return;
        }
        if (message!.IsRequest)
        {
            StampReceived(message, source);
            _sink?.OnRequest(message, source);
        }
        else
        {
            _sink?.OnResponse(message, source);
        }
    }

    /// <summary>RFC 3261 §18.2.1 received, RFC 3581 rport: the address the request really came from.</summary>
    private static void StampReceived(SipMessage request, SipEndPoint source)
    {
        var values = request.Headers.GetValues(SipHeaderNames.Via);
        if (values.Count == 0 || !SipVia.TryParse(values[0], out var via))
        {
            return;
        }
        var sourceIp = source.Address.Address.ToString();
        if (via!.Host.Trim('[', ']') != sourceIp || via.HasRPortFlag)
        {
            via.Received = sourceIp;
        }
        if (via.HasRPortFlag)
        {
            via.Parameters.Set("rport", source.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        request.Headers.RemoveFirstValue(SipHeaderNames.Via);
        request.Headers.AddFirst(SipHeaderNames.Via, via.ToString());
    }

    private static string FormatHost(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString();

    public async ValueTask DisposeAsync()
    {
        await _udp.DisposeAsync().ConfigureAwait(false);
        if (_tcp is not null)
        {
            await _tcp.DisposeAsync().ConfigureAwait(false);
        }
    }
}
