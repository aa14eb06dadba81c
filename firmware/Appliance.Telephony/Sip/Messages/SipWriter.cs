using System.Buffers;
using System.Globalization;
using System.Text;

namespace Appliance.Telephony.Sip.Messages;

/// <summary>
/// Serialises a message straight into an <see cref="IBufferWriter{T}"/> (no intermediate string).
/// Content-Length is always written from the body, whatever the header collection held.
/// </summary>
public static class SipWriter
{
    public static void Write(SipMessage message, IBufferWriter<byte> output)
    {
        if (message.IsRequest)
        {
            Append(output, message.Method!);
            Append(output, " ");
            Append(output, message.RequestUri!.ToString());
            Append(output, " SIP/2.0\r\n");
        }
        else
        {
            Append(output, "SIP/2.0 ");
            var span = output.GetSpan(3);
            message.StatusCode.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
            output.Advance(written);
            Append(output, " ");
            Append(output, message.ReasonPhrase);
            Append(output, "\r\n");
        }
        foreach (var header in message.Headers.All)
        {
            if (ReferenceEquals(header.Name, SipHeaderNames.ContentLength))
            {
                continue;
            }
            Append(output, header.Name);
            Append(output, ": ");
            Append(output, header.Value);
            Append(output, "\r\n");
        }
        Append(output, "Content-Length: ");
        var lengthSpan = output.GetSpan(11);
        message.Body.Length.TryFormat(lengthSpan, out var n, default, CultureInfo.InvariantCulture);
        output.Advance(n);
        Append(output, "\r\n\r\n");
        output.Write(message.Body.Span);
    }

    public static byte[] ToArray(SipMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(512 + message.Body.Length);
        Write(message, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Append(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
