using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Appliance.Service.Web;

/// <summary>
/// Technician sessions held in memory (a restart logs everyone out). Each session has a random
/// cookie token and its own CSRF token (synchronizer pattern) that the page sends back in
/// <see cref="CsrfHeader"/> on every state-changing request.
/// </summary>
internal sealed class WebSessions(TimeProvider time)
{
    public const string CookieName = "appliance_session";
    public const string CsrfHeader = "X-CSRF-Token";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(12);
    private const int MaxSessions = 100;

    public sealed record Session(string Token, string CsrfToken, DateTimeOffset CreatedAt)
    {
        public DateTimeOffset LastSeen { get; set; } = CreatedAt;
    }

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    public Session Create()
    {
        var now = time.GetUtcNow();
        RemoveExpired(now);
        if (_sessions.Count >= MaxSessions)
        {
            // Too many live sessions: the oldest one goes rather than refusing the technician.
            Session? oldest = null;
            foreach (var s in _sessions.Values)
            {
                oldest = oldest is null || s.CreatedAt < oldest.CreatedAt ? s : oldest;
            }
            _sessions.TryRemove(oldest!.Token, out _);
        }
        var session = new Session(NewToken(), NewToken(), now);
        _sessions[session.Token] = session;
        return session;
    }

    /// <summary>The live session the request's cookie names, refreshing its idle timer; else null.</summary>
    public Session? Find(HttpContext context)
    {
        var token = context.Request.Cookies[CookieName];
        if (token is not { Length: > 0 and <= 100 } || !_sessions.TryGetValue(token, out var session))
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (IsExpired(session, now))
        {
            _sessions.TryRemove(token, out _);
            return null;
        }
        session.LastSeen = now;
        return session;
    }

    /// <summary>True when the request carries the session's CSRF token (compared in constant time).</summary>
    public static bool HasValidCsrf(HttpContext context, Session session)
    {
        var sent = context.Request.Headers[CsrfHeader].ToString();
        return sent.Length == session.CsrfToken.Length
            && CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(sent), System.Text.Encoding.ASCII.GetBytes(session.CsrfToken));
    }

    public static bool IsStateChanging(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));

    /// <summary>True while the session is neither ended nor expired (a long-lived stream checks this).</summary>
    public bool IsLive(Session session) =>
        _sessions.TryGetValue(session.Token, out var current) && ReferenceEquals(current, session) && !IsExpired(session, time.GetUtcNow());

    public void End(Session session) => _sessions.TryRemove(session.Token, out _);

    public static void WriteCookie(HttpContext context, Session session) =>
        context.Response.Cookies.Append(CookieName, session.Token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            MaxAge = MaxLifetime,
        });

    public static void ClearCookie(HttpContext context) =>
        context.Response.Cookies.Delete(CookieName, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, Path = "/" });

    private static bool IsExpired(Session session, DateTimeOffset now) =>
        now - session.LastSeen > IdleTimeout || now - session.CreatedAt > MaxLifetime;

    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var (token, session) in _sessions)
        {
            if (IsExpired(session, now))
            {
                _sessions.TryRemove(token, out _);
            }
        }
    }

    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
