namespace Appliance.Telephony.Tests.Sip;

/// <summary>Loads the RFC 4475-style torture messages copied beside the test assembly.</summary>
internal static class TortureMessages
{
    public static byte[] Load(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Sip", "Torture", name));

    public static IEnumerable<string> Names(string prefix) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Sip", "Torture"), prefix + "*.sip")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!;
}
