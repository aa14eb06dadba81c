using Appliance.Configuration.Validation;

namespace Appliance.Conversation.Lines;

/// <summary>Turns a configured transfer target into the URI a REFER carries.</summary>
public static class TransferTargets
{
    /// <summary>
    /// sip:/sips:/tel: URIs pass through; an E.164 number becomes tel:+...; a bare extension becomes
    /// sip:ext@&lt;the PBX that sent the call&gt;.
    /// </summary>
    public static string ToUri(string target, string pbxHost)
    {
        target = target.Trim();
        if (target.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || target.StartsWith("sips:", StringComparison.OrdinalIgnoreCase)
            || target.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            return target;
        }
        return Formats.IsE164(target) ? "tel:" + target : $"sip:{target}@{pbxHost}";
    }
}
