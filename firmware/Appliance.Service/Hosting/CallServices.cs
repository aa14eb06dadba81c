using Appliance.Audio;
using Appliance.Audio.Mixing;
using Appliance.Audio.Models;
using Appliance.Audio.Vad;
using Appliance.Configuration.Store;
using Appliance.Conversation.Providers;
using Appliance.Conversation.Providers.Fallback;
using Appliance.Conversation.Routing;
using Appliance.Conversation.Session;
using Appliance.Service.Hal;
using Appliance.Service.Telephony;

namespace Appliance.Service.Hosting;

/// <summary>Wires the call path: VAD model, generated sounds, provider chains, router, coordinator, SIP.</summary>
internal static class CallServices
{
    public static IServiceCollection AddCallPath(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var factory = new VadClassifierFactory(new ModelLocator(sp.GetRequiredService<IConfiguration>()["Models"]));
            var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Appliance.Audio");
            if (factory.UsingFallback)
            {
                log.LogWarning("Silero VAD model not loaded ({Reason}); using the energy VAD", factory.FallbackReason);
            }
            else
            {
                log.LogInformation("Silero VAD model loaded from {Path}", factory.ModelPath);
            }
            return factory;
        });
        services.AddSingleton(_ => new SoundLibrary(AudioFormat.TelephonyRate));
        services.AddSingleton(sp => new ProviderChainFactory(
            new HttpClient { Timeout = Timeout.InfiniteTimeSpan },
            new EndpointGuards(sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton(sp =>
        {
            var store = sp.GetRequiredService<ConfigurationStore>();
            var vad = sp.GetRequiredService<VadClassifierFactory>();
            return new CallSessionServices(
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("Appliance.Call"),
                CallSessionServices.VadClassifiers(vad, AudioFormat.TelephonyRate),
                sp.GetRequiredService<SoundLibrary>(),
                store.SaveCallRecord,
                sp.GetRequiredService<ApplianceOptions>().RecordingsDirectory);
        });
        services.AddSingleton(sp => new CallRouter(sp.GetRequiredService<ConfigurationStore>()));
        services.AddSingleton(sp => new CallConfigurationClient(
            new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Appliance.Call")));
        services.AddSingleton(sp => new CallCoordinator(
            sp.GetRequiredService<ConfigurationStore>(), sp.GetRequiredService<ProviderChainFactory>(), sp.GetRequiredService<CallSessionServices>(),
            sp.GetRequiredService<CallConfigurationClient>()));
        services.AddHostedService(sp => new CallRetentionService(
            sp.GetRequiredService<ConfigurationStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<CallRetentionService>>(),
            CallRetentionService.Limits.From(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("Appliance.Calls")),
            sp.GetRequiredService<ApplianceOptions>().RecordingsDirectory));
        services.AddSingleton<SipHost>();
        services.AddHostedService(sp => sp.GetRequiredService<SipHost>());
        services.AddBoard(); // the analog line's calls take the same path
        return services;
    }
}
