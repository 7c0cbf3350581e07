namespace EmulationApi.Api.Http;

/// <summary>A request header the API reads (such as If-Match) that does not have the shape it must have: a 400 naming the header.</summary>
public sealed class MalformedHeaderException(string header, string message) : Exception(message)
{
    public string Header { get; } = header;
}
