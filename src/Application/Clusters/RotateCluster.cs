using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Clusters;

/// <summary>
/// Luân phiên cụm/khối trưởng: organise the cluster for the next year with the same members and the new leader (and
/// deputy), and when this year has a covenant, a draft covenant of the next year with the same criteria (codes, names,
/// maxima, kinds; new ids). One action; the current year is left as it was.
/// </summary>
public sealed record RotateClusterCommand(string? NewLeaderUnitCode, string? NewDeputyUnitCode = null, string? DecisionNumber = null, DateOnly? DecisionDate = null)
    : IRequest<ClusterDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid ClusterId { get; init; }
}

public sealed class RotateClusterValidator : AbstractValidator<RotateClusterCommand>
{
    public RotateClusterValidator()
    {
        RuleFor(x => x.NewLeaderUnitCode).UnitCode();
        RuleFor(x => x.NewDeputyUnitCode).OptionalUnitCode();
        RuleFor(x => x.DecisionNumber).MaximumLength(Domain.Clusters.Cluster.ReferenceMaxLength);
        RuleFor(x => x.DecisionDate).InDateRange();
    }
}

public sealed class RotateClusterHandler(IAppDbContext db) : IRequestHandler<RotateClusterCommand, ClusterDto>
{
    public async Task<ClusterDto> Handle(RotateClusterCommand request, CancellationToken cancellationToken)
    {
        var cluster = await db.Clusters.FirstOrDefaultAsync(c => c.Id == request.ClusterId, cancellationToken) ?? throw new NotFoundException("Cluster", request.ClusterId);
        if (await db.Clusters.AnyAsync(c => c.Year == cluster.Year + 1 && c.Scope == cluster.Scope && c.Name == cluster.Name, cancellationToken))
            throw new DomainException(Localized.Text($"'{cluster.Name}' is already organised for {cluster.Year + 1}.", $"'{cluster.Name}' đã được tổ chức cho năm {cluster.Year + 1}."));
        var leader = (await db.Units.ResolveCodeAsync("newLeaderUnitCode", request.NewLeaderUnitCode!, cancellationToken)).Id;
        Guid? deputy = string.IsNullOrWhiteSpace(request.NewDeputyUnitCode) ? null : (await db.Units.ResolveCodeAsync("newDeputyUnitCode", request.NewDeputyUnitCode, cancellationToken)).Id;
        var next = cluster.RotateTo(leader, deputy, request.DecisionNumber, request.DecisionDate);
        db.Clusters.Add(next);
        if (await db.Covenants.AsNoTracking().FirstOrDefaultAsync(c => c.ClusterId == cluster.Id, cancellationToken) is { } covenant)
            db.Covenants.Add(covenant.DraftFor(next));
        await db.SaveChangesAsync(cancellationToken);
        return await db.Clusters.AsNoTracking().Where(c => c.Id == next.Id).ToDto().FirstAsync(cancellationToken);
    }
}
