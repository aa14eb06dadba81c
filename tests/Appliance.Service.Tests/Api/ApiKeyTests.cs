using System.Net.Http.Headers;

namespace Appliance.Service.Tests.Api;

public sealed class ApiKeyTests : IDisposable
{
    private readonly ApplianceFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_new_key_works_until_deleted_and_the_last_key_cannot_be_deleted()
    {
        var api = _factory.Api();
        var (status, created) = await api.PostAsync("/v1/api-keys", """{"name":"hil-rig"}""");
        Assert.Equal(201, status);
        var key = created["key"]!.GetValue<string>();
        Assert.StartsWith(created["api_key"]!["prefix"]!.GetValue<string>(), key, StringComparison.Ordinal);

        var rig = _factory.CreateClient();
        rig.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(200, (await rig.GetJsonAsync("/v1/agents")).Status);

        var (deleted, _) = await api.SendAsync(HttpMethod.Delete, $"/v1/api-keys/{created["api_key"]!["id"]}");
        Assert.Equal(200, deleted);
        Assert.Equal(401, (await rig.GetJsonAsync("/v1/agents")).Status);

        var (_, list) = await api.GetJsonAsync("/v1/api-keys");
        var last = Assert.Single(list["api_keys"]!.AsArray());
        var (refused, _) = await api.SendAsync(HttpMethod.Delete, $"/v1/api-keys/{last!["id"]}");
        Assert.Equal(409, refused);
    }

    [Theory]
    [InlineData("""{}""", "name")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"name":"a","scope":"all"}""", "scope")]
    public async Task Key_requests_are_validated(string body, string field)
    {
        var (status, problem) = await _factory.Api().PostAsync("/v1/api-keys", body);
        Assert.Equal(422, status);
        Assert.Contains(field, problem.ErrorFields());
    }

    [Fact]
    public void The_first_key_file_is_readable_only_by_the_service_user()
    {
        _ = _factory.Api();
        var mode = File.GetUnixFileMode(Path.Combine(_factory.DataDirectory, "initial-api-key.txt"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }
}
