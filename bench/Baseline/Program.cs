// Raw baseline ("twin") for the EmulationApi benchmark: the reads the API serves, each answered with the best SQL we can
// write for the same JSON (issue 15), by hand with Npgsql (no EF Core, no MediatR, no validation, no auth).
//   GET  /tasks?year=&quarter=&month=&group=&planId=&leadUnitCode=&unitCode=&status=&changedSince=&sort=&page=&pageSize=
//        the feed: one statement (state for the ETag + the page's items as JSON built by PostgreSQL); If-None-Match: the state alone, 304
//   GET  /tasks/summary?groupBy=LeadUnit|Quarter|Plan&<filters>         one statement: cells grouped once, JSON built by PostgreSQL
//   GET  /tasks/{id}                                                   one statement, JSON built by PostgreSQL
//   POST /units/import   (text/csv)                                    raw binary COPY into a temp table + one INSERT … ON CONFLICT, then the API's unit-scoped derivation in one call
//   GET  /obligations?unitCode=&year=&page=&pageSize=                  a unit's work list: the same JSON, one state query + one page query
//   GET  /obligations/summary?groupBy=Unit&year=&page=&pageSize=       the scorecard by unit: the same JSON from the writers' tally (one statement: totals, count and the page)
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
builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Error); // failed statements show in .work/baseline.log
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
    var f = TaskFilter.From(http.Request.Query);
    var page = int.TryParse(http.Request.Query["page"], out var p) ? p : 1;
    var pageSize = int.TryParse(http.Request.Query["pageSize"], out var ps) ? ps : 20;
    await using var conn = await dataSource.OpenConnectionAsync(http.RequestAborted);
    // A re-poll: the state alone (one aggregate over the matching rows), and 304 when it has not moved.
    if (http.Request.Headers.IfNoneMatch.Count > 0)
    {
        await using var sc = new NpgsqlCommand(TaskSql.State(f), conn);
        f.Bind(sc);
        await using var sr = await sc.ExecuteReaderAsync(http.RequestAborted);
        await sr.ReadAsync(http.RequestAborted);
        var current = TaskSql.ETag(f, sr);
        if (http.Request.Headers.IfNoneMatch.ToString() == current) { http.Response.Headers.ETag = current; return Results.StatusCode(304); }
    }
    // One statement: the state (count, latest changes) and the page's items as JSON, built by PostgreSQL.
    await using var cmd = new NpgsqlCommand(TaskSql.Page(f), conn);
    f.Bind(cmd);
    cmd.Parameters.AddWithValue("limit", pageSize);
    cmd.Parameters.AddWithValue("offset", (page - 1) * pageSize);
    if (await Explain.PlanAsync(http, cmd) is { } plan) return plan;
    await using var r = await cmd.ExecuteReaderAsync(http.RequestAborted);
    await r.ReadAsync(http.RequestAborted);
    http.Response.Headers.ETag = TaskSql.ETag(f, r);
    var count = r.GetInt32(0);
    var items = r.GetString(5);
    var next = (long)page * pageSize < count ? $"/tasks{http.Request.QueryString.Value}&page={page + 1}" : null;
    var body = $$"""{"items":{{items}},"page":{{page}},"pageSize":{{pageSize}},"totalCount":{{count}},"nextPage":{{(next is null ? "null" : "\"" + JsonEncodedText.Encode(next).ToString() + "\"")}}}""";
    return Results.Text(body, "application/json; charset=utf-8");
});

app.MapGet("/tasks/summary", async (HttpContext http) =>
{
    var f = TaskFilter.From(http.Request.Query);
    var groupBy = http.Request.Query["groupBy"].ToString() is { Length: > 0 } g ? g : "LeadUnit";
    await using var conn = await dataSource.OpenConnectionAsync(http.RequestAborted);
    await using var cmd = new NpgsqlCommand(TaskSql.Summary(f, groupBy), conn);
    f.Bind(cmd);
    if (await Explain.PlanAsync(http, cmd) is { } plan) return plan;
    await using var r = await cmd.ExecuteReaderAsync(http.RequestAborted);
    await r.ReadAsync(http.RequestAborted);
    return Results.Text(r.GetString(0), "application/json; charset=utf-8");
});

app.MapGet("/tasks/{id:guid}", async (Guid id, HttpContext http) =>
{
    var asOf = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
    await using var conn = await dataSource.OpenConnectionAsync(http.RequestAborted);
    await using var cmd = new NpgsqlCommand(TaskSql.Single, conn);
    cmd.Parameters.AddWithValue("asOf", asOf);
    cmd.Parameters.AddWithValue("dueSoonLimit", asOf.AddDays(7));
    cmd.Parameters.AddWithValue("id", id);
    if (await Explain.PlanAsync(http, cmd) is { } plan) return plan;
    await using var r = await cmd.ExecuteReaderAsync(http.RequestAborted);
    if (!await r.ReadAsync(http.RequestAborted)) return Results.NotFound();
    http.Response.Headers.ETag = $"\"{r.GetInt64(0)}-{asOf:yyyyMMdd}\"";
    return Results.Text(r.GetString(1), "application/json; charset=utf-8");
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
    Guid[] regrouped;
    // The feed lock, as the API's import takes it for its merge (renamed units touch tasks). One statement merges and
    // says which units the plans' groups now reach differently (new, or another kind), as the API's classification does.
    await using (var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('emulation.feed'))", conn, tx))
        await cmd.ExecuteNonQueryAsync(http.RequestAborted);
    await using (var cmd = new NpgsqlCommand("""
        WITH old AS MATERIALIZED (
          SELECT lower(s.code) AS k, u.kind AS old_kind FROM unit_stage s LEFT JOIN units u ON lower(u.code) = lower(s.code)
        ), m AS (
          INSERT INTO units AS u (id, code, name, short_name, kind, parent_id, document_exchange_id, aliases)
          SELECT gen_random_uuid(), s.code, s.name, s.short_name, s.kind, p.id, s.document_exchange_id, s.aliases
          FROM unit_stage s LEFT JOIN units p ON lower(p.code) = lower(s.parent_code)
          ON CONFLICT (lower(code)) DO UPDATE
            SET code = excluded.code, name = excluded.name, short_name = excluded.short_name, kind = excluded.kind,
                parent_id = excluded.parent_id, document_exchange_id = excluded.document_exchange_id, aliases = excluded.aliases
            WHERE (u.code, u.name, u.short_name, u.kind, u.parent_id, u.document_exchange_id, u.aliases)
                  IS DISTINCT FROM (excluded.code, excluded.name, excluded.short_name, excluded.kind, excluded.parent_id, excluded.document_exchange_id, excluded.aliases)
          RETURNING u.id, lower(u.code) AS k, u.kind, (xmax = 0) AS inserted)
        SELECT count(*) FILTER (WHERE m.inserted)::int, count(*) FILTER (WHERE NOT m.inserted)::int,
               coalesce(array_agg(m.id) FILTER (WHERE m.inserted OR o.old_kind IS DISTINCT FROM m.kind), '{}')
          FROM m JOIN old o ON o.k = m.k
        """, conn, tx))
    {
        cmd.CommandTimeout = 600;
        await using var r = await cmd.ExecuteReaderAsync(http.RequestAborted);
        await r.ReadAsync(http.RequestAborted);
        created = r.GetInt32(0); updated = r.GetInt32(1); regrouped = r.GetFieldValue<Guid[]>(2);
    }
    await tx.CommitAsync(http.RequestAborted);
    // The same derivation the API's import leads to (UnitImportStore.WriteAsync queues the new and re-kinded units; the
    // worker derives them with emulation_derive_unit_obligations), done at once: ONE call over all those units, in one
    // transaction under the feed lock — the fastest way the schema allows, where the API cuts it into short transactions
    // so progress reports keep flowing. The answer comes when the obligations exist.
    if (regrouped.Length > 0)
    {
        await using var derivation = await conn.BeginTransactionAsync(http.RequestAborted);
        await using (var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('emulation.feed'))", conn, derivation))
            await cmd.ExecuteNonQueryAsync(http.RequestAborted);
        await using (var derive = new NpgsqlCommand("SELECT emulation_derive_unit_obligations(@units, NULL, @today, @today)", conn, derivation))
        {
            derive.Parameters.AddWithValue("units", regrouped);
            derive.Parameters.AddWithValue("today", DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)));
            derive.CommandTimeout = 900;
            await derive.ExecuteNonQueryAsync(http.RequestAborted);
        }
        await derivation.CommitAsync(http.RequestAborted);
    }
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
        if (await Explain.PlanAsync(http, cmd) is { } plan) return plan;
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
    await using var cmd = new NpgsqlCommand(ObligationSql.ScorecardByUnit(year is null ? "" : " AND c.year = @year"), conn);
    if (year is not null) cmd.Parameters.AddWithValue("year", year.Value);
    cmd.Parameters.AddWithValue("asOf", asOf);
    cmd.Parameters.AddWithValue("dueSoonLimit", asOf.AddDays(7));
    cmd.Parameters.AddWithValue("skip", (page - 1) * pageSize);
    cmd.Parameters.AddWithValue("take", pageSize);
    var items = new List<ScorecardRowDto>(pageSize);
    var t = new int[9];
    int count = 0; DateTimeOffset? latest = null, latestTask = null, unitsChanged = null;
    if (await Explain.PlanAsync(http, cmd) is { } plan) return plan;
    await using (var r = await cmd.ExecuteReaderAsync(http.RequestAborted))
    {
        while (await r.ReadAsync(http.RequestAborted))
        {
            var c = new int[9];
            for (var i = 0; i < 9; i++) c[i] = r.GetInt32(6 + i);
            if (r.GetInt64(0) == 0)
            {
                // The first row: the totals, the row count and the latest changes, for the ETag.
                (t, count) = (c, r.GetInt32(1));
                DateTimeOffset? At(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
                (latest, latestTask, unitsChanged) = (At(15), At(16), At(17));
                continue;
            }
            var unit = new UnitRefDto(r.GetGuid(2), r.GetString(3), r.GetString(4), r.GetString(5));
            items.Add(new ScorecardRowDto(unit.Code, unit.Name, unit, unit.Kind, null, Counts(c)));
        }
    }
    var key = string.Join('|', http.Request.QueryString.Value, asOf.ToString("O", CultureInfo.InvariantCulture), t[0], latest?.UtcTicks, latestTask?.UtcTicks, unitsChanged?.UtcTicks);
    http.Response.Headers.ETag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32]}\"";
    var next = (long)page * pageSize < count ? $"/obligations/summary{http.Request.QueryString.Value}&page={page + 1}" : null;
    return Results.Json(new ScorecardDto("Unit", asOf, Counts(t), items, page, pageSize, count, next), json.ScorecardDto);

    static CountsDto Counts(int[] c) => new(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]);
});

app.Run();

/// <summary>With the header X-Explain, a read answers the plan of its main statement instead:
/// EXPLAIN (ANALYZE, BUFFERS) on the same parameters (bench/README.md shows them).</summary>
static class Explain
{
    public static async Task<IResult?> PlanAsync(HttpContext http, NpgsqlCommand cmd)
    {
        if (!http.Request.Headers.ContainsKey("X-Explain")) return null;
        cmd.CommandText = "EXPLAIN (ANALYZE, BUFFERS) " + cmd.CommandText;
        var plan = new StringBuilder();
        await using (var r = await cmd.ExecuteReaderAsync(http.RequestAborted))
            while (await r.ReadAsync(http.RequestAborted)) plan.AppendLine(r.GetString(0));
        return Results.Text(plan.ToString());
    }
}

/// <summary>The feed's filters as the API reads them (the benchmark's subset: year, quarter, month, group, plan, lead unit,
/// any-assignee unit, status, changedSince, sort).</summary>
sealed class TaskFilter
{
    public int? Year, Quarter, Month;
    public Guid? PlanId;
    public string? Group, Lead, Unit, Status, Sort;
    public DateTimeOffset? Since;
    public DateOnly AsOf;
    public string Query = "";

    public static TaskFilter From(IQueryCollection q)
    {
        static string? S(string v) => v.Length > 0 ? v : null;
        return new TaskFilter
        {
            Year = int.TryParse(q["year"], out var y) ? y : null,
            Quarter = int.TryParse(q["quarter"], out var qq) ? qq : null,
            Month = int.TryParse(q["month"], out var m) ? m : null,
            PlanId = Guid.TryParse(q["planId"], out var pid) ? pid : null,
            Group = S(q["group"].ToString()),
            Lead = S(q["leadUnitCode"].ToString())?.ToLowerInvariant(),
            Unit = S(q["unitCode"].ToString())?.ToLowerInvariant(),
            Status = S(q["status"].ToString()),
            Sort = S(q["sort"].ToString()),
            Since = DateTimeOffset.TryParse(q["changedSince"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var cs) ? cs.ToUniversalTime() : null,
            AsOf = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)),
            Query = string.Join('&', q.Where(kv => kv.Key is not ("page" or "pageSize")).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value)),
        };
    }

    /// <summary>The WHERE over tasks t JOIN plans p. A unit's tasks: its active obligations (the lead ones for
    /// leadUnitCode), or, on plans without obligations, the assignees naming it — one IN over a UNION of the two, each
    /// an index-only range of (unit_id, plan_year, role) for the one unit id and, with year, that year only (the API's
    /// plan_year columns), then joined to the tasks by id.</summary>
    public string TaskWhere()
    {
        var w = new StringBuilder("TRUE");
        if (Year is not null) w.Append(" AND p.year = @year");
        if (PlanId is not null) w.Append(" AND t.plan_id = @planId");
        if (Group is not null) w.Append(" AND t.\"group\" = @group");
        if (Quarter is not null) w.Append(" AND t.deadline IS NOT NULL AND date_part('month', t.deadline)::int BETWEEN @from AND @to");
        if (Month is not null) w.Append(" AND t.deadline IS NOT NULL AND date_part('month', t.deadline)::int = @month");
        if (Lead is not null) w.Append(UnitTasks("lead", " AND o.role = 'Lead'", " AND a.role = 'Lead'"));
        if (Unit is not null) w.Append(UnitTasks("unit", "", ""));
        if (Status is not null) w.Append(" AND t.status = @status");
        else if (Since is null) w.Append(" AND t.status <> 'Cancelled'");
        if (Since is not null) w.Append(" AND t.updated_at > @since");
        return w.ToString();
    }

    private string UnitTasks(string code, string obligationRole, string assigneeRole)
    {
        var (obligationYear, assigneeYear) = Year is null ? ("", "") : (" AND o.plan_year = @year", " AND a.plan_year = @year");
        return $"""
             AND t.id IN (SELECT o.task_id FROM obligations o WHERE o.unit_id = (SELECT id FROM units WHERE lower(code) = @{code}) AND o.state = 'Active'{obligationYear}{obligationRole}
                          UNION SELECT a.task_id FROM task_assignees a WHERE a.unit_id = (SELECT id FROM units WHERE lower(code) = @{code}){assigneeYear}{assigneeRole})
            """;
    }

    /// <summary>Tombstones under changedSince: the filters on where the task stood; the others pass them.</summary>
    public string? TombstoneWhere()
    {
        if (Since is null) return null;
        var w = new StringBuilder("d.deleted_at > @since");
        if (Year is not null) w.Append(" AND p.year = @year");
        if (PlanId is not null) w.Append(" AND d.plan_id = @planId");
        if (Group is not null) w.Append(" AND d.\"group\" = @group");
        if (Quarter is not null) w.Append(" AND d.deadline IS NOT NULL AND date_part('month', d.deadline)::int BETWEEN @from AND @to");
        if (Month is not null) w.Append(" AND d.deadline IS NOT NULL AND date_part('month', d.deadline)::int = @month");
        return w.ToString();
    }

    public void Bind(NpgsqlCommand cmd)
    {
        if (Year is not null) cmd.Parameters.AddWithValue("year", Year.Value);
        if (PlanId is not null) cmd.Parameters.AddWithValue("planId", PlanId.Value);
        if (Group is not null) cmd.Parameters.AddWithValue("group", Group);
        if (Quarter is not null) { cmd.Parameters.AddWithValue("from", Quarter.Value * 3 - 2); cmd.Parameters.AddWithValue("to", Quarter.Value * 3); }
        if (Month is not null) cmd.Parameters.AddWithValue("month", Month.Value);
        if (Lead is not null) cmd.Parameters.AddWithValue("lead", Lead);
        if (Unit is not null) cmd.Parameters.AddWithValue("unit", Unit);
        if (Status is not null) cmd.Parameters.AddWithValue("status", Status);
        if (Since is not null) cmd.Parameters.AddWithValue("since", Since.Value);
        cmd.Parameters.AddWithValue("asOf", AsOf);
        cmd.Parameters.AddWithValue("dueSoonLimit", AsOf.AddDays(7));
    }
}

static class TaskSql
{
    /// <summary>The task's timeliness on @asOf (0 WithinDeadline … 5 NoDeadline), the API's rule.</summary>
    private const string TaskTimeliness = """
        CASE WHEN t.status IN ('NotCarriedOut', 'Cancelled') THEN 5
             WHEN t.status = 'Done' THEN CASE WHEN t.deadline IS NOT NULL AND t.completed_on > t.deadline THEN 4 ELSE 3 END
             WHEN t.deadline IS NULL THEN 5 WHEN t.deadline < @asOf THEN 2 WHEN t.deadline <= @dueSoonLimit THEN 1 ELSE 0 END
        """;

    private const string TimelinessNames = "(ARRAY['WithinDeadline','DueSoon','Overdue','DoneOnTime','DoneLate','NoDeadline'])";

    /// <summary>A task's answer as JSON (the API's field order) — the json_build_object left open for a caller's last
    /// fields — from t (tasks) and p (plans): its assignees and its
    /// active obligations counted by role and tally, each in one index lookup on the task's id.</summary>
    private static readonly string ItemJson = $$"""
        json_build_object('id', t.id, 'planId', t.plan_id, 'planYear', p.year, 'group', t."group", 'sequence', t.sequence, 'content', t.content,
          'timing', json_build_object('kind', t.timing_kind, 'month', t.timing_month, 'quarter', t.timing_quarter, 'date', t.timing_date,
                                      'condition', t.timing_condition, 'text', t.timing_text),
          'deadline', t.deadline,
          'leads', coalesce(a.leads, '[]'::json), 'coordinators', coalesce(a.coords, '[]'::json),
          'leadText', t.lead_text, 'coordinatorText', t.coordinator_text, 'status', t.status,
          'timeliness', {{TimelinessNames}}[1 + {{TaskTimeliness}}],
          'completedOn', t.completed_on, 'lastReportedOn', t.last_reported_on, 'reportCount', t.report_count,
          'leadObligations', {{Counts("Lead")}}, 'coordinatorObligations', {{Counts("Coordinator")}},
          'cancelledBy', t.cancelled_by, 'cancellationReason', t.cancellation_reason, 'amendedBy', t.amended_by, 'movementId', t.movement_id,
          'createdAt', t.created_at, 'updatedAt', t.updated_at, 'version', t.xmin::text::bigint
        """;

    private static string Counts(string role) => $"""
        json_build_object('total', coalesce(c.{role}_n, 0), 'withinDeadline', coalesce(c.{role}_c0, 0), 'dueSoon', coalesce(c.{role}_c1, 0),
          'overdue', coalesce(c.{role}_c2, 0), 'doneOnTime', coalesce(c.{role}_c3, 0), 'doneLate', coalesce(c.{role}_c4, 0),
          'noDeadline', coalesce(c.{role}_c5, 0), 'aroseLate', coalesce(c.{role}_late, 0), 'exempted', coalesce(c.{role}_ex, 0))
        """;

    /// <summary>A role's counts from the task's (role, cell) rows: cells 0–5 the timeliness, 6 arose late, 7 exempted.</summary>
    private static string CountColumns(string role) => $"""
        sum(x.n) FILTER (WHERE x.role = '{role}') AS {role}_n,
        sum(x.n) FILTER (WHERE x.role = '{role}' AND x.k = 0) AS {role}_c0,
        sum(x.n) FILTER (WHERE x.role = '{role}' AND x.k = 1) AS {role}_c1,
        sum(x.n) FILTER (WHERE x.role = '{role}' AND x.k = 2) AS {role}_c2,
        sum(x.n) FILTER (WHERE x.role = '{role}' AND x.k = 3) AS {role}_c3,
        sum(x.n) FILTER (WHERE x.role = '{role}' AND x.k = 4) AS {role}_c4,
        sum(x.n) FILTER (WHERE x.role = '{role}' AND x.k = 5) AS {role}_c5,
        sum(x.n) FILTER (WHERE x.role = '{role}' AND x.k = 6) AS {role}_late,
        sum(x.n) FILTER (WHERE x.role = '{role}' AND x.k = 7) AS {role}_ex
        """;

    /// <summary>The joins ItemJson reads: assignees in the plan's order, obligation counts (the obligation's own deadline).</summary>
    private static readonly string ItemJoins = $"""
        LEFT JOIN LATERAL (
          SELECT json_agg(json_build_object('unitId', ta.unit_id, 'unitCode', u.code, 'unitName', u.name, 'group', ta."group", 'text', ta.source_text)
                          ORDER BY ta.position, ta.id) FILTER (WHERE ta.role = 'Lead') AS leads,
                 json_agg(json_build_object('unitId', ta.unit_id, 'unitCode', u.code, 'unitName', u.name, 'group', ta."group", 'text', ta.source_text)
                          ORDER BY ta.position, ta.id) FILTER (WHERE ta.role = 'Coordinator') AS coords
          FROM task_assignees ta LEFT JOIN units u ON u.id = ta.unit_id WHERE ta.task_id = t.id) a ON true
        LEFT JOIN LATERAL (
          SELECT {CountColumns("Lead")}, {CountColumns("Coordinator")}
          FROM (SELECT o.role,
                       CASE WHEN o.exempted THEN 7 WHEN o.arose_late THEN 6
                            WHEN o.status = 'NotCarriedOut' THEN 5
                            WHEN o.status = 'Done' THEN CASE WHEN coalesce(o.extended_deadline, t.deadline) IS NOT NULL AND o.completed_on > coalesce(o.extended_deadline, t.deadline) THEN 4 ELSE 3 END
                            WHEN coalesce(o.extended_deadline, t.deadline) IS NULL THEN 5
                            WHEN coalesce(o.extended_deadline, t.deadline) < @asOf THEN 2
                            WHEN coalesce(o.extended_deadline, t.deadline) <= @dueSoonLimit THEN 1 ELSE 0 END AS k,
                       count(*) AS n
                FROM obligations o WHERE o.task_id = t.id AND o.state = 'Active' GROUP BY 1, 2) x) c ON true
        """;

    private static string Order(TaskFilter f, string x) => f.Sort switch
    {
        "deadline" => $"{x}.deadline IS NULL, {x}.deadline, {x}.id",
        "-deadline" => $"{x}.deadline IS NULL, {x}.deadline DESC, {x}.id",
        "updatedAt" => $"{x}.updated_at, {x}.id",
        "-updatedAt" => $"{x}.updated_at DESC, {x}.id",
        _ => $"{x}.year DESC, {x}.plan_id, {x}.\"group\", {x}.sequence, {x}.id",
    };

    /// <summary>The matching places (tasks, and tombstones under changedSince): only what the sort and the state read.</summary>
    private static string Matching(TaskFilter f) => $"""
        SELECT t.id, t.plan_id, p.year, t."group", t.sequence, t.deadline, t.updated_at, false AS deleted
        FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE {f.TaskWhere()}
        {(f.TombstoneWhere() is { } tw ? $"""
            UNION ALL
            SELECT d.task_id, d.plan_id, p.year, d."group", d.sequence, d.deadline, d.deleted_at, true
            FROM task_tombstones d JOIN plans p ON p.id = d.plan_id WHERE {tw}
            """ : "")}
        """;

    /// <summary>What the page depends on, for the ETag: count and latest change of the matching tasks and tombstones, latest unit change.</summary>
    public static string State(TaskFilter f) => $"""
        SELECT count(*)::int, max(m.updated_at) FILTER (WHERE NOT m.deleted), (SELECT max(updated_at) FROM units),
               count(*) FILTER (WHERE m.deleted)::int, max(m.updated_at) FILTER (WHERE m.deleted)
        FROM ({Matching(f)}) m
        """;

    /// <summary>The state and the page in one statement: the matching places once (count + top-N sort), then only
    /// the page's tasks are read whole and turned into JSON.</summary>
    public static string Page(TaskFilter f) => $"""
        WITH m AS MATERIALIZED ({Matching(f)}),
        pg AS (SELECT m.*, row_number() OVER (ORDER BY {Order(f, "m")}) AS ord FROM m ORDER BY {Order(f, "m")} LIMIT @limit OFFSET @offset)
        SELECT (SELECT count(*) FROM m)::int, (SELECT max(updated_at) FROM m WHERE NOT deleted), (SELECT max(updated_at) FROM units),
               (SELECT count(*) FROM m WHERE deleted)::int, (SELECT max(updated_at) FROM m WHERE deleted),
               (SELECT coalesce(json_agg(j.item ORDER BY j.ord), '[]'::json)::text FROM (
                  SELECT pg.ord, CASE WHEN pg.deleted THEN json_build_object('id', pg.id, 'planId', pg.plan_id, 'planYear', pg.year, 'group', pg."group",
                      'sequence', pg.sequence, 'content', null, 'timing', null, 'deadline', pg.deadline, 'leads', null, 'coordinators', null,
                      'leadText', null, 'coordinatorText', null, 'status', null, 'timeliness', null, 'completedOn', null, 'lastReportedOn', null,
                      'reportCount', null, 'leadObligations', null, 'coordinatorObligations', null, 'cancelledBy', null, 'cancellationReason', null,
                      'amendedBy', null, 'movementId', null, 'createdAt', null, 'updatedAt', pg.updated_at, 'version', null, 'deleted', true)
                    ELSE {ItemJson}, 'deleted', false) END AS item
                  FROM pg LEFT JOIN tasks t ON t.id = pg.id AND NOT pg.deleted LEFT JOIN plans p ON p.id = t.plan_id
                  {ItemJoins}) j)
        """;

    public static readonly string Single = $"""
        SELECT t.xmin::text::bigint, ({ItemJson}))::text
        FROM tasks t JOIN plans p ON p.id = t.plan_id
        {ItemJoins}
        WHERE t.id = @id
        """;

    /// <summary>The summary in one pass: per (key, status, timeliness) cell, then grouped and the total, as JSON.</summary>
    public static string Summary(TaskFilter f, string groupBy)
    {
        var (key, label, from) = groupBy switch
        {
            "Quarter" => ("t.\"group\"", "CASE t.\"group\" WHEN 'Q1' THEN 'Quý I' WHEN 'Q2' THEN 'Quý II' WHEN 'Q3' THEN 'Quý III' WHEN 'Q4' THEN 'Quý IV' ELSE 'Nhiệm vụ thường xuyên' END", ""),
            "Plan" => ("t.plan_id::text", "p.title || ' (' || p.year || ')'", ""),
            // By lead unit: counted by unit id (or group, or text), then named — the units joined to the ~1,300 counted
            // groups, not to the year's ~11,500 lead rows (PostgreSQL, unable to see that a lead row of the year belongs
            // to a task of the year, expects ~115 of those at 1M tasks and probes pk_units for each). With a year, the
            // year's lead rows come by the API's partial index (plan_year) INCLUDE (...) WHERE role = 'Lead', hashed
            // against the year's tasks: bench/README.md, "Summary by lead unit".
            _ => ("coalesce(u.code, x.g, x.txt, '')",
                  "coalesce(u.name, CASE x.g WHEN 'AllClustersAndBlocs' THEN 'Các Cụm, Khối thi đua' WHEN 'ClusterAndBlocLeaders' THEN 'Cụm trưởng, Khối trưởng' WHEN 'AllCommunesAndWards' THEN 'Các xã, phường' WHEN 'AllLocalitiesAndUnits' THEN 'Các địa phương, cơ quan, đơn vị' WHEN 'RelatedUnits' THEN 'Các cơ quan, đơn vị có liên quan' ELSE x.g END, x.txt, '')",
                  "JOIN task_assignees a ON a.task_id = t.id AND a.role = 'Lead'" + (f.Year is null ? "" : " AND a.plan_year = @year")),
        };
        static string C(string name, string cond) => $"'{name}', coalesce(sum(n) FILTER (WHERE {cond}), 0)";
        var counts = "json_build_object('total', coalesce(sum(n), 0), " + string.Join(", ",
            C("notStarted", "s = 'NotStarted'"), C("inProgress", "s = 'InProgress'"), C("done", "s = 'Done'"), C("notCarriedOut", "s = 'NotCarriedOut'"),
            C("unassigned", "s = 'Unassigned'"), C("cancelled", "s = 'Cancelled'"), C("withinDeadline", "c = 0"), C("dueSoon", "c = 1"),
            C("overdue", "c = 2"), C("doneOnTime", "c = 3"), C("doneLate", "c = 4"), C("noDeadline", "c = 5")) + ")";
        // The total counts each task once (a task with two leads is in two groups): its own pass over the cells without the key.
        return $"""
            WITH cells AS MATERIALIZED ({(groupBy is "Quarter" or "Plan" ? $"""
              SELECT {key} AS k, {label} AS l, t.status AS s, {TaskTimeliness} AS c, count(*) AS n
              FROM tasks t JOIN plans p ON p.id = t.plan_id {from}
              WHERE {f.TaskWhere()}
              GROUP BY 1, 2, 3, 4
              """ : $"""
              SELECT {key} AS k, {label} AS l, x.s, x.c, x.n
              FROM (SELECT a.unit_id, a."group" AS g, CASE WHEN a.unit_id IS NULL AND a."group" IS NULL THEN a.source_text END AS txt,
                           t.status AS s, {TaskTimeliness} AS c, count(*) AS n
                    FROM tasks t JOIN plans p ON p.id = t.plan_id {from}
                    WHERE {f.TaskWhere()}
                    GROUP BY 1, 2, 3, 4, 5) x
              LEFT JOIN units u ON u.id = x.unit_id
              """)}),
            total AS (
              SELECT t.status AS s, {TaskTimeliness} AS c, count(*) AS n FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE {f.TaskWhere()} GROUP BY 1, 2)
            SELECT json_build_object('groupBy', '{groupBy}', 'asOf', @asOf::date,
              'total', (SELECT {counts} FROM total),
              'groups', coalesce((SELECT json_agg(g.j ORDER BY g.total DESC, g.k COLLATE "C") FROM (
                  SELECT k, sum(n) AS total, json_build_object('key', k, 'label', l, 'counts', {counts}) AS j
                  FROM cells GROUP BY k, l) g), '[]'::json))::text
            """;
    }

    public static string ETag(TaskFilter f, NpgsqlDataReader r)
    {
        DateTimeOffset? T(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
        var key = string.Join('|', f.Query, f.AsOf.ToString("O", CultureInfo.InvariantCulture), r.GetInt32(0), T(1)?.UtcTicks, T(2)?.UtcTicks, r.GetInt32(3), T(4)?.UtcTicks);
        return $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32]}\"";
    }
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

    // The scorecard from the tally the API's writers keep (obligation_counts, ~57,000 rows for 2026's ~270,000 obligations),
    // in one statement and one pass over it: the rows summed per unit and tally first (each open row's band computed from
    // its kept deadline on asOf; a hash aggregate into a few thousand cells: summing each of the nine counts with its own
    // FILTER over the 57,000 rows costs about twice as much), then per unit, numbered by code; the totals, row count and
    // latest changes (for the ETag) in a first row, then the page's units only.
    public static string ScorecardByUnit(string yearFilter) => $"""
        WITH x AS (
          SELECT c.unit_id, sum(c.count)::int AS n,
                 CASE WHEN c.exempted THEN 7 WHEN c.arose_late THEN 6
                      WHEN c.status = 'NotCarriedOut' THEN 5
                      WHEN c.status = 'Done' THEN CASE WHEN c.done_late THEN 4 ELSE 3 END
                      WHEN c.deadline IS NULL THEN 5 WHEN c.deadline < @asOf THEN 2 WHEN c.deadline <= @dueSoonLimit THEN 1 ELSE 0 END AS tally
          FROM obligation_counts c
          WHERE c.count <> 0{yearFilter}
          GROUP BY 1, 3),
        s AS (
          SELECT row_number() OVER (ORDER BY u.code) AS position, u.id, u.code, u.name, u.kind, u.updated_at, sum(x.n)::int AS n,
                 coalesce(sum(x.n) FILTER (WHERE x.tally = 0), 0)::int AS c0, coalesce(sum(x.n) FILTER (WHERE x.tally = 1), 0)::int AS c1,
                 coalesce(sum(x.n) FILTER (WHERE x.tally = 2), 0)::int AS c2, coalesce(sum(x.n) FILTER (WHERE x.tally = 3), 0)::int AS c3,
                 coalesce(sum(x.n) FILTER (WHERE x.tally = 4), 0)::int AS c4, coalesce(sum(x.n) FILTER (WHERE x.tally = 5), 0)::int AS c5,
                 coalesce(sum(x.n) FILTER (WHERE x.tally = 6), 0)::int AS late, coalesce(sum(x.n) FILTER (WHERE x.tally = 7), 0)::int AS ex
          FROM x JOIN units u ON u.id = x.unit_id
          GROUP BY u.id)
        SELECT 0::bigint, count(*)::int, NULL::uuid, NULL, NULL, NULL,
               coalesce(sum(s.n), 0)::int, coalesce(sum(s.c0), 0)::int, coalesce(sum(s.c1), 0)::int, coalesce(sum(s.c2), 0)::int,
               coalesce(sum(s.c3), 0)::int, coalesce(sum(s.c4), 0)::int, coalesce(sum(s.c5), 0)::int, coalesce(sum(s.late), 0)::int,
               coalesce(sum(s.ex), 0)::int, (SELECT max(updated_at) FROM obligations), (SELECT max(updated_at) FROM tasks), max(s.updated_at)
        FROM s
        UNION ALL
        SELECT s.position, NULL, s.id, s.code, s.name, s.kind, s.n, s.c0, s.c1, s.c2, s.c3, s.c4, s.c5, s.late, s.ex, NULL, NULL, NULL
        FROM s WHERE s.position > @skip AND s.position <= @skip + @take
        ORDER BY 1
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

public sealed record ImportResult(int Received, int Created, int Updated, int Unchanged);

[JsonSerializable(typeof(ImportResult))]
[JsonSerializable(typeof(PagedObligations))]
[JsonSerializable(typeof(ScorecardDto))]
internal sealed partial class BenchJson : JsonSerializerContext;
