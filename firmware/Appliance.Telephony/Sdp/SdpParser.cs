using System.Globalization;

namespace Appliance.Telephony.Sdp;

/// <summary>
/// RFC 4566 reader behind <see cref="SessionDescription.TryParse"/>. Lenient where real peers are sloppy
/// (bare LF, blank lines, missing s=/t=), strict where a wrong value would mislead the media path.
/// Sizes are capped so a hostile body cannot make us allocate without bound.
/// </summary>
internal static class SdpParser
{
    public const int MaxLength = 32 * 1024;
    public const int MaxLines = 512;
    public const int MaxMedia = 16;
    public const int MaxFormats = 64;

    public static bool TryParse(ReadOnlySpan<char> text, out SessionDescription? sdp, out string? error)
    {
        sdp = null;
        if (text.Length > MaxLength)
        {
            error = "SDP body too large";
            return false;
        }

        var state = new ParseState();
        int lineCount = 0;
        bool sawVersion = false;
        while (!text.IsEmpty)
        {
            int nl = text.IndexOf('\n');
            ReadOnlySpan<char> line = nl < 0 ? text : text[..nl];
            text = nl < 0 ? [] : text[(nl + 1)..];
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                continue;
            }

            if (++lineCount > MaxLines)
            {
                error = "too many SDP lines";
                return false;
            }

            if (line.Length < 2 || line[1] != '=' || line[0] is < 'a' or > 'z')
            {
                error = $"malformed SDP line {lineCount}";
                return false;
            }

            if (!sawVersion)
            {
                if (!line.SequenceEqual("v=0"))
                {
                    error = "SDP must start with v=0";
                    return false;
                }

                sawVersion = true;
                continue;
            }

            error = state.Apply(line[0], line[2..].Trim());
            if (error is not null)
            {
                return false;
            }
        }

        if (!sawVersion)
        {
            error = "empty SDP";
            return false;
        }

        return state.TryBuild(out sdp, out error);
    }

    /// <summary>Accumulates lines into the session and the current media section.</summary>
    private sealed class ParseState
    {
        private readonly SectionBuilder _session = new();
        private readonly List<MediaDescription> _media = [];
        private SdpOrigin? _origin;
        private string _sessionName = "-";
        private string? _timing;
        private SectionBuilder? _current;
        private MediaDescription? _currentHeader;

        public string? Apply(char type, ReadOnlySpan<char> value)
        {
            switch (type)
            {
                case 'v':
                    return "duplicate v= line";
                case 'o':
                    if (_origin is not null || _current is not null)
                    {
                        return "misplaced o= line";
                    }

                    _origin = ParseOrigin(value);
                    return _origin is null ? "bad o= line" : null;
                case 's' when _current is null:
                    _sessionName = value.ToString();
                    return null;
                case 't' when _current is null:
                    _timing ??= value.ToString();
                    return null;
                case 'm':
                    FlushMedia();
                    if (_media.Count >= MaxMedia)
                    {
                        return "too many media sections";
                    }

                    _currentHeader = ParseMediaLine(value);
                    _current = new SectionBuilder();
                    return _currentHeader is null ? "bad m= line" : null;
                default:
                    return (_current ?? _session).Apply(type, value);
            }
        }

        public bool TryBuild(out SessionDescription? sdp, out string? error)
        {
            FlushMedia();
            sdp = null;
            if (_origin is null)
            {
                error = "missing o= line";
                return false;
            }

            sdp = new SessionDescription
            {
                Origin = _origin,
                SessionName = _sessionName,
                Timing = _timing ?? "0 0",
                Connection = _session.Connection,
                Direction = _session.Direction,
                OtherAttributes = _session.Attributes,
                OtherLines = _session.Lines,
                Media = _media,
            };
            error = null;
            return true;
        }

        private void FlushMedia()
        {
            if (_currentHeader is null || _current is null)
            {
                return;
            }

            _media.Add(_currentHeader with
            {
                Connection = _current.Connection,
                Direction = _current.Direction,
                Ptime = _current.Ptime,
                RtpMaps = _current.RtpMaps,
                Fmtps = _current.Fmtps,
                OtherAttributes = _current.Attributes,
                OtherLines = _current.Lines,
            });
            _currentHeader = null;
        }
    }

    /// <summary>Lines that may appear at session or media level.</summary>
    private sealed class SectionBuilder
    {
        public ConnectionData? Connection { get; private set; }
        public MediaDirection? Direction { get; private set; }
        public int? Ptime { get; private set; }
        public List<RtpMap> RtpMaps { get; } = [];
        public List<FormatParameters> Fmtps { get; } = [];
        public List<SdpAttribute> Attributes { get; } = [];
        public List<SdpLine> Lines { get; } = [];

        public string? Apply(char type, ReadOnlySpan<char> value)
        {
            if (type == 'c')
            {
                Connection = ParseConnection(value);
                return Connection is null ? "bad c= line" : null;
            }

            if (type != 'a')
            {
                Lines.Add(new SdpLine(type, value.ToString()));
                return null;
            }

            int colon = value.IndexOf(':');
            ReadOnlySpan<char> name = colon < 0 ? value : value[..colon];
            ReadOnlySpan<char> attributeValue = colon < 0 ? [] : value[(colon + 1)..].Trim();
            if (colon < 0 && MediaDirectionExtensions.TryParse(name, out MediaDirection direction))
            {
                Direction = direction;
                return null;
            }

            switch (name)
            {
                case "rtpmap":
                    RtpMap? map = ParseRtpMap(attributeValue);
                    if (map is null)
                    {
                        return "bad a=rtpmap";
                    }

                    RtpMaps.Add(map);
                    return null;
                case "fmtp":
                    int space = attributeValue.IndexOf(' ');
                    if (space < 0 || !TryPayloadType(attributeValue[..space], out int pt))
                    {
                        return "bad a=fmtp";
                    }

                    Fmtps.Add(new FormatParameters(pt, attributeValue[(space + 1)..].Trim().ToString()));
                    return null;
                case "ptime":
                    if (!int.TryParse(attributeValue, NumberStyles.None, CultureInfo.InvariantCulture, out int ptime) || ptime is < 1 or > 1000)
                    {
                        return "bad a=ptime";
                    }

                    Ptime = ptime;
                    return null;
                default:
                    Attributes.Add(new SdpAttribute(name.ToString(), colon < 0 ? null : attributeValue.ToString()));
                    return null;
            }
        }
    }

    private static SdpOrigin? ParseOrigin(ReadOnlySpan<char> value)
    {
        Span<Range> parts = stackalloc Range[7];
        if (value.Split(parts, ' ', StringSplitOptions.RemoveEmptyEntries) != 6
            || !value[parts[3]].SequenceEqual("IN")
            || !ulong.TryParse(value[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out ulong id)
            || !ulong.TryParse(value[parts[2]], NumberStyles.None, CultureInfo.InvariantCulture, out ulong version))
        {
            return null;
        }

        return new SdpOrigin(value[parts[0]].ToString(), id, version, value[parts[4]].ToString(), value[parts[5]].ToString());
    }

    private static ConnectionData? ParseConnection(ReadOnlySpan<char> value)
    {
        Span<Range> parts = stackalloc Range[4];
        if (value.Split(parts, ' ', StringSplitOptions.RemoveEmptyEntries) != 3 || !value[parts[0]].SequenceEqual("IN"))
        {
            return null;
        }

        ReadOnlySpan<char> addressType = value[parts[1]];
        if (!addressType.SequenceEqual("IP4") && !addressType.SequenceEqual("IP6"))
        {
            return null;
        }

        // Multicast addresses carry /ttl[/count]; the unicast address is what we keep.
        ReadOnlySpan<char> address = value[parts[2]];
        int slash = address.IndexOf('/');
        if (slash >= 0)
        {
            address = address[..slash];
        }

        return address.IsEmpty ? null : new ConnectionData(addressType.ToString(), address.ToString());
    }

    private static MediaDescription? ParseMediaLine(ReadOnlySpan<char> value)
    {
        Span<Range> parts = stackalloc Range[MaxFormats + 4];
        int count = value.Split(parts, ' ', StringSplitOptions.RemoveEmptyEntries);
        if (count < 4 || count > MaxFormats + 3)
        {
            return null;
        }

        ReadOnlySpan<char> port = value[parts[1]];
        int slash = port.IndexOf('/');
        if (slash >= 0)
        {
            port = port[..slash];
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int portNumber) || portNumber > 65535)
        {
            return null;
        }

        var formats = new string[count - 3];
        for (int i = 3; i < count; i++)
        {
            formats[i - 3] = value[parts[i]].ToString();
        }

        return new MediaDescription
        {
            Media = value[parts[0]].ToString(),
            Port = portNumber,
            Proto = value[parts[2]].ToString(),
            Formats = formats,
        };
    }

    private static RtpMap? ParseRtpMap(ReadOnlySpan<char> value)
    {
        int space = value.IndexOf(' ');
        if (space < 0 || !TryPayloadType(value[..space], out int pt))
        {
            return null;
        }

        ReadOnlySpan<char> encoding = value[(space + 1)..].Trim();
        Span<Range> parts = stackalloc Range[4];
        int count = encoding.Split(parts, '/');
        if (count is < 2 or > 3 || encoding[parts[0]].IsEmpty
            || !int.TryParse(encoding[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out int rate) || rate is < 1 or > 1_000_000)
        {
            return null;
        }

        int? channels = null;
        if (count == 3)
        {
            if (!int.TryParse(encoding[parts[2]], NumberStyles.None, CultureInfo.InvariantCulture, out int c) || c is < 1 or > 255)
            {
                return null;
            }

            channels = c;
        }

        return new RtpMap(pt, encoding[parts[0]].ToString(), rate, channels);
    }

    private static bool TryPayloadType(ReadOnlySpan<char> text, out int pt) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out pt) && pt <= 127;
}
