using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Units;
using FluentValidation;
using MediatR;

namespace EmulationApi.Application.Clusters;

/// <summary>Ký kết giao ước: the members sign (all of them unless listed). Needs a leader.</summary>
public sealed record SignCovenantCommand(DateOnly? SignedOn, IReadOnlyList<string>? SignatoryUnitCodes = null) : IRequest<CovenantDto>, ILeaderAction
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid ClusterId { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class SignCovenantValidator : AbstractValidator<SignCovenantCommand>
{
    public SignCovenantValidator()
    {
        RuleFor(x => x.SignedOn).NotNull().InDateRange();
        RuleForEach(x => x.SignatoryUnitCodes).ListedUnitCode();
    }
}

public sealed class SignCovenantHandler(IAppDbContext db) : IRequestHandler<SignCovenantCommand, CovenantDto>
{
    public async Task<CovenantDto> Handle(SignCovenantCommand request, CancellationToken cancellationToken)
    {
        var (cluster, covenant) = await db.LoadCovenantAsync(request.ClusterId, request.ExpectedVersion, cancellationToken);
        List<Guid>? signatories = null;
        if (request.SignatoryUnitCodes is { Count: > 0 } codes)
        {
            var units = await db.Units.ResolveCodesAsync(codes.Select((c, i) => new UnitCodeAt($"signatoryUnitCodes[{i}]", c)), cancellationToken);
            signatories = codes.Select(c => units[c].Id).Distinct().ToList();
        }
        covenant.Sign(cluster, request.SignedOn!.Value, signatories);
        await db.SaveChangesAsync(cancellationToken);
        return await db.ReadCovenantAsync(cluster.Id, cancellationToken);
    }
}
