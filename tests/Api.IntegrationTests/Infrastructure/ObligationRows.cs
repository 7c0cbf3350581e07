using Npgsql;

namespace EmulationApi.Api.IntegrationTests.Infrastructure;

/// <summary>One row of the obligations table, with the codes a test reads it by (the task's group and number, the unit's code).</summary>
public sealed record StoredObligation(
    Guid Id,
    Guid TaskId,
    string TaskGroup,
    int TaskSequence,
    string UnitCode,
    string Role,
    string? SourceGroup,
    string? ClusterName,
    string State,
    string Status,
    DateOnly? CompletedOn,
    int ReportCount,
    DateOnly AroseOn,
    bool AroseLate,
    bool Exempted,
    DateOnly? WithdrawnOn,
    string? TransferredFromCode)
{
    /// <summary>"Q1/3": the task as the plan's appendix numbers it.</summary>
    public string TaskKey => $"{TaskGroup}/{TaskSequence}";
}

/// <summary>
/// Reads what the derivation wrote, straight from the database: the obligation endpoints are not what these tests test,
/// the rows are (who holds which share of which task, with which role, from which group).
/// </summary>
public static class ObligationRows
{
    private const string Select = """
        SELECT o.id, o.task_id, t."group", t.sequence, u.code, o.role, o.source_group, c.name, o.state, o.status,
               o.completed_on, o.report_count, o.arose_on, o.arose_late, o.exempted, o.withdrawn_on, f.code
          FROM obligations o
          JOIN tasks t ON t.id = o.task_id
          JOIN units u ON u.id = o.unit_id
          LEFT JOIN clusters c ON c.id = o.cluster_id
          LEFT JOIN units f ON f.id = o.transferred_from_unit_id
        """;

    /// <summary>Every obligation (or those matching <paramref name="where"/>, SQL over o, t, u, c), ordered by task and unit code.</summary>
    public static Task<IReadOnlyList<StoredObligation>> ObligationsAsync(this ApiFactory factory, string? where = null) =>
        factory.RowsAsync($"{Select} {(where is null ? "" : $"WHERE {where}")} ORDER BY t.\"group\", t.sequence, u.code", r => new StoredObligation(
            r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetInt32(3), r.GetString(4), r.GetString(5), Nullable<string>(r, 6),
            Nullable<string>(r, 7), r.GetString(8), r.GetString(9), NullableDate(r, 10), r.GetInt32(11), r.GetFieldValue<DateOnly>(12),
            r.GetBoolean(13), r.GetBoolean(14), NullableDate(r, 15), Nullable<string>(r, 16)));

    /// <summary>The obligation's events (kind, detail, reason), oldest first.</summary>
    public static Task<IReadOnlyList<(string Kind, string? Detail, string? Reason)>> ObligationEventsAsync(this ApiFactory factory, Guid obligationId) =>
        factory.RowsAsync($"SELECT kind, detail, reason FROM obligation_events WHERE obligation_id = '{obligationId}' ORDER BY id",
            r => (r.GetString(0), Nullable<string>(r, 1), Nullable<string>(r, 2)));

    /// <summary>Runs a query against the test database and reads every row.</summary>
    public static async Task<IReadOnlyList<T>> RowsAsync<T>(this ApiFactory factory, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }

    /// <summary>Runs a statement against the test database (arrangement only: what the API has no operation for yet).</summary>
    public static async Task<int> ExecuteAsync(this ApiFactory factory, string sql)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    private static T? Nullable<T>(NpgsqlDataReader reader, int ordinal) where T : class =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    private static DateOnly? NullableDate(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateOnly>(ordinal);
}
