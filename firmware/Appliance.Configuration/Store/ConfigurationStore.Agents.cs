using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Configuration.Patching;
using Appliance.Configuration.Validation;
using LiteDB;

namespace Appliance.Configuration.Store;

public sealed partial class ConfigurationStore
{
    public Agent? GetAgent(string id) => WithNumbers(_agents.FindById(id));

    public Agent? FindAgent(string project, string name) => WithNumbers(_agents.FindOne(Query.EQ("_key", KeyOf(project, name))));

    public IReadOnlyList<Agent> ListAgents(string? project = null)
    {
        var agents = project is null ? _agents.FindAll() : _agents.Find(Query.EQ("project", project));
        foreach (var agent in agents)
        {
            WithNumbers(agent);
        }
        return agents;
    }

    /// <summary>Creates an agent; 409 when the name is taken in the project.</summary>
    public Agent CreateAgent(string project, JsonObject body) => Write(() =>
    {
        var agent = BuildAgent(project, body);
        if (_agents.Raw.Exists(Query.EQ("_key", KeyOf(project, agent.Name))))
        {
            throw new ConflictException("name", $"an agent named '{agent.Name}' already exists in project '{project}'");
        }
        return SaveAgent(agent);
    });

    /// <summary>Phonic upsert: updates the agent of that name in the project, or creates it.</summary>
    public (Agent Agent, bool Inserted) UpsertAgent(string project, JsonObject body) => Write(() =>
    {
        var errors = new ValidationErrors();
        var name = body["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (name is null)
        {
            errors.Add("name", "is required");
            throw new ValidationException(errors);
        }
        var existing = WithNumbers(_agents.FindOne(Query.EQ("_key", KeyOf(project, name))));
        if (existing is null)
        {
            return (SaveAgent(BuildAgent(project, body)), true);
        }
        return (SaveAgent(PatchAgent(existing, body)), false);
    });

    /// <summary>Partial update by id: only the fields sent change.</summary>
    public Agent UpdateAgent(string id, JsonObject patch) => Write(() =>
    {
        var existing = WithNumbers(_agents.FindById(id)) ?? throw new NotFoundException($"agent {id}");
        var updated = PatchAgent(existing, patch);
        if (updated.Name != existing.Name && _agents.Raw.Exists(Query.EQ("_key", KeyOf(updated.Project, updated.Name))))
        {
            throw new ConflictException("name", $"an agent named '{updated.Name}' already exists in project '{updated.Project}'");
        }
        return SaveAgent(updated);
    });

    /// <summary>Deletes an agent; its numbers stay configured, with no inbound agent.</summary>
    public bool DeleteAgent(string id) => Write(() =>
    {
        foreach (var number in _numbers.Find(Query.EQ("agent_id", id)))
        {
            number.AgentId = null;
            number.UpdatedAt = Now;
            _numbers.Upsert(number);
        }
        return _agents.Delete(id);
    });

    private Agent BuildAgent(string project, JsonObject body)
    {
        var errors = new ValidationErrors();
        if (!Formats.IsAgentName(project))
        {
            errors.Add("project", "must be 1-100 characters of lowercase letters, numbers and hyphens");
            throw new ValidationException(errors);
        }
        var request = body.DeepClone().AsObject();
        AgentRequestRules.MapDeprecated(request, errors);
        var agent = EntityPatcher.Create<Agent>(request, AgentRequestRules.Rules, errors);
        if (!errors.IsEmpty)
        {
            throw new ValidationException(errors);
        }
        agent.Id = NewId();
        agent.Project = project;
        agent.CreatedAt = agent.UpdatedAt = Now;
        if (agent.GooglePlaceId == "")
        {
            agent.GooglePlaceId = null;
        }
        return agent;
    }

    private Agent PatchAgent(Agent existing, JsonObject patch)
    {
        var errors = new ValidationErrors();
        var request = patch.DeepClone().AsObject();
        AgentRequestRules.MapDeprecated(request, errors);
        var updated = EntityPatcher.Update(existing, request, AgentRequestRules.Rules, errors);
        AgentRequestRules.AfterUpdate(existing, updated, errors);
        if (!errors.IsEmpty)
        {
            throw new ValidationException(errors);
        }
        updated.UpdatedAt = Now;
        return updated;
    }

    private Agent SaveAgent(Agent agent)
    {
        var errors = AgentValidator.Validate(agent);
        if (agent.EmailServerId is { } serverId && _connections.FindById(serverId) is not { Type: ConnectionTypes.Smtp })
        {
            errors.Add("email_server_id", "must be the id of an smtp connection on this box");
        }
        if (!errors.IsEmpty)
        {
            throw new ValidationException(errors);
        }
        EnsureProject(agent.Project);
        ReconcileNumbers(agent);
        _agents.Upsert(agent, doc =>
        {
            doc["_key"] = KeyOf(agent.Project, agent.Name);
            doc.Remove("custom_phone_numbers"); // derived from the numbers collection on read
        });
        return agent;
    }

    private Agent? WithNumbers(Agent? agent)
    {
        if (agent is not null)
        {
            agent.CustomPhoneNumbers = [];
            foreach (var number in _numbers.Find(Query.EQ("agent_id", agent.Id)))
            {
                agent.CustomPhoneNumbers.Add(number.Number);
            }
            agent.CustomPhoneNumbers.Sort(StringComparer.Ordinal);
        }
        return agent;
    }
}
