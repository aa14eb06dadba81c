namespace Appliance.Audio.Models;

/// <summary>
/// Finds model files fetched by tools/fetch-models.sh. Order: the folder named by
/// <c>APPLIANCE_MODELS_DIR</c>; then a <c>.models/</c> folder next to the executable or in any
/// folder above it (which finds the repo root's <c>.models/</c> from build and test outputs).
/// </summary>
public sealed class ModelLocator
{
    public const string EnvironmentVariable = "APPLIANCE_MODELS_DIR";
    public const string FolderName = ".models";

    private readonly string? _explicitDirectory;
    private readonly string _startDirectory;

    /// <param name="explicitDirectory">Overrides the environment variable (tests, configuration).</param>
    /// <param name="startDirectory">Where the upward search begins; defaults to the executable's folder.</param>
    public ModelLocator(string? explicitDirectory = null, string? startDirectory = null)
    {
        _explicitDirectory = explicitDirectory ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        _startDirectory = startDirectory ?? AppContext.BaseDirectory;
    }

    /// <summary>Full path of <paramref name="fileName"/>, or null when no candidate folder has it.</summary>
    public string? Find(string fileName)
    {
        // Only plain file names: a configured name must not walk out of the models folder.
        if (string.IsNullOrWhiteSpace(fileName) || fileName != Path.GetFileName(fileName) || fileName is "." or "..")
        {
            throw new ArgumentException("Expected a plain file name.", nameof(fileName));
        }
        if (!string.IsNullOrWhiteSpace(_explicitDirectory))
        {
            string candidate = Path.Combine(_explicitDirectory, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        for (var dir = new DirectoryInfo(_startDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, FolderName, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
