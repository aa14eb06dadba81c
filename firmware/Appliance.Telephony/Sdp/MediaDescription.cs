using System.Text;

namespace Appliance.Telephony.Sdp;

/// <summary>One m= section (RFC 4566 §5.14) with the attributes this stack interprets.</summary>
public sealed record MediaDescription
{
    /// <summary>"audio", "video", "application", ...</summary>
    public required string Media { get; init; }

    /// <summary>0 means the stream is rejected or disabled (RFC 3264 §6).</summary>
    public required int Port { get; init; }

    /// <summary>"RTP/AVP" for plain RTP.</summary>
    public required string Proto { get; init; }

    /// <summary>The format tokens as written on the m= line (payload type numbers for RTP).</summary>
    public required IReadOnlyList<string> Formats { get; init; }

    public IReadOnlyList<RtpMap> RtpMaps { get; init; } = [];

    public IReadOnlyList<FormatParameters> Fmtps { get; init; } = [];

    /// <summary>Null when the section has no direction attribute (then the session's applies, else sendrecv).</summary>
    public MediaDirection? Direction { get; init; }

    public int? Ptime { get; init; }

    /// <summary>The section's own c= line, overriding the session's.</summary>
    public ConnectionData? Connection { get; init; }

    public IReadOnlyList<SdpAttribute> OtherAttributes { get; init; } = [];

    public IReadOnlyList<SdpLine> OtherLines { get; init; } = [];

    /// <summary>The numeric formats (RTP payload types 0-127) in offer order.</summary>
    public IEnumerable<int> PayloadTypes
    {
        get
        {
            foreach (string format in Formats)
            {
                if (int.TryParse(format, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pt) && pt <= 127)
                {
                    yield return pt;
                }
            }
        }
    }

    public bool IsRtp => Proto.StartsWith("RTP/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The encoding name of a payload type: its rtpmap, else the RFC 3551 static assignment.</summary>
    public string? EncodingName(int payloadType, out int clockRate)
    {
        foreach (RtpMap map in RtpMaps)
        {
            if (map.PayloadType == payloadType)
            {
                clockRate = map.ClockRate;
                return map.EncodingName;
            }
        }

        clockRate = 8000;
        return payloadType switch
        {
            0 => "PCMU",
            8 => "PCMA",
            9 => "G722",
            13 => "CN",
            18 => "G729",
            _ => null,
        };
    }

    internal void AppendTo(StringBuilder sb)
    {
        sb.Append("m=").Append(Media).Append(' ').Append(Port).Append(' ').Append(Proto);
        foreach (string format in Formats)
        {
            sb.Append(' ').Append(format);
        }

        sb.Append("\r\n");
        foreach (SdpLine line in OtherLines)
        {
            if (line.Type == 'i')
            {
                sb.Append(line).Append("\r\n");
            }
        }

        if (Connection is not null)
        {
            sb.Append("c=").Append(Connection).Append("\r\n");
        }

        foreach (SdpLine line in OtherLines)
        {
            if (line.Type != 'i')
            {
                sb.Append(line).Append("\r\n");
            }
        }

        foreach (RtpMap map in RtpMaps)
        {
            sb.Append("a=rtpmap:").Append(map).Append("\r\n");
        }

        foreach (FormatParameters fmtp in Fmtps)
        {
            sb.Append("a=fmtp:").Append(fmtp).Append("\r\n");
        }

        if (Ptime is { } ptime)
        {
            sb.Append("a=ptime:").Append(ptime).Append("\r\n");
        }

        foreach (SdpAttribute attribute in OtherAttributes)
        {
            sb.Append("a=").Append(attribute).Append("\r\n");
        }

        if (Direction is { } direction)
        {
            sb.Append("a=").Append(direction.ToAttribute()).Append("\r\n");
        }
    }
}
