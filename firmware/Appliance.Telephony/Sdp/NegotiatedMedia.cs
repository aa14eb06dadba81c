using System.Net;

namespace Appliance.Telephony.Sdp;

/// <summary>
/// What offer/answer agreed for the one audio stream: where to send, which codec, the
/// telephone-event payload type, the packet time, and the direction from our point of view.
/// A remote address of 0.0.0.0 (RFC 2543 hold) means "send nothing".
/// </summary>
public sealed record NegotiatedMedia(
    IPEndPoint Remote,
    int PayloadType,
    string CodecName,
    int? TelephoneEventPayloadType,
    int Ptime,
    MediaDirection Direction)
{
    public const int PcmuPayloadType = 0;
    public const int PcmaPayloadType = 8;

    /// <summary>True when the codec is PCMA (A-law), false for PCMU (mu-law).</summary>
    public bool IsALaw => PayloadType == PcmaPayloadType || string.Equals(CodecName, "PCMA", StringComparison.OrdinalIgnoreCase);

    /// <summary>False on hold: the remote said "send nothing" by direction or by a null address.</summary>
    public bool ShouldSend => Direction.CanSend() && !Remote.Address.Equals(IPAddress.Any) && !Remote.Address.Equals(IPAddress.IPv6Any) && Remote.Port != 0;
}
