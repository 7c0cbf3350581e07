using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>List dossiers, newest year first, then newest first.</summary>
/// <param name="ProposingUnitCode">Only the dossiers this unit proposes; a unit client sees its own unit's only (by default, and another unit's is 403).</param>
/// <param name="AwardCode">Only dossiers with a nominee proposed for this title or form (its catalog code).</param>
/// <param name="Overdue">true: only dossiers received or under appraisal past the processing limit (Commendation:AppraisalDays from the receipt) on asOf; false: all the others.</param>
/// <param name="AsOf">The reference date of overdue (by default today, Bắc Ninh time).</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Roslynator", "RCS1139:Add summary element to documentation comment", Justification = "Swashbuckle publishes the parameters.")]
public sealed record ListDossiersQuery(
    DossierStatus? Status = null,
    string? ProposingUnitCode = null,
    int? Year = null,
    string? AwardCode = null,
    CommendationType? Type = null,
    bool? Overdue = null,
    DateOnly? AsOf = null,
    int Page = 1,
    int PageSize = PagingRules.DefaultPageSize) : IRequest<PagedList<DossierDto>>, IPagedQuery;

public sealed class ListDossiersValidator : AbstractValidator<ListDossiersQuery>
{
    public ListDossiersValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.Type).IsInEnum();
        RuleFor(x => x.ProposingUnitCode).OptionalUnitCode();
        RuleFor(x => x.Year).InclusiveBetween(Years.First, Years.Last);
        RuleFor(x => x.AwardCode).MaximumLength(Award.CodeMaxLength);
        RuleFor(x => x.AsOf).InDateRange();
    }
}

public sealed class ListDossiersHandler(IAppDbContext db, ICurrentClient client, CommendationSettings settings, TimeProvider clock)
    : IRequestHandler<ListDossiersQuery, PagedList<DossierDto>>
{
    public async Task<PagedList<DossierDto>> Handle(ListDossiersQuery request, CancellationToken cancellationToken)
    {
        var asOf = request.AsOf ?? Tasks.TaskQueries.Today(clock);
        var unitCode = Text.Clean(request.ProposingUnitCode) ?? client.UnitCode;
        var dossiers = db.Dossiers.AsNoTracking();
        if (unitCode is not null)
        {
            client.EnsureMayActFor(unitCode);
            var unit = await db.Units.ResolveCodeAsync("proposingUnitCode", unitCode, cancellationToken);
            dossiers = dossiers.Where(d => d.ProposingUnitId == unit.Id);
        }
        if (Text.Clean(request.AwardCode) is { } awardCode)
        {
            #pragma warning disable MA0011 // in a query: EF Core translates string.ToLower() to SQL lower()
            var key = awardCode.ToLowerInvariant();
            var awardId = await db.Awards.Where(a => a.Code.ToLower() == key).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken)
                          ?? throw new ValidationException([new ValidationFailure("awardCode", Localized.Text($"No title or form has the code '{awardCode}'.", $"Không có danh hiệu, hình thức khen thưởng nào mang mã '{awardCode}'."))]);
            #pragma warning restore MA0011
            dossiers = dossiers.Where(d => d.Nominees.Any(n => n.AwardId == awardId));
        }
        if (request.Status is { } status) dossiers = dossiers.Where(d => d.Status == status);
        if (request.Year is { } year) dossiers = dossiers.Where(d => d.Year == year);
        if (request.Type is { } type) dossiers = dossiers.Where(d => d.Type == type);
        if (request.Overdue is { } overdue)
        {
            // Overdue on asOf: received (or under appraisal) and asOf later than receipt + the limit.
            var receivedBefore = asOf.AddDays(-settings.AppraisalDays);
            dossiers = overdue
                ? dossiers.Where(d => (d.Status == DossierStatus.Received || d.Status == DossierStatus.UnderAppraisal) && d.ReceivedOn < receivedBefore)
                : dossiers.Where(d => !((d.Status == DossierStatus.Received || d.Status == DossierStatus.UnderAppraisal) && d.ReceivedOn < receivedBefore));
        }
        var page = await dossiers.OrderByDescending(d => d.Year).ThenByDescending(d => d.CreatedAt).ThenBy(d => d.Id)
            .ToRows().ToPagedListAsync(request, cancellationToken);
        return new PagedList<DossierDto>(await db.NameAsync(page.Items, settings, asOf, cancellationToken), page.Page, page.PageSize, page.TotalCount);
    }
}
