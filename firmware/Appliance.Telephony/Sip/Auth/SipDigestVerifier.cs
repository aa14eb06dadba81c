using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Appliance.Telephony.Sip.Messages;

namespace Appliance.Telephony.Sip.Auth;

/// <summary>
/// The server side of SIP digest (RFC 3261 §22, RFC 8760): challenges for INVITEs from untrusted
/// sources and checks the credentials of the retry against the configured users. Nonces are random,
/// expire after <see cref="NonceLifetime"/>, and each nonce count may be used once (qop=auth counts
/// must grow; without qop a nonce is single-use), so a captured INVITE cannot be replayed. The nonce
/// table is bounded: a flood of challenges evicts the oldest nonces, whose owners are re-challenged.
/// Not thread-safe: the user agent calls it under its stack gate.
/// </summary>
public sealed class SipDigestVerifier
{
    public static readonly TimeSpan NonceLifetime = TimeSpan.FromMinutes(5);

    private const int MaxNonces = 4096;

    private readonly IReadOnlyList<SipInboundCredential> _credentials;
    private readonly IReadOnlyList<string> _algorithms;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, NonceState> _nonces = new(StringComparer.Ordinal);
    private readonly Queue<string> _issueOrder = new();

    /// <param name="algorithms">Offered in this order (RFC 8760: the strongest first); MD5 and SHA-256 are known.</param>
    public SipDigestVerifier(IReadOnlyList<SipInboundCredential> credentials, IReadOnlyList<string> algorithms, TimeProvider time)
    {
        _credentials = credentials;
        _algorithms = algorithms;
        _time = time;
    }

    public bool HasCredentials => _credentials.Count > 0;

    /// <summary>Nonces currently remembered (bounded).</summary>
    public int NonceCount => _nonces.Count;

    /// <summary>WWW-Authenticate values: one per configured realm and algorithm, all with one fresh nonce.</summary>
    public IReadOnlyList<string> Challenge(bool stale)
    {
        var nonce = IssueNonce();
        var values = new List<string>();
        var realms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var credential in _credentials)
        {
            if (!realms.Add(credential.Realm))
            {
                continue;
            }
            foreach (var algorithm in _algorithms)
            {
                values.Add(new DigestChallenge(credential.Realm, nonce, null, algorithm, QopAuth: true, stale).ToString());
            }
        }
        return values;
    }

    /// <summary>Checks the Authorization header of a request (<paramref name="method"/>, <paramref name="requestUri"/>).</summary>
    public DigestVerdict Verify(string? authorization, string method, string requestUri)
    {
        if (authorization is null)
        {
            return new(DigestOutcome.Missing, null, "no credentials");
        }
        if (!DigestCredentials.TryParse(authorization, out var c) || c is null)
        {
            return new(DigestOutcome.Refused, null, "malformed Authorization header");
        }
        if (!Contains(_algorithms, c.Algorithm) || !DigestAuthenticator.TryGetHash(c.Algorithm, out var hash, out var session))
        {
            return new(DigestOutcome.Refused, c.Username, "algorithm " + c.Algorithm + " was not offered");
        }
        ForgetExpired();
        if (!_nonces.TryGetValue(c.Nonce, out var state))
        {
            return new(DigestOutcome.Stale, c.Username, "unknown or expired nonce");
        }
        var credential = Find(c.Realm, c.Username);
        if (credential is null)
        {
            return new(DigestOutcome.Refused, c.Username, $"no user {c.Username} in realm {c.Realm}");
        }
        if (!SameTarget(c.Uri, requestUri))
        {
            return new(DigestOutcome.Refused, c.Username, "digest uri does not match the Request-URI");
        }
        var qopAuth = c.Qop is not null;
        if (qopAuth && (!c.Qop!.Equals("auth", StringComparison.OrdinalIgnoreCase) || c.Cnonce is null
            || !uint.TryParse(c.NonceCount, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _)))
        {
            return new(DigestOutcome.Refused, c.Username, "qop must be auth with nc and cnonce");
        }
        var count = qopAuth ? uint.Parse(c.NonceCount!, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture) : 1;
        if (count <= state.LastCount)
        {
            return new(DigestOutcome.Refused, c.Username, "replayed nonce count");
        }
        var challenge = new DigestChallenge(c.Realm, c.Nonce, c.Opaque, c.Algorithm, qopAuth, Stale: false);
        var expected = DigestAuthenticator.ComputeResponse(hash, session, challenge, method, c.Uri, credential.User, credential.Password,
            c.Cnonce ?? string.Empty, c.NonceCount ?? string.Empty);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(c.Response.ToLowerInvariant())))
        {
            return new(DigestOutcome.Refused, c.Username, "wrong password for " + c.Username);
        }
        state.LastCount = count;
        return new(DigestOutcome.Accepted, c.Username, "authenticated");
    }

    private string IssueNonce()
    {
        ForgetExpired();
        while (_issueOrder.Count >= MaxNonces)
        {
            _nonces.Remove(_issueOrder.Dequeue());
        }
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _nonces[nonce] = new NonceState(_time.GetUtcNow());
        _issueOrder.Enqueue(nonce);
        return nonce;
    }

    private void ForgetExpired()
    {
        var now = _time.GetUtcNow();
        while (_issueOrder.TryPeek(out var oldest) && (!_nonces.TryGetValue(oldest, out var s) || now - s.Issued > NonceLifetime))
        {
            _nonces.Remove(_issueOrder.Dequeue());
        }
    }

    /// <summary>
    /// The digest uri names the request's target: the same URI, or the same host and port with the
    /// same or no user (sipp and some phones put sip:host:port there). The uri is hashed into the
    /// response, and nonce counts stop replays, so this only guards against credentials for elsewhere.
    /// </summary>
    private static bool SameTarget(string digestUri, string requestUri)
    {
        if (string.Equals(digestUri, requestUri, StringComparison.Ordinal))
        {
            return true;
        }
        return SipUri.TryParse(digestUri, out var d) && d is not null && SipUri.TryParse(requestUri, out var r) && r is not null
            && d.Host.Equals(r.Host, StringComparison.OrdinalIgnoreCase) && (d.Port ?? 5060) == (r.Port ?? 5060)
            && (d.User is null || string.Equals(d.User, r.User, StringComparison.Ordinal));
    }

    private SipInboundCredential? Find(string realm, string user)
    {
        foreach (var credential in _credentials)
        {
            if (credential.Realm == realm && credential.User == user)
            {
                return credential;
            }
        }
        return null;
    }

    private static bool Contains(IReadOnlyList<string> algorithms, string algorithm)
    {
        foreach (var a in algorithms)
        {
            if (a.Equals(algorithm, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private sealed class NonceState(DateTimeOffset issued)
    {
        public DateTimeOffset Issued { get; } = issued;

        public uint LastCount { get; set; }
    }
}
