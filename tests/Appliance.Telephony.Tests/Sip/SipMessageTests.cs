using System.Text;
using Appliance.Telephony.Sip.Messages;

namespace Appliance.Telephony.Tests.Sip;

public sealed class SipMessageTests
{
    private const string Invite =
        "INVITE sip:100@127.0.0.1:5060;transport=udp SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bK776;rport\r\n" +
        "Via: SIP/2.0/TCP proxy.example.com;branch=z9hG4bK1;received=192.0.2.9, SIP/2.0/UDP 10.9.9.9\r\n" +
        "f: \"Alice, A.\" <sip:alice@example.com>;tag=a1\r\n" +
        "t: <sip:100@example.com>\r\n" +
        "i: abc@10.0.0.1\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "m: <sip:alice@10.0.0.1:5070>, \"Bob\" <sip:bob@h;lr>;q=0.5\r\n" +
        "Record-Route: <sip:p1;lr>\r\nRecord-Route: <sip:p2;lr>\r\n" +
        "Max-Forwards: 70\r\n" +
        "c: application/sdp\r\n" +
        "l: 5\r\n\r\nv=0\r\n";

    [Fact]
    public void Parses_compact_forms_lists_across_and_inside_lines()
    {
        Assert.True(SipParser.TryParse(Encoding.ASCII.GetBytes(Invite), out var m, out var e), e.Reason);
        Assert.Equal(5060, m!.RequestUri!.Port);
        Assert.Equal("udp", m.RequestUri.Transport);
        var vias = new List<SipVia>();
        Assert.True(m.TryGetVias(vias));
        Assert.Equal(3, vias.Count);
        Assert.True(vias[0].HasRPortFlag);
        Assert.Null(vias[0].RPort);
        Assert.Equal("192.0.2.9", vias[1].Received);
        Assert.Equal("Alice, A.", m.From!.DisplayName);
        Assert.Equal("a1", m.From.Tag);
        Assert.Null(m.To!.Tag);
        var contacts = new List<SipNameAddress>();
        Assert.True(m.TryGetAddresses(SipHeaderNames.Contact, contacts));
        Assert.Equal(2, contacts.Count);
        Assert.Equal("0.5", contacts[1].Parameters.Get("q"));
        Assert.True(contacts[1].Uri.Parameters.Contains("lr"));
        Assert.Equal(2, m.Headers.GetValues(SipHeaderNames.RecordRoute).Count);
        Assert.Equal("v=0\r\n"u8.ToArray(), m.Body.ToArray());
    }

    [Fact]
    public void Response_copies_dialog_headers_and_adds_the_to_tag()
    {
        SipParser.TryParse(Encoding.ASCII.GetBytes(Invite), out var m, out _);
        var ok = SipMessage.CreateResponse(m!, 200, "OK", "b2");
        Assert.Equal("b2", ok.To!.Tag);
        Assert.Equal(3, ok.Headers.GetValues(SipHeaderNames.Via).Count);
        Assert.Equal(2, ok.Headers.GetValues(SipHeaderNames.RecordRoute).Count);
        var trying = SipMessage.CreateResponse(m!, 100, "Trying", "b2");
        Assert.Null(trying.To!.Tag);
        Assert.Empty(trying.Headers.GetValues(SipHeaderNames.RecordRoute));
    }

    [Fact]
    public void Writer_always_states_the_real_content_length()
    {
        var request = SipMessage.CreateRequest("MESSAGE", new SipUri("sip", "bob", "127.0.0.1", 5070));
        request.Headers.Add("Content-Length", "999");
        request.Body = "hello"u8.ToArray();
        var text = Encoding.UTF8.GetString(SipWriter.ToArray(request));
        Assert.Contains("Content-Length: 5\r\n\r\nhello", text, StringComparison.Ordinal);
        Assert.DoesNotContain("999", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sip:alice@[::1]:5061;transport=tcp", "alice", "[::1]", 5061)]
    [InlineData("sips:example.com", null, "example.com", null)]
    [InlineData("sip:+4930123@10.0.0.1;user=phone", "+4930123", "10.0.0.1", null)]
    public void Uris_parse_and_round_trip(string text, string? user, string host, int? port)
    {
        Assert.True(SipUri.TryParse(text, out var uri));
        Assert.Equal(user, uri!.User);
        Assert.Equal(host, uri.Host);
        Assert.Equal(port, uri.Port);
        Assert.Equal(text, uri.ToString());
    }

    [Theory]
    [InlineData("sip:a@b:99999")]
    [InlineData("sip:a@b:")]
    [InlineData("sip:@b")]
    [InlineData("sip:a b@c")]
    [InlineData("sip:a@[::1")]
    [InlineData(":nothing")]
    public void Bad_uris_are_refused(string text) => Assert.False(SipUri.TryParse(text, out _));

    [Fact]
    public void Tel_uri_keeps_number_and_context()
    {
        Assert.True(SipUri.TryParse("tel:+1-201-555-0123;phone-context=example.com", out var uri));
        Assert.True(uri!.IsTel);
        Assert.Equal("+1-201-555-0123", uri.User);
        Assert.Equal("example.com", uri.Parameters.Get("phone-context"));
    }

    [Fact]
    public void Oversized_datagram_is_refused_before_parsing()
    {
        var big = new byte[70_000];
        Assert.False(SipParser.TryParse(big, out var m, out var e));
        Assert.Null(m);
        Assert.Equal(413, e.StatusCode);
    }

    [Fact]
    public void Stream_framer_waits_for_the_body_and_skips_keepalives()
    {
        var bytes = Encoding.ASCII.GetBytes("\r\n\r\n" + Invite + "OPTIONS");
        Assert.Equal(SipStreamFramer.Result.Message, SipStreamFramer.TryFrame(bytes, SipLimits.Default, out var start, out var length));
        Assert.Equal(4, start);
        Assert.Equal(Invite.Length, length);
        var partial = bytes.AsSpan(0, bytes.Length - 10).ToArray();
        Assert.Equal(SipStreamFramer.Result.Incomplete, SipStreamFramer.TryFrame(partial, SipLimits.Default, out _, out _));
        var noLength = Encoding.ASCII.GetBytes("OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n\r\n");
        Assert.Equal(SipStreamFramer.Result.Invalid, SipStreamFramer.TryFrame(noLength, SipLimits.Default, out _, out _));
    }
}
