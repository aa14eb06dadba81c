using System.Text;

namespace Appliance.Telephony.Sip.Transport;

/// <summary>
/// The last <see cref="Capacity"/> SIP messages sent and received (after the rate limiter), for the
/// status page's SIP trace. Credentials never enter it: Authorization and Proxy-Authorization values
/// are replaced by "[redacted]" before a message is stored. Long messages are cut at 4 KB.
/// </summary>
public sealed class SipTrace
{
    private const int MaxTextLength = 4096;

    private readonly SipTraceEntry?[] _ring;
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private long _written;

    public SipTrace(TimeProvider time, int capacity = 200)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        _ring = new SipTraceEntry?[capacity];
    }

    public int Capacity => _ring.Length;

    public void Record(bool outgoing, SipEndPoint remote, ReadOnlySpan<byte> message)
    {
        var text = Redact(Encoding.UTF8.GetString(message.Length > MaxTextLength ? message[..MaxTextLength] : message));
        var entry = new SipTraceEntry(_time.GetUtcNow(), outgoing, remote.Transport == SipTransportKind.Udp ? "udp" : "tcp",
            remote.Address.ToString(), text);
        lock (_gate)
        {
            _ring[_written++ % _ring.Length] = entry;
        }
    }

    /// <summary>The newest <paramref name="limit"/> messages, oldest first.</summary>
    public IReadOnlyList<SipTraceEntry> Recent(int limit)
    {
        lock (_gate)
        {
            var count = (int)Math.Min(Math.Min(limit, _ring.Length), _written);
            var result = new SipTraceEntry[Math.Max(count, 0)];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = _ring[(_written - result.Length + i) % _ring.Length]!;
            }
            return result;
        }
    }

    /// <summary>Blanks the value of every Authorization / Proxy-Authorization header line.</summary>
    public static string Redact(string message)
    {
        var lines = message.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && lines[i][..colon].Trim() is var name
                && (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase)))
            {
                lines[i] = lines[i][..(colon + 1)] + " [redacted]" + (lines[i].EndsWith('\r') ? "\r" : "");
            }
        }
        return string.Join('\n', lines);
    }
}
