using System.Text.Json.Nodes;
using Appliance.Configuration.Secrets;

namespace Appliance.Configuration.Patching;

/// <summary>
/// The update rule shared by every PUT and upsert: a top-level field that is sent replaces the
/// stored one (null included: null is a value, e.g. "disable the poke"); a sent object is merged
/// into the stored object field by field as in RFC 7396 (there a null removes the field, which is
/// how seed 004 clears an integration field or removes a provider); arrays and the fields named in
/// <c>replaceWhole</c> are replaced whole, carrying stored secrets over.
/// </summary>
public static class JsonMerge
{
    public static void ApplyTopLevel(JsonObject stored, JsonObject patch, IReadOnlySet<string> replaceWhole)
    {
        foreach (var (key, value) in patch)
        {
            var current = stored[key];
            if (value is JsonObject patchObj && current is JsonObject currentObj && !replaceWhole.Contains(key))
            {
                MergePatch(currentObj, patchObj);
            }
            else
            {
                var replacement = value?.DeepClone();
                SecretCarryOver.Apply(current, replacement);
                stored[key] = replacement;
            }
        }
    }

    /// <summary>RFC 7396 JSON merge patch of <paramref name="patch"/> into <paramref name="target"/>.</summary>
    public static void MergePatch(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject patchObj && target[key] is JsonObject targetObj)
            {
                MergePatch(targetObj, patchObj);
            }
            else
            {
                var replacement = value.DeepClone();
                SecretCarryOver.Apply(target[key], replacement);
                target[key] = replacement;
            }
        }
    }
}
