using System.Text;

namespace Appliance.Telephony.Sdp;

/// <summary>An RFC 4566 session description: what an SDP body says, parsed or to be written.</summary>
public sealed record SessionDescription
{
    public required SdpOrigin Origin { get; init; }

    public string SessionName { get; init; } = "-";

    /// <summary>The session-level c= line; each media section may override it.</summary>
    public ConnectionData? Connection { get; init; }

    /// <summary>The t= line; "0 0" is an unbounded session, which is what SIP uses.</summary>
    public string Timing { get; init; } = "0 0";

    /// <summary>A session-level direction attribute, inherited by media sections without their own.</summary>
    public MediaDirection? Direction { get; init; }

    public IReadOnlyList<SdpAttribute> OtherAttributes { get; init; } = [];

    public IReadOnlyList<SdpLine> OtherLines { get; init; } = [];

    public IReadOnlyList<MediaDescription> Media { get; init; } = [];

    /// <summary>Parses an SDP body. Never throws: malformed input gives false and a short reason.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SessionDescription? sdp, out string? error) =>
        SdpParser.TryParse(text, out sdp, out error);

    /// <summary>The connection that applies to a media section (its own, else the session's).</summary>
    public ConnectionData? ConnectionFor(MediaDescription media) => media.Connection ?? Connection;

    /// <summary>The direction that applies to a media section (its own, else the session's, else sendrecv).</summary>
    public MediaDirection DirectionFor(MediaDescription media) => media.Direction ?? Direction ?? MediaDirection.SendRecv;

    /// <summary>The body with CRLF line ends, in the RFC 4566 §5 line order.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(512);
        sb.Append("v=0\r\n");
        sb.Append("o=").Append(Origin).Append("\r\n");
        sb.Append("s=").Append(SessionName.Length == 0 ? "-" : SessionName).Append("\r\n");
        AppendLines(sb, "iuep");
        if (Connection is not null)
        {
            sb.Append("c=").Append(Connection).Append("\r\n");
        }

        AppendLines(sb, "b");
        sb.Append("t=").Append(Timing).Append("\r\n");
        AppendLines(sb, "rzk");
        foreach (SdpAttribute attribute in OtherAttributes)
        {
            sb.Append("a=").Append(attribute).Append("\r\n");
        }

        if (Direction is { } direction)
        {
            sb.Append("a=").Append(direction.ToAttribute()).Append("\r\n");
        }

        foreach (MediaDescription media in Media)
        {
            media.AppendTo(sb);
        }

        return sb.ToString();
    }

    private void AppendLines(StringBuilder sb, string types)
    {
        foreach (SdpLine line in OtherLines)
        {
            if (types.Contains(line.Type, StringComparison.Ordinal))
            {
                sb.Append(line).Append("\r\n");
            }
        }
    }
}
