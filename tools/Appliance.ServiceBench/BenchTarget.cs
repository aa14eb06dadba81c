using System.Diagnostics;

namespace Appliance.ServiceBench;

/// <summary>One way of running the service: the Native AOT binary, or <c>dotnet appliance.dll</c> on the JIT.</summary>
internal sealed class BenchTarget
{
    private BenchTarget(string name, string fileName, string? entryAssembly, string artifactPath)
    {
        Name = name;
        FileName = fileName;
        EntryAssembly = entryAssembly;
        ArtifactPath = artifactPath;
    }

    public string Name { get; }

    public string FileName { get; }

    /// <summary>The dll handed to the dotnet host, or null for a native binary.</summary>
    public string? EntryAssembly { get; }

    /// <summary>The AOT binary, or the JIT app's folder: what would ship.</summary>
    public string ArtifactPath { get; }

    public static BenchTarget Aot(string binary) => new("AOT", RequireFile(binary), null, binary);

    public static BenchTarget Jit(string dll) => new("JIT", "dotnet", RequireFile(dll), Path.GetDirectoryName(Path.GetFullPath(dll))!);

    public long ArtifactBytes => File.Exists(ArtifactPath)
        ? new FileInfo(ArtifactPath).Length
        : new DirectoryInfo(ArtifactPath).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    public ProcessStartInfo StartInfo(int port, string dataDirectory)
    {
        var info = new ProcessStartInfo(FileName)
        {
            WorkingDirectory = dataDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (EntryAssembly is not null)
        {
            info.ArgumentList.Add(EntryAssembly);
        }
        foreach (var arg in new[] { "--urls", $"http://127.0.0.1:{port}", "--data", dataDirectory })
        {
            info.ArgumentList.Add(arg);
        }
        return info;
    }

    private static string RequireFile(string path) =>
        File.Exists(path) ? Path.GetFullPath(path) : throw new FileNotFoundException($"{path} not found; run tools/publish-aot.sh --jit first");
}
