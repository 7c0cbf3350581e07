namespace EmulationApi.Application.Common.Errors;

/// <summary>A problem with one row of a bulk load. <paramref name="Row"/> is 1-based, counting data rows (not the CSV header).</summary>
public sealed record RowError(int Row, string Field, string Message);

/// <summary>A bulk load was refused as a whole because some rows are bad. Nothing was written. The API answers 400.</summary>
public sealed class ImportRejectedException(IReadOnlyList<RowError> rowErrors, int totalErrors)
    : Exception($"The import was rejected: {totalErrors} problem(s) in the rows; nothing was written.")
{
    /// <summary>Most errors reported in one answer; the count of all of them is still given.</summary>
    public const int MaxReported = 1000;

    public IReadOnlyList<RowError> RowErrors { get; } = rowErrors;
    public int TotalErrors { get; } = totalErrors;
}
