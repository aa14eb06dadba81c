using System.Net;
using Appliance.Service.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Appliance.Service.Web;

/// <summary>
/// Plain HTTP is for the box itself: a request from another machine over HTTP is sent to the HTTPS
/// endpoint (GET/HEAD, 308) or refused (anything else: its body and credentials already crossed the
/// LAN in clear, so it must not be acted on). <c>Web:AllowPlainHttp=true</c> lifts this for rigs
/// on a closed network. HTTPS responses carry HSTS.
/// </summary>
internal sealed class LanHttpsRedirect(RequestDelegate next, IServer server, IConfiguration configuration)
{
    private const string Hsts = "max-age=31536000";
    private readonly bool _allowPlainHttp = WebHttps.IsOn(configuration["Web:AllowPlainHttp"]);
    private int? _httpsPort;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.IsHttps)
        {
            context.Response.Headers.StrictTransportSecurity = Hsts;
            return next(context);
        }
        if (_allowPlainHttp || IsLocal(context.Connection.RemoteIpAddress))
        {
            return next(context);
        }
        // Kestrel's addresses are final once it serves; none found is looked up again next time.
        var port = _httpsPort is > 0 ? _httpsPort.Value : (_httpsPort = HttpsPort()).Value;
        var method = context.Request.Method;
        var host = context.Request.Host.Host;
        if (port == 0 || !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            return ApiResults.Problem(StatusCodes.Status403Forbidden, "HTTPS required",
                port == 0 ? "plain HTTP is served only to this machine and no HTTPS endpoint is configured" : $"use HTTPS (port {port})").ExecuteAsync(context);
        }
        var target = new UriBuilder("https", host, port).Uri.GetLeftPart(UriPartial.Authority)
            + context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = target;
        return Task.CompletedTask;
    }

    /// <summary>Loopback (also IPv4-mapped), or no socket at all (an in-process test server).</summary>
    private static bool IsLocal(IPAddress? remote) =>
        remote is null || IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);

    /// <summary>The port of the first HTTPS address Kestrel bound; 0 when there is none.</summary>
    private int HttpsPort()
    {
        foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            if (address.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                && Uri.TryCreate(address.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
            {
                return uri.Port;
            }
        }
        return 0;
    }
}
