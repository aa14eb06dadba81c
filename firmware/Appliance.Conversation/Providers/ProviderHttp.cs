using System.Net.Http.Headers;

namespace Appliance.Conversation.Providers;

/// <summary>Request helpers shared by the HTTP providers.</summary>
internal static class ProviderHttp
{
    /// <summary>A POST with the endpoint's key in a bearer header (the OpenAI and Deepgram-token style).</summary>
    public static HttpRequestMessage Post(ProviderEndpoint endpoint, Uri uri, HttpContent content, string scheme = "Bearer")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        if (!string.IsNullOrEmpty(endpoint.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, endpoint.ApiKey);
        }

        return request;
    }

    /// <summary>Sends and throws <see cref="ProviderException"/> on an error status; the body is left unread.</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, HttpRequestMessage request, string endpointName, CancellationToken cancellationToken)
    {
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            await ProviderException.ThrowIfFailedAsync(response, endpointName, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
