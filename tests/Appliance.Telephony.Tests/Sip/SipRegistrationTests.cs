using System.Security.Cryptography;
using System.Text;
using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Registration;
using Appliance.Telephony.Sip.Transport;
using Appliance.Telephony.Sip.UserAgent;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Telephony.Tests.Sip;

/// <summary>Registration against a scripted registrar on 127.0.0.1 with a fake clock.</summary>
public sealed class SipRegistrationTests : IAsyncLifetime
{
    private const string Password = "s3cret-pass";
    private readonly FakeTimeProvider _time = new();
    private SipTestPeer _registrar = null!;
    private SipUserAgent? _ua;

    public Task InitializeAsync()
    {
        // The peer's socket exists before the UA so the UA can be pointed at it.
        _registrar = new SipTestPeer(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 9));
        return Task.CompletedTask;
    }

    private void StartUa(int expires = 60)
    {
        var options = SipUserAgentCallTests.Options() with
        {
            Registrations =
            [
                new SipRegistrationOptions
                {
                    RegistrarHost = "127.0.0.1", RegistrarPort = _registrar.Port, User = "100", AuthUser = "ext100",
                    Password = Password, ExpiresSeconds = expires, RetryAfterFailure = TimeSpan.FromSeconds(20),
                    KeepAliveInterval = TimeSpan.Zero,
                },
            ],
        };
        _ua = SipUserAgent.Start(options, _time);
        _registrar.Target = _ua.UdpEndPoint;
    }

    public async Task DisposeAsync()
    {
        if (_ua is not null)
        {
            await _ua.DisposeAsync();
        }
        await _registrar.DisposeAsync();
    }

    private static string Sha256(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));

    private static string Param(string header, string name)
    {
        var start = header.IndexOf(name + "=", StringComparison.Ordinal) + name.Length + 1;
        var quoted = header[start] == '"';
        var end = quoted ? header.IndexOf('"', start + 1) : header.IndexOfAny([',', ' '], start);
        return quoted ? header[(start + 1)..end] : header[start..(end < 0 ? header.Length : end)];
    }

    private Task ReplyAsync(SipMessage request, int status, string reason, string extra) =>
        _registrar.SendAsync(WithHeaders(SipMessage.CreateResponse(request, status, reason, "reg1"), extra));

    private static SipMessage WithHeaders(SipMessage m, string extra)
    {
        foreach (var line in extra.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            m.Headers.Add(line[..colon], line[(colon + 1)..].Trim());
        }
        return m;
    }

    [Fact]
    public async Task Registers_with_sha256_digest_and_refreshes_before_expiry()
    {
        StartUa();
        var first = await _registrar.ExpectRequestAsync("REGISTER");
        Assert.Null(first.Headers.Get(SipHeaderNames.Authorization));
        await ReplyAsync(first, 401, "Unauthorized",
            "WWW-Authenticate: Digest realm=\"pbx\", nonce=\"abc123\", algorithm=SHA-256, qop=\"auth\"");
        var second = await _registrar.ExpectRequestAsync("REGISTER");
        var auth = second.Headers.Get(SipHeaderNames.Authorization)!;
        Assert.Equal(first.CallId, second.CallId);
        Assert.Equal(first.CSeq!.Value.Number + 1, second.CSeq!.Value.Number);
        // Check the digest independently of the implementation.
        var ha1 = Sha256("ext100:pbx:" + Password);
        var ha2 = Sha256("REGISTER:" + Param(auth, "uri"));
        var expected = Sha256($"{ha1}:abc123:{Param(auth, "nc")}:{Param(auth, "cnonce")}:auth:{ha2}");
        Assert.Equal(expected, Param(auth, "response"));
        Assert.DoesNotContain(Password, auth, StringComparison.Ordinal);
        await ReplyAsync(second, 200, "OK", $"Contact: {second.Headers.Get(SipHeaderNames.Contact)};expires=60");
        var registration = _ua!.Registrations[0];
        await SipUserAgentCallTests.WaitUntil(() => registration.State == SipRegistrationState.Registered);
        Assert.Equal(60, registration.GrantedExpires);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(await _registrar.StaysQuietAsync(m => m.Method == "REGISTER", 0.3));
        _time.Advance(TimeSpan.FromSeconds(1));
        var refresh = await _registrar.ExpectRequestAsync("REGISTER");
        Assert.Equal(first.CallId, refresh.CallId);
    }

    [Fact]
    public async Task Wrong_credentials_fail_and_are_retried_later()
    {
        StartUa();
        var challenge = "WWW-Authenticate: Digest realm=\"pbx\", nonce=\"n1\", algorithm=MD5";
        await ReplyAsync(await _registrar.ExpectRequestAsync("REGISTER"), 401, "Unauthorized", challenge);
        var withAuth = await _registrar.ExpectRequestAsync("REGISTER");
        Assert.Contains("algorithm=MD5", withAuth.Headers.Get(SipHeaderNames.Authorization), StringComparison.Ordinal);
        await ReplyAsync(withAuth, 401, "Unauthorized", challenge.Replace("n1", "n2", StringComparison.Ordinal));
        var registration = _ua!.Registrations[0];
        await SipUserAgentCallTests.WaitUntil(() => registration.State == SipRegistrationState.Failed);
        Assert.Equal(401, registration.LastStatus);
        Assert.True(await _registrar.StaysQuietAsync(m => m.Method == "REGISTER", 0.3));
        _time.Advance(TimeSpan.FromSeconds(20));
        await _registrar.ExpectRequestAsync("REGISTER");
    }

    [Fact]
    public async Task Interval_too_brief_is_retried_with_min_expires()
    {
        StartUa(expires: 30);
        var first = await _registrar.ExpectRequestAsync("REGISTER");
        await ReplyAsync(first, 423, "Interval Too Brief", "Min-Expires: 120");
        var second = await _registrar.ExpectRequestAsync("REGISTER");
        Assert.Equal(120, second.Expires);
    }

    [Fact]
    public void Options_never_print_the_password()
    {
        var options = new SipRegistrationOptions { RegistrarHost = "pbx", User = "100", Password = Password };
        Assert.DoesNotContain(Password, options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, (SipUserAgentCallTests.Options() with { Registrations = [options] }).ToString(), StringComparison.Ordinal);
    }
}
