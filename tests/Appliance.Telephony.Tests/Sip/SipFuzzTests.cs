using Appliance.Telephony.Sip.Messages;
using FsCheck;
using FsCheck.Xunit;

namespace Appliance.Telephony.Tests.Sip;

/// <summary>
/// Property suite: thousands of mutated torture messages and random byte strings must never make
/// the parser, framer or header parsers throw; parsed messages must always be writable again.
/// </summary>
public sealed class SipFuzzTests
{
    private static readonly byte[][] Corpus =
        TortureMessages.Names("").Select(TortureMessages.Load).ToArray();

    private static readonly byte[][] Splinters =
        [";"u8.ToArray(), ","u8.ToArray(), "\""u8.ToArray(), "<"u8.ToArray(), ">"u8.ToArray(), "\r\n"u8.ToArray(),
         "\r\n "u8.ToArray(), ":"u8.ToArray(), "\0"u8.ToArray(), "%"u8.ToArray(), "\\"u8.ToArray(), "\r\n\r\n"u8.ToArray(),
         "Content-Length: 99999999999\r\n"u8.ToArray(), "Via: SIP/2.0/UDP [::1;branch=\r\n"u8.ToArray(), [0xC3], [0xFF]];

    [Property(MaxTest = 4000)]
    public void Mutated_messages_never_escape_an_exception(NonNegativeInt which, int seed)
    {
        var original = Corpus[which.Get % Corpus.Length];
        var mutated = Mutate(original, new Random(seed));
        ParseAndRewrite(mutated);
    }

    [Property(MaxTest = 2000)]
    public void Random_bytes_never_escape_an_exception(byte[] data)
    {
        ParseAndRewrite(data);
        SipStreamFramer.TryFrame(data, SipLimits.Default, out var start, out var length);
        Assert.InRange(start + length, 0, data.Length);
    }

    [Property(MaxTest = 2000)]
    public void Header_parsers_never_throw(string? text)
    {
        text ??= string.Empty;
        SipUri.TryParse(text, out _);
        SipNameAddress.TryParse(text, out _);
        SipVia.TryParse(text, out _);
        SipCSeq.TryParse(text, out _);
        SipParameters.TryParse(text, out _);
    }

    [Property(MaxTest = 1000)]
    public void Framer_cuts_mutated_streams_inside_the_buffer(NonNegativeInt which, int seed)
    {
        var stream = Mutate(Corpus[which.Get % Corpus.Length], new Random(seed));
        var result = SipStreamFramer.TryFrame(stream, SipLimits.Default, out var start, out var length);
        if (result == SipStreamFramer.Result.Message)
        {
            Assert.True(start + length <= stream.Length);
            ParseAndRewrite(stream.AsSpan(start, length).ToArray());
        }
    }

    private static void ParseAndRewrite(byte[] data)
    {
        if (SipParser.TryParse(data, out var message, out _))
        {
            // Anything accepted must survive being written and parsed again.
            var written = SipWriter.ToArray(message!);
            Assert.True(SipParser.TryParse(written, out _, out var error), error.Reason);
        }
        else if (message is not null)
        {
            SipWriter.ToArray(SipMessage.CreateResponse(message, 400, "Bad Request", "x"));
        }
    }

    private static byte[] Mutate(byte[] source, Random random)
    {
        var bytes = new List<byte>(source);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 40), bytes.Count - at));
                    break;
                case 2:
                    bytes.InsertRange(at, Splinters[random.Next(Splinters.Length)]);
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 4:
                    var len = Math.Min(random.Next(1, 200), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, len));
                    break;
                default:
                    bytes[at] = (byte)(bytes[at] ^ (1 << random.Next(8)));
                    break;
            }
        }
        return bytes.ToArray();
    }
}
