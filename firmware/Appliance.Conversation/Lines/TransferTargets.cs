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

    /// <summary>
    /// The URI a consultation INVITE (warm transfer) is sent to, and whether it goes through the PBX
    /// that sent the call: sip:/sips: URIs are called directly; a number, extension or tel: URI cannot
    /// be INVITEd as such, so it becomes sip:number@&lt;that PBX&gt; and the PBX routes it.
    /// </summary>
    public static (string Uri, bool ViaPbx) ToConsultUri(string target, string pbxHost)
    {
        target = target.Trim();
        if (target.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || target.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            return (target, false);
        }
        var uri = ToUri(target, pbxHost);
        // tel: parameters (";phone-context=...") are dropped: the PBX dials the number itself.
        return (uri.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? $"sip:{uri[4..].Split(';')[0]}@{pbxHost};user=phone" : uri, true);
    }
}
