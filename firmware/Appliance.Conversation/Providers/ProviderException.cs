namespace Appliance.Conversation.Providers;

/// <summary>
/// A provider answered badly (error status, malformed body). The message names the endpoint and
/// the status, never the request's credentials or the caller's words.
/// </summary>
public sealed class ProviderException : Exception
{
    public ProviderException()
    {
    }

    public ProviderException(string message)
        : base(message)
    {
    }

    public ProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static async Task ThrowIfFailedAsync(HttpResponseMessage response, string endpointName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        // A short excerpt of the error body helps diagnosis; bodies do not echo our key.
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var excerpt = body.Length > 200 ? body[..200] : body;
        throw new ProviderException($"Endpoint '{endpointName}' answered {(int)response.StatusCode}: {excerpt}");
    }
}
