using EmulationApi.Application.Common.Paging;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Clusters;

/// <summary>List clusters and blocs by year, kind, scope, or a member unit.</summary>
/// <param name="UnitCode">Only the clusters this unit belongs to.</param>
public sealed record ListClustersQuery(
    int? Year = null,
    ClusterKind? Kind = null,
    ClusterScope? Scope = null,
    string? UnitCode = null,
    int Page = 1,
    int PageSize = PagingRules.DefaultPageSize) : IRequest<PagedList<ClusterDto>>, IPagedQuery;

public sealed class ListClustersValidator : AbstractValidator<ListClustersQuery>
{
    public ListClustersValidator()
    {
        this.AddPagingRules();
        RuleFor(x => x.Year).InclusiveBetween(Years.First, Years.Last);
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Scope).IsInEnum();
        RuleFor(x => x.UnitCode).OptionalUnitCode();
    }
}

public sealed class ListClustersHandler(IAppDbContext db) : IRequestHandler<ListClustersQuery, PagedList<ClusterDto>>
{
    public Task<PagedList<ClusterDto>> Handle(ListClustersQuery request, CancellationToken cancellationToken)
    {
        var clusters = db.Clusters.AsNoTracking();
        if (request.Year is { } year) clusters = clusters.Where(c => c.Year == year);
        if (request.Kind is { } kind) clusters = clusters.Where(c => c.Kind == kind);
        if (request.Scope is { } scope) clusters = clusters.Where(c => c.Scope == scope);
        if (Domain.Common.Text.Clean(request.UnitCode) is { } unit)
        {
            var code = UnitCodeLookup.Key(unit);
            #pragma warning disable MA0011 // in a query: EF Core translates string.ToLower() to SQL lower(); neither ToLowerInvariant() nor the CultureInfo overload translates
            clusters = clusters.Where(c => c.Members.Any(m => m.Unit!.Code.ToLower() == code));
            #pragma warning restore MA0011
        }
        return clusters.OrderByDescending(c => c.Year).ThenBy(c => c.Scope).ThenBy(c => c.Name).ThenBy(c => c.Id)
            .ToDto().ToPagedListAsync(request, cancellationToken);
    }
}
