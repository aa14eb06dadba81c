using System.Net;
using Appliance.Telephony.Sip.Auth;
using Appliance.Telephony.Sip.Dialogs;
using Appliance.Telephony.Sip.Messages;
using Appliance.Telephony.Sip.Registration;
using Appliance.Telephony.Sip.Transactions;
using Appliance.Telephony.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Telephony.Sip.UserAgent;

/// <summary>
/// The appliance's SIP user agent: listens on UDP and TCP, registers its extensions, answers OPTIONS,
/// filters who may call, and hands each new call to <see cref="IncomingCall"/> so the conversation
/// layer can route it by <see cref="SipCall.RequestUser"/> and answer, refuse or redirect it.
/// </summary>
public sealed class SipUserAgent : ISipTransactionUser, IAsyncDisposable
{
    internal const string AllowedMethods = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REFER, NOTIFY, PRACK";
    internal const string SupportedOptions = "100rel, timer, replaces";

    private readonly List<SipCall> _calls = [];
    // Replaced as a whole (under the stack gate) when the configuration changes; readers take a snapshot.
    private volatile IReadOnlyList<SipRegistration> _registrations = [];
    private HashSet<IPAddress> _trusted = [];
    private SipDigestVerifier _digest;
    private IReadOnlyList<SipInboundCredential> _credentials = [];

    private SipUserAgent(SipUserAgentOptions options, SipTransportLayer transport, TimeProvider time, ILogger logger)
    {
        Options = options;
        Transport = transport;
        Time = time;
        Logger = logger;
        Layer = new SipTransactionLayer(transport, time, options.Timers) { User = this };
        _digest = new SipDigestVerifier(options.InboundCredentials, options.InboundDigestAlgorithms, time);
    }

    public SipUserAgentOptions Options { get; }

    public IPEndPoint UdpEndPoint => Transport.UdpEndPoint;

    public IPEndPoint? TcpEndPoint => Transport.TcpEndPoint;

    public IReadOnlyList<SipRegistration> Registrations => _registrations;

    /// <summary>Addresses whose INVITEs are taken without a challenge (configured peers and registrars).</summary>
    public IReadOnlyCollection<IPAddress> TrustedPeers => _trusted;

    /// <summary>A new incoming call. The handler calls Ring/Accept/Reject/Redirect (now or later); with no handler calls get 480.</summary>
    public event Action<SipCall>? IncomingCall;

    internal SipTransportLayer Transport { get; }

    internal SipTransactionLayer Layer { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    internal IPAddress RtpBindAddress => Options.Transport.BindAddress;

    public static SipUserAgent Start(SipUserAgentOptions options, TimeProvider time, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var transport = SipTransportLayer.Bind(options.Transport, time, logger);
        var ua = new SipUserAgent(options, transport, time, logger);
        transport.Start(ua.Layer);
        ua.Apply(options.Registrations, options.TrustedPeers, options.InboundCredentials, []);
        logger.LogInformation("SIP listening on UDP {Udp} TCP {Tcp}", transport.UdpEndPoint, transport.TcpEndPoint);
        return ua;
    }

    /// <summary>
    /// Applies changed connections without a restart: registrations that vanished or changed are
    /// un-registered, new ones register at once; trusted peers and inbound credentials are replaced.
    /// Calls in progress are not touched.
    /// </summary>
    public async Task ReconfigureAsync(IReadOnlyList<SipRegistrationOptions> registrations, IReadOnlyList<IPAddress> trustedPeers,
        IReadOnlyList<SipInboundCredential> inboundCredentials)
    {
        var retired = new List<SipRegistration>();
        foreach (var r in _registrations)
        {
            if (!registrations.Contains(r.Options))
            {
                retired.Add(r);
                await r.DisposeAsync().ConfigureAwait(false);
            }
        }
        Apply(registrations, trustedPeers, inboundCredentials, retired);
    }

    private void Apply(IReadOnlyList<SipRegistrationOptions> registrations, IReadOnlyList<IPAddress> trustedPeers,
        IReadOnlyList<SipInboundCredential> inboundCredentials, List<SipRegistration> retired)
    {
        var kept = new List<SipRegistration>();
        foreach (var r in _registrations)
        {
            if (!retired.Contains(r))
            {
                kept.Add(r);
            }
        }
        var added = new List<SipRegistration>();
        foreach (var options in registrations)
        {
            if (!kept.Exists(k => k.Options == options))
            {
                added.Add(new SipRegistration(this, options));
            }
        }
        HashSet<IPAddress> trusted = [.. trustedPeers];
        foreach (var r in (List<SipRegistration>)[.. kept, .. added])
        {
            // Registrars send the calls for their extensions: always trusted.
            trusted.UnionWith(r.RegistrarAddresses);
        }
        var digest = new SipDigestVerifier(inboundCredentials, Options.InboundDigestAlgorithms, Time);
        Layer.RunLocked(() =>
        {
            _registrations = [.. kept, .. added];
            _trusted = trusted;
            _digest = digest;
            _credentials = inboundCredentials;
        });
        foreach (var r in added)
        {
            r.Start();
        }
    }

    /// <summary>Places a call (consultation leg of an attended transfer, tests). <paramref name="destination"/> defaults to the URI's host.</summary>
    public SipCall Call(SipUri target, SipEndPoint? destination = null, SipNameAddress? from = null)
    {
        SipEndPoint dest;
        if (destination is { } given)
        {
            dest = given;
        }
        else if (!SipDialog.TryResolve(target, SipTransportKind.Udp, out dest))
        {
            throw new ArgumentException("Cannot resolve " + target.Host, nameof(target));
        }
        var self = from ?? new SipNameAddress(new SipUri("sip", "appliance", Transport.AdvertisedAddress.ToString()));
        var call = SipCall.Dial(this, target, dest, self);
        Layer.RunLocked(() => _calls.Add(call));
        return call;
    }

    /// <summary>
    /// Credentials answering a challenge to our INVITE from <paramref name="peer"/>: the registration
    /// to that registrar first, then the connection credentials configured for <paramref name="realm"/>.
    /// </summary>
    internal (string User, string Password)? FindCredentials(IPAddress peer, string realm)
    {
        foreach (var r in _registrations)
        {
            if (r.Options.Password is { } password && r.RegistrarAddresses.Contains(peer))
            {
                return (r.Options.AuthUser ?? r.Options.User, password);
            }
        }
        foreach (var c in _credentials)
        {
            if (c.Realm == realm)
            {
                return (c.User, c.Password);
            }
        }
        return null;
    }

    internal SipUri ContactUri(SipTransportKind kind) => Transport.CreateContactUri("appliance", kind);

    internal void Forget(SipCall call) => _calls.Remove(call);

    internal SipMessage CreateOptionsResponse(SipServerTransaction tx)
    {
        var ok = tx.CreateResponse(200, "OK");
        ok.Headers.Add(SipHeaderNames.Allow, AllowedMethods);
        ok.Headers.Add(SipHeaderNames.Accept, "application/sdp, application/dtmf-relay, message/sipfrag");
        ok.Headers.Add(SipHeaderNames.Supported, SupportedOptions);
        ok.Headers.Add(SipHeaderNames.Server, Options.UserAgent);
        return ok;
    }

    void ISipTransactionUser.OnRequest(SipServerTransaction transaction)
    {
        var request = transaction.Request;
        if (request.To?.Tag is not null)
        {
            var call = FindByDialog(request);
            if (call is null)
            {
                transaction.Respond(request.Method == "OPTIONS" ? CreateOptionsResponse(transaction) : transaction.CreateResponse(481, "Call/Transaction Does Not Exist"));
                return;
            }
            call.OnInDialogRequest(transaction);
            return;
        }
        switch (request.Method)
        {
            case "INVITE":
                OnNewInvite((InviteServerTransaction)transaction);
                break;
            case "OPTIONS":
                transaction.Respond(CreateOptionsResponse(transaction));
                break;
            case "BYE":
            case "INFO":
            case "UPDATE":
            case "NOTIFY":
            case "REFER":
            case "PRACK":
                transaction.Respond(481, "Call/Transaction Does Not Exist");
                break;
            case "REGISTER":
            case "SUBSCRIBE":
            case "MESSAGE":
            case "PUBLISH":
                transaction.Respond(405, "Method Not Allowed");
                break;
            default:
                transaction.Respond(501, "Not Implemented");
                break;
        }
    }

    private void OnNewInvite(InviteServerTransaction tx)
    {
        var request = tx.Request;
        if (!MayCall(tx))
        {
            return;
        }
        if (HasUnsupportedRequire(request, out var unsupported))
        {
            var response = tx.CreateResponse(420, "Bad Extension");
            response.Headers.Add(SipHeaderNames.Unsupported, unsupported!);
            tx.Respond(response);
            return;
        }
        var call = SipCall.FromInvite(this, tx);
        if (call.HasUnreadableOffer)
        {
            tx.Respond(400, "Bad SDP");
            return;
        }
        _calls.Add(call);
        if (IncomingCall is null)
        {
            call.Reject(480, "Temporarily Unavailable", "no call handler");
            return;
        }
        IncomingCall(call);
    }

    /// <summary>Trusted sources call freely; others answer a digest challenge, or get 403 (the reason is logged).</summary>
    private bool MayCall(InviteServerTransaction tx)
    {
        var source = tx.Peer.Address.Address;
        if ((_trusted.Count == 0 && !_digest.HasCredentials) || _trusted.Contains(source))
        {
            return true;
        }
        if (!_digest.HasCredentials)
        {
            Logger.LogInformation("INVITE from untrusted {Source} refused: not a trusted PBX/trunk address", source);
            tx.Respond(403, "Forbidden");
            return false;
        }
        var request = tx.Request;
        var verdict = _digest.Verify(request.Headers.Get(SipHeaderNames.Authorization), "INVITE", request.RequestUri!.ToString());
        switch (verdict.Outcome)
        {
            case DigestOutcome.Accepted:
                Logger.LogInformation("INVITE from {Source} authenticated as {User}", source, verdict.User);
                return true;
            case DigestOutcome.Refused:
                Logger.LogWarning("INVITE from {Source} refused: {Reason}", source, verdict.Reason);
                tx.Respond(403, "Forbidden");
                return false;
            default:
                var challenge = tx.CreateResponse(401, "Unauthorized");
                foreach (var value in _digest.Challenge(stale: verdict.Outcome == DigestOutcome.Stale))
                {
                    challenge.Headers.Add(SipHeaderNames.WwwAuthenticate, value);
                }
                tx.Respond(challenge);
                return false;
        }
    }

    private static bool HasUnsupportedRequire(SipMessage request, out string? tag)
    {
        foreach (var value in request.Headers.GetValues(SipHeaderNames.Require))
        {
            if (!value.Equals("timer", StringComparison.OrdinalIgnoreCase) && !value.Equals("replaces", StringComparison.OrdinalIgnoreCase)
                && !value.Equals("100rel", StringComparison.OrdinalIgnoreCase))
            {
                tag = value;
                return true;
            }
        }
        tag = null;
        return false;
    }

    void ISipTransactionUser.OnAck(SipMessage ack, SipEndPoint source)
    {
        if (ack.To?.Tag is not null)
        {
            FindByDialog(ack)?.OnAck(ack);
        }
    }

    void ISipTransactionUser.OnCancel(InviteServerTransaction invite)
    {
        foreach (var call in _calls)
        {
            if (call.IsIncoming && call.CallId == invite.Request.CallId && call.State == SipCallState.Offering)
            {
                call.OnCancelled();
                return;
            }
        }
    }

    void ISipTransactionUser.OnAckTimeout(InviteServerTransaction invite)
    {
        foreach (var call in _calls)
        {
            if (call.CallId == invite.Request.CallId && call.Dialog?.LocalTag == invite.LocalTag)
            {
                call.OnAckTimeout();
                return;
            }
        }
    }

    void ISipTransactionUser.OnStrayResponse(SipMessage response, SipEndPoint source)
    {
        foreach (var call in _calls)
        {
            if (call.Dialog is { } d && d.CallId == response.CallId && d.LocalTag == response.From?.Tag)
            {
                call.OnStray2xx(response);
                return;
            }
        }
    }

    private SipCall? FindByDialog(SipMessage request)
    {
        foreach (var call in _calls)
        {
            if (call.Dialog?.Matches(request) == true)
            {
                return call;
            }
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var r in _registrations)
        {
            await r.DisposeAsync().ConfigureAwait(false);
        }
        var calls = Layer.RunLocked(() => _calls.ToArray());
        foreach (var call in calls)
        {
            Layer.RunLocked(() => call.End(new SipCallEndReason("shutdown", 503)));
        }
        await Transport.DisposeAsync().ConfigureAwait(false);
    }
}
