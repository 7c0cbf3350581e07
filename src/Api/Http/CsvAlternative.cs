namespace EmulationApi.Api.Http;

/// <summary>
/// Endpoint metadata: besides its JSON, the operation answers CSV when asked with <c>Accept: text/csv</c> (UTF-8 with
/// a BOM, RFC 4180). The OpenAPI document lists text/csv beside application/json on its 200.
/// </summary>
public sealed class CsvAlternative
{
    public static readonly CsvAlternative Instance = new();

    private CsvAlternative() { }
}
