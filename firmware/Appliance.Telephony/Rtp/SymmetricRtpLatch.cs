using System.Net;
using System.Net.Sockets;

namespace Appliance.Telephony.Rtp;

/// <summary>
/// Symmetric RTP (RFC 4961 behaviour, the usual NAT fix): send to the address media actually comes from,
/// not to the one the SDP claimed. We latch to the first valid packet's source and move only when the
/// latched source has been silent for <see cref="RelatchAfter"/>, so a stray or spoofed packet cannot
/// steal an active stream. Reads come from other threads: the current address is swapped atomically.
/// </summary>
public sealed class SymmetricRtpLatch
{
    public static readonly TimeSpan RelatchAfter = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private SocketAddress? _signalled;
    private SocketAddress? _latched;
    private long _lastSeen;

    public SymmetricRtpLatch(TimeProvider time) => _time = time;

    /// <summary>Where to send now: the latched source, else the signalled address; null to send nothing.</summary>
    public SocketAddress? Current => Volatile.Read(ref _latched) ?? Volatile.Read(ref _signalled);

    public bool IsLatched => Volatile.Read(ref _latched) is not null;

    /// <summary>Forgets any latch and sends to <paramref name="signalled"/> until media arrives (null: nowhere).</summary>
    public void Reset(IPEndPoint? signalled)
    {
        Volatile.Write(ref _latched, null);
        Volatile.Write(ref _signalled, signalled?.Serialize());
    }

    /// <summary>
    /// Decides on a valid packet from <paramref name="source"/>: true to accept it. Sets
    /// <paramref name="latchedTo"/> when the latch moved (the only case that allocates).
    /// </summary>
    public bool Accept(SocketAddress source, out IPEndPoint? latchedTo)
    {
        latchedTo = null;
        long now = _time.GetTimestamp();
        SocketAddress? current = _latched;
        if (current is not null && current.Equals(source))
        {
            _lastSeen = now;
            return true;
        }

        if (current is not null && _time.GetElapsedTime(_lastSeen, now) < RelatchAfter)
        {
            return false;
        }

        latchedTo = (IPEndPoint)new IPEndPoint(source.Family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0).Create(source);
        Volatile.Write(ref _latched, latchedTo.Serialize());
        _lastSeen = now;
        return true;
    }
}
