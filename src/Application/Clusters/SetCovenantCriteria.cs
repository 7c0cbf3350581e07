using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Common;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Clusters;

/// <summary>
/// Draft the covenant's criteria (or replace them while it is a draft). A criterion sent with the id of one of the
/// covenant's criteria keeps that id; one sent without gets a new id; criteria not sent are dropped. An id that is not
/// one of the covenant's is a 400 naming <c>criteria[i].id</c>, together with the body's other errors.
/// </summary>
public sealed record SetCovenantCriteriaCommand(IReadOnlyList<CriterionInput>? Criteria) : IRequest<CovenantDto>, ILeaderAction, IBulkWrite
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid ClusterId { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

/// <summary>
/// A criterion: its name, its maximum points, and whether its points count, add as a bonus or subtract as a penalty;
/// the id of the criterion it keeps (omit for a new one); its short code, unique in the covenant (omit: "TC" and its
/// position, e.g. "TC3", or the next free number).
/// </summary>
public sealed record CriterionInput(string? Name, decimal? MaxPoints, CriterionKind? Kind = CriterionKind.Standard, Guid? Id = null, string? Code = null);

public sealed class SetCovenantCriteriaValidator : AbstractValidator<SetCovenantCriteriaCommand>
{
    public SetCovenantCriteriaValidator()
    {
        RuleFor(x => x.Criteria).NotEmpty().WithMessage(_ => Localized.Text("A covenant needs at least one criterion.", "Giao ước thi đua phải có ít nhất một tiêu chí."));
        RuleFor(x => x.Criteria).Must(c => c is null || c.Count <= Covenant.MaxCriteria).WithMessage(_ => Localized.Text($"At most {Covenant.MaxCriteria} criteria.", $"Tối đa {Covenant.MaxCriteria} tiêu chí."));
        RuleForEach(x => x.Criteria).SetValidator(new CriterionInputValidator());
        RuleFor(x => x.Criteria).Custom((criteria, context) =>
        {
            if (criteria is null) return;
            Repeats(criteria, c => string.IsNullOrWhiteSpace(c.Name) ? null : NameKey.Of(c.Name), "name", Localized.Text("Another criterion has the same name.", "Có tiêu chí khác trùng tên."), context);
            Repeats(criteria, c => string.IsNullOrWhiteSpace(c.Code) ? null : Covenant.CodeKey(c.Code), "code", Localized.Text("Another criterion has the same code.", "Có tiêu chí khác trùng mã."), context);
            Repeats(criteria, c => c.Id?.ToString(), "id", Localized.Text("This criterion is listed twice.", "Tiêu chí này được liệt kê hai lần."), context);
        });
    }

    /// <summary>Names every row that repeats an earlier row's key, so all the repeats are reported at once.</summary>
    private static void Repeats(IReadOnlyList<CriterionInput> criteria, Func<CriterionInput, string?> key, string field, string message,
        ValidationContext<SetCovenantCriteriaCommand> context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < criteria.Count; i++)
            if (key(criteria[i]) is { } k && !seen.Add(k)) context.AddFailure($"criteria[{i}].{field}", message);
    }
}

public sealed class CriterionInputValidator : AbstractValidator<CriterionInput>
{
    public CriterionInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(500);
        RuleFor(x => x.MaxPoints).NotNull().GreaterThan(0).LessThanOrEqualTo(Covenant.MaxPointsLimit);
        RuleFor(x => x.Kind).NotNull().IsInEnum();
        RuleFor(x => x.Code).MaximumLength(Covenant.CodeMaxLength);
    }
}

public sealed class SetCovenantCriteriaHandler(IAppDbContext db, RequestFailures failures) : IRequestHandler<SetCovenantCriteriaCommand, CovenantDto>
{
    public async Task<CovenantDto> Handle(SetCovenantCriteriaCommand request, CancellationToken cancellationToken)
    {
        var cluster = await db.Clusters.FirstOrDefaultAsync(c => c.Id == request.ClusterId, cancellationToken) ?? throw new NotFoundException("Cluster", request.ClusterId);
        var covenant = await db.Covenants.FirstOrDefaultAsync(c => c.ClusterId == cluster.Id, cancellationToken);
        failures.AddRange((request.Criteria ?? []).Select((c, i) => (c.Id, Field: $"criteria[{i}].id"))
            .Where(c => c.Id is { } id && failures.Accepted(c.Field) && covenant?.Criteria.Any(k => k.Id == id) != true)
            .Select(c => new ValidationFailure(c.Field, Localized.Text($"The covenant has no criterion {c.Id}; omit the id for a new criterion.", $"Giao ước thi đua không có tiêu chí {c.Id}; bỏ trống id đối với tiêu chí mới.")))
            .ToList());
        failures.ThrowIfAny();
        var criteria = request.Criteria!.Select(c => new CriterionDraft(c.Id, c.Code, c.Name!, c.MaxPoints!.Value, c.Kind!.Value)).ToList();
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
