using System.Security.Cryptography;
using System.Text;
using Appliance.Configuration.Store;
using Appliance.Service.Hosting;

namespace Appliance.Service.Web;

/// <summary>
/// The one-time code that proves the first visitor can see the console or the data directory, so a
/// stranger on the LAN cannot claim an unconfigured box. A new code is made at each start until
/// the technician password is set; then the file is deleted.
/// </summary>
internal sealed class SetupCode(ConfigurationStore store, ApplianceOptions options)
{
    // No 0/O or 1/I/L: the code is read off a console or a label.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private string? _code;

    public string FilePath => Path.Combine(Path.GetFullPath(options.Data), "setup-code.txt");

    public void IssueIfNeeded(ILogger logger)
    {
        if (store.GetTechnicianCredential() is not null)
        {
            File.Delete(FilePath);
            return;
        }
        var code = new StringBuilder();
        for (var i = 0; i < 12; i++)
        {
            if (i is 4 or 8)
            {
                code.Append('-');
            }
            code.Append(Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]);
        }
        _code = code.ToString();
        // Created with 0600 from the start (a fresh file), so the code is never readable by others, even briefly.
        File.Delete(FilePath);
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var writer = new StreamWriter(FilePath, Encoding.ASCII, fileOptions))
        {
            writer.WriteLine(_code);
        }
        Console.WriteLine();
        Console.WriteLine("  Web page setup code (one time; also in " + FilePath + "):");
        Console.WriteLine("    " + _code);
        Console.WriteLine("  Open the appliance's web page and enter it to set the technician password.");
        Console.WriteLine();
        logger.LogInformation("No technician password yet: the setup code was printed on the console and written to {Path}", FilePath);
    }

    /// <summary>True when <paramref name="candidate"/> is the current code (case and dashes ignored).</summary>
    public bool Matches(string? candidate)
    {
        if (_code is null || candidate is null || candidate.Length > 64)
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(_code.Replace("-", "", StringComparison.Ordinal));
        var given = Encoding.UTF8.GetBytes(candidate.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    public void Consume()
    {
        _code = null;
        File.Delete(FilePath);
    }
}
