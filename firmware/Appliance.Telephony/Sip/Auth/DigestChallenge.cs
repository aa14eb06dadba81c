using Appliance.Telephony.Sip.Messages;

namespace Appliance.Telephony.Sip.Auth;

/// <summary>A parsed WWW-Authenticate / Proxy-Authenticate Digest challenge (RFC 3261 §22, RFC 8760).</summary>
public sealed record DigestChallenge(string Realm, string Nonce, string? Opaque, string Algorithm, bool QopAuth, bool Stale)
{
    public static bool TryParse(string? header, out DigestChallenge? challenge)
    {
        challenge = null;
        if (header is null || !header.StartsWith("Digest", StringComparison.OrdinalIgnoreCase) || header.Length < 7)
        {
            return false;
        }
        var parts = new List<string>();
        if (!SipSyntax.TrySplitList(header[6..], parts))
        {
            return false;
        }
        string? realm = null, nonce = null, opaque = null, algorithm = null, qop = null, stale = null;
        foreach (var part in parts)
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }
            var value = SipSyntax.Unquote(part.AsSpan(eq + 1));
            switch (part[..eq].Trim().ToLowerInvariant())
            {
                case "realm": realm = value; break;
                case "nonce": nonce = value; break;
                case "opaque": opaque = value; break;
                case "algorithm": algorithm = value; break;
                case "qop": qop = value; break;
                case "stale": stale = value; break;
            }
        }
        if (realm is null || nonce is null)
        {
            return false;
        }
        var qopAuth = qop is not null && qop.Split(',').Any(q => q.Trim().Equals("auth", StringComparison.OrdinalIgnoreCase));
        challenge = new DigestChallenge(realm, nonce, opaque, algorithm ?? "MD5", qopAuth,
            string.Equals(stale, "true", StringComparison.OrdinalIgnoreCase));
        return true;
    }

    /// <summary>True for algorithms we can answer: MD5 and SHA-256 (RFC 8760), plain or -sess.</summary>
    public bool IsSupported => DigestAuthenticator.TryGetHash(Algorithm, out _, out _);
}
