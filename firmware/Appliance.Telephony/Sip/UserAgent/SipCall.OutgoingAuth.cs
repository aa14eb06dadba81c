using Appliance.Telephony.Sip.Auth;
using Appliance.Telephony.Sip.Messages;
using Microsoft.Extensions.Logging;

namespace Appliance.Telephony.Sip.UserAgent;

/// <summary>
/// Digest for our own INVITEs (RFC 3261 §22.2): a PBX that challenges the consultation call with
/// 401/407 gets the INVITE again (same dialog identifiers, CSeq + 1, new branch) with the
/// credentials of the connection it belongs to. A second challenge for the same nonce ends the call.
/// </summary>
public sealed partial class SipCall
{
    private int _challengesAnswered;

    private bool TryAnswerChallenge(SipMessage invite, SipMessage response)
    {
        var proxy = response.StatusCode == 407;
        DigestChallenge? challenge = null;
        // A PBX may offer several algorithms (SHA-256 first, RFC 8760): answer the first we know.
        foreach (var value in response.Headers.GetValues(proxy ? SipHeaderNames.ProxyAuthenticate : SipHeaderNames.WwwAuthenticate))
        {
            if (DigestChallenge.TryParse(value, out var c) && c!.IsSupported)
            {
                challenge = c;
                break;
            }
        }
        // Already answered once: only a stale nonce earns one more try (wrong credentials otherwise).
        if (challenge is null || (_challengesAnswered > 0 && (!challenge.Stale || _challengesAnswered > 1)))
        {
            return false;
        }
        if (_ua.FindCredentials(Peer.Address.Address, challenge.Realm) is not { } credentials)
        {
            Logger.LogInformation("Call {CallId}: {Status} challenge for realm {Realm}, no credentials for it", CallId, response.StatusCode, challenge.Realm);
            return false;
        }
        _challengesAnswered++;
        var retry = SipMessage.CreateRequest("INVITE", invite.RequestUri!.Clone());
        foreach (var header in invite.Headers.All)
        {
            if (header.Name is not (SipHeaderNames.Via or SipHeaderNames.CSeq or SipHeaderNames.Authorization or SipHeaderNames.ProxyAuthorization))
            {
                retry.Headers.Add(header.Name, header.Value);
            }
        }
        retry.Headers.Add(SipHeaderNames.CSeq, new SipCSeq(invite.CSeq!.Value.Number + 1, "INVITE").ToString());
        retry.Headers.Add(proxy ? SipHeaderNames.ProxyAuthorization : SipHeaderNames.Authorization,
            DigestAuthenticator.CreateAuthorization(challenge, "INVITE", retry.RequestUri!.ToString(), credentials.User, credentials.Password,
                DigestAuthenticator.NewCnonce(), 1));
        retry.Body = invite.Body;
        Logger.LogInformation("Call {CallId}: answering the {Status} challenge of realm {Realm} as {User}", CallId, response.StatusCode, challenge.Realm, credentials.User);
        SendInvite(retry);
        return true;
    }
}
