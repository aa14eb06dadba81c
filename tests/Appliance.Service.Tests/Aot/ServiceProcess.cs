using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Appliance.Service.Tests.Aot;

/// <summary>
/// One running service binary on a kernel-chosen loopback port (<c>--urls http://127.0.0.1:0</c>),
/// found from its "Listening on" log line, so no free-port guessing races other test runs.
/// Keeps the process's output so a failure shows what the service said.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private const int SigTerm = 15;

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(Process process)
    {
        this.process = process;
    }

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public string Output => string.Join(Environment.NewLine, output);

    /// <summary>Starts the binary and returns once it listens; throws with its output if it exits or hangs.</summary>
    public static async Task<ServiceProcess> StartAsync(ServiceBinary binary, string dataDirectory)
    {
        var service = new ServiceProcess(new Process { StartInfo = binary.StartInfo("http://127.0.0.1:0", dataDirectory), EnableRaisingEvents = true });
        service.process.OutputDataReceived += (_, e) => service.OnLine(e.Data);
        service.process.ErrorDataReceived += (_, e) => service.OnLine(e.Data);
        service.process.Start();
        service.process.BeginOutputReadLine();
        service.process.BeginErrorReadLine();

        var exited = service.process.WaitForExitAsync();
        var ready = await Task.WhenAny(service.listening.Task, exited, Task.Delay(binary.StartTimeout));
        if (ready != service.listening.Task)
        {
            var why = ready == exited ? $"exited with code {service.process.ExitCode}" : $"did not listen within {binary.StartTimeout}";
            var said = service.Output;
            await service.DisposeAsync();
            throw new InvalidOperationException($"{binary.Path} {why}. Its output:{Environment.NewLine}{said}");
        }
        service.Client.BaseAddress = await service.listening.Task;
        return service;
    }

    /// <summary>Asks for a graceful stop (SIGTERM, as systemd does) and returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        Assert.Equal(0, Kill(process.Id, SigTerm));
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"the service did not stop within {timeout} of SIGTERM. Its output:{Environment.NewLine}{Output}");
        }
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        output.Enqueue(line);
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(new Uri(match.Groups["url"].Value));
        }
    }

    [GeneratedRegex(@"Listening on (?<url>http://[^\s/]+)")]
    private static partial Regex ListeningLine();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
