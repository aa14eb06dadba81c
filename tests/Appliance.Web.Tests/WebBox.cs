using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Appliance.Web.Tests;

/// <summary>
/// The real service listening on a free 127.0.0.1 port (Kestrel, not the in-memory TestServer, so
/// a browser can reach it) with its own temp data directory. An optional clock replaces the system's.
/// </summary>
public sealed class WebBox : WebApplicationFactory<Program>
{
    private readonly TimeProvider? _time;
    private readonly int _sipPort;
    private readonly bool _ownsData;

    /// <param name="time">A clock for the whole box (a fake one in lockout tests).</param>
    /// <param name="sipPort">The SIP port, when a test dials the box; 0 takes any free port.</param>
    /// <param name="https">Also listen for HTTPS (the box's generated certificate) on <see cref="HttpsPort"/>.</param>
    /// <param name="dataDirectory">An existing data directory to start on (a restart); a fresh temp one otherwise.</param>
    public WebBox(TimeProvider? time = null, int sipPort = 0, bool https = false, string? dataDirectory = null)
    {
        _time = time;
        _sipPort = sipPort;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "appliance-web-" + Guid.NewGuid().ToString("N"));
        _ownsData = dataDirectory is null;
        Port = FreePort();
        HttpsPort = https ? FreePort() : 0;
        UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, Port);
            if (https)
            {
                k.Listen(IPAddress.Loopback, HttpsPort, listen => listen.UseHttps());
            }
        });
        StartServer();
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public int HttpsPort { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    public string SetupCodePath => Path.Combine(DataDirectory, "setup-code.txt");

    public string SetupCode => File.ReadAllText(SetupCodePath).Trim();

    public string ApiKey => File.ReadAllText(Path.Combine(DataDirectory, "initial-api-key.txt")).Trim();

    /// <summary>A plain client with its own cookie jar, talking to the real socket.</summary>
    public HttpClient Http() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = BaseUrl };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Data", DataDirectory);
        builder.UseSetting("Sip:Port", _sipPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (_time is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(_time));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsData)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open only leaves a temp folder behind.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
