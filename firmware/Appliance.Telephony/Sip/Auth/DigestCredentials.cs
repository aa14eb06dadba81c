namespace Appliance.Telephony.Sip.Auth;

/// <summary>A parsed Authorization / Proxy-Authorization Digest header (what a caller answers a challenge with).</summary>
public sealed record DigestCredentials(string Username, string Realm, string Nonce, string Uri, string Response, string Algorithm,
    string? Qop, string? NonceCount, string? Cnonce, string? Opaque)
{
    /// <summary>False when the header is not Digest or lacks username, realm, nonce, uri or response.</summary>
    public static bool TryParse(string? header, out DigestCredentials? credentials)
    {
        credentials = null;
        if (!DigestParameters.TryParse(header, out var p)
            || !p.TryGetValue("username", out var user) || !p.TryGetValue("realm", out var realm) || !p.TryGetValue("nonce", out var nonce)
            || !p.TryGetValue("uri", out var uri) || !p.TryGetValue("response", out var response))
        {
            return false;
        }
        credentials = new DigestCredentials(user, realm, nonce, uri, response, p.GetValueOrDefault("algorithm") ?? "MD5",
            p.GetValueOrDefault("qop"), p.GetValueOrDefault("nc"), p.GetValueOrDefault("cnonce"), p.GetValueOrDefault("opaque"));
        return true;
    }
}
