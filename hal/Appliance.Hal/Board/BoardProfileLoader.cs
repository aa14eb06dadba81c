using System.Text.Json;

namespace Appliance.Hal.Board;

/// <summary>Reads a board profile from JSON and validates it, reporting every error at once.</summary>
public static class BoardProfileLoader
{
    /// <summary>Largest profile accepted; real ones are about 1 KB.</summary>
    public const int MaxJsonBytes = 64 * 1024;

    public static BoardProfile LoadFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new BoardProfileException(path, [$"file not found"]);
        }

        if (info.Length > MaxJsonBytes)
        {
            throw new BoardProfileException(path, [$"file is larger than {MaxJsonBytes} bytes"]);
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static BoardProfile Parse(string json, string source = "inline")
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxJsonBytes)
        {
            throw new BoardProfileException(source, [$"profile is larger than {MaxJsonBytes} bytes"]);
        }

        BoardProfile? profile;
        try
        {
            profile = JsonSerializer.Deserialize(json, BoardProfileJsonContext.Default.BoardProfile);
        }
        catch (JsonException ex)
        {
            throw new BoardProfileException(source, [$"not valid JSON ({ex.Message})"]);
        }

        if (profile is null)
        {
            throw new BoardProfileException(source, ["profile is empty (null)"]);
        }

        var errors = BoardProfileValidator.Validate(profile);
        if (errors.Count > 0)
        {
            throw new BoardProfileException(source, errors);
        }

        return profile;
    }
}
