using EmulationApi.Application.Common.Errors;
using Microsoft.AspNetCore.Mvc;

namespace EmulationApi.Api.OpenApi;

/// <summary>
/// The 400 of a bulk load, as documented: either the request itself is not valid (<see cref="Errors"/> per field) or
/// rows are (<see cref="RowErrors"/>, with <see cref="ErrorCount"/> counting every problem found). Nothing was written.
/// Documentation only: the exception handler writes these fields as problem extensions.
/// </summary>
public sealed class ImportProblemDetails : ProblemDetails
{
    /// <summary>Field → messages, when the request itself is not valid.</summary>
    public IDictionary<string, string[]>? Errors { get; init; }

    /// <summary>The bad rows: line or row number (1-based), field, message.</summary>
    public IReadOnlyList<RowError>? RowErrors { get; init; }

    /// <summary>How many problems were found in all (the list may stop earlier).</summary>
    public int? ErrorCount { get; init; }
}
