using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Appliance.Telephony.Sdp;

/// <summary>
/// Owns one dialog's o= line: a random session id fixed for the dialog and a version that goes up by
/// one whenever the description we send differs from the previous one (RFC 3264 §8), and only then,
/// so a resent identical offer keeps its version (peers treat a same-version SDP as "no change").
/// Not thread-safe: one dialog's offers and answers are produced in order.
/// </summary>
public sealed class SdpOriginator
{
    private string? _lastBody;

    public SdpOriginator(string userName = "appliance")
    {
        UserName = userName;
        // Keep ids within 63 bits: some peers parse o= numbers as signed 64-bit integers.
        SessionId = ((ulong)(uint)RandomNumberGenerator.GetInt32(1, int.MaxValue) << 16) | (uint)RandomNumberGenerator.GetInt32(0, 65536);
        Version = SessionId;
    }

    public string UserName { get; }

    public ulong SessionId { get; }

    /// <summary>The version stamped on the most recent description.</summary>
    public ulong Version { get; private set; }

    /// <summary>Puts our o= line on <paramref name="description"/>, bumping the version if its content changed.</summary>
    public SessionDescription Stamp(SessionDescription description, IPAddress localAddress)
    {
        var origin = new SdpOrigin(UserName, SessionId, 0, AddressType(localAddress), localAddress.ToString());
        string body = (description with { Origin = origin }).ToString();
        if (_lastBody is not null && !string.Equals(body, _lastBody, StringComparison.Ordinal))
        {
            Version++;
        }

        _lastBody = body;
        return description with { Origin = origin with { SessionVersion = Version } };
    }

    internal static string AddressType(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? "IP6" : "IP4";
}
