using System.Globalization;
using System.Text.Json.Nodes;
using Appliance.Configuration.Validation;
using Appliance.Service.Http;
using Appliance.Telephony.Sip.Registration;

namespace Appliance.Service.Telephony;

/// <summary>
/// Read-only SIP status for the web page (API-key or session authenticated like all of /v1):
/// GET /v1/system/sip (listening endpoints, trusted peers, registrations per connection) and
/// GET /v1/system/sip/trace?limit=N (the newest SIP messages, credentials redacted). docs/telephony.md has the shapes.
/// </summary>
internal static class SipStatusEndpoints
{
    public static void MapSipStatus(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/system/sip", (SipHost host) => ApiResults.Json(Status(host))).WithTags("system");
        routes.MapGet("/v1/system/sip/trace", IResult (SipHost host, string? limit) =>
        {
            var max = host.Trace.Capacity;
            var n = 50;
            if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out n) || n < 1 || n > max))
            {
                var errors = new ValidationErrors();
                errors.Add("limit", $"must be a whole number from 1 to {max}");
                return ApiResults.Validation(errors);
            }
            var messages = new JsonArray();
            foreach (var m in host.Trace.Recent(n))
            {
                messages.Add((JsonNode)new JsonObject
                {
                    ["at"] = m.At,
                    ["direction"] = m.Outgoing ? "out" : "in",
                    ["transport"] = m.Transport,
                    ["remote"] = m.Remote,
                    ["text"] = m.Text,
                });
            }
            return ApiResults.Json(new JsonObject { ["messages"] = messages });
        }).WithTags("system");
    }

    public static JsonObject Status(SipHost host)
    {
        if (host.UserAgent is not { } ua)
        {
            return new JsonObject { ["running"] = false, ["listening"] = new JsonArray(), ["trusted_peers"] = new JsonArray(), ["registrations"] = new JsonArray() };
        }
        var listening = new JsonArray((JsonNode)new JsonObject { ["transport"] = "udp", ["address"] = ua.UdpEndPoint.ToString() });
        if (ua.TcpEndPoint is { } tcp)
        {
            listening.Add((JsonNode)new JsonObject { ["transport"] = "tcp", ["address"] = tcp.ToString() });
        }
        var trusted = new JsonArray();
        foreach (var peer in ua.TrustedPeers)
        {
            trusted.Add((JsonNode)peer.ToString());
        }
        var set = host.Connections;
        var registrations = new JsonArray();
        foreach (var r in ua.Registrations)
        {
            var index = IndexOf(set.Registrations, r.Options);
            var owner = index >= 0 ? set.RegistrationOwners[index] : null;
            registrations.Add((JsonNode)new JsonObject
            {
                ["connection_id"] = owner?.Id,
                ["connection_name"] = owner?.Name,
                ["registrar"] = $"{r.Options.RegistrarHost}:{r.Options.RegistrarPort}",
                ["user"] = r.Options.User,
                ["state"] = r.State.ToString().ToLowerInvariant(),
                ["last_status"] = r.LastStatus,
                ["last_error"] = LastError(r),
                ["expires_sec"] = r.State == SipRegistrationState.Registered ? r.GrantedExpires : null,
            });
        }
        return new JsonObject
        {
            ["running"] = true,
            ["listening"] = listening,
            ["trusted_peers"] = trusted,
            ["inbound_auth_users"] = set.InboundCredentials.Count,
            ["registrations"] = registrations,
        };
    }

    private static string? LastError(SipRegistration r) => r.State switch
    {
        SipRegistrationState.Failed when r.LastStatus == 0 => "no response from the registrar",
        SipRegistrationState.Failed when r.LastStatus is 401 or 407 or 403 => $"{r.LastStatus}: the registrar refused the credentials",
        SipRegistrationState.Failed => $"{r.LastStatus}: registration failed",
        _ => null,
    };

    private static int IndexOf(IReadOnlyList<SipRegistrationOptions> list, SipRegistrationOptions options)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == options)
            {
                return i;
            }
        }
        return -1;
    }
}
