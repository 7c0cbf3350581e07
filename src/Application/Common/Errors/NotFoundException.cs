namespace EmulationApi.Application.Common.Errors;

/// <summary>The resource asked for does not exist. The API answers 404.</summary>
public sealed class NotFoundException(string resource, object key)
    : Exception($"{resource} '{key}' was not found.")
{
    public string Resource { get; } = resource;
    public object Key { get; } = key;
}
