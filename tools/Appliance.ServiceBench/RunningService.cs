using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Appliance.ServiceBench;

/// <summary>
/// A started service process. <see cref="StartAsync"/> returns once /healthz first answers 200 and
/// records how long that took from Process.Start, i.e. the cold start a supervisor would see.
/// </summary>
internal sealed partial class RunningService : IAsyncDisposable
{
    private const int SigTerm = 15;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;

    private RunningService(Process process, HttpClient client, TimeSpan startTime)
    {
        this.process = process;
        Client = client;
        StartTime = startTime;
    }

    public HttpClient Client { get; }

    public TimeSpan StartTime { get; }

    public static async Task<RunningService> StartAsync(BenchTarget target, string dataDirectory)
    {
        var port = FreeLoopbackPort();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        var process = new Process { StartInfo = target.StartInfo(port, dataDirectory) };
        // Drain the pipes so a chatty log can never block the service.
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new RunningService(process, client, await WaitForHealthAsync(client, process, clock));
        }
        catch
        {
            client.Dispose();
            process.Dispose();
            throw;
        }
    }

    /// <summary>Resident set size now, from /proc/PID/status (kB).</summary>
    public long ResidentKilobytes() => ProcStatus("VmRSS:");

    /// <summary>Peak resident set size so far (kB).</summary>
    public long PeakResidentKilobytes() => ProcStatus("VmHWM:");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            // A graceful stop, so the next start on the same data finds no journal to replay.
            _ = Kill(process.Id, SigTerm);
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        process.Dispose();
    }

    private static async Task<TimeSpan> WaitForHealthAsync(HttpClient client, Process process, Stopwatch clock)
    {
        while (clock.Elapsed < StartTimeout)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return clock.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.StartInfo.FileName} exited with code {process.ExitCode} before answering /healthz");
            }
            // Polling an external process: a 1 ms pause keeps the measurement fine-grained without spinning a core.
            await Task.Delay(1);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"{process.StartInfo.FileName} did not answer /healthz within {StartTimeout}");
    }

    private long ProcStatus(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(field.Length).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException($"no {field} in /proc/{process.Id}/status");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
