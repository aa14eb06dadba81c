using Appliance.Configuration.Json;
using Appliance.Configuration.Model;
using LiteDB;

namespace Appliance.Configuration.Store;

/// <summary>
/// The box's configuration in one LiteDB file. Every write runs under one lock and, when it touches
/// several records, in one LiteDB transaction, so an upsert is atomic and concurrent upserts of the
/// same name make exactly one agent. LiteDB's journal (the -log file) is kept, so a power cut loses
/// at most the write in flight, never the file.
/// </summary>
public sealed partial class ConfigurationStore : IDisposable
{
    private readonly LiteDatabase _db;
    private readonly Lock _writeLock = new();
    private readonly TimeProvider _time;
    private readonly DocumentCollection<Agent> _agents;
    private readonly DocumentCollection<PhoneNumber> _numbers;
    private readonly DocumentCollection<Connection> _connections;
    private readonly DocumentCollection<ApiKey> _apiKeys;
    private readonly DocumentCollection<Project> _projects;
    private readonly DocumentCollection<CallRecord> _calls;

    private ConfigurationStore(LiteDatabase db, string path, TimeProvider time)
    {
        _db = db;
        _time = time;
        FilePath = path;
        _agents = new(db.GetCollection(CollectionNames.Agents), ConfigJson.Info<Agent>(ConfigJson.Lenient), a => a.Id);
        _numbers = new(db.GetCollection(CollectionNames.PhoneNumbers), ConfigJson.Info<PhoneNumber>(ConfigJson.Lenient), n => n.Id);
        _connections = new(db.GetCollection(CollectionNames.Connections), ConfigJson.Info<Connection>(ConfigJson.Lenient), c => c.Id);
        _apiKeys = new(db.GetCollection(CollectionNames.ApiKeys), ConfigJson.Info<ApiKey>(ConfigJson.Lenient), k => k.Id);
        _projects = new(db.GetCollection(CollectionNames.Projects), ConfigJson.Info<Project>(ConfigJson.Lenient), p => p.Name);
        _calls = new(db.GetCollection(CollectionNames.Calls), ConfigJson.Info<CallRecord>(ConfigJson.Lenient), c => c.Id);
    }

    public string FilePath { get; }

    /// <summary>How many documents the last open lifted to the current schema.</summary>
    public int MigratedDocuments { get; private set; }

    // Two LiteDatabase instances on one file corrupt it; one process opens a file once.
    private static readonly HashSet<string> OpenFiles = new(StringComparer.Ordinal);

    public static ConfigurationStore Open(string path, TimeProvider? time = null)
    {
        var fullPath = Path.GetFullPath(path);
        lock (OpenFiles)
        {
            if (!OpenFiles.Add(fullPath))
            {
                throw new InvalidOperationException($"{fullPath} is already open in this process");
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var connection = new ConnectionString
        {
            Filename = path,
            Connection = ConnectionType.Direct,
        };
        LiteDatabase db;
        try
        {
            db = new LiteDatabase(connection);
        }
        catch
        {
            Release(fullPath);
            throw;
        }
        var store = new ConfigurationStore(db, fullPath, time ?? TimeProvider.System);
        store.Initialize();
        return store;
    }

    private void Initialize()
    {
        lock (_writeLock)
        {
            _agents.Raw.EnsureIndex("_key", unique: true);
            _numbers.Raw.EnsureIndex("number", unique: true);
            _numbers.Raw.EnsureIndex("agent_id");
            _connections.Raw.EnsureIndex("_key", unique: true);
            _apiKeys.Raw.EnsureIndex("hash", unique: true);
            _calls.Raw.EnsureIndex("started_at");
            MigratedDocuments = Migrations.MigrateAll(_db);
            EnsureProject(Projects.Default);
            _db.Checkpoint();
        }
    }

    public IReadOnlyList<Project> ListProjects() => _projects.FindAll();

    private void EnsureProject(string name)
    {
        if (_projects.FindById(name) is null)
        {
            _projects.Upsert(new Project { Name = name, CreatedAt = Now });
        }
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private static string NewId() => Guid.CreateVersion7().ToString();

    private static string KeyOf(string project, string name) => $"{project}/{name}";

    /// <summary>Runs <paramref name="work"/> under the write lock in one transaction.</summary>
    private T Write<T>(Func<T> work)
    {
        lock (_writeLock)
        {
            _db.BeginTrans();
            try
            {
                var result = work();
                _db.Commit();
                return result;
            }
            catch
            {
                _db.Rollback();
                throw;
            }
        }
    }

    private int _disposed;

    /// <summary>Closes the file (checkpointing the journal); safe to call more than once.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            lock (_writeLock)
            {
                _db.Dispose();
            }
            Release(FilePath);
        }
    }

    private static void Release(string fullPath)
    {
        lock (OpenFiles)
        {
            OpenFiles.Remove(fullPath);
        }
    }
}
