namespace EmulationApi.Application.Common.Errors;

/// <summary>The client's If-Match no longer matches the resource. The API answers 412 and nothing was changed.</summary>
public sealed class PreconditionFailedException(string resource, ExpectedVersion expected, uint currentVersion)
    : Exception($"The {resource} has changed since version {expected}; it is now at version {currentVersion}.")
{
    public string Resource { get; } = resource;
    public ExpectedVersion Expected { get; } = expected;
    public uint CurrentVersion { get; } = currentVersion;
}
