using System.Runtime.CompilerServices;

namespace EmulationApi.Application.Common.Export;

/// <summary>A column of an exported list: its heading (Vietnamese, as people read it in a spreadsheet) and its cell.</summary>
/// <remarks>A cell is a <see cref="string"/>, a number (<see cref="int"/>, <see cref="long"/>, <see cref="decimal"/>,
/// <see cref="double"/>), a <see cref="DateOnly"/>, a <see cref="DateTimeOffset"/>, a <see cref="bool"/>, an enum (written
/// as its Vietnamese label, <see cref="Labels"/>), a <see cref="Guid"/>, or null (an empty cell); the writers type each one
/// in the file.</remarks>
public sealed record Column<T>(string Heading, Func<T, object?> Cell);

/// <summary>
/// A list answered as a file (CSV or Excel) instead of JSON: every row the filters match, no paging. The rows are read
/// as they are written — from the database's reader to the response — and never held as a whole. <see cref="State"/> is
/// what the rows depend on (the same change marker as the JSON list's ETag), read before any row; the Api makes the
/// ETag of it and decides 304 without reading a row. Null for a list whose JSON has no ETag either: no ETag.
/// </summary>
public sealed class Table
{
    private Table(string name, object? state, IReadOnlyList<string> headings, IAsyncEnumerable<object?[]> rows)
    {
        Name = name;
        State = state;
        Headings = headings;
        Rows = rows;
    }

    /// <summary>The file's name without extension, ASCII (<c>nhiem-vu</c>); also the Excel sheet's name.</summary>
    public string Name { get; }

    public object? State { get; }

    public IReadOnlyList<string> Headings { get; }

    /// <summary>The rows' cells, one array per row, in the order of <see cref="Headings"/>; enumerated once.</summary>
    public IAsyncEnumerable<object?[]> Rows { get; }

    /// <summary>A table whose rows stream from a query (<c>AsAsyncEnumerable()</c>).</summary>
    public static Table Of<T>(string name, object? state, IReadOnlyList<Column<T>> columns, IAsyncEnumerable<T> rows) =>
        new(name, state, [.. columns.Select(c => c.Heading)], Cells(rows, columns));

    /// <summary>A table of rows already read: a report's few rows and its total.</summary>
    public static Table Of<T>(string name, object? state, IReadOnlyList<Column<T>> columns, IEnumerable<T> rows) =>
        Of(name, state, columns, Async(rows));

    private static async IAsyncEnumerable<object?[]> Cells<T>(IAsyncEnumerable<T> rows, IReadOnlyList<Column<T>> columns,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var cells = new object?[columns.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                var cell = columns[i].Cell(row);
                cells[i] = cell is Enum value ? Labels.Of(value) : cell;
            }
            yield return cells;
        }
    }

    private static async IAsyncEnumerable<T> Async<T>(IEnumerable<T> rows)
    {
        foreach (var row in rows) yield return row;
        await Task.CompletedTask.ConfigureAwait(false);
    }
}
