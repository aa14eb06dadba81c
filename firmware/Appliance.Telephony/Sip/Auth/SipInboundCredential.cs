namespace Appliance.Telephony.Sip.Auth;

/// <summary>A user allowed to call the box from an untrusted address by answering a digest challenge.</summary>
public sealed record SipInboundCredential(string Realm, string User, string Password)
{
    /// <summary>Never shows the password (records print every property by default).</summary>
    public override string ToString() => $"{User}@{Realm}";
}
