using System.Text.Json.Nodes;
using Appliance.Configuration.Model;
using Appliance.Configuration.Patching;
using Appliance.Configuration.Validation;
using LiteDB;

namespace Appliance.Configuration.Store;

public sealed partial class ConfigurationStore
{
    public PhoneNumber? GetPhoneNumber(string id) => _numbers.FindById(id);

    public PhoneNumber? FindPhoneNumber(string number) => _numbers.FindOne(Query.EQ("number", number));

    public IReadOnlyList<PhoneNumber> ListPhoneNumbers() => _numbers.FindAll();

    public PhoneNumber CreatePhoneNumber(JsonObject body) => Write(() =>
    {
        var errors = new ValidationErrors();
        var number = EntityPatcher.Create<PhoneNumber>(body, EntityRules.StoreManagedOnly, errors);
        ThrowIfAny(errors);
        number.Id = NewId();
        number.CreatedAt = number.UpdatedAt = Now;
        if (FindPhoneNumber(number.Number) is not null)
        {
            throw new ConflictException("number", $"{number.Number} is already configured");
        }
        return SaveNumber(number, previousAgentId: null);
    });

    public PhoneNumber UpdatePhoneNumber(string id, JsonObject patch) => Write(() =>
    {
        var existing = _numbers.FindById(id) ?? throw new NotFoundException($"phone number {id}");
        var errors = new ValidationErrors();
        var updated = EntityPatcher.Update(existing, patch, EntityRules.StoreManagedOnly, errors);
        ThrowIfAny(errors);
        if (updated.Number != existing.Number && FindPhoneNumber(updated.Number) is not null)
        {
            throw new ConflictException("number", $"{updated.Number} is already configured");
        }
        updated.UpdatedAt = Now;
        return SaveNumber(updated, existing.AgentId);
    });

    public bool DeletePhoneNumber(string id) => Write(() =>
    {
        var existing = _numbers.FindById(id);
        if (existing is null)
        {
            return false;
        }
        _numbers.Delete(id);
        ReleaseFromAgent(existing.AgentId, "id");
        return true;
    });

    private PhoneNumber SaveNumber(PhoneNumber number, string? previousAgentId)
    {
        var errors = PhoneNumberValidator.Validate(number);
        if (number.AgentId is not null && _agents.FindById(number.AgentId) is null)
        {
            errors.Add("agent_id", "must be the id of an agent on this box");
        }
        if (number.ConnectionId is not null)
        {
            var connection = _connections.FindById(number.ConnectionId);
            if (connection is null)
            {
                errors.Add("connection_id", "must be the id of a connection on this box");
            }
            else if (Array.IndexOf(ConnectionTypes.Telephony, connection.Type) < 0)
            {
                errors.Add("connection_id", "must be a telephony connection (PBX, SIP trunk or analog line)");
            }
        }
        ThrowIfAny(errors);
        _numbers.Upsert(number);
        if (number.AgentId is not null && _agents.FindById(number.AgentId) is { PhoneNumber: null } agent)
        {
            // The agent now answers a number, so it is in Phonic's "custom" mode.
            agent.PhoneNumber = PhoneNumberModes.Custom;
            agent.UpdatedAt = Now;
            _agents.Upsert(agent, doc => doc["_key"] = KeyOf(agent.Project, agent.Name));
        }
        if (previousAgentId is not null && previousAgentId != number.AgentId)
        {
            ReleaseFromAgent(previousAgentId, "agent_id");
        }
        return number;
    }

    /// <summary>An agent left with no number leaves "custom" mode, if its other settings allow it.</summary>
    private void ReleaseFromAgent(string? agentId, string field)
    {
        if (agentId is null || _numbers.Raw.Exists(Query.EQ("agent_id", agentId)) || WithNumbers(_agents.FindById(agentId)) is not { } agent)
        {
            return;
        }
        agent.PhoneNumber = null;
        var errors = AgentValidator.Validate(agent);
        if (!errors.IsEmpty)
        {
            throw ValidationException.For(field, $"agent '{agent.Name}' would be left without a phone number: {errors}");
        }
        agent.UpdatedAt = Now;
        _agents.Upsert(agent, doc => doc["_key"] = KeyOf(agent.Project, agent.Name));
    }

    /// <summary>Makes the numbers collection agree with the agent's phone_number mode and list.</summary>
    private void ReconcileNumbers(Agent agent)
    {
        var current = _numbers.Find(Query.EQ("agent_id", agent.Id));
        var desired = agent.PhoneNumber switch
        {
            PhoneNumberModes.Custom => agent.CustomPhoneNumbers,
            PhoneNumberModes.AssignAutomatically when current.Count > 0 => current.ConvertAll(n => n.Number),
            PhoneNumberModes.AssignAutomatically => [PickFreeNumber()],
            _ => [],
        };
        for (var i = 0; i < desired.Count; i++)
        {
            var record = FindPhoneNumber(desired[i]);
            if (record is null)
            {
                record = new PhoneNumber { Id = NewId(), Number = desired[i], Project = agent.Project, CreatedAt = Now };
            }
            else if (record.AgentId is not null && record.AgentId != agent.Id)
            {
                var owner = _agents.FindById(record.AgentId);
                throw ValidationException.For($"custom_phone_numbers[{i}]", $"{desired[i]} is already the number of agent '{owner?.Name}'");
            }
            record.AgentId = agent.Id;
            record.UpdatedAt = Now;
            _numbers.Upsert(record);
        }
        foreach (var number in current)
        {
            if (!desired.Contains(number.Number))
            {
                number.AgentId = null;
                number.UpdatedAt = Now;
                _numbers.Upsert(number);
            }
        }
        agent.CustomPhoneNumbers = [.. desired];
        agent.CustomPhoneNumbers.Sort(StringComparer.Ordinal);
    }

    private string PickFreeNumber()
    {
        foreach (var number in _numbers.Find(Query.EQ("agent_id", BsonValue.Null)))
        {
            if (number.Active && !number.OutboundOnly)
            {
                return number.Number;
            }
        }
        throw ValidationException.For("phone_number",
            "no unassigned inbound number or line is configured on this box: add one with POST /v1/phone-numbers");
    }

    private static void ThrowIfAny(ValidationErrors errors)
    {
        if (!errors.IsEmpty)
        {
            throw new ValidationException(errors);
        }
    }
}
