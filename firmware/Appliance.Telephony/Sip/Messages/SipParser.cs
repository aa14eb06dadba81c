using System.Buffers;
using System.Globalization;
using System.Text;

namespace Appliance.Telephony.Sip.Messages;

/// <summary>
/// RFC 3261 message parser working on the received bytes. The header block is decoded once into a
/// pooled char buffer; only header values become strings. Never throws on any input: every failure
/// is a false return with a <see cref="SipParseError"/>.
/// </summary>
public static class SipParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>
    /// Parses one whole message (a datagram, or a frame cut by <see cref="SipStreamFramer"/>).
    /// When it returns false with a non-null <paramref name="message"/>, the start line and headers were
    /// readable but the message is semantically invalid: answer a request with <paramref name="error"/>'s status.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out SipMessage? message, out SipParseError error) =>
        TryParse(data, SipLimits.Default, out message, out error);

    public static bool TryParse(ReadOnlySpan<byte> data, SipLimits limits, out SipMessage? message, out SipParseError error)
    {
        message = null;
        try
        {
            return TryParseCore(data, limits, out message, out error);
        }
        catch (DecoderFallbackException)
        {
            error = new SipParseError(400, "Invalid UTF-8");
            return false;
        }
    }

    private static bool TryParseCore(ReadOnlySpan<byte> data, SipLimits limits, out SipMessage? message, out SipParseError error)
    {
        message = null;
        if (data.Length > limits.MaxMessageBytes)
        {
            error = new SipParseError(413, "Message Too Large");
            return false;
        }
        // Leading CRLFs are keep-alives or stream padding (RFC 3261 §7.5).
        while (!data.IsEmpty && (data[0] == '\r' || data[0] == '\n'))
        {
            data = data[1..];
        }
        var headerEnd = FindHeaderEnd(data, out var separatorLength);
        if (headerEnd < 0)
        {
            error = new SipParseError(400, "Incomplete Header Section");
            return false;
        }
        var head = data[..headerEnd];
        var rest = data[(headerEnd + separatorLength)..];
        var chars = ArrayPool<char>.Shared.Rent(head.Length);
        try
        {
            var n = StrictUtf8.GetChars(head, chars);
            if (!TryParseHead(chars.AsSpan(0, n), limits, out message, out error))
            {
                if (message?.TopVia is null)
                {
                    message = null;
                }
                return false;
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
        if (SipMessageValidator.TryValidate(message!, rest, limits, out error))
        {
            return true;
        }
        if (error.StatusCode == 0)
        {
            message = null;
        }
        return false;
    }

    /// <summary>Offset of the empty line ending the headers; CRLFCRLF, or bare LFLF from lenient peers.</summary>
    internal static int FindHeaderEnd(ReadOnlySpan<byte> data, out int separatorLength)
    {
        for (var i = 0; i < data.Length - 1; i++)
        {
            if (data[i] != '\n')
            {
                continue;
            }
            if (data[i + 1] == '\n')
            {
                separatorLength = 2;
                return i;
            }
            if (data[i + 1] == '\r' && i + 2 < data.Length && data[i + 2] == '\n')
            {
                separatorLength = 3;
                return i;
            }
        }
        separatorLength = 0;
        return -1;
    }

    private static bool TryParseHead(ReadOnlySpan<char> head, SipLimits limits, out SipMessage? message, out SipParseError error)
    {
        message = null;
        var lineEnd = head.IndexOf('\n');
        var startLine = TrimCr(lineEnd < 0 ? head : head[..lineEnd]);
        var lines = lineEnd < 0 ? [] : head[(lineEnd + 1)..];
        if (!TryParseStartLine(startLine, out message, out var startLineError))
        {
            error = startLineError;
            return false;
        }
        var count = 0;
        var unfolded = new StringBuilder();
        while (!lines.IsEmpty)
        {
            // A logical header line continues while the next physical line starts with whitespace (folding).
            var end = lines.IndexOf('\n');
            var first = TrimCr(end < 0 ? lines : lines[..end]);
            lines = end < 0 ? [] : lines[(end + 1)..];
            if (first.IsEmpty || first[0] is ' ' or '\t')
            {
                error = new SipParseError(400, "Bad Header Line");
                return false;
            }
            unfolded.Clear();
            unfolded.Append(first);
            while (!lines.IsEmpty && lines[0] is ' ' or '\t')
            {
                end = lines.IndexOf('\n');
                unfolded.Append(' ').Append(TrimCr(end < 0 ? lines : lines[..end]).Trim());
                lines = end < 0 ? [] : lines[(end + 1)..];
            }
            if (++count > limits.MaxHeaderLines)
            {
                error = new SipParseError(413, "Too Many Headers");
                return false;
            }
            if (!TryParseHeaderLine(unfolded, message!, out error))
            {
                return false;
            }
        }
        error = startLineError;
        return error.StatusCode == 0;
    }

    private static bool TryParseHeaderLine(StringBuilder line, SipMessage message, out SipParseError error)
    {
        Span<char> buffer = line.Length <= 1024 ? stackalloc char[line.Length] : new char[line.Length];
        line.CopyTo(0, buffer, line.Length);
        var colon = buffer.IndexOf(':');
        var name = colon < 0 ? [] : buffer[..colon].TrimEnd();
        if (!SipSyntax.IsToken(name))
        {
            error = new SipParseError(400, "Bad Header Name");
            return false;
        }
        var value = buffer[(colon + 1)..].Trim();
        // Other control characters are legal inside quoted-pairs (RFC 4475 intmeth); bare CR is not.
        if (value.IndexOf('\r') >= 0)
        {
            error = new SipParseError(400, "Control Character In Header");
            return false;
        }
        message.Headers.AddParsed(new SipHeader(SipHeaderNames.Canonical(name), value.ToString()));
        error = SipParseError.None;
        return true;
    }

    private static bool TryParseStartLine(ReadOnlySpan<char> line, out SipMessage? message, out SipParseError error)
    {
        message = null;
        if (line.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase))
        {
            // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
            if (line.Length < 12 || !line[..8].Equals("SIP/2.0 ", StringComparison.OrdinalIgnoreCase)
                || !int.TryParse(line.Slice(8, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                || code is < 100 or > 699 || (line.Length > 11 && line[11] != ' '))
            {
                error = new SipParseError(0, "Bad Status Line");
                return false;
            }
            message = SipMessage.ParsedResponse(code, line.Length > 12 ? line[12..].ToString() : string.Empty);
            error = SipParseError.None;
            return true;
        }
        // Request-Line = Method SP Request-URI SP SIP-Version, exactly one space each (RFC 4475 lwsruri).
        // Once the method is readable the headers are still parsed, so a 400 or 505 can be routed back.
        var sp1 = line.IndexOf(' ');
        if (sp1 <= 0 || !SipSyntax.IsToken(line[..sp1]))
        {
            error = new SipParseError(0, "Bad Request Line");
            return false;
        }
        var method = line[..sp1].ToString();
        var afterMethod = line[(sp1 + 1)..];
        var sp2 = afterMethod.IndexOf(' ');
        var version = sp2 < 0 ? [] : afterMethod[(sp2 + 1)..];
        if (sp2 <= 0 || version.IndexOf(' ') >= 0 || !SipUri.TryParse(afterMethod[..sp2], out var uri))
        {
            message = SipMessage.ParsedRequest(method, new SipUri("sip", null, "invalid"));
            error = new SipParseError(400, "Bad Request-URI");
            return true;
        }
        message = SipMessage.ParsedRequest(method, uri!);
        error = version.Equals("SIP/2.0", StringComparison.OrdinalIgnoreCase)
            ? SipParseError.None
            : new SipParseError(505, "Version Not Supported");
        return true;
    }

    private static ReadOnlySpan<char> TrimCr(ReadOnlySpan<char> s) => s.EndsWith('\r') ? s[..^1] : s;
}
