using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Configuration.Patching;
using Appliance.Configuration.Validation;
using LiteDB;

namespace Appliance.Configuration.Store;

public sealed partial class ConfigurationStore
{
    /// <summary>
    /// Raised after a connection was created, updated or deleted (after the commit, outside the write
    /// lock), so the SIP host can re-register without a restart. Handlers must return quickly.
    /// </summary>
    public event Action? ConnectionsChanged;

    public Connection? GetConnection(string id) => _connections.FindById(id);

    public IReadOnlyList<Connection> ListConnections() => _connections.FindAll();

    public Connection CreateConnection(JsonObject body) => ConnectionChanged(Write(() =>
    {
        var errors = new ValidationErrors();
        var connection = EntityPatcher.Create<Connection>(body, EntityRules.StoreManagedOnly, errors);
        ThrowIfAny(errors);
        connection.Id = NewId();
        connection.CreatedAt = connection.UpdatedAt = Now;
        return SaveConnection(connection, isNew: true);
    }));

    public Connection UpdateConnection(string id, JsonObject patch) => ConnectionChanged(Write(() =>
    {
        var existing = _connections.FindById(id) ?? throw new NotFoundException($"connection {id}");
        var errors = new ValidationErrors();
        var updated = EntityPatcher.Update(existing, patch, EntityRules.StoreManagedOnly, errors);
        if (updated.Type != existing.Type)
        {
            errors.Add("type", "cannot be changed after creation");
        }
        ThrowIfAny(errors);
        updated.UpdatedAt = Now;
        return SaveConnection(updated, isNew: updated.Name != existing.Name);
    }));

    /// <summary>Deletes a connection that nothing uses; 409 names the first user.</summary>
    public bool DeleteConnection(string id) => ConnectionChanged(Write(() =>
    {
        if (_numbers.FindOne(Query.EQ("connection_id", id)) is { } number)
        {
            throw new ConflictException("id", $"phone number {number.Number} uses this connection");
        }
        if (_agents.FindOne(Query.EQ("email_server_id", id)) is { } agent)
        {
            throw new ConflictException("id", $"agent '{agent.Name}' uses this connection as its e-mail server");
        }
        return _connections.Delete(id);
    }));

    private T ConnectionChanged<T>(T result)
    {
        ConnectionsChanged?.Invoke();
        return result;
    }

    private Connection SaveConnection(Connection connection, bool isNew)
    {
        ThrowIfAny(ConnectionValidator.Validate(connection));
        var key = KeyOf(connection.Project, connection.Name);
        if (isNew && _connections.Raw.Exists(Query.EQ("_key", key)))
        {
            throw new ConflictException("name", $"a connection named '{connection.Name}' already exists");
        }
        _connections.Upsert(connection, doc => doc["_key"] = key);
        return connection;
    }
}
