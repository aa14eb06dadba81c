using Appliance.Telephony.Sip.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Telephony.Tests.Sip;

/// <summary>
/// The box's side of digest: challenges answered by our own client code (MD5 and SHA-256, qop=auth),
/// wrong passwords and users, replays, expiry, and a bounded nonce table.
/// </summary>
public sealed class SipDigestVerifierTests
{
    private const string Uri = "sip:+15550001234@192.0.2.5";
    private readonly FakeTimeProvider _time = new();
    private readonly SipDigestVerifier _verifier;

    public SipDigestVerifierTests() =>
        _verifier = new SipDigestVerifier([new SipInboundCredential("pbx.example", "trunk1", "pa55word")], ["SHA-256", "MD5"], _time);

    /// <summary>Answers the challenge offered for <paramref name="algorithm"/> as a phone would.</summary>
    private string Answer(string algorithm, string user = "trunk1", string password = "pa55word", uint nc = 1, IReadOnlyList<string>? challenges = null)
    {
        var offered = (challenges ?? _verifier.Challenge(stale: false)).Single(c => c.Contains("algorithm=" + algorithm + ",", StringComparison.Ordinal));
        Assert.True(DigestChallenge.TryParse(offered, out var challenge));
        return DigestAuthenticator.CreateAuthorization(challenge!, "INVITE", Uri, user, password, DigestAuthenticator.NewCnonce(), nc);
    }

    [Theory]
    [InlineData("SHA-256")]
    [InlineData("MD5")]
    public void The_right_credentials_are_accepted(string algorithm)
    {
        var verdict = _verifier.Verify(Answer(algorithm), "INVITE", Uri);
        Assert.Equal(DigestOutcome.Accepted, verdict.Outcome);
        Assert.Equal("trunk1", verdict.User);
    }

    [Fact]
    public void Challenges_offer_sha256_first_with_qop_auth()
    {
        var challenges = _verifier.Challenge(stale: true);
        Assert.Equal(2, challenges.Count);
        Assert.Contains("algorithm=SHA-256", challenges[0], StringComparison.Ordinal);
        Assert.Contains("algorithm=MD5", challenges[1], StringComparison.Ordinal);
        Assert.All(challenges, c => Assert.Contains("realm=\"pbx.example\"", c, StringComparison.Ordinal));
        Assert.All(challenges, c => Assert.Contains("qop=\"auth\"", c, StringComparison.Ordinal));
        Assert.All(challenges, c => Assert.Contains("stale=true", c, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("trunk1", "wrong", "wrong password for trunk1")]
    [InlineData("mallory", "pa55word", "no user mallory in realm pbx.example")]
    public void Wrong_passwords_and_unknown_users_are_refused_with_the_reason(string user, string password, string reason)
    {
        var verdict = _verifier.Verify(Answer("SHA-256", user, password), "INVITE", Uri);
        Assert.Equal(DigestOutcome.Refused, verdict.Outcome);
        Assert.Equal(reason, verdict.Reason);
    }

    [Fact]
    public void A_replayed_authorization_is_refused_and_a_higher_nonce_count_accepted()
    {
        var challenges = _verifier.Challenge(stale: false);
        var first = Answer("MD5", challenges: challenges);
        Assert.Equal(DigestOutcome.Accepted, _verifier.Verify(first, "INVITE", Uri).Outcome);
        Assert.Equal("replayed nonce count", _verifier.Verify(first, "INVITE", Uri).Reason);
        Assert.Equal(DigestOutcome.Accepted, _verifier.Verify(Answer("MD5", nc: 2, challenges: challenges), "INVITE", Uri).Outcome);
    }

    [Fact]
    public void Credentials_for_another_request_uri_or_method_are_refused()
    {
        var answer = Answer("SHA-256");
        Assert.Equal(DigestOutcome.Refused, _verifier.Verify(answer, "INVITE", "sip:other@192.0.2.5").Outcome);
        Assert.Equal(DigestOutcome.Refused, _verifier.Verify(answer, "BYE", Uri).Outcome);
    }

    [Fact]
    public void An_expired_nonce_is_stale_and_gets_a_new_challenge()
    {
        var answer = Answer("SHA-256");
        _time.Advance(SipDigestVerifier.NonceLifetime + TimeSpan.FromSeconds(1));
        Assert.Equal(DigestOutcome.Stale, _verifier.Verify(answer, "INVITE", Uri).Outcome);
    }

    [Theory]
    [InlineData(null, DigestOutcome.Missing)]
    [InlineData("Basic dHJ1bmsxOnBhNTV3b3Jk", DigestOutcome.Refused)]
    [InlineData("Digest username=\"trunk1\"", DigestOutcome.Refused)]
    [InlineData("Digest username=\"trunk1\", realm=\"pbx.example\", nonce=\"made-up\", uri=\"sip:x@y\", response=\"00\"", DigestOutcome.Stale)]
    public void Missing_malformed_or_invented_credentials_never_pass(string? header, DigestOutcome outcome) =>
        Assert.Equal(outcome, _verifier.Verify(header, "INVITE", Uri).Outcome);

    [Fact]
    public void A_flood_of_challenges_keeps_the_nonce_table_bounded()
    {
        for (var i = 0; i < 5000; i++)
        {
            _verifier.Challenge(stale: false);
        }
        Assert.InRange(_verifier.NonceCount, 1, 4096);
        Assert.Equal(DigestOutcome.Accepted, _verifier.Verify(Answer("SHA-256"), "INVITE", Uri).Outcome);
    }
}
