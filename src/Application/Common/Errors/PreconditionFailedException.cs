namespace EmulationApi.Application.Common.Errors;

/// <summary>The client's If-Match no longer matches the resource. The API answers 412 and nothing was changed.</summary>
public sealed class PreconditionFailedException(string resource, uint expectedVersion, uint currentVersion)
    : Exception($"The {resource} has changed since version {expectedVersion}; it is now at version {currentVersion}.")
{
    public string Resource { get; } = resource;
    public uint ExpectedVersion { get; } = expectedVersion;
    public uint CurrentVersion { get; } = currentVersion;
}
