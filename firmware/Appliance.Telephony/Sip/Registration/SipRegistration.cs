using System.Globalization;
using System.Net;
using Appliance.Telephony.Sip.Auth;
using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Transactions;
using Appliance.Telephony.Sip.Transport;
using Appliance.Telephony.Sip.UserAgent;
using Microsoft.Extensions.Logging;

namespace Appliance.Telephony.Sip.Registration;

/// <summary>
/// Keeps one extension registered (RFC 3261 §10): digest authentication (MD5, SHA-256), refresh
/// before expiry, retry after failure, 423 Min-Expires, and an OPTIONS keep-alive to the registrar.
/// </summary>
public sealed class SipRegistration : IAsyncDisposable
{
    private readonly SipUserAgent _ua;
    private readonly SipRegistrationOptions _options;
    private readonly string _callId = SipTransportLayer.NewToken();
    private readonly string _fromTag = SipTransportLayer.NewToken();
    private readonly SipEndPoint? _registrar;
    private uint _cseq;
    private int _expires;
    private ITimer? _timer;
    private ITimer? _keepAlive;
    private string? _lastNonce;
    private uint _nonceCount;
    private bool _disposed;

    internal SipRegistration(SipUserAgent ua, SipRegistrationOptions options)
    {
        _ua = ua;
        _options = options;
        _expires = options.ExpiresSeconds;
        if (TryResolve(options.RegistrarHost, out var address))
        {
            _registrar = new SipEndPoint(options.Transport, new IPEndPoint(address, options.RegistrarPort));
        }
    }

    public SipRegistrationOptions Options => _options;

    public SipRegistrationState State { get; private set; } = SipRegistrationState.Unregistered;

    /// <summary>Status of the last final response (0 for a timeout).</summary>
    public int LastStatus { get; private set; }

    /// <summary>Seconds the registrar granted in the last successful registration.</summary>
    public int GrantedExpires { get; private set; }

    public event Action<SipRegistration>? StateChanged;

    internal IEnumerable<IPAddress> RegistrarAddresses => _registrar is { } r ? [r.Address.Address] : [];

    private string Domain => _options.Domain ?? _options.RegistrarHost;

    internal void Start() => _ua.Layer.RunLocked(() => Send(null, _expires));

    private void Send(DigestChallenge? challenge, int expires, bool proxy = false)
    {
        if (_registrar is not { } registrar)
        {
            SetState(SipRegistrationState.Failed, 0);
            return;
        }
        var requestUri = new SipUri("sip", null, Domain, _options.Domain is null ? _options.RegistrarPort : null);
        var register = SipMessage.CreateRequest("REGISTER", requestUri);
        var aor = new SipUri("sip", _options.User, Domain);
        register.Headers.Add(SipHeaderNames.From, "<" + aor + ">;tag=" + _fromTag);
        register.Headers.Add(SipHeaderNames.To, "<" + aor + ">");
        register.Headers.Add(SipHeaderNames.CallId, _callId);
        register.Headers.Add(SipHeaderNames.CSeq, (++_cseq).ToString(CultureInfo.InvariantCulture) + " REGISTER");
        register.Headers.Add(SipHeaderNames.MaxForwards, "70");
        var contact = _ua.Transport.CreateContactUri(_options.User, registrar.Transport);
        register.Headers.Add(SipHeaderNames.Contact, "<" + contact + ">");
        register.Headers.Add(SipHeaderNames.Expires, expires.ToString(CultureInfo.InvariantCulture));
        register.Headers.Add(SipHeaderNames.UserAgent, _ua.Options.UserAgent);
        if (challenge is not null)
        {
            _nonceCount = challenge.Nonce == _lastNonce ? _nonceCount + 1 : 1;
            _lastNonce = challenge.Nonce;
            var header = DigestAuthenticator.CreateAuthorization(challenge, "REGISTER", requestUri.ToString(),
                _options.AuthUser ?? _options.User, _options.Password ?? string.Empty, DigestAuthenticator.NewCnonce(), _nonceCount);
            register.Headers.Add(proxy ? SipHeaderNames.ProxyAuthorization : SipHeaderNames.Authorization, header);
        }
        if (State != SipRegistrationState.Registered)
        {
            SetState(SipRegistrationState.Registering, LastStatus);
        }
        _ua.Layer.SendRequest(register, registrar, (_, r) => OnResponse(r, challenge, expires), _ => Fail(0));
    }

    private void OnResponse(SipMessage response, DigestChallenge? answered, int expires)
    {
        if (_disposed || response.StatusCode < 200)
        {
            return;
        }
        switch (response.StatusCode)
        {
            case >= 200 and < 300:
                OnRegistered(response, expires);
                return;
            case 401 or 407:
                var proxy = response.StatusCode == 407;
                var header = response.Headers.Get(proxy ? SipHeaderNames.ProxyAuthenticate : SipHeaderNames.WwwAuthenticate);
                // A second challenge for credentials we already sent means they are wrong, unless the nonce was stale.
                if (DigestChallenge.TryParse(header, out var challenge) && challenge!.IsSupported && _options.Password is not null
                    && (answered is null || challenge.Stale))
                {
                    Send(challenge, expires, proxy);
                    return;
                }
                Fail(response.StatusCode);
                return;
            case 423 when int.TryParse(response.Headers.Get(SipHeaderNames.MinExpires), NumberStyles.None, CultureInfo.InvariantCulture, out var min):
                _expires = min;
                Send(answered, min);
                return;
            default:
                Fail(response.StatusCode);
                return;
        }
    }

    private void OnRegistered(SipMessage response, int requested)
    {
        if (requested == 0)
        {
            SetState(SipRegistrationState.Unregistered, response.StatusCode);
            return;
        }
        var granted = response.Expires ?? requested;
        var contacts = new List<SipNameAddress>();
        if (response.TryGetAddresses(SipHeaderNames.Contact, contacts))
        {
            foreach (var c in contacts)
            {
                if (c.Uri.User == _options.User && int.TryParse(c.Parameters.Get("expires"), NumberStyles.None, CultureInfo.InvariantCulture, out var e))
                {
                    granted = e;
                }
            }
        }
        GrantedExpires = Math.Max(granted, 1);
        // Refresh ahead of expiry: half way for short grants, 30 s early for long ones.
        var refresh = GrantedExpires > 120 ? GrantedExpires - 30 : GrantedExpires / 2.0;
        Reschedule(TimeSpan.FromSeconds(Math.Max(1, refresh)), () => Send(null, _expires));
        StartKeepAlive();
        // State last: observers may act on it at once, so the timers must already be armed.
        SetState(SipRegistrationState.Registered, response.StatusCode);
    }

    private void Fail(int status)
    {
        if (_disposed)
        {
            return;
        }
        _ua.Logger.LogWarning("Registration of {User} at {Registrar} failed: {Status}", _options.User, _options.RegistrarHost, status);
        _keepAlive?.Dispose();
        _keepAlive = null;
        Reschedule(_options.RetryAfterFailure, () => Send(null, _expires));
        SetState(SipRegistrationState.Failed, status);
    }

    private void StartKeepAlive()
    {
        if (_keepAlive is not null || _options.KeepAliveInterval <= TimeSpan.Zero)
        {
            return;
        }
        _keepAlive = _ua.Time.CreateTimer(_ => _ua.Layer.RunLocked(SendKeepAlive), null, _options.KeepAliveInterval, _options.KeepAliveInterval);
    }

    private void SendKeepAlive()
    {
        if (_disposed || State != SipRegistrationState.Registered || _registrar is not { } registrar)
        {
            return;
        }
        var options = SipMessage.CreateRequest("OPTIONS", new SipUri("sip", null, Domain));
        var aor = new SipUri("sip", _options.User, Domain);
        options.Headers.Add(SipHeaderNames.From, "<" + aor + ">;tag=" + SipTransportLayer.NewToken());
        options.Headers.Add(SipHeaderNames.To, "<" + new SipUri("sip", null, Domain) + ">");
        options.Headers.Add(SipHeaderNames.CallId, SipTransportLayer.NewToken());
        options.Headers.Add(SipHeaderNames.CSeq, "1 OPTIONS");
        options.Headers.Add(SipHeaderNames.MaxForwards, "70");
        // Any response proves the path is alive; only silence triggers a new registration.
        _ua.Layer.SendRequest(options, registrar, (_, _) => { }, _ => Fail(0));
    }

    private void Reschedule(TimeSpan due, Action action)
    {
        _timer?.Dispose();
        _timer = _ua.Time.CreateTimer(_ => _ua.Layer.RunLocked(() =>
        {
            if (!_disposed)
            {
                action();
            }
        }), null, due, Timeout.InfiniteTimeSpan);
    }

    private void SetState(SipRegistrationState state, int status)
    {
        LastStatus = status;
        if (State == state)
        {
            return;
        }
        State = state;
        StateChanged?.Invoke(this);
    }

    private static bool TryResolve(string host, out IPAddress address)
    {
        if (IPAddress.TryParse(host, out address!))
        {
            return true;
        }
        try
        {
            var all = Dns.GetHostAddresses(host);
            address = all.Length > 0 ? all[0] : IPAddress.None;
            return all.Length > 0;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>Stops refreshing and sends a best-effort un-REGISTER (Expires: 0).</summary>
    public ValueTask DisposeAsync()
    {
        _ua.Layer.RunLocked(() =>
        {
            if (State == SipRegistrationState.Registered)
            {
                Send(null, 0);
            }
            _disposed = true;
            _timer?.Dispose();
            _keepAlive?.Dispose();
        });
        return ValueTask.CompletedTask;
    }
}
