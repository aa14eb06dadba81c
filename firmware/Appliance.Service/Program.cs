using Appliance.Configuration.Store;
using Appliance.Service.Endpoints;
using Appliance.Service.Hosting;
using Appliance.Service.Http;
using Appliance.Service.Telephony;
using Appliance.Service.Hal;
using Appliance.Service.Web;

// The composition root: the only place that knows every layer.
var builder = WebApplication.CreateSlimBuilder(args);
ConfigurationSetup.Apply(builder, args);
builder.AddWebHttps();
builder.Logging.AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
    o.UseUtcTimestamp = true;
});
// Per-request framework logs drown what a technician needs; appsettings/APPLIANCE_Logging__* can raise them.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = JsonBody.MaxBytes);
builder.Services.AddProblemDetails();

// Options are read from the built configuration, so test hosts and rigs can override them.
builder.Services.AddSingleton(services => ApplianceOptions.From(services.GetRequiredService<IConfiguration>()));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(services => ConfigurationStore.Open(
    services.GetRequiredService<ApplianceOptions>().DatabasePath, services.GetRequiredService<TimeProvider>()));
builder.Services.AddCallPath();
builder.Services.AddWebUi();

var app = builder.Build();
var options = app.Services.GetRequiredService<ApplianceOptions>();
var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Appliance");
var store = app.Services.GetRequiredService<ConfigurationStore>();
log.LogInformation("Appliance {Version} using {Database} ({Migrated} documents migrated)", SystemEndpoints.Version, options.DatabasePath, store.MigratedDocuments);
FirstApiKey.EnsureExists(store, options, log);
// Close the database as soon as the host has stopped, before anything else is torn down.
app.Lifetime.ApplicationStopped.Register(store.Dispose);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWebUi();
app.UseMiddleware<BearerAuthentication>();
app.MapSystem();
app.MapAgents();
app.MapPhoneNumbers();
app.MapConnections();
app.MapApiKeys();
app.MapCalls();
app.MapSipStatus();
app.MapBoardApi();
app.MapAgentPhoneCompat();
app.MapAgentConfigCompat();
app.MapVocodeCompat();
app.MapWebUi();

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
    {
        log.LogInformation("Listening on {Url}", url);
    }
});
app.Run();

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
