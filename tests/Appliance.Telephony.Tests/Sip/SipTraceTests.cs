using System.Net;
using System.Text;
using Appliance.Telephony.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Telephony.Tests.Sip;

/// <summary>The SIP trace keeps the newest messages in order, bounded, with credentials blanked.</summary>
public sealed class SipTraceTests
{
    private static readonly SipEndPoint Pbx = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.7"), 5060));

    [Fact]
    public void Keeps_the_newest_messages_oldest_first_within_its_capacity()
    {
        var trace = new SipTrace(new FakeTimeProvider(), capacity: 3);
        for (var i = 1; i <= 5; i++)
        {
            trace.Record(outgoing: i % 2 == 0, Pbx, Encoding.UTF8.GetBytes($"OPTIONS sip:{i}@pbx SIP/2.0\r\n\r\n"));
        }
        var recent = trace.Recent(10);
        Assert.Equal(["OPTIONS sip:3@pbx", "OPTIONS sip:4@pbx", "OPTIONS sip:5@pbx"], recent.Select(e => e.Text[..17]));
        Assert.Equal([false, true, false], recent.Select(e => e.Outgoing));
        Assert.Equal("192.0.2.7:5060", recent[0].Remote);
        Assert.Single(trace.Recent(1));
    }

    [Fact]
    public void Credentials_never_reach_the_trace()
    {
        var trace = new SipTrace(new FakeTimeProvider());
        trace.Record(outgoing: true, Pbx, Encoding.UTF8.GetBytes(
            "REGISTER sip:pbx SIP/2.0\r\nauthorization: Digest username=\"100\", response=\"abc123\"\r\n" +
            "Proxy-Authorization : Digest username=\"100\", response=\"def456\"\r\nContact: <sip:100@box>\r\n\r\n"));
        var text = Assert.Single(trace.Recent(5)).Text;
        Assert.Contains("authorization: [redacted]\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Proxy-Authorization : [redacted]\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("abc123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("def456", text, StringComparison.Ordinal);
        Assert.Contains("Contact: <sip:100@box>", text, StringComparison.Ordinal);
    }
}
