using System.Net;
using Appliance.Telephony.Sdp;

namespace Appliance.Telephony.Tests.Media;

public class SdpNegotiatorTests
{
    private static readonly IPAddress Local = IPAddress.Parse("192.0.2.10");

    [Fact]
    public void Answers_with_pcmu_and_the_offered_telephone_event_type()
    {
        var negotiator = new SdpNegotiator();
        Assert.True(negotiator.TryAnswer(Parse(SdpParserTests.BaresipOffer), Local, 20000, out SessionDescription? answer, out NegotiatedMedia? media, out string? reason), reason);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 10000), media!.Remote);
        Assert.Equal((0, "PCMU", 96, 20, MediaDirection.SendRecv), (media.PayloadType, media.CodecName, media.TelephoneEventPayloadType, media.Ptime, media.Direction));
        MediaDescription audio = Assert.Single(answer!.Media);
        Assert.Equal(["0", "96"], audio.Formats);
        Assert.Equal(20000, audio.Port);
        Assert.Equal("192.0.2.10", answer.Connection!.Address);
        Assert.Equal(MediaDirection.SendRecv, audio.Direction);
        Assert.Equal("0-16", Assert.Single(audio.Fmtps).Parameters);
    }

    [Fact]
    public void Takes_pcma_when_pcmu_is_not_offered_even_with_a_dynamic_number()
    {
        SessionDescription offer = Offer("m=audio 4000 RTP/AVP 18 110\r\na=rtpmap:110 PCMA/8000\r\n");
        Assert.True(new SdpNegotiator().TryAnswer(offer, Local, 20000, out _, out NegotiatedMedia? media, out _));
        Assert.Equal((110, "PCMA", (int?)null), (media!.PayloadType, media.CodecName, media.TelephoneEventPayloadType));
        Assert.True(media.IsALaw);
    }

    [Theory]
    [InlineData("a=sendonly", MediaDirection.RecvOnly)]
    [InlineData("a=recvonly", MediaDirection.SendOnly)]
    [InlineData("a=inactive", MediaDirection.Inactive)]
    [InlineData("a=sendrecv", MediaDirection.SendRecv)]
    public void Mirrors_the_offered_direction(string attribute, MediaDirection expected)
    {
        SessionDescription offer = Offer($"m=audio 4000 RTP/AVP 0\r\n{attribute}\r\n");
        Assert.True(new SdpNegotiator().TryAnswer(offer, Local, 20000, out SessionDescription? answer, out NegotiatedMedia? media, out _));
        Assert.Equal(expected, media!.Direction);
        Assert.Equal(expected, answer!.Media[0].Direction);
        Assert.Equal(expected.CanSend(), media.ShouldSend);
    }

    [Fact]
    public void Treats_a_null_connection_address_as_hold()
    {
        SessionDescription offer = Offer("m=audio 4000 RTP/AVP 0\r\n", "0.0.0.0");
        Assert.True(new SdpNegotiator().TryAnswer(offer, Local, 20000, out _, out NegotiatedMedia? media, out _));
        Assert.Equal(MediaDirection.RecvOnly, media!.Direction);
        Assert.False(media.ShouldSend);
    }

    [Fact]
    public void Rejects_other_streams_with_port_zero_in_offer_order()
    {
        SessionDescription offer = Offer("m=video 5000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\nm=audio 4000 RTP/AVP 8\r\n");
        Assert.True(new SdpNegotiator().TryAnswer(offer, Local, 20000, out SessionDescription? answer, out _, out _));
        Assert.Equal(["video", "audio"], answer!.Media.Select(m => m.Media));
        Assert.Equal([0, 20000], answer.Media.Select(m => m.Port));
        Assert.Equal(["96"], answer.Media[0].Formats);
    }

    [Theory]
    [InlineData("m=audio 4000 RTP/AVP 18 9\r\n", "no common codec (PCMU or PCMA required)")]
    [InlineData("m=audio 4000 RTP/SAVP 0\r\n", "unsupported media transport RTP/SAVP")]
    [InlineData("m=video 4000 RTP/AVP 96\r\n", "no audio stream offered")]
    [InlineData("m=audio 0 RTP/AVP 0\r\n", "no audio stream offered")]
    public void Refuses_offers_it_cannot_serve_with_a_reason_for_488(string media, string expected)
    {
        Assert.False(new SdpNegotiator().TryAnswer(Offer(media), Local, 20000, out SessionDescription? answer, out NegotiatedMedia? negotiated, out string? reason));
        Assert.Null(answer);
        Assert.Null(negotiated);
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void Refuses_a_hostname_connection_address()
    {
        Assert.False(new SdpNegotiator().TryAnswer(Offer("m=audio 4000 RTP/AVP 0\r\n", "pbx.example.com"), Local, 20000, out _, out _, out string? reason));
        Assert.Equal("no usable connection address", reason);
    }

    [Fact]
    public void Origin_version_rises_only_when_the_offer_changes()
    {
        var negotiator = new SdpNegotiator();
        SessionDescription first = negotiator.CreateOffer(Local, 20000, MediaDirection.SendRecv);
        SessionDescription same = negotiator.CreateOffer(Local, 20000, MediaDirection.SendRecv);
        SessionDescription hold = negotiator.CreateOffer(Local, 20000, MediaDirection.SendOnly);
        SessionDescription unhold = negotiator.CreateOffer(Local, 20000, MediaDirection.SendRecv);
        Assert.Equal(first.Origin.SessionVersion, same.Origin.SessionVersion);
        Assert.Equal(first.Origin.SessionVersion + 1, hold.Origin.SessionVersion);
        Assert.Equal(first.Origin.SessionVersion + 2, unhold.Origin.SessionVersion);
        Assert.All([same, hold, unhold], o => Assert.Equal(first.Origin.SessionId, o.Origin.SessionId));
        Assert.Contains("a=sendonly\r\n", hold.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_to_our_offer_is_read_from_our_side()
    {
        var negotiator = new SdpNegotiator();
        SessionDescription offer = negotiator.CreateOffer(Local, 20000, MediaDirection.SendRecv);
        Assert.Equal(["0", "8", "101"], offer.Media[0].Formats);
        SessionDescription answer = Offer("m=audio 4000 RTP/AVP 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=recvonly\r\n");
        Assert.True(SdpNegotiator.TryAcceptAnswer(answer, out NegotiatedMedia? media, out _));
        Assert.Equal((8, 101, MediaDirection.SendOnly), (media!.PayloadType, media.TelephoneEventPayloadType, media.Direction));
    }

    private static SessionDescription Offer(string media, string address = "198.51.100.7") =>
        Parse($"v=0\r\no=pbx 5 5 IN IP4 {address}\r\ns=-\r\nc=IN IP4 {address}\r\nt=0 0\r\n{media}");

    private static SessionDescription Parse(string text)
    {
        Assert.True(SessionDescription.TryParse(text, out SessionDescription? sdp, out string? error), error);
        return sdp!;
    }
}
