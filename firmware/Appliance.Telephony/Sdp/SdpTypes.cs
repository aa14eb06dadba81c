namespace Appliance.Telephony.Sdp;

/// <summary>The o= line (RFC 4566 §5.2).</summary>
public sealed record SdpOrigin(string UserName, ulong SessionId, ulong SessionVersion, string AddressType, string Address)
{
    public override string ToString() => $"{UserName} {SessionId} {SessionVersion} IN {AddressType} {Address}";
}

/// <summary>The c= line (RFC 4566 §5.7); only the IN network type exists in practice.</summary>
public sealed record ConnectionData(string AddressType, string Address)
{
    public override string ToString() => $"IN {AddressType} {Address}";
}

/// <summary>An a=rtpmap:&lt;pt&gt; &lt;name&gt;/&lt;rate&gt;[/&lt;channels&gt;] attribute.</summary>
public sealed record RtpMap(int PayloadType, string EncodingName, int ClockRate, int? Channels = null)
{
    public override string ToString() =>
        Channels is { } c ? $"{PayloadType} {EncodingName}/{ClockRate}/{c}" : $"{PayloadType} {EncodingName}/{ClockRate}";
}

/// <summary>An a=fmtp:&lt;pt&gt; &lt;parameters&gt; attribute.</summary>
public sealed record FormatParameters(int PayloadType, string Parameters)
{
    public override string ToString() => $"{PayloadType} {Parameters}";
}

/// <summary>Any other a= attribute, kept so a description round-trips; Value is null for flags.</summary>
public sealed record SdpAttribute(string Name, string? Value)
{
    public override string ToString() => Value is null ? Name : $"{Name}:{Value}";
}

/// <summary>A line the model does not interpret (b=, i=, k=, ...), kept verbatim for round trips.</summary>
public sealed record SdpLine(char Type, string Value)
{
    public override string ToString() => $"{Type}={Value}";
}
