using Appliance.Configuration.Validation;

namespace Appliance.Service.Compat;

/// <summary>
/// Renames the canonical field paths in validation errors to the names a dialect's client sent, so
/// a refusal names the field the client knows ("voiceSpeed", not "audio_speed").
/// </summary>
internal sealed partial class DialectErrors(IReadOnlyDictionary<string, string> canonicalToDialect)
{
    public ValidationErrors Rename(ValidationErrors canonical)
    {
        var renamed = new ValidationErrors();
        foreach (var (field, messages) in canonical.ToDictionary())
        {
            var name = RenamePath(field);
            foreach (var message in messages)
            {
                renamed.Add(name, message);
            }
        }
        return renamed;
    }

    /// <summary>Renames the longest mapped prefix of a path ("extensions.mcp_servers[0].connection_name" → "...name").</summary>
    public string RenamePath(string path)
    {
        if (canonicalToDialect.TryGetValue(path, out var exact))
        {
            return exact;
        }
        // Strip list indexes to find a mapping for the element path, then put them back.
        var unindexed = IndexRegex().Replace(path, "[]");
        if (canonicalToDialect.TryGetValue(unindexed, out var element))
        {
            return ReapplyIndexes(path, element);
        }
        var cut = path.Length;
        while ((cut = path.LastIndexOfAny(['.', '['], cut - 1)) > 0)
        {
            if (canonicalToDialect.TryGetValue(path[..cut], out var prefix)
                || canonicalToDialect.TryGetValue(IndexRegex().Replace(path[..cut], "[]"), out prefix))
            {
                return prefix + path[cut..];
            }
        }
        return path;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\[\d+\]")]
    private static partial System.Text.RegularExpressions.Regex IndexRegex();

    [System.Text.RegularExpressions.GeneratedRegex(@"\[\]")]
    private static partial System.Text.RegularExpressions.Regex EmptyIndexRegex();

    private static string ReapplyIndexes(string original, string template)
    {
        var indexes = IndexRegex().Matches(original);
        var i = 0;
        return EmptyIndexRegex().Replace(template, _ => i < indexes.Count ? indexes[i++].Value : "[]");
    }
}
