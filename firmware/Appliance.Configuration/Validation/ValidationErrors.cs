namespace Appliance.Configuration.Validation;

/// <summary>Errors keyed by the offending field's path (snake_case, e.g. "tasks[0].name").</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }
        list.Add(message);
    }

    public bool Contains(string field) => _errors.ContainsKey(field);

    public IDictionary<string, string[]> ToDictionary()
    {
        var result = new Dictionary<string, string[]>(_errors.Count, StringComparer.Ordinal);
        foreach (var (field, messages) in _errors)
        {
            result[field] = [.. messages];
        }
        return result;
    }

    public override string ToString() => string.Join("; ", _errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));
}

/// <summary>Thrown by the store when a request breaks a rule that needs other records to check.</summary>
public sealed class ValidationException(ValidationErrors errors) : Exception(errors.ToString())
{
    public ValidationErrors Errors { get; } = errors;

    public static ValidationException For(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return new ValidationException(errors);
    }
}
