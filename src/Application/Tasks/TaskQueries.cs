using System.Globalization;
using Microsoft.EntityFrameworkCore;
using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Obligations;
using EmulationApi.Domain.Obligations;
using EmulationApi.Domain.Plans;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmulationApi.Application.Tasks;

/// <summary>A task with its timeliness on a reference date, computed by the database.</summary>
public sealed class TaskRow
{
    public required PlanTask Task { get; init; }
    public required Timeliness Timeliness { get; init; }
}

public static partial class TaskQueries
{
    /// <summary>Today in Asia/Ho_Chi_Minh (UTC+7, no daylight saving): the default reference date.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(7));

    /// <summary>Each task with its timeliness on <paramref name="asOf"/> (<see cref="TimelinessRule"/>), computed by PostgreSQL.</summary>
    public static IQueryable<TaskRow> WithTimeliness(this IQueryable<PlanTask> tasks, DateOnly asOf) =>
        tasks.Select(TimelinessRule.Project<PlanTask, TaskRow>(
            (t, timeliness) => new TaskRow { Task = t, Timeliness = timeliness },
            t => t.Status == TaskProgress.Done,
            t => t.Status == TaskProgress.NotCarriedOut || t.Status == TaskProgress.Cancelled,
            t => t.Deadline,
            t => t.CompletedOn,
            asOf));

    /// <summary>Reads tasks as DTOs in one statement, one row per task: the tasks' columns, their assignees as one JSON
    /// array (<see cref="Sql.TaskAssignees"/>) and their active obligations counted by role and tally (one pass over each
    /// task's obligations, a lateral subquery).</summary>
    public static async Task<IReadOnlyList<TaskDto>> ToDtoListAsync(this IQueryable<TaskRow> rows, IAppDbContext db, DateOnly asOf, CancellationToken ct) =>
        (await rows.Project(db, asOf).ToListAsync(ct)).ConvertAll(p => p.ToDto());

    /// <summary>Reads a page of <paramref name="ordered"/> as DTOs and how many rows <paramref name="all"/> holds, in one
    /// statement (<see cref="PagedListExtensions.ReadWithTotalAsync"/>).</summary>
    public static async Task<(IReadOnlyList<TaskDto> Items, int Total)> ToDtoPageAsync(this IQueryable<TaskRow> ordered, IQueryable<TaskRow> all,
        IPagedQuery paging, IAppDbContext db, DateOnly asOf, CancellationToken ct)
    {
        var (page, total) = await ordered.PageOf(paging).Project(db, asOf).ReadWithTotalAsync(all, paging, ct);
        return (page.ConvertAll(p => p.ToDto()), total);
    }

    public static async Task<TaskDto?> FirstDtoOrDefaultAsync(this IQueryable<TaskRow> rows, IAppDbContext db, DateOnly asOf, CancellationToken ct) =>
        (await rows.Take(1).ToDtoListAsync(db, asOf, ct)).FirstOrDefault();

    // The assignees as one JSON value per task, split into leads and coordinators in memory. As a projected collection
    // they made EF Core read one row per assignee and build its shaper's delegates again for every row (the feed's
    // page: ~1 ms of the API's CPU per request, README Performance).
    // Hand-written, not Mapster: the split happens after the query, the timeliness comes from the SQL CASE of
    // WithTimeliness and the timing's text from the task, none of which a Mapster projection of PlanTask expresses.
    private sealed record Projection(TaskDto Task, string Assignees, string? Cells)
    {
        public TaskDto ToDto()
        {
            var assignees = JsonSerializer.Deserialize(Assignees, AssigneeRowsJson.Default.AssigneeRowArray)!;
            var counts = ObligationCells.Parse(Cells);
            return Task with
            {
                LeadObligations = counts.Of(AssigneeRole.Lead),
                CoordinatorObligations = counts.Of(AssigneeRole.Coordinator),
                Leads = Of(AssigneeRole.Lead),
                Coordinators = Of(AssigneeRole.Coordinator),
            };

            List<AssigneeDto> Of(AssigneeRole role) =>
                assignees.Where(a => a.Role == role).Select(a => new AssigneeDto(a.UnitId, a.UnitCode, a.UnitName, a.Group, a.Text)).ToList();
        }
    }

    /// <summary>An element of <see cref="Sql.TaskAssignees"/>' array (its keys are these names in camelCase).</summary>
    private sealed record AssigneeRow(AssigneeRole Role, Guid? UnitId, string? UnitCode, string? UnitName, AssigneeGroup? Group, string? Text);

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
    [JsonSerializable(typeof(AssigneeRow[]))]
    private sealed partial class AssigneeRowsJson : JsonSerializerContext;

    /// <summary>A task's active obligations counted per (role, tally) cell, as PostgreSQL sends them: "cell:count" pairs
    /// joined by commas, a cell being the tally (<see cref="ObligationTally"/>, 0–7), plus <see cref="PerRole"/> for a
    /// coordinator's; null when the task has no active obligation (an empty text reads the same).</summary>
    private readonly struct ObligationCells(int[] counts)
    {
        public const int PerRole = 8;

        public static ObligationCells Parse(string? cells)
        {
            var counts = new int[2 * PerRole];
            var text = (cells ?? "").AsSpan();
            foreach (var range in text.Split(','))
            {
                var pair = text[range];
                if (pair.IsEmpty) continue;
                var colon = pair.IndexOf(':');
                counts[int.Parse(pair[..colon], CultureInfo.InvariantCulture)] += int.Parse(pair[(colon + 1)..], CultureInfo.InvariantCulture);
            }
            return new ObligationCells(counts);
        }

        public ObligationCountsDto Of(AssigneeRole role)
        {
            var c = counts.AsSpan(role == AssigneeRole.Lead ? 0 : PerRole, PerRole);
            var total = 0;
            foreach (var n in c) total += n;
            return new ObligationCountsDto(total, c[(int)ObligationTally.WithinDeadline], c[(int)ObligationTally.DueSoon], c[(int)ObligationTally.Overdue],
                c[(int)ObligationTally.DoneOnTime], c[(int)ObligationTally.DoneLate], c[(int)ObligationTally.NoDeadline],
                c[(int)ObligationTally.AroseLate], c[(int)ObligationTally.Exempted]);
        }
    }

    /// <summary>The task's answer as one row. The counts: every active obligation of the task once, with the tally of
    /// <see cref="ObligationQueries.Tallied"/>, grouped into its (role, tally) cells — so PostgreSQL works out each
    /// obligation's tally once, where a count per cell straight over the obligations worked it out again in each of the
    /// sixteen filters (for a ward's page of group tasks, ~16,700 obligations: the statement 34 → 17 ms, README
    /// Performance) — and the task's few cells sent as one short text (<see cref="ObligationCells"/>), folded here: as
    /// eighteen sums per role and tally the projection's expression tree, which EF Core walks, hashes and compares on
    /// every request, was twice the size (folding the text here instead saved ~15 % of the API's CPU for a single
    /// task). The obligations take the task's deadline from the row they are counted for, not from a join back to
    /// tasks.</summary>
    private static IQueryable<Projection> Project(this IQueryable<TaskRow> rows, IAppDbContext db, DateOnly asOf)
    {
        var timeliness = ObligationQueries.TimelinessOf(asOf);
        return rows.Select(r => new Projection(
            new TaskDto(
                r.Task.Id,
                r.Task.PlanId,
                r.Task.Plan!.Year,
                r.Task.Group,
                r.Task.Sequence,
                r.Task.Content,
                new TimingDto(r.Task.Timing.Kind, r.Task.Timing.Month, r.Task.Timing.Quarter, r.Task.Timing.Date, r.Task.Timing.Condition, r.Task.TimingText),
                r.Task.Deadline,
                Array.Empty<AssigneeDto>(),
                Array.Empty<AssigneeDto>(),
                r.Task.LeadText,
                r.Task.CoordinatorText,
                r.Task.Status,
                r.Timeliness,
                r.Task.CompletedOn,
                r.Task.LastReportedOn,
                r.Task.ReportCount,
                null!, // the obligations' counts come with the row (the Cells text, folded by ObligationCells in ToDto)
                null!,
                r.Task.CancelledBy,
                r.Task.CancellationReason,
                r.Task.AmendedBy,
                r.Task.MovementId,
                r.Task.CreatedAt,
                r.Task.UpdatedAt,
                r.Task.Version),
            Sql.TaskAssignees(r.Task.Id),
            db.Obligations.Where(o => o.TaskId == r.Task.Id).Where(ObligationQueries.Active)
                .Select(o => new ObligationQueries.ObligationOfTask { Obligation = o, TaskDeadline = r.Task.Deadline })
                .Select(timeliness).Select(ObligationQueries.TallyOf)
                .GroupBy(x => new { x.Row.Obligation.TaskId, x.Row.Obligation.Role, x.Tally })
                .Select(c => new { c.Key.TaskId, Cell = (c.Key.Role == AssigneeRole.Lead ? 0 : ObligationCells.PerRole) + (int)c.Key.Tally, Count = c.Count() })
                .GroupBy(c => c.TaskId)
#pragma warning disable MA0011 // translated to SQL (a cast to text): no culture applies
                .Select(g => string.Join(",", g.Select(c => c.Cell.ToString() + ":" + c.Count.ToString())))
#pragma warning restore MA0011
                .FirstOrDefault()));
    }
}
