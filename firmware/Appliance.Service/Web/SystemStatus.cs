using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Appliance.Service.Endpoints;
using Appliance.Service.Hosting;
using Appliance.Service.Telephony;

namespace Appliance.Service.Web;

/// <summary>
/// The dashboard's status panels in one JSON object: version, uptime, CPU (from /proc/stat deltas
/// between two samples), memory (process RSS, MemAvailable/MemTotal), the data folder's
/// filesystem, SIP (the telephony layer's /v1/system/sip status) and cloud reachability.
/// A value the platform cannot give is null, shown as "unknown".
/// </summary>
internal sealed class SystemStatus(ApplianceOptions options, SipHost sip, CloudReachability cloud)
{
    private static readonly DateTime ProcessStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();
    private readonly Lock _gate = new();
    private (long Busy, long Total)? _lastCpu;
    private double? _cpuPercent;

    public JsonObject Snapshot()
    {
        var data = Path.GetFullPath(options.Data);
        return new JsonObject
        {
            ["version"] = SystemEndpoints.Version,
            ["uptime_sec"] = Math.Round((DateTime.UtcNow - ProcessStart).TotalSeconds, 1),
            ["cpu_percent"] = CpuPercent(),
            ["memory"] = Memory(),
            ["storage"] = Storage(data),
            ["sip"] = SipStatusEndpoints.Status(sip),
            ["cloud"] = cloud.Snapshot(),
        };
    }

    /// <summary>Busy share of all CPUs since the previous snapshot; null on the first one or without /proc.</summary>
    private double? CpuPercent()
    {
        if (ReadCpu() is not { } now)
        {
            return null;
        }
        lock (_gate)
        {
            if (_lastCpu is { } last && now.Total > last.Total)
            {
                _cpuPercent = Math.Round(100.0 * (now.Busy - last.Busy) / (now.Total - last.Total), 1);
                _lastCpu = now;
            }
            _lastCpu ??= now;
            return _cpuPercent;
        }
    }

    /// <summary>The aggregate "cpu" line of /proc/stat: busy = all jiffies but idle and iowait.</summary>
    private static (long Busy, long Total)? ReadCpu()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var fields = reader.ReadLine()?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields is not { Length: > 5 } || fields[0] != "cpu")
            {
                return null;
            }
            long total = 0;
            for (var i = 1; i < fields.Length && i <= 8; i++) // user..steal; guest is already in user
            {
                total += long.Parse(fields[i], CultureInfo.InvariantCulture);
            }
            var idle = long.Parse(fields[4], CultureInfo.InvariantCulture) + long.Parse(fields[5], CultureInfo.InvariantCulture);
            return (total - idle, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return null;
        }
    }

    private static JsonObject Memory()
    {
        long? available = null, total = null;
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
                {
                    total = MemInfoBytes(line);
                }
                else if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                {
                    available = MemInfoBytes(line);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux: the process figure alone.
        }
        return new JsonObject
        {
            ["process_rss_bytes"] = Environment.WorkingSet,
            ["available_bytes"] = available,
            ["total_bytes"] = total,
        };
    }

    /// <summary>"MemAvailable:   123456 kB" to bytes.</summary>
    private static long? MemInfoBytes(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : null;
    }

    private static JsonObject Storage(string data)
    {
        try
        {
            // On Linux a DriveInfo on any path is the filesystem holding it (statvfs).
            var drive = new DriveInfo(data);
            return new JsonObject { ["path"] = data, ["free_bytes"] = drive.AvailableFreeSpace, ["total_bytes"] = drive.TotalSize };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return new JsonObject { ["path"] = data, ["free_bytes"] = null, ["total_bytes"] = null };
        }
    }
}
