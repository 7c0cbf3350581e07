using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Clusters;
using FluentValidation;
using MediatR;

namespace EmulationApi.Application.Clusters;

/// <summary>
/// Ký kết giao ước: the members sign (all of them unless listed). Needs a leader. A listed code that names no unit, or
/// a unit outside the cluster, is a 400 naming <c>signatoryUnitCodes[i]</c>, together with the body's other errors.
/// </summary>
public sealed record SignCovenantCommand(DateOnly? SignedOn, IReadOnlyList<string>? SignatoryUnitCodes = null) : IRequest<CovenantDto>, ILeaderAction, IBulkWrite
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

public sealed class SignCovenantHandler(IAppDbContext db, RequestFailures failures) : IRequestHandler<SignCovenantCommand, CovenantDto>
{
    public async Task<CovenantDto> Handle(SignCovenantCommand request, CancellationToken cancellationToken)
    {
        var (cluster, covenant) = await db.LoadCovenantAsync(request.ClusterId, request.ExpectedVersion, cancellationToken);
        var signatories = await SignatoriesAsync(cluster, request.SignatoryUnitCodes ?? [], cancellationToken);
        failures.ThrowIfAny();
        covenant.Sign(cluster, request.SignedOn!.Value, signatories);
        await db.SaveChangesAsync(cancellationToken);
        return await db.ReadCovenantAsync(cluster.Id, cancellationToken);
    }

    /// <summary>
    /// The members the codes name (null when none are listed: every member signs). A code that names no unit or a unit
    /// outside the cluster is a failure on its field, for the codes the validators accepted.
    /// </summary>
    private async Task<List<Guid>?> SignatoriesAsync(Cluster cluster, IReadOnlyList<string> codes, CancellationToken ct)
    {
        if (codes.Count == 0) return null;
        var asked = codes.Select((c, i) => new UnitCodeAt($"signatoryUnitCodes[{i}]", c)).Where(c => failures.Accepted(c.Field)).ToList();
        var units = await db.Units.LookUpCodesAsync(asked, ct);
        failures.AddRange(units.Unknown);
        var signatories = new List<Guid>();
        foreach (var (field, code) in asked)
        {
            if (!units.TryGet(code, out var unit)) continue;
            if (cluster.Members.Any(m => m.UnitId == unit.Id)) signatories.Add(unit.Id);
            else failures.Add(Membership.NotAMember(field, code));
        }
        return signatories.Distinct().ToList();
    }
}
