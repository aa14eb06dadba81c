namespace Appliance.Telephony.Sip.Auth;

/// <summary>A parsed WWW-Authenticate / Proxy-Authenticate Digest challenge (RFC 3261 §22, RFC 8760).</summary>
public sealed record DigestChallenge(string Realm, string Nonce, string? Opaque, string Algorithm, bool QopAuth, bool Stale)
{
    public static bool TryParse(string? header, out DigestChallenge? challenge)
    {
        challenge = null;
        if (!DigestParameters.TryParse(header, out var p) || !p.TryGetValue("realm", out var realm) || !p.TryGetValue("nonce", out var nonce))
        {
            return false;
        }
        var qopAuth = p.TryGetValue("qop", out var qop) && qop.Split(',').Any(q => q.Trim().Equals("auth", StringComparison.OrdinalIgnoreCase));
        challenge = new DigestChallenge(realm, nonce, p.GetValueOrDefault("opaque"), p.GetValueOrDefault("algorithm") ?? "MD5", qopAuth,
            string.Equals(p.GetValueOrDefault("stale"), "true", StringComparison.OrdinalIgnoreCase));
        return true;
    }

    /// <summary>The WWW-Authenticate value for this challenge (what the box sends to an unknown caller).</summary>
    public override string ToString() =>
        $"Digest realm=\"{Realm}\", nonce=\"{Nonce}\", algorithm={Algorithm}" + (QopAuth ? ", qop=\"auth\"" : "")
        + (Opaque is null ? "" : $", opaque=\"{Opaque}\"") + (Stale ? ", stale=true" : "");

    /// <summary>True for algorithms we can answer: MD5 and SHA-256 (RFC 8760), plain or -sess.</summary>
    public bool IsSupported => DigestAuthenticator.TryGetHash(Algorithm, out _, out _);
}
