namespace Appliance.Hal.Board;

/// <summary>A board profile that cannot be used; <see cref="Errors"/> lists every problem found.</summary>
public sealed class BoardProfileException : Exception
{
    public BoardProfileException(string source, IReadOnlyList<string> errors)
        : base($"Board profile '{source}' is invalid: " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    public BoardProfileException()
    {
        Errors = [];
    }

    public BoardProfileException(string message)
        : base(message)
    {
        Errors = [message];
    }

    public BoardProfileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public IReadOnlyList<string> Errors { get; }
}
