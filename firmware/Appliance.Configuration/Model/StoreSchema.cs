namespace Appliance.Configuration.Model;

/// <summary>The version every stored document carries; migrations lift older documents to it.</summary>
public static class StoreSchema
{
    public const int CurrentVersion = 2;
}
