using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Auditing;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Auditing;

/// <summary>Read the audit trail, newest first.</summary>
/// <param name="Entity">The entity type, e.g. Plan, PlanTask, Unit, ApiKey.</param>
/// <param name="Client">The client's name as recorded.</param>
/// <param name="From">Entries at or after this instant.</param>
/// <param name="To">Entries before this instant.</param>
public sealed record ListAuditEntriesQuery(
    string? Entity = null,
    string? EntityId = null,
    string? Client = null,
    AuditAction? Action = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Page = 1,
    int PageSize = PagingRules.DefaultPageSize) : IRequest<PagedList<AuditEntryDto>>, IPagedQuery;

/// <summary>One audit entry. <see cref="Changes"/> holds the changed fields (<c>{"field": {"from": …, "to": …}}</c>) or an import's counts.</summary>
/// <param name="Unit">When the entity is a unit: the unit as it is now (current code and name); null for other entities, an
/// import's summary, or a unit that no longer exists.</param>
public sealed record AuditEntryDto(long Id, DateTimeOffset At, string Client, string? UseCase, string Entity, string EntityId, AuditAction Action,
    System.Text.Json.JsonElement Changes, UnitRefDto? Unit);

public sealed class ListAuditEntriesValidator : AbstractValidator<ListAuditEntriesQuery>
{
    public ListAuditEntriesValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Action).IsInEnum();
        RuleFor(x => x.Entity).MaximumLength(100);
        RuleFor(x => x.EntityId).MaximumLength(200);
        RuleFor(x => x.Client).MaximumLength(200);
        RuleFor(x => x.From).InDateRange();
        RuleFor(x => x.To).InDateRange();
        RuleFor(x => x.To).GreaterThan(x => x.From).When(x => x.From is not null && x.To is not null).WithMessage(_ => Localized.Text("'to' must be after 'from'.", "'to' phải sau 'from'."));
    }
}

public sealed class ListAuditEntriesHandler(IAppDbContext db) : IRequestHandler<ListAuditEntriesQuery, PagedList<AuditEntryDto>>
{
    public async Task<PagedList<AuditEntryDto>> Handle(ListAuditEntriesQuery request, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (Domain.Common.Text.Clean(request.Entity) is { } entity) entries = entries.Where(e => e.Entity == entity);
        if (Domain.Common.Text.Clean(request.EntityId) is { } id) entries = entries.Where(e => e.EntityId == id);
        if (Domain.Common.Text.Clean(request.Client) is { } client) entries = entries.Where(e => e.Client == client);
        if (request.Action is { } action) entries = entries.Where(e => e.Action == action);
        if (request.From?.ToUniversalTime() is { } from) entries = entries.Where(e => e.At >= from);
        if (request.To?.ToUniversalTime() is { } to) entries = entries.Where(e => e.At < to);
        // Not Mapster: the stored JSON text is parsed into the answer after the query; a mapping that parses it puts a
        // client-side constant into the projection, which EF refuses. The units the page names are read in one query.
        var page = await entries.OrderByDescending(e => e.Id).ToPagedListAsync(request, cancellationToken);
        var unitIds = page.Items.Select(UnitId).OfType<Guid>().Distinct().ToList();
        var units = unitIds.Count == 0 ? [] : await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id))
            .Select(u => new UnitRefDto(u.Id, u.Code, u.Name, u.Kind)).ToDictionaryAsync(u => u.Id, cancellationToken);
        return new PagedList<AuditEntryDto>(page.Items.Select(e => new AuditEntryDto(e.Id, e.At, e.Client, e.UseCase, e.Entity, e.EntityId, e.Action,
            System.Text.Json.JsonDocument.Parse(e.Changes).RootElement, UnitId(e) is { } unitId ? units.GetValueOrDefault(unitId) : null)).ToList(),
            page.Page, page.PageSize, page.TotalCount);
    }

    /// <summary>The unit an entry is about: a unit row's entry names it by its id (an import's summary names no one unit).</summary>
    private static Guid? UnitId(AuditEntry entry) =>
        entry.Entity == nameof(Domain.Units.Unit) && Guid.TryParse(entry.EntityId, out var id) ? id : null;
}
