using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Appliance.Telephony.Sip.Messages;

namespace Appliance.Telephony.Tests.Sip;

/// <summary>
/// A scripted SIP phone on a real UDP socket at 127.0.0.1: sends hand-written messages and waits
/// (with a timeout) for what the user agent sends back.
/// </summary>
internal sealed class SipTestPeer : IAsyncDisposable
{
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly Channel<SipMessage> _inbox = Channel.CreateUnbounded<SipMessage>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SipTestPeer(IPEndPoint target)
    {
        Target = target;
        _loop = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>Where messages go; settable for a peer created before the UA it talks to (a registrar).</summary>
    public IPEndPoint Target { get; set; }

    public int Port => ((IPEndPoint)_socket.Client.LocalEndPoint!).Port;

    public const string Offer =
        "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
        "m=audio 40000 RTP/AVP 8 0 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";

    public static string HoldOffer => Offer.Replace("o=peer 1 1", "o=peer 1 2", StringComparison.Ordinal).Replace("a=sendrecv", "a=sendonly", StringComparison.Ordinal);

    /// <summary>Sends a message; {port} becomes our port, and Content-Length is computed from the body.</summary>
    public Task SendAsync(string headers, string body = "")
    {
        var text = headers.ReplaceLineEndings("\r\n").TrimEnd('\r', '\n').Replace("{port}", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            + "\r\nContent-Length: " + Encoding.UTF8.GetByteCount(body) + "\r\n\r\n" + body;
        return _socket.SendAsync(Encoding.UTF8.GetBytes(text), Target).AsTask();
    }

    public Task SendAsync(SipMessage message) => _socket.SendAsync(SipWriter.ToArray(message), Target).AsTask();

    /// <summary>Next message matching <paramref name="match"/>; others are skipped. Fails after the timeout.</summary>
    public async Task<SipMessage> ExpectAsync(Func<SipMessage, bool> match, double seconds = 5)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            SipMessage m;
            try
            {
                m = await _inbox.Reader.ReadAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("expected SIP message did not arrive");
            }
            if (match(m))
            {
                return m;
            }
        }
    }

    public Task<SipMessage> ExpectResponseAsync(int status, string method = "INVITE") =>
        ExpectAsync(m => m.StatusCode == status && m.CSeq?.Method == method);

    public Task<SipMessage> ExpectRequestAsync(string method) => ExpectAsync(m => m.Method == method);

    /// <summary>True when nothing matching arrives within the window.</summary>
    public async Task<bool> StaysQuietAsync(Func<SipMessage, bool> match, double seconds = 0.5)
    {
        try
        {
            await ExpectAsync(match, seconds);
            return false;
        }
        catch (TimeoutException)
        {
            return true;
        }
    }

    public static string Invite(string callId, string user = "100", string extra = "") => $"""
        INVITE sip:{user}@127.0.0.1 SIP/2.0
        Via: SIP/2.0/UDP 127.0.0.1:{"{port}"};branch=z9hG4bK-{callId}-1;rport
        From: "Alice" <sip:alice@127.0.0.1>;tag=alice1
        To: <sip:{user}@127.0.0.1>
        Call-ID: {callId}
        CSeq: 1 INVITE
        Contact: <sip:alice@127.0.0.1:{"{port}"}>
        Max-Forwards: 70
        Content-Type: application/sdp{extra}
        """;

    /// <summary>A request inside the dialog the UA created (its To tag from the 200).</summary>
    public static string InDialog(string method, string callId, string toTag, int cseq, string extra = "") => $"""
        {method} sip:appliance@127.0.0.1 SIP/2.0
        Via: SIP/2.0/UDP 127.0.0.1:{"{port}"};branch=z9hG4bK-{callId}-{method}-{cseq};rport
        From: "Alice" <sip:alice@127.0.0.1>;tag=alice1
        To: <sip:100@127.0.0.1>;tag={toTag}
        Call-ID: {callId}
        CSeq: {cseq} {method}
        Contact: <sip:alice@127.0.0.1:{"{port}"}>
        Max-Forwards: 70{extra}
        """;

    /// <summary>The ACK or response answering a request the UA sent us (copies its dialog headers).</summary>
    public Task RespondAsync(SipMessage request, int status, string reason, string body = "", string extra = "")
    {
        var response = SipMessage.CreateResponse(request, status, reason, "alice1");
        foreach (var line in extra.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            response.Headers.Add(line[..colon].Trim(), line[(colon + 1)..].Trim());
        }
        response.Headers.Add(SipHeaderNames.Contact, $"<sip:alice@127.0.0.1:{Port}>");
        response.Body = Encoding.UTF8.GetBytes(body);
        return SendAsync(response);
    }

    private async Task ReceiveLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var result = await _socket.ReceiveAsync(_stop.Token);
                if (SipParser.TryParse(result.Buffer, out var m, out _))
                {
                    await _inbox.Writer.WriteAsync(m!);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await _loop;
        _stop.Dispose();
    }
}
