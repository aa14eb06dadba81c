using System.Text.Json.Nodes;
using Appliance.Configuration.Patching;
using Appliance.Configuration.Secrets;

namespace Appliance.Configuration.Tests;

public sealed class SecretHandlingTests
{
    [Theory]
    [InlineData("password", true)]
    [InlineData("authToken", true)]
    [InlineData("client_secret", true)]
    [InlineData("api_key", true)]
    [InlineData("refresh_token", true)]
    [InlineData("tokens", true)]
    [InlineData("accountSid", false)]
    [InlineData("fromNumber", false)]
    [InlineData("expires_at", false)]
    [InlineData("username", false)]
    public void Secret_names(string name, bool secret) => Assert.Equal(secret, SecretFields.IsSecretName(name));

    [Fact]
    public void Replacing_a_list_carries_stored_secrets_into_matching_entries()
    {
        var stored = JsonNode.Parse("""{"extensions":{"mcp_servers":[{"connection_name":"crm","auth_headers":[{"key":"Authorization","value":"s1"},{"key":"X-Old","value":"s2"}]}]}}""")!.AsObject();
        var patch = JsonNode.Parse("""{"extensions":{"mcp_servers":[{"connection_name":"crm","auth_headers":[{"key":"Authorization"},{"key":"X-New","value":"s3"}]}]}}""")!.AsObject();
        JsonMerge.ApplyTopLevel(stored, patch, new HashSet<string> { "extensions" });
        var headers = stored["extensions"]!["mcp_servers"]![0]!["auth_headers"]!.AsArray();
        Assert.Equal("s1", headers[0]!["value"]!.GetValue<string>());
        Assert.Equal("s3", headers[1]!["value"]!.GetValue<string>());
        Assert.Equal(2, headers.Count);
    }

    [Fact]
    public void Merge_patch_removes_on_null_inside_objects_but_sets_null_at_top_level()
    {
        var stored = JsonNode.Parse("""{"no_input_poke_sec":180,"integrations":{"twilio":{"a":1,"b":2},"modmed":{"x":1}}}""")!.AsObject();
        var patch = JsonNode.Parse("""{"no_input_poke_sec":null,"integrations":{"twilio":{"b":null,"c":3},"modmed":null}}""")!.AsObject();
        JsonMerge.ApplyTopLevel(stored, patch, new HashSet<string>());
        Assert.True(stored.ContainsKey("no_input_poke_sec"));
        Assert.Null(stored["no_input_poke_sec"]);
        Assert.Equal("""{"a":1,"c":3}""", stored["integrations"]!["twilio"]!.ToJsonString());
        Assert.False(stored["integrations"]!.AsObject().ContainsKey("modmed"));
    }

    [Fact]
    public void Redaction_removes_values_and_lists_paths()
    {
        var entity = JsonNode.Parse("""{"password":"p","nested":{"api_key":"k","name":"n"},"headers":{"X":"v"},"list":[{"client_secret":"c"}]}""")!.AsObject();
        var redacted = SecretRedactor.Redact(entity);
        var text = redacted.ToJsonString();
        Assert.DoesNotContain("\"p\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"k\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"v\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"c\"", text, StringComparison.Ordinal);
        Assert.Equal("n", redacted["nested"]!["name"]!.GetValue<string>());
        var set = redacted["secrets_set"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        Assert.Equal(["password", "nested.api_key", "headers.X", "list[0].client_secret"], set);
    }
}
