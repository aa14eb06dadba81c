using System.Net;
using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transactions;
using Appliance.Telephony.Sip.Transport;

namespace Appliance.Telephony.Tests.Sip;

/// <summary>Records what the transaction layer sends; every message is written and re-parsed like on the wire.</summary>
internal sealed class RecordingSender : ISipSender
{
    public List<(SipMessage Message, SipEndPoint? Destination)> Sent { get; } = [];

    public SipVia CreateVia(SipTransportKind kind, string branch)
    {
        var via = new SipVia(kind == SipTransportKind.Udp ? "UDP" : "TCP", "127.0.0.1", 5060, branch);
        via.Parameters.Set("rport", null);
        return via;
    }

    public ValueTask SendAsync(SipMessage message, SipEndPoint destination)
    {
        Sent.Add((Wire(message), destination));
        return ValueTask.CompletedTask;
    }

    public ValueTask SendResponseAsync(SipMessage response)
    {
        Sent.Add((Wire(response), null));
        return ValueTask.CompletedTask;
    }

    public List<SipMessage> Responses(int status) => Sent.Where(s => s.Message.StatusCode == status).Select(s => s.Message).ToList();

    public List<SipMessage> Requests(string method) => Sent.Where(s => s.Message.Method == method).Select(s => s.Message).ToList();

    private static SipMessage Wire(SipMessage m)
    {
        Assert.True(SipParser.TryParse(SipWriter.ToArray(m), out var parsed, out var e), e.Reason);
        return parsed!;
    }

    public static readonly SipEndPoint Peer = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Loopback, 5070));

    public static readonly SipEndPoint TcpPeer = new(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Loopback, 5070));

    public static SipMessage Parse(string text)
    {
        Assert.True(SipParser.TryParse(System.Text.Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n")), out var m, out var e), e.Reason);
        return m!;
    }

    public static SipMessage Request(string method, string branch = "z9hG4bKa1", uint cseq = 1, string? toTag = null, string callId = "call-1") =>
        Parse($"""
            {method} sip:agent@127.0.0.1:5060 SIP/2.0
            Via: SIP/2.0/UDP 127.0.0.1:5070;branch={branch}
            From: <sip:alice@127.0.0.1>;tag=f1
            To: <sip:agent@127.0.0.1>{(toTag is null ? "" : ";tag=" + toTag)}
            Call-ID: {callId}
            CSeq: {cseq} {method}
            Contact: <sip:alice@127.0.0.1:5070>
            Max-Forwards: 70
            Content-Length: 0


            """);
}
