using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Appliance.Conversation.Tests.Fakes;

/// <summary>Starts a Kestrel app on 127.0.0.1 with a random port; the base of every fake cloud server.</summary>
public abstract class FakeServerHost : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>e.g. http://127.0.0.1:41234/</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public bool Stopped { get; private set; }

    protected async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        ConfigureServices(builder.Services);
        _app = builder.Build();
        Map(_app);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected abstract void Map(WebApplication app);

    /// <summary>Stops the server at once, cutting open connections (a cloud outage).</summary>
    public async Task KillAsync()
    {
        if (_app is null || Stopped)
        {
            return;
        }

        Stopped = true;
        using var now = new CancellationTokenSource();
        await now.CancelAsync();
        await _app.StopAsync(now.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await KillAsync();
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
