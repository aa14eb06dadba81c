using Appliance.Telephony.Sip.Auth;

namespace Appliance.Telephony.Tests.Sip;

/// <summary>Published test vectors: RFC 7616 §3.9.1 (MD5 and SHA-256, qop=auth) and RFC 2617 §3.5.</summary>
public sealed class DigestAuthenticatorTests
{
    private const string Rfc7616Challenge =
        "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm={0}, " +
        "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

    [Theory]
    [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void Rfc7616_vectors(string algorithm, string expected)
    {
        Assert.True(DigestChallenge.TryParse(string.Format(System.Globalization.CultureInfo.InvariantCulture, Rfc7616Challenge, algorithm), out var c));
        Assert.True(c!.QopAuth);
        var header = DigestAuthenticator.CreateAuthorization(c, "GET", "/dir/index.html", "Mufasa", "Circle of Life",
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", 1);
        Assert.Contains($"response=\"{expected}\"", header, StringComparison.Ordinal);
        Assert.Contains("nc=00000001", header, StringComparison.Ordinal);
        Assert.DoesNotContain("Circle of Life", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfc2617_vector_md5_qop_auth()
    {
        Assert.True(DigestChallenge.TryParse(
            "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"", out var c));
        Assert.Equal("MD5", c!.Algorithm);
        var header = DigestAuthenticator.CreateAuthorization(c, "GET", "/dir/index.html", "Mufasa", "Circle Of Life", "0a4f113b", 1);
        Assert.Contains("response=\"6629fae49393a05397450978507c4ef1\"", header, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Basic realm=\"x\"")]
    [InlineData("Digest nonce=\"n\"")]
    [InlineData("Digest realm=\"unterminated, nonce=\"n\"")]
    public void Bad_challenges_are_refused(string header) => Assert.False(DigestChallenge.TryParse(header, out _));
}
