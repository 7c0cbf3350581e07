using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using FluentValidation;
using MediatR;

namespace EmulationApi.Application.Clusters;

/// <summary>Publish the year-end evaluation: the scores become immutable.</summary>
public sealed record PublishEvaluationCommand(DateOnly? EvaluatedOn) : IRequest<CovenantDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid ClusterId { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class PublishEvaluationValidator : AbstractValidator<PublishEvaluationCommand>
{
    public PublishEvaluationValidator() => RuleFor(x => x.EvaluatedOn).NotNull().InDateRange();
}

public sealed class PublishEvaluationHandler(IAppDbContext db) : IRequestHandler<PublishEvaluationCommand, CovenantDto>
{
    public async Task<CovenantDto> Handle(PublishEvaluationCommand request, CancellationToken cancellationToken)
    {
        var (cluster, covenant) = await db.LoadCovenantAsync(request.ClusterId, request.ExpectedVersion, cancellationToken);
        covenant.Publish(request.EvaluatedOn!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return await db.ReadCovenantAsync(cluster.Id, cancellationToken);
    }
}
