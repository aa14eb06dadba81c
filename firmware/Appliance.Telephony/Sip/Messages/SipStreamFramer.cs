using System.Globalization;

namespace Appliance.Telephony.Sip.Messages;

/// <summary>
/// Cuts SIP messages out of a TCP byte stream (RFC 3261 §18.3): headers up to the empty line, then
/// exactly Content-Length body bytes. Content-Length is mandatory on streams.
/// </summary>
public static class SipStreamFramer
{
    public enum Result
    {
        /// <summary>A whole message of <c>length</c> bytes starts at <c>start</c>.</summary>
        Message,
        /// <summary>More bytes are needed.</summary>
        Incomplete,
        /// <summary>The stream is unusable (oversized or unframeable): close the connection.</summary>
        Invalid,
    }

    /// <summary>Finds the next message in <paramref name="buffer"/>; leading CRLF keep-alives are skipped.</summary>
    public static Result TryFrame(ReadOnlySpan<byte> buffer, SipLimits limits, out int start, out int length)
    {
        start = 0;
        length = 0;
        while (start < buffer.Length && (buffer[start] == '\r' || buffer[start] == '\n'))
        {
            start++;
        }
        var data = buffer[start..];
        if (data.IsEmpty)
        {
            return Result.Incomplete;
        }
        var headerEnd = SipParser.FindHeaderEnd(data, out var sepLength);
        if (headerEnd < 0)
        {
            return data.Length > limits.MaxMessageBytes ? Result.Invalid : Result.Incomplete;
        }
        if (!TryFindContentLength(data[..headerEnd], out var bodyLength) || bodyLength > limits.MaxBodyBytes)
        {
            return Result.Invalid;
        }
        var total = headerEnd + sepLength + bodyLength;
        if (total > limits.MaxMessageBytes)
        {
            return Result.Invalid;
        }
        if (data.Length < total)
        {
            return Result.Incomplete;
        }
        length = total;
        return Result.Message;
    }

    private static bool TryFindContentLength(ReadOnlySpan<byte> head, out int length)
    {
        length = -1;
        while (!head.IsEmpty)
        {
            var nl = head.IndexOf((byte)'\n');
            var line = nl < 0 ? head : head[..nl];
            head = nl < 0 ? [] : head[(nl + 1)..];
            var colon = line.IndexOf((byte)':');
            if (colon < 0)
            {
                continue;
            }
            var name = line[..colon].TrimEnd(" \t"u8);
            if (!IsContentLength(name))
            {
                continue;
            }
            var value = line[(colon + 1)..].Trim(" \t\r"u8);
            if (length >= 0 || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out length))
            {
                return false;
            }
        }
        return length >= 0;
    }

    private static bool IsContentLength(ReadOnlySpan<byte> name) =>
        (name.Length == 1 && (name[0] | 0x20) == 'l')
        || System.Text.Ascii.EqualsIgnoreCase(name, "Content-Length"u8);
}
