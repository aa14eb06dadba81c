using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Appliance.Conversation.Providers.Llm;

/// <summary>
/// Makes the <see cref="IChatClient"/> of an OpenAI-compatible chat endpoint (OpenAI, a LAN vLLM or
/// llama.cpp server, any /v1/chat/completions) through the OpenAI package.
/// </summary>
public static class OpenAiChatClientFactory
{
    public static IChatClient Create(ProviderEndpoint endpoint, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(http);
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint.BaseUrl ?? throw new ArgumentException($"Endpoint '{endpoint.Name}' has no base URL.", nameof(endpoint)),
            Transport = new HttpClientPipelineTransport(http),
            // The fallback chain decides about retries and timeouts; the client must not retry on its own.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        // Local servers often take no key; the client insists on one.
        var key = new ApiKeyCredential(string.IsNullOrEmpty(endpoint.ApiKey) ? "none" : endpoint.ApiKey);
        return new OpenAIClient(key, options).GetChatClient(endpoint.Model ?? "gpt-4o-mini").AsIChatClient();
    }
}
