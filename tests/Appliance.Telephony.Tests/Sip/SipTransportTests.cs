using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transactions;
using Appliance.Telephony.Sip.Transport;

namespace Appliance.Telephony.Tests.Sip;

/// <summary>Real sockets on 127.0.0.1: received/rport stamping, response routing, TCP framing, garbage.</summary>
public sealed class SipTransportTests : IAsyncLifetime
{
    private SipTransportLayer _transport = null!;
    private readonly AnsweringUser _user = new();

    public Task InitializeAsync()
    {
        _transport = SipTransportLayer.Bind(new SipTransportOptions { Port = 0 }, TimeProvider.System);
        var layer = new SipTransactionLayer(_transport, TimeProvider.System) { User = _user };
        _transport.Start(layer);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _transport.DisposeAsync();

    private static string Options(string branch, string via = "127.0.0.1:9;rport") =>
        $"OPTIONS sip:agent@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP {via};branch={branch}\r\nFrom: <sip:a@b>;tag=1\r\n" +
        $"To: <sip:agent@127.0.0.1>\r\nCall-ID: {branch}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";

    [Fact]
    public async Task Udp_response_goes_to_the_real_source_port_with_received_and_rport()
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        // The Via claims port 9 but rport asks for the response at the port the request came from (RFC 3581).
        await client.SendAsync(Encoding.ASCII.GetBytes(Options("z9hG4bKudp1", "192.0.2.1:9;rport")), _transport.UdpEndPoint);
        var response = await ReceiveAsync(client);
        Assert.Equal(200, response.StatusCode);
        var via = response.TopVia!;
        Assert.Equal("127.0.0.1", via.Received);
        Assert.Equal(((IPEndPoint)client.Client.LocalEndPoint!).Port, via.RPort);
    }

    [Fact]
    public async Task Garbage_and_malformed_requests_never_stop_the_listener()
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(new byte[] { 0, 1, 2, 0xFF }, _transport.UdpEndPoint);
        var bad = Options("z9hG4bKbad").Replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE", StringComparison.Ordinal);
        await client.SendAsync(Encoding.ASCII.GetBytes(bad), _transport.UdpEndPoint);
        var refusal = await ReceiveAsync(client);
        Assert.Equal(400, refusal.StatusCode);
        await client.SendAsync(Encoding.ASCII.GetBytes(Options("z9hG4bKgood")), _transport.UdpEndPoint);
        Assert.Equal(200, (await ReceiveAsync(client)).StatusCode);
    }

    [Fact]
    public async Task Tcp_stream_carries_split_and_coalesced_messages()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_transport.TcpEndPoint!);
        var stream = tcp.GetStream();
        var first = Encoding.ASCII.GetBytes(Options("z9hG4bKt1").Replace("UDP", "TCP", StringComparison.Ordinal));
        var second = Encoding.ASCII.GetBytes("\r\n\r\n" + Options("z9hG4bKt2").Replace("UDP", "TCP", StringComparison.Ordinal));
        await stream.WriteAsync(first.AsMemory(0, 40));
        await Task.Delay(20);
        await stream.WriteAsync(first.AsMemory(40).ToArray().Concat(second).ToArray());
        var buffer = new byte[8192];
        var received = new StringBuilder();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (CountOf(received.ToString(), "SIP/2.0 200") < 2)
        {
            var n = await stream.ReadAsync(buffer, cts.Token);
            Assert.True(n > 0);
            received.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        Assert.Contains("z9hG4bKt1", received.ToString(), StringComparison.Ordinal);
        Assert.Contains("z9hG4bKt2", received.ToString(), StringComparison.Ordinal);
    }

    private static int CountOf(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;

    private static async Task<SipMessage> ReceiveAsync(UdpClient client)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var result = await client.ReceiveAsync(cts.Token);
        Assert.True(SipParser.TryParse(result.Buffer, out var message, out var error), error.Reason);
        return message!;
    }

    private sealed class AnsweringUser : ISipTransactionUser
    {
        public void OnRequest(SipServerTransaction transaction) => transaction.Respond(200, "OK");
        public void OnAck(SipMessage ack, SipEndPoint source) { }
        public void OnCancel(InviteServerTransaction invite) { }
        public void OnAckTimeout(InviteServerTransaction invite) { }
        public void OnStrayResponse(SipMessage response, SipEndPoint source) { }
    }
}
