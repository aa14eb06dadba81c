using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Appliance.Telephony.Sip.Auth;

/// <summary>
/// Computes Digest credentials (RFC 2617 / RFC 7616 rules as used by SIP, RFC 8760 for SHA-256).
/// The password only ever enters a hash; nothing here formats it into text.
/// </summary>
public static class DigestAuthenticator
{
    /// <summary>The Authorization header value answering <paramref name="challenge"/>.</summary>
    public static string CreateAuthorization(DigestChallenge challenge, string method, string digestUri,
        string user, string password, string cnonce, uint nonceCount)
    {
        if (!TryGetHash(challenge.Algorithm, out var hash, out var session))
        {
            throw new NotSupportedException("Unsupported digest algorithm " + challenge.Algorithm);
        }
        var nc = nonceCount.ToString("x8", CultureInfo.InvariantCulture);
        var response = ComputeResponse(hash, session, challenge, method, digestUri, user, password, cnonce, nc);
        var sb = new StringBuilder(256);
        sb.Append("Digest username=\"").Append(user)
          .Append("\", realm=\"").Append(challenge.Realm)
          .Append("\", nonce=\"").Append(challenge.Nonce)
          .Append("\", uri=\"").Append(digestUri)
          .Append("\", response=\"").Append(response)
          .Append("\", algorithm=").Append(challenge.Algorithm);
        if (challenge.Opaque is not null)
        {
            sb.Append(", opaque=\"").Append(challenge.Opaque).Append('"');
        }
        if (challenge.QopAuth)
        {
            sb.Append(", qop=auth, nc=").Append(nc).Append(", cnonce=\"").Append(cnonce).Append('"');
        }
        return sb.ToString();
    }

    public static string ComputeResponse(Func<string, string> hash, bool session, DigestChallenge challenge, string method,
        string digestUri, string user, string password, string cnonce, string nc)
    {
        var ha1 = hash(user + ":" + challenge.Realm + ":" + password);
        if (session)
        {
            ha1 = hash(ha1 + ":" + challenge.Nonce + ":" + cnonce);
        }
        var ha2 = hash(method + ":" + digestUri);
        return challenge.QopAuth
            ? hash(ha1 + ":" + challenge.Nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)
            : hash(ha1 + ":" + challenge.Nonce + ":" + ha2);
    }

    public static bool TryGetHash(string algorithm, out Func<string, string> hash, out bool session)
    {
        session = algorithm.EndsWith("-sess", StringComparison.OrdinalIgnoreCase);
        var baseName = session ? algorithm[..^5] : algorithm;
        if (baseName.Equals("MD5", StringComparison.OrdinalIgnoreCase))
        {
            // MD5 is what RFC 3261 digest mandates; it is not used for anything but interop.
#pragma warning disable CA5351
            hash = s => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(s)));
#pragma warning restore CA5351
            return true;
        }
        if (baseName.Equals("SHA-256", StringComparison.OrdinalIgnoreCase))
        {
            hash = s => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
            return true;
        }
        hash = _ => string.Empty;
        return false;
    }

    public static string NewCnonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
