using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Domain.Clusters;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Clusters;

/// <summary>Change a cluster's kind, name, sector and organising decision (its year and scope are fixed).</summary>
public sealed record UpdateClusterCommand(ClusterKind? Kind, string? Name, string? Sector = null, string? DecisionNumber = null, DateOnly? DecisionDate = null)
    : IRequest<ClusterDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid Id { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class UpdateClusterValidator : AbstractValidator<UpdateClusterCommand>
{
    public UpdateClusterValidator()
    {
        RuleFor(x => x.Kind).NotNull().IsInEnum();
        RuleFor(x => x.Name).NotEmpty().MaximumLength(Cluster.NameMaxLength);
        RuleFor(x => x.Sector).MaximumLength(Cluster.NameMaxLength);
        RuleFor(x => x.DecisionNumber).MaximumLength(Cluster.ReferenceMaxLength);
        RuleFor(x => x.DecisionDate).InDateRange();
    }
}

public sealed class UpdateClusterHandler(IAppDbContext db) : IRequestHandler<UpdateClusterCommand, ClusterDto>
{
    public async Task<ClusterDto> Handle(UpdateClusterCommand request, CancellationToken cancellationToken)
    {
        var cluster = await db.Clusters.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken) ?? throw new NotFoundException("Cluster", request.Id);
        cluster.EnsureVersion(request.ExpectedVersion);
        cluster.Describe(request.Kind!.Value, request.Name!, request.Sector, request.DecisionNumber, request.DecisionDate);
        await db.SaveChangesAsync(cancellationToken);
        return await db.Clusters.AsNoTracking().Where(c => c.Id == cluster.Id).ToDto().FirstAsync(cancellationToken);
    }
}
