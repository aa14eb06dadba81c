using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Configuration.Store;
using Appliance.Configuration.Validation;
using LiteDB;
using Microsoft.Extensions.Time.Testing;

namespace Appliance.Configuration.Tests;

/// <summary>The LiteDB store on real files: migrations, derived numbers, timestamps, transactions.</summary>
public sealed class StoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "appliance-store-" + Guid.NewGuid().ToString("N"));
    private string DbPath => Path.Combine(_dir, "appliance.db");

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void Version_1_documents_are_migrated_forward_at_open()
    {
        Directory.CreateDirectory(_dir);
        using (var raw = new LiteDatabase(DbPath))
        {
            raw.GetCollection("agents").Insert(new BsonDocument
            {
                ["_id"] = "legacy-1",
                ["_key"] = "main/legacy",
                ["id"] = "legacy-1",
                ["project"] = "main",
                ["name"] = "legacy",
                ["schema_version"] = 1,
                ["languages"] = new BsonArray(new BsonValue[] { "de", "en" }),
            });
        }
        using var store = ConfigurationStore.Open(DbPath);
        Assert.Equal(1, store.MigratedDocuments);
        var agent = store.GetAgent("legacy-1")!;
        Assert.Equal("de", agent.DefaultLanguage);
        Assert.Equal(["en"], agent.AdditionalLanguages);
        Assert.Equal(StoreSchema.CurrentVersion, agent.SchemaVersion);
        Assert.Equal("Respond in 1-2 sentences.", agent.SystemPrompt);
    }

    [Fact]
    public void Reopening_a_current_store_migrates_nothing()
    {
        using (var store = ConfigurationStore.Open(DbPath))
        {
            store.CreateAgent("main", new JsonObject { ["name"] = "fresh" });
        }
        using var again = ConfigurationStore.Open(DbPath);
        Assert.Equal(0, again.MigratedDocuments);
        Assert.NotNull(again.FindAgent("main", "fresh"));
    }

    [Fact]
    public void Timestamps_come_from_the_injected_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        using var store = ConfigurationStore.Open(DbPath, clock);
        var agent = store.CreateAgent("main", new JsonObject { ["name"] = "clocked" });
        clock.Advance(TimeSpan.FromMinutes(5));
        var updated = store.UpdateAgent(agent.Id, new JsonObject { ["welcome_message"] = "Hi" });
        Assert.Equal(clock.Start, updated.CreatedAt);
        Assert.Equal(clock.Start.AddMinutes(5), updated.UpdatedAt);
    }

    [Fact]
    public void A_failed_multi_record_write_changes_nothing()
    {
        using var store = ConfigurationStore.Open(DbPath);
        store.CreateAgent("main", new JsonObject { ["name"] = "owner", ["phone_number"] = "custom", ["custom_phone_numbers"] = new JsonArray("+15550500001") });
        // The second number is fine, the first is taken: neither may be written.
        var ex = Assert.Throws<ValidationException>(() => store.CreateAgent("main", new JsonObject
        {
            ["name"] = "thief",
            ["phone_number"] = "custom",
            ["custom_phone_numbers"] = new JsonArray("+15550500002", "+15550500001"),
        }));
        Assert.True(ex.Errors.Contains("custom_phone_numbers[1]"));
        Assert.Null(store.FindPhoneNumber("+15550500002"));
        Assert.Null(store.FindAgent("main", "thief"));
    }

    [Fact]
    public void Deleting_an_agent_keeps_its_numbers_unassigned()
    {
        using var store = ConfigurationStore.Open(DbPath);
        var agent = store.CreateAgent("main", new JsonObject { ["name"] = "leaving", ["phone_number"] = "custom", ["custom_phone_numbers"] = new JsonArray("+15550500003") });
        Assert.True(store.DeleteAgent(agent.Id));
        var number = store.FindPhoneNumber("+15550500003")!;
        Assert.Null(number.AgentId);
    }

    [Fact]
    public void Changing_the_google_place_id_clears_the_cached_listing_and_resending_it_keeps_it()
    {
        Directory.CreateDirectory(_dir);
        string id;
        using (var store = ConfigurationStore.Open(DbPath))
        {
            id = store.CreateAgent("main", new JsonObject { ["name"] = "shop", ["google_place_id"] = "place-a" }).Id;
        }
        using (var raw = new LiteDatabase(DbPath))
        {
            var doc = raw.GetCollection("agents").FindById(id);
            doc["google_place_context"] = "Open 9-5";
            raw.GetCollection("agents").Update(doc);
        }
        using var reopened = ConfigurationStore.Open(DbPath);
        Assert.Equal("Open 9-5", reopened.UpdateAgent(id, new JsonObject { ["google_place_id"] = "place-a" }).GooglePlaceContext);
        var relinked = reopened.UpdateAgent(id, new JsonObject { ["google_place_id"] = "place-b" });
        Assert.Null(relinked.GooglePlaceContext);
        Assert.Null(reopened.UpdateAgent(id, new JsonObject { ["google_place_id"] = "" }).GooglePlaceId);
    }

    [Fact]
    public void The_provider_cannot_change_after_creation()
    {
        using var store = ConfigurationStore.Open(DbPath);
        var agent = store.CreateAgent("main", new JsonObject { ["name"] = "prov", ["provider"] = "acme" });
        var ex = Assert.Throws<ValidationException>(() => store.UpdateAgent(agent.Id, new JsonObject { ["provider"] = "other" }));
        Assert.True(ex.Errors.Contains("provider"));
    }
}
