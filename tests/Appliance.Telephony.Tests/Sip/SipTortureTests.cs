using Appliance.Telephony.Sip.Messages;

namespace Appliance.Telephony.Tests.Sip;

public sealed class SipTortureTests
{
    public static TheoryData<string> ValidNames() => new(TortureMessages.Names("valid-"));

    public static TheoryData<string> InvalidNames() => new(TortureMessages.Names("invalid-"));

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Valid_messages_parse_and_round_trip(string name)
    {
        Assert.True(SipParser.TryParse(TortureMessages.Load(name), out var message, out var error), error.Reason);
        var written = SipWriter.ToArray(message!);
        Assert.True(SipParser.TryParse(written, out var again, out error), error.Reason);
        Assert.Equal(message!.Method, again!.Method);
        Assert.Equal(message.StatusCode, again.StatusCode);
        Assert.Equal(message.CallId, again.CallId);
        Assert.Equal(message.CSeq, again.CSeq);
        Assert.Equal(message.Body.ToArray(), again.Body.ToArray());
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Invalid_messages_are_refused_with_the_status_in_their_name(string name)
    {
        // File names say the expected outcome: invalid-400-x.sip wants a 400, invalid-drop-x.sip is silently dropped.
        var expected = name.Split('-')[1];
        Assert.False(SipParser.TryParse(TortureMessages.Load(name), out var message, out var error));
        if (expected == "drop")
        {
            Assert.True(message is null || !message.IsRequest, $"{name}: {error.Reason}");
        }
        else
        {
            Assert.NotNull(message);
            Assert.True(message!.IsRequest);
            Assert.Equal(int.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), error.StatusCode);
            // The refusal itself must be writable and routable back (Via/Call-ID present).
            var response = SipMessage.CreateResponse(message, error.StatusCode, error.Reason, "t1");
            Assert.NotNull(response.TopVia);
        }
    }

    [Fact]
    public void Wsinv_values_survive_whitespace_folding_and_compact_forms()
    {
        Assert.True(SipParser.TryParse(TortureMessages.Load("valid-wsinv.sip"), out var m, out _));
        Assert.Equal("INVITE", m!.Method);
        Assert.Equal("vivekg", m.RequestUri!.User);
        Assert.True(m.RequestUri.Parameters.Contains("unknownparam"));
        Assert.Equal("1918181833n", m.To!.Tag);
        Assert.Equal("98asjd8", m.From!.Tag);
        Assert.Equal("J Rosenberg \\\"", m.From.DisplayName);
        Assert.Equal(68, m.MaxForwards);
        Assert.Equal(new SipCSeq(9, "INVITE"), m.CSeq);
        var vias = new List<SipVia>();
        Assert.True(m.TryGetVias(vias));
        Assert.Equal(3, vias.Count);
        Assert.Equal("390skdjuw", vias[0].Branch);
        Assert.Equal("TCP", vias[1].Transport);
        Assert.Equal("spindle.example.com", vias[1].Host);
        Assert.Equal("z9hG4bK9ikj8", vias[1].Branch);
        Assert.Equal("z9hG4bK30239", vias[2].Branch);
        Assert.Equal("newfangled value continued newfangled value", m.Headers.Get("NewFangledHeader"));
        Assert.Equal(string.Empty, m.Headers.Get("Subject"));
        var contact = m.Contact!;
        Assert.Equal("Quoted string \"\"", contact.DisplayName);
        Assert.Equal("newvalue", contact.Parameters.Get("newparam"));
        Assert.Equal("0.33", contact.Parameters.Get("q"));
        Assert.True(contact.Parameters.Contains("secondparam"));
        Assert.StartsWith("v=0", m.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public void Intmeth_keeps_unusual_tokens_and_control_characters_in_quotes()
    {
        Assert.True(SipParser.TryParse(TortureMessages.Load("valid-intmeth.sip"), out var m, out var e), e.Reason);
        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", m!.Method);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", m.RequestUri!.User);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", m.RequestUri.Password);
        Assert.Equal("大停電", m.Headers.Get("extensionHeader-!.%*+_`'~"));
        Assert.Equal("\"работающий\"", m.From!.Parameters.Items[0].Value);
        Assert.Contains('\0', m.To!.DisplayName!);
    }

    [Fact]
    public void Semiuri_user_part_keeps_its_semicolon()
    {
        Assert.True(SipParser.TryParse(TortureMessages.Load("valid-semiuri.sip"), out var m, out _));
        Assert.Equal("user;par=u%40example.net", m!.RequestUri!.User);
        Assert.Equal("example.com", m.RequestUri.Host);
        Assert.Equal(6, m.Headers.GetValues("Accept").Count);
    }

    [Fact]
    public void Dblreq_takes_only_the_first_message_of_a_datagram()
    {
        Assert.True(SipParser.TryParse(TortureMessages.Load("valid-dblreq.sip"), out var m, out _));
        Assert.Equal("REGISTER", m!.Method);
        Assert.True(m.Body.IsEmpty);
    }

    [Fact]
    public void Responses_with_unusual_reason_phrases_parse()
    {
        Assert.True(SipParser.TryParse(TortureMessages.Load("valid-unreason.sip"), out var m, out _));
        Assert.Equal(200, m!.StatusCode);
        Assert.Equal("= 2**3 * 5**2 но сто девяносто девять - простое", m.ReasonPhrase);
        Assert.True(SipParser.TryParse(TortureMessages.Load("valid-noreason.sip"), out m, out _));
        Assert.Equal(100, m!.StatusCode);
        Assert.Equal(string.Empty, m.ReasonPhrase);
    }
}
