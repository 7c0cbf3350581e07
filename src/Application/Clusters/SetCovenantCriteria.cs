using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Clusters;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Clusters;

/// <summary>Draft the covenant's criteria (or replace them while it is a draft).</summary>
public sealed record SetCovenantCriteriaCommand(IReadOnlyList<CriterionInput>? Criteria) : IRequest<CovenantDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid ClusterId { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

/// <summary>A criterion: its name, its maximum points, and whether its points count, add as a bonus or subtract as a penalty.</summary>
public sealed record CriterionInput(string? Name, decimal? MaxPoints, CriterionKind? Kind = CriterionKind.Standard);

public sealed class SetCovenantCriteriaValidator : AbstractValidator<SetCovenantCriteriaCommand>
{
    public SetCovenantCriteriaValidator()
    {
        RuleFor(x => x.Criteria).NotEmpty().WithMessage("A covenant needs at least one criterion.");
        RuleFor(x => x.Criteria).Must(c => c is null || c.Count <= Covenant.MaxCriteria).WithMessage($"At most {Covenant.MaxCriteria} criteria.");
        RuleForEach(x => x.Criteria).SetValidator(new CriterionInputValidator());
    }
}

public sealed class CriterionInputValidator : AbstractValidator<CriterionInput>
{
    public CriterionInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(500);
        RuleFor(x => x.MaxPoints).NotNull().GreaterThan(0).LessThanOrEqualTo(Covenant.MaxPointsLimit);
        RuleFor(x => x.Kind).NotNull().IsInEnum();
    }
}

public sealed class SetCovenantCriteriaHandler(IAppDbContext db) : IRequestHandler<SetCovenantCriteriaCommand, CovenantDto>
{
    public async Task<CovenantDto> Handle(SetCovenantCriteriaCommand request, CancellationToken cancellationToken)
    {
        var cluster = await db.Clusters.FirstOrDefaultAsync(c => c.Id == request.ClusterId, cancellationToken) ?? throw new NotFoundException("Cluster", request.ClusterId);
        var criteria = request.Criteria!.Select(c => new CovenantCriterion(c.Name!, c.MaxPoints!.Value, c.Kind!.Value)).ToList();
        var covenant = await db.Covenants.FirstOrDefaultAsync(c => c.ClusterId == cluster.Id, cancellationToken);
        if (covenant is null)
            db.Covenants.Add(Covenant.Draft(cluster, criteria));
        else
        {
            covenant.EnsureVersion(request.ExpectedVersion);
            covenant.SetCriteria(criteria);
        }
        await db.SaveChangesAsync(cancellationToken);
        return await db.ReadCovenantAsync(cluster.Id, cancellationToken);
    }
}
