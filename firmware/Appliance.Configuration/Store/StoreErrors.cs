namespace Appliance.Configuration.Store;

/// <summary>The record asked for does not exist.</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found");

/// <summary>The request collides with another record (a name or number already taken).</summary>
public sealed class ConflictException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
