namespace Appliance.Service.Tests.Aot;

/// <summary>A fresh --data directory for one test, deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("appliance-aot-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process killed mid-write may still hold a file for a moment; the temp folder is swept anyway.
        }
    }
}
