using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Appliance.HilRig.Scenarios;

/// <summary>
/// Reads scenario files in YAML (JSON is valid YAML, so .json files load the same way) and checks
/// every step name and argument before anything runs.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>Step kinds and the arguments each accepts.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> StepArguments = new Dictionary<string, string[]>
    {
        ["ring"] = ["callerNumber", "callerName", "callerId", "maxRings"],
        ["expectOffHook"] = ["withinMs"],
        ["expectIncomingCall"] = ["callerNumber", "callerName"],
        ["expectAgentAudio"] = ["withinMs"],
        ["playCallerAudio"] = ["wav", "toneHz", "ms"],
        ["expectLed"] = ["led", "pattern"],
        ["wait"] = ["ms"],
        ["hangUp"] = ["tone"],
        ["agentHangsUp"] = [],
        ["flash"] = [],
        ["fault"] = ["kind"],
        ["expectOnHook"] = ["withinMs"],
        ["expectCallEnded"] = ["reason", "withinMs"],
    };

    public static Scenario Load(string path)
    {
        var text = File.ReadAllText(path);
        try
        {
            return Parse(text, path);
        }
        catch (YamlException ex)
        {
            throw new FormatException($"{path}: not valid YAML/JSON at line {ex.Start.Line}: {ex.Message}", ex);
        }
    }

    public static Scenario Parse(string text, string source)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new FormatException($"{source}: a scenario is one mapping with name, country, answerAfterRings and steps");
        }

        string name = Scalar(root, "name", source) ?? Path.GetFileNameWithoutExtension(source);
        string country = Scalar(root, "country", source) ?? "US";
        int rings = int.TryParse(Scalar(root, "answerAfterRings", source) ?? "2", out int r) && r is >= 1 and <= 20
            ? r
            : throw new FormatException($"{source}: answerAfterRings must be 1-20");
        if (!root.Children.TryGetValue(new YamlScalarNode("steps"), out var stepsNode) || stepsNode is not YamlSequenceNode steps || steps.Children.Count == 0)
        {
            throw new FormatException($"{source}: 'steps' must be a non-empty list");
        }

        var parsed = new List<ScenarioStep>();
        foreach (var node in steps.Children)
        {
            parsed.Add(ParseStep(node, $"{source} step {parsed.Count + 1}"));
        }

        return new Scenario(name, source, country, rings, parsed);
    }

    private static ScenarioStep ParseStep(YamlNode node, string where)
    {
        // A step is either a bare name ("- hangUp") or a one-key mapping ("- wait: { ms: 500 }").
        string kind;
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is YamlScalarNode bare)
        {
            kind = bare.Value ?? "";
        }
        else if (node is YamlMappingNode map && map.Children.Count == 1)
        {
            var (key, value) = map.Children.First();
            kind = ((YamlScalarNode)key).Value ?? "";
            if (value is YamlMappingNode argMap)
            {
                foreach (var (k, v) in argMap.Children)
                {
                    args[((YamlScalarNode)k).Value ?? ""] = v is YamlScalarNode s ? s.Value ?? "" : throw new FormatException($"{where}: argument values must be scalars");
                }
            }
            else if (value is not YamlScalarNode { Value: null or "" or "null" or "~" })
            {
                throw new FormatException($"{where}: arguments of '{kind}' must be a mapping");
            }
        }
        else
        {
            throw new FormatException($"{where}: a step is a name or a mapping with exactly one key");
        }

        if (!StepArguments.TryGetValue(kind, out var allowed))
        {
            throw new FormatException($"{where}: unknown step '{kind}' (known: {string.Join(", ", StepArguments.Keys)})");
        }

        foreach (var key in args.Keys)
        {
            if (Array.IndexOf(allowed, key) < 0)
            {
                throw new FormatException($"{where}: '{kind}' has no argument '{key}' (allowed: {string.Join(", ", allowed)})");
            }
        }

        return new ScenarioStep(kind, args);
    }

    private static string? Scalar(YamlMappingNode root, string key, string source) =>
        root.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? node is YamlScalarNode s ? s.Value : throw new FormatException($"{source}: '{key}' must be a scalar")
            : null;
}
