using System.Security.Cryptography;
using System.Text;
using Appliance.Configuration.Model;

namespace Appliance.Service.Web;

/// <summary>PBKDF2-SHA256 with a random salt; verification in constant time.</summary>
internal static class PasswordHasher
{
    public const string Algorithm = "pbkdf2-sha256";
    // OWASP's 2023 floor for PBKDF2-SHA256 is 600k; 150k keeps a login near 0.1 s on a Cortex-A53
    // while the lockout caps online guessing. The count is stored, so it can be raised later.
    public const int Iterations = 150_000;
    public const int MinLength = 10;
    public const int MaxLength = 256;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static TechnicianCredential Hash(string password, DateTimeOffset now)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new TechnicianCredential(Algorithm, Iterations, salt, Derive(password, salt, Iterations), now);
    }

    public static bool Verify(string password, TechnicianCredential stored)
    {
        if (stored.Algorithm != Algorithm || stored.Iterations < 1 || password.Length > MaxLength)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Derive(password, stored.Salt, stored.Iterations), stored.Hash);
    }

    /// <summary>Why a new password is refused, or null when it is acceptable.</summary>
    public static string? Weakness(string? password) => password switch
    {
        null => "is required",
        { Length: < MinLength } => $"must be at least {MinLength} characters",
        { Length: > MaxLength } => $"must be at most {MaxLength} characters",
        _ when string.IsNullOrWhiteSpace(password) => "must not be blank",
        _ => null,
    };

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
