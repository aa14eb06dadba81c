using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Appliance.Configuration.Store;
using Appliance.Service.Http;

namespace Appliance.Service.Endpoints;

/// <summary>/healthz (no auth, for supervisors and rigs) and /v1/system (version, uptime, storage).</summary>
internal static class SystemEndpoints
{
    private static readonly long StartTimestamp = Stopwatch.GetTimestamp();

    public static string Version { get; } =
        typeof(SystemEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    // Only the .NET host hands a JIT process its deps.json; a Native AOT binary has none. (The
    // RuntimeFeature switches cannot tell: PublishAot turns them off for JIT runs too.)
    private static bool IsNativeAot => AppContext.GetData("APP_CONTEXT_DEPS_FILES") is null;

    public static void MapSystem(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => ApiResults.Json(new JsonObject { ["status"] = "ok" })).WithTags("system");

        routes.MapGet("/v1/system", (ConfigurationStore store) =>
        {
            var uptime = Stopwatch.GetElapsedTime(StartTimestamp);
            var file = new FileInfo(store.FilePath);
            return ApiResults.Json(new JsonObject
            {
                ["version"] = Version,
                ["uptime_sec"] = Math.Round(uptime.TotalSeconds, 1),
                ["storage_path"] = Path.GetFullPath(store.FilePath),
                ["storage_bytes"] = file.Exists ? file.Length : 0,
                ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
                ["architecture"] = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
                ["native_aot"] = IsNativeAot,
            });
        }).WithTags("system");
    }
}
