namespace Appliance.Telephony.Sip.Messages;

/// <summary>Size limits applied before any parsing work, so a hostile peer cannot make us allocate.</summary>
public sealed record SipLimits
{
    public static SipLimits Default { get; } = new();

    /// <summary>Largest whole message (headers + body); UDP datagrams cannot exceed 65535 anyway.</summary>
    public int MaxMessageBytes { get; init; } = 65_535;

    public int MaxHeaderLines { get; init; } = 200;

    public int MaxBodyBytes { get; init; } = 32_768;
}
