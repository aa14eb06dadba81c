using Appliance.Telephony.Sdp;
using FsCheck;
using FsCheck.Fluent;

namespace Appliance.Telephony.Tests.Media;

public class SdpParserTests
{
    internal const string BaresipOffer =
        "v=0\r\no=- 1856243373 3620112563 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
        "m=audio 10000 RTP/AVP 9 0 8 96\r\nb=AS:64\r\na=rtpmap:9 G722/8000\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:96 telephone-event/8000\r\na=fmtp:96 0-15\r\na=ptime:20\r\na=sendrecv\r\na=label:1\r\n";

    [Fact]
    public void Parses_a_typical_softphone_offer()
    {
        Assert.True(SessionDescription.TryParse(BaresipOffer, out SessionDescription? sdp, out string? error), error);
        Assert.Equal(1856243373UL, sdp!.Origin.SessionId);
        Assert.Equal(3620112563UL, sdp.Origin.SessionVersion);
        Assert.Equal("127.0.0.1", sdp.Connection!.Address);
        MediaDescription audio = Assert.Single(sdp.Media);
        Assert.Equal(10000, audio.Port);
        Assert.Equal([9, 0, 8, 96], audio.PayloadTypes);
        Assert.Equal("telephone-event", audio.EncodingName(96, out int rate));
        Assert.Equal(8000, rate);
        Assert.Equal("0-15", Assert.Single(audio.Fmtps).Parameters);
        Assert.Equal(20, audio.Ptime);
        Assert.Equal(MediaDirection.SendRecv, audio.Direction);
        Assert.Equal("label", Assert.Single(audio.OtherAttributes).Name);
        Assert.Equal("AS:64", Assert.Single(audio.OtherLines).Value);
    }

    [Fact]
    public void Writes_crlf_lines_that_parse_back_to_the_same_model()
    {
        Assert.True(SessionDescription.TryParse(BaresipOffer, out SessionDescription? sdp, out _));
        string written = sdp!.ToString();
        Assert.DoesNotContain("\n", written.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.StartsWith("v=0\r\no=- 1856243373 3620112563 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n", written, StringComparison.Ordinal);
        Assert.True(SessionDescription.TryParse(written, out SessionDescription? again, out string? error), error);
        Assert.Equal(written, again!.ToString());
        Assert.Equal(sdp.Media[0].Formats, again.Media[0].Formats);
        Assert.Equal(sdp.Media[0].RtpMaps, again.Media[0].RtpMaps);
    }

    [Fact]
    public void Accepts_bare_lf_and_media_level_connection_and_session_direction()
    {
        const string text = "v=0\no=alice 1 2 IN IP4 10.0.0.1\ns=call\nt=0 0\na=sendonly\nm=audio 4000 RTP/AVP 0\nc=IN IP4 10.0.0.2/127\n";
        Assert.True(SessionDescription.TryParse(text, out SessionDescription? sdp, out string? error), error);
        MediaDescription audio = sdp!.Media[0];
        Assert.Null(sdp.Connection);
        Assert.Equal("10.0.0.2", sdp.ConnectionFor(audio)!.Address);
        Assert.Null(audio.Direction);
        Assert.Equal(MediaDirection.SendOnly, sdp.DirectionFor(audio));
    }

    [Theory]
    [InlineData("", "empty SDP")]
    [InlineData("v=1\r\no=- 1 1 IN IP4 1.2.3.4\r\n", "SDP must start with v=0")]
    [InlineData("v=0\r\ns=-\r\n", "missing o= line")]
    [InlineData("v=0\r\no=- x 1 IN IP4 1.2.3.4\r\n", "bad o= line")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4\r\n", "bad c= line")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio 70000 RTP/AVP 0\r\n", "bad m= line")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:300 PCMU/8000\r\n", "bad a=rtpmap")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio 4000 RTP/AVP 0\r\na=ptime:0\r\n", "bad a=ptime")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nX=1\r\n", "malformed SDP line 3")]
    public void Refuses_malformed_bodies_with_a_reason(string text, string expected)
    {
        Assert.False(SessionDescription.TryParse(text, out SessionDescription? sdp, out string? error));
        Assert.Null(sdp);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Refuses_oversized_bodies_before_reading_them()
    {
        string huge = "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\n" + string.Concat(Enumerable.Repeat("a=x\r\n", 10_000));
        Assert.False(SessionDescription.TryParse(huge, out _, out string? error));
        Assert.Equal("SDP body too large", error);
    }

    [FsCheck.Xunit.Property(MaxTest = 2000)]
    public bool Never_throws_on_arbitrary_text(string text) => Parses(text ?? "");

    [FsCheck.Xunit.Property(MaxTest = 3000)]
    public Property Never_throws_on_mutated_valid_bodies()
    {
        Gen<string> mutated =
            from position in Gen.Choose(0, BaresipOffer.Length - 1)
            from length in Gen.Choose(0, 20)
            from replacement in Gen.Elements("", " ", "\r\n", "=", ":", "/", "a=", "m=", "c=", "-1", "999999999999999999999", "\0", "é")
            select BaresipOffer[..position] + replacement + BaresipOffer[Math.Min(BaresipOffer.Length, position + length)..];
        return Prop.ForAll(mutated.ToArbitrary(), text => Parses(text));
    }

    private static bool Parses(string text)
    {
        bool ok = SessionDescription.TryParse(text, out SessionDescription? sdp, out string? error);
        // Either a model or a reason, never both, never neither; a parsed model must write and re-parse.
        return ok ? sdp is not null && error is null && SessionDescription.TryParse(sdp.ToString(), out _, out _) : sdp is null && error is not null;
    }
}
