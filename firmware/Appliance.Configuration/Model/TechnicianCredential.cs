namespace Appliance.Configuration.Model;

/// <summary>
/// The technician's web password as a salted PBKDF2 hash (the plain password is never stored).
/// Iterations are kept with the hash so a later release can raise them without locking anyone out.
/// </summary>
public sealed record TechnicianCredential(string Algorithm, int Iterations, byte[] Salt, byte[] Hash, DateTimeOffset SetAt);
