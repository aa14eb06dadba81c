using System.Diagnostics;

namespace Appliance.Service.Tests.Aot;

/// <summary>
/// How to start one published service binary: directly (x64) or under qemu-aarch64-static (arm64).
/// </summary>
public sealed class ServiceBinary
{
    public const string X64Variable = "APPLIANCE_AOT_BINARY";
    public const string Arm64Variable = "APPLIANCE_ARM64_BINARY";

    private ServiceBinary(string path, bool underQemu)
    {
        Path = path;
        UnderQemu = underQemu;
    }

    public string Path { get; }

    public bool UnderQemu { get; }

    /// <summary>What /v1/system must report as "architecture" (proves qemu really ran the arm64 code).</summary>
    public string Architecture => UnderQemu ? "arm64" : "x64";

    /// <summary>Emulation is slow: a start under qemu gets more time.</summary>
    public TimeSpan StartTimeout => UnderQemu ? TimeSpan.FromSeconds(90) : TimeSpan.FromSeconds(20);

    public static ServiceBinary X64 => new(Require(X64Variable), underQemu: false);

    public static ServiceBinary Arm64 => new(Require(Arm64Variable), underQemu: true);

    /// <summary>The command line for <c>appliance --urls URL --data DIR</c>.</summary>
    public ProcessStartInfo StartInfo(string url, string dataDirectory)
    {
        ProcessStartInfo info;
        if (UnderQemu)
        {
            // No -L prefix: with it the AOT binary dies silently. OnnxRuntime's CPU probe crashes
            // on the x86 host's /proc/cpuinfo, so the process sees an ARM one through a private
            // bind mount (unshare -m needs root).
            info = new ProcessStartInfo("unshare");
            foreach (var arg in new[] { "-m", "sh", "-c", "mount --bind \"$1\" /proc/cpuinfo && shift && exec qemu-aarch64-static \"$@\"", "sh", Arm64CpuInfo(), Path })
            {
                info.ArgumentList.Add(arg);
            }
        }
        else
        {
            info = new ProcessStartInfo(Path);
        }
        // SIP on a free port too, so binaries started side by side (x64, arm64, other tests) never collide on 5060.
        foreach (var arg in new[] { "--urls", url, "--data", dataDirectory, "--sip-port", "0" })
        {
            info.ArgumentList.Add(arg);
        }
        info.WorkingDirectory = dataDirectory;
        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        return info;
    }

    private static string Require(string variable)
    {
        var path = Environment.GetEnvironmentVariable(variable);
        Assert.False(string.IsNullOrWhiteSpace(path), $"{variable} is not set");
        Assert.True(File.Exists(path), $"{variable} points to {path}, which does not exist");
        return System.IO.Path.GetFullPath(path);
    }

    /// <summary>tools/cpuinfo.arm64 of this checkout (or APPLIANCE_ARM64_CPUINFO).</summary>
    private static string Arm64CpuInfo()
    {
        if (Environment.GetEnvironmentVariable("APPLIANCE_ARM64_CPUINFO") is { Length: > 0 } configured)
        {
            return configured;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "tools", "cpuinfo.arm64");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("tools/cpuinfo.arm64 not found above " + AppContext.BaseDirectory);
    }
}
