namespace EmulationApi.Application.Common.Persistence;

/// <summary>Where <see cref="IAppDbContext.SqlQueryOver{TResult}"/> places the statement EF Core writes for its rows: the
/// one argument of the interpolated SQL that is text rather than a bound parameter.</summary>
public sealed class SqlSubquery
{
    private SqlSubquery() { }

    public static SqlSubquery Rows { get; } = new();

    /// <summary>What it reads as anywhere but in <see cref="IAppDbContext.SqlQueryOver{TResult}"/>: no SQL.</summary>
    public override string ToString() => "(the rows' statement, placed by SqlQueryOver)";
}
