using EmulationApi.Application.Common.Persistence;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Clusters;

/// <summary>Ký kết giao ước: the members sign (all of them unless listed). Needs a leader.</summary>
public sealed record SignCovenantCommand(DateOnly? SignedOn, IReadOnlyList<string>? SignatoryUnitCodes = null) : IRequest<CovenantDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid ClusterId { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public uint? ExpectedVersion { get; init; }
}

public sealed class SignCovenantValidator : AbstractValidator<SignCovenantCommand>
{
    public SignCovenantValidator() => RuleFor(x => x.SignedOn).NotNull();
}

public sealed class SignCovenantHandler(IAppDbContext db) : IRequestHandler<SignCovenantCommand, CovenantDto>
{
    public async Task<CovenantDto> Handle(SignCovenantCommand request, CancellationToken cancellationToken)
    {
        var (cluster, covenant) = await db.LoadCovenantAsync(request.ClusterId, request.ExpectedVersion, cancellationToken);
        List<Guid>? signatories = null;
        if (request.SignatoryUnitCodes is { Count: > 0 } codes)
        {
            var keys = codes.Select(c => c.Trim().ToLowerInvariant()).ToList();
            var units = await db.Units.Where(u => keys.Contains(u.Code.ToLower())).Select(u => new { u.Id, u.Code }).ToListAsync(cancellationToken);
            var unknown = keys.Except(units.Select(u => u.Code.ToLowerInvariant())).ToList();
            if (unknown.Count > 0)
                throw new ValidationException(unknown.Select(c => new ValidationFailure("signatoryUnitCodes", $"No unit has the code '{c}'.")));
            signatories = units.Select(u => u.Id).ToList();
        }
        covenant.Sign(cluster, request.SignedOn!.Value, signatories);
        await db.SaveChangesAsync(cancellationToken);
        return await db.ReadCovenantAsync(cluster.Id, cancellationToken);
    }
}
