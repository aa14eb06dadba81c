using System.Globalization;
using System.Net;

namespace Appliance.Telephony.Sdp;

/// <summary>
/// RFC 3264 offer/answer for one dialog's single audio stream with G.711 and RFC 4733 events.
/// Keep one instance per dialog: it owns the dialog's <see cref="SdpOriginator"/> so every
/// description we send carries the same session id and a version that rises when content changes.
/// </summary>
public sealed class SdpNegotiator
{
    public const int DefaultTelephoneEventPayloadType = 101;
    public const int Ptime = 20;

    // Our preference order, not the offerer's: PCMU first, then PCMA.
    private static readonly string[] s_codecPreference = ["PCMU", "PCMA"];

    public SdpNegotiator(SdpOriginator? originator = null) => Originator = originator ?? new SdpOriginator();

    public SdpOriginator Originator { get; }

    /// <summary>
    /// Answers an offer. False means the UA should reply 488 Not Acceptable Here with <paramref name="reason"/>.
    /// </summary>
    public bool TryAnswer(SessionDescription offer, IPAddress localAddress, int localRtpPort,
        out SessionDescription? answer, out NegotiatedMedia? media, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(localAddress);
        answer = null;
        media = null;
        int chosen = -1;
        reason = "no audio stream offered";
        for (int i = 0; i < offer.Media.Count && chosen < 0; i++)
        {
            if (TrySelect(offer, offer.Media[i], out media, out string? why))
            {
                chosen = i;
            }
            else if (offer.Media[i].Media == "audio" && offer.Media[i].Port != 0)
            {
                reason = why;
            }
        }

        if (chosen < 0 || media is null)
        {
            media = null;
            return false;
        }

        // RFC 3264 §6: one answer section per offered section, in order; rejected ones get port 0.
        var sections = new MediaDescription[offer.Media.Count];
        for (int i = 0; i < sections.Length; i++)
        {
            MediaDescription offered = offer.Media[i];
            sections[i] = i == chosen
                ? AudioSection(localRtpPort, media.PayloadType, media.CodecName, media.TelephoneEventPayloadType, media.Direction)
                : new MediaDescription { Media = offered.Media, Port = 0, Proto = offered.Proto, Formats = offered.Formats };
        }

        answer = Originator.Stamp(Session(localAddress, sections), localAddress);
        reason = null;
        return true;
    }

    /// <summary>An offer listing PCMU, PCMA and telephone-event, for outgoing calls, INVITEs without SDP and hold re-INVITEs.</summary>
    public SessionDescription CreateOffer(IPAddress localAddress, int localRtpPort, MediaDirection direction)
    {
        ArgumentNullException.ThrowIfNull(localAddress);
        var audio = new MediaDescription
        {
            Media = "audio",
            Port = localRtpPort,
            Proto = "RTP/AVP",
            Formats = ["0", "8", DefaultTelephoneEventPayloadType.ToString(CultureInfo.InvariantCulture)],
            RtpMaps = [new RtpMap(0, "PCMU", 8000), new RtpMap(8, "PCMA", 8000), new RtpMap(DefaultTelephoneEventPayloadType, "telephone-event", 8000)],
            Fmtps = [new FormatParameters(DefaultTelephoneEventPayloadType, "0-16")],
            Ptime = Ptime,
            Direction = direction,
        };
        return Originator.Stamp(Session(localAddress, [audio]), localAddress);
    }

    /// <summary>Reads the answer to an offer we made (from <see cref="CreateOffer"/>).</summary>
    public static bool TryAcceptAnswer(SessionDescription answer, out NegotiatedMedia? media, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(answer);
        reason = "answer accepts no audio stream";
        foreach (MediaDescription section in answer.Media)
        {
            // The answerer's direction is from its side; TrySelect mirrors it to ours.
            if (TrySelect(answer, section, out media, out string? why))
            {
                reason = null;
                return true;
            }

            reason = why ?? reason;
        }

        media = null;
        return false;
    }

    /// <summary>Picks codec, events, address and our direction from a peer's audio section.</summary>
    private static bool TrySelect(SessionDescription sdp, MediaDescription section, out NegotiatedMedia? media, out string? reason)
    {
        media = null;
        reason = null;
        if (section.Media != "audio" || section.Port == 0)
        {
            return false;
        }

        if (!string.Equals(section.Proto, "RTP/AVP", StringComparison.OrdinalIgnoreCase))
        {
            reason = $"unsupported media transport {section.Proto}";
            return false;
        }

        ConnectionData? connection = sdp.ConnectionFor(section);
        if (connection is null || !IPAddress.TryParse(connection.Address, out IPAddress? address))
        {
            reason = "no usable connection address";
            return false;
        }

        (int pt, string name)? codec = null;
        foreach (string preferred in s_codecPreference)
        {
            foreach (int pt in section.PayloadTypes)
            {
                if (string.Equals(section.EncodingName(pt, out int rate), preferred, StringComparison.OrdinalIgnoreCase) && rate == 8000)
                {
                    codec = (pt, preferred);
                    break;
                }
            }

            if (codec is not null)
            {
                break;
            }
        }

        if (codec is not { } c)
        {
            reason = "no common codec (PCMU or PCMA required)";
            return false;
        }

        int? telephoneEvent = null;
        foreach (int pt in section.PayloadTypes)
        {
            if (string.Equals(section.EncodingName(pt, out int rate), "telephone-event", StringComparison.OrdinalIgnoreCase) && rate == 8000)
            {
                telephoneEvent = pt;
                break;
            }
        }

        // RFC 2543 hold (c=0.0.0.0) means "do not send to me", the same as sendonly from the offerer.
        MediaDirection offered = sdp.DirectionFor(section);
        if ((address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) && offered == MediaDirection.SendRecv)
        {
            offered = MediaDirection.SendOnly;
        }

        media = new NegotiatedMedia(new IPEndPoint(address, section.Port), c.pt, c.name, telephoneEvent,
            section.Ptime ?? Ptime, offered.Mirror());
        return true;
    }

    private static MediaDescription AudioSection(int port, int codecPt, string codecName, int? telephoneEventPt, MediaDirection direction)
    {
        string codec = codecPt.ToString(CultureInfo.InvariantCulture);
        if (telephoneEventPt is not { } te)
        {
            return new MediaDescription
            {
                Media = "audio", Port = port, Proto = "RTP/AVP", Formats = [codec],
                RtpMaps = [new RtpMap(codecPt, codecName, 8000)], Ptime = Ptime, Direction = direction,
            };
        }

        return new MediaDescription
        {
            Media = "audio", Port = port, Proto = "RTP/AVP",
            Formats = [codec, te.ToString(CultureInfo.InvariantCulture)],
            RtpMaps = [new RtpMap(codecPt, codecName, 8000), new RtpMap(te, "telephone-event", 8000)],
            Fmtps = [new FormatParameters(te, "0-16")],
            Ptime = Ptime,
            Direction = direction,
        };
    }

    private static SessionDescription Session(IPAddress localAddress, IReadOnlyList<MediaDescription> media) => new()
    {
        Origin = new SdpOrigin("-", 0, 0, SdpOriginator.AddressType(localAddress), localAddress.ToString()),
        SessionName = "appliance",
        Connection = new ConnectionData(SdpOriginator.AddressType(localAddress), localAddress.ToString()),
        Media = media,
    };
}
