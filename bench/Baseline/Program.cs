// Raw baseline for the EmulationApi benchmark: the same list query, single-task read and unit import the API serves,
// written by hand with Npgsql (no EF Core, no MediatR, no validation, no auth) and System.Text.Json source generation.
//   GET  /tasks?year=&quarter=&leadUnitCode=&status=&page=&pageSize=   the feed: same statements, same SQL, same JSON shape
//   GET  /tasks/{id}                                                   the single task read twin
//   POST /units/import   (text/csv)                                    raw binary COPY into a temp table + one INSERT … ON CONFLICT
//   GET  /obligations?unitCode=&year=&page=&pageSize=                  a unit's work list: the same JSON, one state query + one page query
//   GET  /obligations/summary?groupBy=Unit&year=&page=&pageSize=       the scorecard by unit: the same JSON from ONE pass (per-unit FILTER counts)
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Npgsql;
using NpgsqlTypes;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var connectionString = builder.Configuration.GetConnectionString("Emulation")
    ?? throw new InvalidOperationException("ConnectionStrings__Emulation is not set");
var dataSource = NpgsqlDataSource.Create(connectionString);
var json = new BenchJson(new JsonSerializerOptions(JsonSerializerDefaults.Web)
{
    Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
});
builder.Services.AddSingleton(dataSource);
var app = builder.Build();

app.MapGet("/tasks", async (HttpContext http) =>
{
    var q = http.Request.Query;
    int? year = int.TryParse(q["year"], out var y) ? y : null;
    int? quarter = int.TryParse(q["quarter"], out var qq) ? qq : null;
    string? lead = q["leadUnitCode"].ToString() is { Length: > 0 } l ? l.ToLowerInvariant() : null;
    string? status = q["status"].ToString() is { Length: > 0 } s ? s : null;
    var page = int.TryParse(q["page"], out var p) ? p : 1;
    var pageSize = int.TryParse(q["pageSize"], out var ps) ? ps : 20;
    var asOf = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    // The same WHERE clause EF Core generates for these filters.
    var where = new StringBuilder("TRUE");
    if (year is not null) where.Append(" AND p.year = @year");
    if (quarter is not null) where.Append(" AND t.deadline IS NOT NULL AND date_part('month', t.deadline)::int >= @from AND date_part('month', t.deadline)::int <= @to");
    if (lead is not null) where.Append(" AND EXISTS (SELECT 1 FROM task_assignees AS t0 LEFT JOIN units AS u ON t0.unit_id = u.id WHERE t.id = t0.task_id AND t0.role = 'Lead' AND u.id IS NOT NULL AND lower(u.code) = @code)");
    if (status is not null) where.Append(" AND t.status = @status");
    var join = year is not null ? "INNER JOIN plans AS p ON t.plan_id = p.id" : "";

    void Bind(NpgsqlCommand cmd)
    {
        if (year is not null) cmd.Parameters.AddWithValue("year", year.Value);
        if (quarter is not null) { cmd.Parameters.AddWithValue("from", quarter.Value * 3 - 2); cmd.Parameters.AddWithValue("to", quarter.Value * 3); }
        if (lead is not null) cmd.Parameters.AddWithValue("code", lead);
        if (status is not null) cmd.Parameters.AddWithValue("status", status);
    }

    await using var conn = await dataSource.OpenConnectionAsync(http.RequestAborted);
    int count; DateTimeOffset? latest; DateTimeOffset? unitsChanged;
    await using (var cmd = new NpgsqlCommand($"""
        SELECT count(*)::int, max(s.updated_at) FROM (SELECT t.updated_at, 1 AS "Key" FROM tasks AS t {join} WHERE {where}) AS s GROUP BY s."Key" LIMIT 1
        """, conn))
    {
        Bind(cmd);
        await using var r = await cmd.ExecuteReaderAsync(http.RequestAborted);
        if (await r.ReadAsync(http.RequestAborted)) { count = r.GetInt32(0); latest = r.IsDBNull(1) ? null : r.GetFieldValue<DateTimeOffset>(1); }
        else { count = 0; latest = null; }
    }
    await using (var cmd = new NpgsqlCommand("SELECT max(u.updated_at) FROM units AS u", conn))
    {
        var v = await cmd.ExecuteScalarAsync(http.RequestAborted);
        unitsChanged = v is DateTime dt ? new DateTimeOffset(dt) : null;
    }
    var key = string.Join('|', http.Request.QueryString.Value, asOf.ToString("O", CultureInfo.InvariantCulture), count, latest?.UtcTicks, unitsChanged?.UtcTicks);
    var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32]}\"";
    http.Response.Headers.ETag = etag;

    var items = new List<TaskDto>(pageSize);
    if (count > 0 && (long)(page - 1) * pageSize < count)
    {
        var pageJoin = year is not null ? "" : "INNER JOIN plans AS p ON t.plan_id = p.id";
        await using var cmd = new NpgsqlCommand(TaskSql.Page(join.Length > 0 ? join : pageJoin, where.ToString()), conn);
        Bind(cmd);
        cmd.Parameters.AddWithValue("asOf", asOf);
        cmd.Parameters.AddWithValue("dueSoonLimit", asOf.AddDays(7));
        cmd.Parameters.AddWithValue("limit", pageSize);
        cmd.Parameters.AddWithValue("offset", (page - 1) * pageSize);
        await using var r = await cmd.ExecuteReaderAsync(http.RequestAborted);
        await TaskSql.ReadAsync(r, items, http.RequestAborted);
    }
    var next = (long)page * pageSize < count ? $"/tasks{http.Request.QueryString.Value}&page={page + 1}" : null;
    return Results.Json(new PagedTasks(items, page, pageSize, count, next), json.PagedTasks);
});

app.MapGet("/tasks/{id:guid}", async (Guid id, HttpContext http) =>
{
    var asOf = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
    await using var conn = await dataSource.OpenConnectionAsync(http.RequestAborted);
    await using var cmd = new NpgsqlCommand(TaskSql.Single, conn);
    cmd.Parameters.AddWithValue("asOf", asOf);
    cmd.Parameters.AddWithValue("dueSoonLimit", asOf.AddDays(7));
    cmd.Parameters.AddWithValue("id", id);
    var items = new List<TaskDto>(1);
    await using (var r = await cmd.ExecuteReaderAsync(http.RequestAborted))
        await TaskSql.ReadAsync(r, items, http.RequestAborted);
    if (items.Count == 0) return Results.NotFound();
    http.Response.Headers.ETag = $"\"{items[0].Version}-{asOf:yyyyMMdd}\"";
    return Results.Json(items[0], json.TaskDto);
});

app.MapPost("/units/import", async (HttpContext http) =>
{
    await using var conn = await dataSource.OpenConnectionAsync(http.RequestAborted);
    await using var tx = await conn.BeginTransactionAsync(http.RequestAborted);
    await using (var cmd = new NpgsqlCommand("""
        CREATE TEMP TABLE unit_stage (code text NOT NULL, name text, kind text, short_name text, parent_code text,
          document_exchange_id text, aliases text[] NOT NULL) ON COMMIT DROP
        """, conn, tx))
        await cmd.ExecuteNonQueryAsync(http.RequestAborted);

    var received = 0;
    await using (var copy = await conn.BeginBinaryImportAsync(
        "COPY unit_stage (code, name, kind, short_name, parent_code, document_exchange_id, aliases) FROM STDIN (FORMAT BINARY)", http.RequestAborted))
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var header = (await reader.ReadLineAsync(http.RequestAborted) ?? "").Split(',');
        int Col(string name) => Array.FindIndex(header, h => h.Trim().Equals(name, StringComparison.OrdinalIgnoreCase));
        int cCode = Col("code"), cName = Col("name"), cKind = Col("kind"), cShort = Col("shortName"), cParent = Col("parentCode"),
            cDoc = Col("documentExchangeId"), cAliases = Col("aliases");
        string? F(string[] f, int i) => i >= 0 && i < f.Length && f[i].Length > 0 ? f[i] : null;
        while (await reader.ReadLineAsync(http.RequestAborted) is { } line)
        {
            if (line.Length == 0) continue;
            var f = line.Split(','); // the benchmark's files hold no quoted fields
            await copy.StartRowAsync(http.RequestAborted);
            await copy.WriteAsync(f[cCode], NpgsqlDbType.Text, http.RequestAborted);
            await copy.WriteAsync(F(f, cName), NpgsqlDbType.Text, http.RequestAborted);
            await copy.WriteAsync(F(f, cKind), NpgsqlDbType.Text, http.RequestAborted);
            await copy.WriteAsync(F(f, cShort), NpgsqlDbType.Text, http.RequestAborted);
            await copy.WriteAsync(F(f, cParent), NpgsqlDbType.Text, http.RequestAborted);
            await copy.WriteAsync(F(f, cDoc), NpgsqlDbType.Text, http.RequestAborted);
            await copy.WriteAsync(F(f, cAliases) is { } a ? a.Split('|') : [], NpgsqlDbType.Array | NpgsqlDbType.Text, http.RequestAborted);
            received++;
        }
        await copy.CompleteAsync(http.RequestAborted);
    }

    int created = 0, updated = 0;
    await using (var cmd = new NpgsqlCommand("""
        WITH m AS (
          INSERT INTO units AS u (id, code, name, short_name, kind, parent_id, document_exchange_id, aliases)
          SELECT gen_random_uuid(), s.code, s.name, s.short_name, s.kind, p.id, s.document_exchange_id, s.aliases
          FROM unit_stage s LEFT JOIN units p ON lower(p.code) = lower(s.parent_code)
          ON CONFLICT (lower(code)) DO UPDATE
            SET code = excluded.code, name = excluded.name, short_name = excluded.short_name, kind = excluded.kind,
                parent_id = excluded.parent_id, document_exchange_id = excluded.document_exchange_id, aliases = excluded.aliases
            WHERE (u.code, u.name, u.short_name, u.kind, u.parent_id, u.document_exchange_id, u.aliases)
                  IS DISTINCT FROM (excluded.code, excluded.name, excluded.short_name, excluded.kind, excluded.parent_id, excluded.document_exchange_id, excluded.aliases)
          RETURNING (xmax = 0) AS inserted)
        SELECT count(*) FILTER (WHERE inserted)::int, count(*) FILTER (WHERE NOT inserted)::int FROM m
        """, conn, tx))
    {
        cmd.CommandTimeout = 600;
        await using var r = await cmd.ExecuteReaderAsync(http.RequestAborted);
        await r.ReadAsync(http.RequestAborted);
        created = r.GetInt32(0); updated = r.GetInt32(1);
    }
    await tx.CommitAsync(http.RequestAborted);
    return Results.Json(new ImportResult(received, created, updated, received - created - updated), json.ImportResult);
});

app.MapGet("/obligations", async (HttpContext http) =>
{
    var q = http.Request.Query;
    var code = q["unitCode"].ToString().ToLowerInvariant();
    int? year = int.TryParse(q["year"], out var y) ? y : null;
    var page = int.TryParse(q["page"], out var p) ? p : 1;
    var pageSize = int.TryParse(q["pageSize"], out var ps) ? ps : 20;
    var asOf = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
    var yearFilter = year is null ? "" : " AND p.year = @year";

    await using var conn = await dataSource.OpenConnectionAsync(http.RequestAborted);
    Guid unitId; int count; DateTimeOffset? latest, latestTask, unitsChanged;
    // The state the page depends on (count, latest obligation and task change, latest unit change) in one statement.
    await using (var cmd = new NpgsqlCommand($"""
        SELECT u.id, (SELECT max(updated_at) FROM units), s.n, s.lo, s.lt
        FROM units u CROSS JOIN LATERAL (
          SELECT count(*)::int AS n, max(o.updated_at) AS lo, max(t.updated_at) AS lt
          FROM obligations o JOIN tasks t ON t.id = o.task_id JOIN plans p ON p.id = t.plan_id
          WHERE o.unit_id = u.id AND o.state = 'Active'{yearFilter}) s
        WHERE lower(u.code) = @code
        """, conn))
    {
        cmd.Parameters.AddWithValue("code", code);
        if (year is not null) cmd.Parameters.AddWithValue("year", year.Value);
        await using var r = await cmd.ExecuteReaderAsync(http.RequestAborted);
        if (!await r.ReadAsync(http.RequestAborted)) return Results.NotFound();
        unitId = r.GetGuid(0);
        unitsChanged = r.IsDBNull(1) ? null : r.GetFieldValue<DateTimeOffset>(1);
        count = r.GetInt32(2);
        latest = r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3);
        latestTask = r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4);
    }
    var key = string.Join('|', http.Request.QueryString.Value, asOf.ToString("O", CultureInfo.InvariantCulture), count, latest?.UtcTicks, latestTask?.UtcTicks, unitsChanged?.UtcTicks);
    http.Response.Headers.ETag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32]}\"";

    var items = new List<ObligationDto>(pageSize);
    if (count > 0 && (long)(page - 1) * pageSize < count)
    {
        await using var cmd = new NpgsqlCommand(ObligationSql.Page(yearFilter), conn);
        cmd.Parameters.AddWithValue("unit", unitId);
        if (year is not null) cmd.Parameters.AddWithValue("year", year.Value);
        cmd.Parameters.AddWithValue("asOf", asOf);
        cmd.Parameters.AddWithValue("dueSoonLimit", asOf.AddDays(7));
        cmd.Parameters.AddWithValue("limit", pageSize);
        cmd.Parameters.AddWithValue("offset", (page - 1) * pageSize);
        await using var r = await cmd.ExecuteReaderAsync(http.RequestAborted);
        await ObligationSql.ReadAsync(r, items, http.RequestAborted);
    }
    var next = (long)page * pageSize < count ? $"/obligations{http.Request.QueryString.Value}&page={page + 1}" : null;
    return Results.Json(new PagedObligations(items, page, pageSize, count, next), json.PagedObligations);
});

app.MapGet("/obligations/summary", async (HttpContext http) =>
{
    var q = http.Request.Query;
    int? year = int.TryParse(q["year"], out var y) ? y : null;
    var page = int.TryParse(q["page"], out var p) ? p : 1;
    var pageSize = int.TryParse(q["pageSize"], out var ps) ? ps : 20;
    var asOf = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
    await using var conn = await dataSource.OpenConnectionAsync(http.RequestAborted);
    await using var cmd = new NpgsqlCommand(ObligationSql.ScorecardByUnit(year is null ? "" : " AND p.year = @year"), conn);
    if (year is not null) cmd.Parameters.AddWithValue("year", year.Value);
    cmd.Parameters.AddWithValue("asOf", asOf);
    cmd.Parameters.AddWithValue("dueSoonLimit", asOf.AddDays(7));
    var rows = new List<ScorecardRowDto>(1024);
    var t = new int[9];
    int count = 0; DateTimeOffset? latest = null, latestTask = null, unitsChanged = null;
    await using (var r = await cmd.ExecuteReaderAsync(http.RequestAborted))
    {
        while (await r.ReadAsync(http.RequestAborted))
        {
            var c = new int[9];
            for (var i = 0; i < 9; i++) { c[i] = r.GetInt32(4 + i); t[i] += c[i]; }
            count += c[0];
            DateTimeOffset? Max(DateTimeOffset? a, int i) => r.IsDBNull(i) ? a : a is null || r.GetFieldValue<DateTimeOffset>(i) > a ? r.GetFieldValue<DateTimeOffset>(i) : a;
            latest = Max(latest, 13); latestTask = Max(latestTask, 14); unitsChanged = Max(unitsChanged, 15);
            var unit = new UnitRefDto(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3));
            rows.Add(new ScorecardRowDto(unit.Code, unit.Name, unit, unit.Kind, null, Counts(c)));
        }
    }
    var key = string.Join('|', http.Request.QueryString.Value, asOf.ToString("O", CultureInfo.InvariantCulture), count, latest?.UtcTicks, latestTask?.UtcTicks, unitsChanged?.UtcTicks);
    http.Response.Headers.ETag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32]}\"";
    rows.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
    var items = rows.Skip((page - 1) * pageSize).Take(pageSize).ToList();
    var next = (long)page * pageSize < rows.Count ? $"/obligations/summary{http.Request.QueryString.Value}&page={page + 1}" : null;
    return Results.Json(new ScorecardDto("Unit", asOf, Counts(t), items, page, pageSize, rows.Count, next), json.ScorecardDto);

    static CountsDto Counts(int[] c) => new(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]);
});

app.Run();

static class TaskSql
{
    private const string Columns = """
        SELECT s.id, s.plan_id, s.year, s."group", s.sequence, s.content, s.timing_kind, s.timing_month, s.timing_quarter, s.timing_date, s.timing_condition, s.timing_text, s.deadline, s.id0, s0.unit_id, s0.code, s0.name, s0."group", s0.source_text, s0.id, s0.id0, s1.unit_id, s1.code, s1.name, s1."group", s1.source_text, s1.id, s1.id0, s.lead_text, s.coordinator_text, s.status, s.c, s.completed_on, s.last_reported_on, s.report_count, s.created_at, s.updated_at, s.xmin
        FROM (
            SELECT t.id, t.plan_id, p.year, t."group", t.sequence, t.content, t.timing_kind, t.timing_month, t.timing_quarter, t.timing_date, t.timing_condition, t.timing_text, t.deadline, t.lead_text, t.coordinator_text, t.status, CASE
                WHEN t.status = 'NotCarriedOut' THEN 5
                WHEN t.status = 'Done' THEN CASE WHEN t.deadline IS NOT NULL AND t.completed_on > t.deadline THEN 4 ELSE 3 END
                WHEN t.deadline IS NULL THEN 5
                WHEN t.deadline < @asOf THEN 2
                WHEN t.deadline <= @dueSoonLimit THEN 1
                ELSE 0
            END AS c, t.completed_on, t.last_reported_on, t.report_count, t.created_at, t.updated_at, t.xmin, p.id AS id0
        """;
    private const string Assignees = """
        ) AS s
        LEFT JOIN (
            SELECT t0.unit_id, u.code, u.name, t0."group", t0.source_text, t0.id, u.id AS id0, t0.position, t0.task_id
            FROM task_assignees AS t0 LEFT JOIN units AS u ON t0.unit_id = u.id WHERE t0.role = 'Lead'
        ) AS s0 ON s.id = s0.task_id
        LEFT JOIN (
            SELECT t1.unit_id, u0.code, u0.name, t1."group", t1.source_text, t1.id, u0.id AS id0, t1.position, t1.task_id
            FROM task_assignees AS t1 LEFT JOIN units AS u0 ON t1.unit_id = u0.id WHERE t1.role = 'Coordinator'
        ) AS s1 ON s.id = s1.task_id
        """;

    public static string Page(string join, string where) => $"""
        {Columns}
            FROM tasks AS t {join}
            WHERE {where}
            ORDER BY p.year DESC, t.plan_id, t."group", t.sequence, t.id
            LIMIT @limit OFFSET @offset
        {Assignees}
        ORDER BY s.year DESC, s.plan_id, s."group", s.sequence, s.id, s.id0, s0.position, s0.id, s0.id0, s1.position, s1.id
        """;

    public static readonly string Single = $"""
        {Columns}
            FROM tasks AS t INNER JOIN plans AS p ON t.plan_id = p.id
            WHERE t.id = @id
            LIMIT 1
        {Assignees}
        ORDER BY s.id, s.id0, s0.position, s0.id, s0.id0, s1.position, s1.id
        """;

    private static readonly string[] TimelinessNames = ["WithinDeadline", "DueSoon", "Overdue", "DoneOnTime", "DoneLate", "NoDeadline"];

    /// <summary>Folds the joined rows (task × leads × coordinators) into tasks, each assignee once, in order.</summary>
    public static async Task ReadAsync(NpgsqlDataReader r, List<TaskDto> items, CancellationToken ct)
    {
        Guid current = Guid.Empty;
        List<AssigneeDto>? leads = null, coords = null;
        HashSet<int>? leadIds = null, coordIds = null;
        while (await r.ReadAsync(ct))
        {
            var id = r.GetGuid(0);
            if (id != current)
            {
                current = id;
                leads = []; coords = []; leadIds = []; coordIds = [];
                DateOnly? D(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);
                int? I(int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
                string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
                items.Add(new TaskDto(id, r.GetGuid(1), r.GetInt32(2), r.GetString(3), r.GetInt32(4), r.GetString(5),
                    new TimingDto(r.GetString(6), I(7), I(8), D(9), S(10), S(11)), D(12), leads, coords, S(28), S(29),
                    r.GetString(30), TimelinessNames[r.GetInt32(31)], D(32), D(33), r.GetInt32(34),
                    r.GetFieldValue<DateTimeOffset>(35), r.GetFieldValue<DateTimeOffset>(36), r.GetFieldValue<uint>(37)));
            }
            if (!r.IsDBNull(19) && leadIds!.Add(r.GetInt32(19)))
                leads!.Add(Assignee(r, 14));
            if (!r.IsDBNull(26) && coordIds!.Add(r.GetInt32(26)))
                coords!.Add(Assignee(r, 21));
        }
    }

    private static AssigneeDto Assignee(NpgsqlDataReader r, int o) => new(
        r.IsDBNull(o) ? null : r.GetGuid(o), r.IsDBNull(o + 1) ? null : r.GetString(o + 1), r.IsDBNull(o + 2) ? null : r.GetString(o + 2),
        r.IsDBNull(o + 3) ? null : r.GetString(o + 3), r.IsDBNull(o + 4) ? null : r.GetString(o + 4));
}

static class ObligationSql
{
    // The timeliness rule on the unit's own deadline (the extended one, else the task's), as the API's CASE.
    private const string Timeliness = """
        CASE
            WHEN o.status = 'NotCarriedOut' THEN 5
            WHEN o.status = 'Done' THEN CASE WHEN coalesce(o.extended_deadline, t.deadline) IS NOT NULL AND o.completed_on > coalesce(o.extended_deadline, t.deadline) THEN 4 ELSE 3 END
            WHEN coalesce(o.extended_deadline, t.deadline) IS NULL THEN 5
            WHEN coalesce(o.extended_deadline, t.deadline) < @asOf THEN 2
            WHEN coalesce(o.extended_deadline, t.deadline) <= @dueSoonLimit THEN 1
            ELSE 0
        END
        """;

    public static string Page(string yearFilter) => $"""
        SELECT o.id, o.task_id, t.plan_id, p.year, t."group", t.sequence, t.content, t.status, u.id, u.code, u.name, u.kind,
               o.role, o.source_group, o.cluster_id, o.state, o.status, {Timeliness}, coalesce(o.extended_deadline, t.deadline), t.deadline,
               o.extension_reason, o.exempted, o.exemption_reason, o.arose_on, o.arose_late, o.completed_on, o.review, o.last_reported_on,
               o.report_count, o.withdrawn_on, f.id, f.code, f.name, f.kind, o.created_at, o.updated_at, o.xmin
        FROM obligations o
        JOIN tasks t ON t.id = o.task_id
        JOIN plans p ON p.id = t.plan_id
        JOIN units u ON u.id = o.unit_id
        LEFT JOIN units f ON f.id = o.transferred_from_unit_id
        WHERE o.unit_id = @unit AND o.state = 'Active'{yearFilter}
        ORDER BY p.year DESC, t.plan_id, t."group", t.sequence, u.code, o.id
        LIMIT @limit OFFSET @offset
        """;

    // One pass over the matching obligations: per unit, the nine counts and the latest changes; the total is summed in memory.
    public static string ScorecardByUnit(string yearFilter) => $"""
        SELECT u.id, u.code, u.name, u.kind, s.n, s.c0, s.c1, s.c2, s.c3, s.c4, s.c5, s.late, s.ex, s.lo, s.lt, u.updated_at
        FROM (
          SELECT x.unit_id, count(*)::int AS n,
                 count(*) FILTER (WHERE NOT x.exempted AND NOT x.arose_late AND x.c = 0)::int AS c0,
                 count(*) FILTER (WHERE NOT x.exempted AND NOT x.arose_late AND x.c = 1)::int AS c1,
                 count(*) FILTER (WHERE NOT x.exempted AND NOT x.arose_late AND x.c = 2)::int AS c2,
                 count(*) FILTER (WHERE NOT x.exempted AND NOT x.arose_late AND x.c = 3)::int AS c3,
                 count(*) FILTER (WHERE NOT x.exempted AND NOT x.arose_late AND x.c = 4)::int AS c4,
                 count(*) FILTER (WHERE NOT x.exempted AND NOT x.arose_late AND x.c = 5)::int AS c5,
                 count(*) FILTER (WHERE NOT x.exempted AND x.arose_late)::int AS late,
                 count(*) FILTER (WHERE x.exempted)::int AS ex,
                 max(x.updated_at) AS lo, max(x.task_updated_at) AS lt
          FROM (SELECT o.unit_id, o.exempted, o.arose_late, o.updated_at, t.updated_at AS task_updated_at, {Timeliness} AS c
                FROM obligations o JOIN tasks t ON t.id = o.task_id JOIN plans p ON p.id = t.plan_id
                WHERE o.state = 'Active'{yearFilter}) x
          GROUP BY x.unit_id
        ) s
        JOIN units u ON u.id = s.unit_id
        """;

    private static readonly string[] TimelinessNames = ["WithinDeadline", "DueSoon", "Overdue", "DoneOnTime", "DoneLate", "NoDeadline"];

    public static async Task ReadAsync(NpgsqlDataReader r, List<ObligationDto> items, CancellationToken ct)
    {
        while (await r.ReadAsync(ct))
        {
            DateOnly? D(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);
            string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            items.Add(new ObligationDto(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.GetInt32(3), r.GetString(4), r.GetInt32(5), r.GetString(6),
                r.GetString(7), new UnitRefDto(r.GetGuid(8), r.GetString(9), r.GetString(10), r.GetString(11)), r.GetString(12), S(13),
                r.IsDBNull(14) ? null : r.GetGuid(14), r.GetString(15), r.GetString(16), TimelinessNames[r.GetInt32(17)], D(18), D(19), S(20),
                r.GetBoolean(21), S(22), r.GetFieldValue<DateOnly>(23), r.GetBoolean(24), D(25), r.GetString(26), D(27), r.GetInt32(28), D(29),
                r.IsDBNull(30) ? null : new UnitRefDto(r.GetGuid(30), r.GetString(31), r.GetString(32), r.GetString(33)),
                r.GetFieldValue<DateTimeOffset>(34), r.GetFieldValue<DateTimeOffset>(35), r.GetFieldValue<uint>(36)));
        }
    }
}

public sealed record UnitRefDto(Guid Id, string Code, string Name, string Kind);
public sealed record ObligationDto(Guid Id, Guid TaskId, Guid PlanId, int PlanYear, string Group, int Sequence, string TaskContent,
    string TaskStatus, UnitRefDto Unit, string Role, string? SourceGroup, Guid? ClusterId, string State, string Status, string Timeliness,
    DateOnly? Deadline, DateOnly? TaskDeadline, string? ExtensionReason, bool Exempted, string? ExemptionReason, DateOnly AroseOn,
    bool AroseLate, DateOnly? CompletedOn, string Review, DateOnly? LastReportedOn, int ReportCount, DateOnly? WithdrawnOn,
    UnitRefDto? TransferredFrom, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, uint Version);
public sealed record PagedObligations(List<ObligationDto> Items, int Page, int PageSize, int TotalCount, string? NextPage);
public sealed record CountsDto(int Total, int WithinDeadline, int DueSoon, int Overdue, int DoneOnTime, int DoneLate, int NoDeadline, int AroseLate, int Exempted);
public sealed record ScorecardRowDto(string Key, string Label, UnitRefDto? Unit, string? Kind, Guid? ClusterId, CountsDto Counts);
public sealed record ScorecardDto(string GroupBy, DateOnly AsOf, CountsDto Total, List<ScorecardRowDto> Items, int Page, int PageSize, int TotalCount, string? NextPage);

public sealed record TaskDto(Guid Id, Guid PlanId, int PlanYear, string Group, int Sequence, string Content, TimingDto Timing,
    DateOnly? Deadline, List<AssigneeDto> Leads, List<AssigneeDto> Coordinators, string? LeadText, string? CoordinatorText,
    string Status, string Timeliness, DateOnly? CompletedOn, DateOnly? LastReportedOn, int ReportCount,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, uint Version);
public sealed record TimingDto(string Kind, int? Month, int? Quarter, DateOnly? Date, string? Condition, string? Text);
public sealed record AssigneeDto(Guid? UnitId, string? UnitCode, string? UnitName, string? Group, string? Text);
public sealed record PagedTasks(List<TaskDto> Items, int Page, int PageSize, int TotalCount, string? NextPage);
public sealed record ImportResult(int Received, int Created, int Updated, int Unchanged);

[JsonSerializable(typeof(PagedTasks))]
[JsonSerializable(typeof(TaskDto))]
[JsonSerializable(typeof(ImportResult))]
[JsonSerializable(typeof(PagedObligations))]
[JsonSerializable(typeof(ScorecardDto))]
internal sealed partial class BenchJson : JsonSerializerContext;
