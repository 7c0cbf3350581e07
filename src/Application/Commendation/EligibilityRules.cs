using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>An eligibility rule of a catalog entry.</summary>
/// <param name="RequiredAward">For ConsecutiveYears: the award that must be held; null otherwise.</param>
/// <param name="Count">For ConsecutiveYears: how many consecutive years; null otherwise.</param>
/// <param name="Citation">The article the rule encodes.</param>
/// <param name="Explanation">What the rule means, in Vietnamese.</param>
public sealed record EligibilityRuleDto(Guid Id, AwardRefDto Award, EligibilityRuleKind Kind, AwardRefDto? RequiredAward, int? Count,
    string Citation, string Explanation, uint Version);

public static class EligibilityRuleQueries
{
    public static IQueryable<EligibilityRuleDto> ToDtos(this IQueryable<EligibilityRule> rules, IAppDbContext db) =>
        from r in rules
        join a in db.Awards on r.AwardId equals a.Id
        from q in db.Awards.Where(q => q.Id == r.RequiredAwardId).DefaultIfEmpty()
        select new EligibilityRuleDto(r.Id, new AwardRefDto(a.Id, a.Code, a.Name), r.Kind,
            q == null ? null : new AwardRefDto(q.Id, q.Code, q.Name), r.Count, r.Citation, r.Explanation, r.Version);
}

/// <summary>A catalog entry's eligibility rules, oldest first.</summary>
public sealed record ListEligibilityRulesQuery(string AwardCode) : IRequest<IReadOnlyList<EligibilityRuleDto>>;

public sealed class ListEligibilityRulesHandler(IAppDbContext db) : IRequestHandler<ListEligibilityRulesQuery, IReadOnlyList<EligibilityRuleDto>>
{
    public async Task<IReadOnlyList<EligibilityRuleDto>> Handle(ListEligibilityRulesQuery request, CancellationToken cancellationToken)
    {
        var code = AwardQueries.CodeKey(request.AwardCode);
        var awardId = await db.Awards.Where(a => a.Code == code).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken)
                      ?? throw new NotFoundException("Award", code);
        return await db.EligibilityRules.AsNoTracking().Where(r => r.AwardId == awardId).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .ToDtos(db).ToListAsync(cancellationToken);
    }
}

/// <summary>What a rule says: the body of both create and update.</summary>
public abstract record EligibilityRuleFields
{
    public EligibilityRuleKind? Kind { get; init; }
    public string? RequiredAwardCode { get; init; }
    public int? Count { get; init; }
    public string? Citation { get; init; }
    public string? Explanation { get; init; }

    /// <summary>The required award the body names; an unknown code is a 400 on its field.</summary>
    public async Task<Award?> RequiredAwardAsync(IAppDbContext db, CancellationToken ct)
    {
        if (Text.Clean(RequiredAwardCode) is not { } required) return null;
        var code = AwardQueries.CodeKey(required);
        return await db.Awards.FirstOrDefaultAsync(a => a.Code == code, ct)
               ?? throw new ValidationException([new FluentValidation.Results.ValidationFailure("requiredAwardCode",
                   Localized.Text($"No catalog entry has the code '{code}'.", $"Không có danh hiệu, hình thức nào mang mã '{code}'."))]);
    }
}

public sealed class EligibilityRuleFieldsValidator : AbstractValidator<EligibilityRuleFields>
{
    public EligibilityRuleFieldsValidator()
    {
        RuleFor(x => x.Kind).NotNull().IsInEnum();
        RuleFor(x => x.RequiredAwardCode).MaximumLength(Award.CodeMaxLength);
        RuleFor(x => x.Count).InclusiveBetween(1, EligibilityRule.MaxYears);
        RuleFor(x => x.Citation).NotEmpty().MaximumLength(EligibilityRule.CitationMaxLength);
        RuleFor(x => x.Explanation).NotEmpty().MaximumLength(EligibilityRule.ExplanationMaxLength);
    }
}

/// <summary>Add a rule to a catalog entry (admins).</summary>
public sealed record CreateEligibilityRuleCommand : EligibilityRuleFields, IRequest<EligibilityRuleDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public string AwardCode { get; init; } = "";
}

public sealed class CreateEligibilityRuleValidator : AbstractValidator<CreateEligibilityRuleCommand>
{
    public CreateEligibilityRuleValidator() => Include(new EligibilityRuleFieldsValidator());
}

public sealed class CreateEligibilityRuleHandler(IAppDbContext db) : IRequestHandler<CreateEligibilityRuleCommand, EligibilityRuleDto>
{
    public async Task<EligibilityRuleDto> Handle(CreateEligibilityRuleCommand request, CancellationToken cancellationToken)
    {
        var code = AwardQueries.CodeKey(request.AwardCode);
        var award = await db.Awards.FirstOrDefaultAsync(a => a.Code == code, cancellationToken) ?? throw new NotFoundException("Award", code);
        var rule = EligibilityRule.Create(award, request.Kind!.Value, await request.RequiredAwardAsync(db, cancellationToken), request.Count,
            request.Citation!, request.Explanation!);
        db.EligibilityRules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        return await db.EligibilityRules.AsNoTracking().Where(r => r.Id == rule.Id).ToDtos(db).SingleAsync(cancellationToken);
    }
}

/// <summary>Rewrite a rule (admins; If-Match).</summary>
public sealed record UpdateEligibilityRuleCommand : EligibilityRuleFields, IRequest<EligibilityRuleDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid Id { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class UpdateEligibilityRuleValidator : AbstractValidator<UpdateEligibilityRuleCommand>
{
    public UpdateEligibilityRuleValidator() => Include(new EligibilityRuleFieldsValidator());
}

public sealed class UpdateEligibilityRuleHandler(IAppDbContext db) : IRequestHandler<UpdateEligibilityRuleCommand, EligibilityRuleDto>
{
    public async Task<EligibilityRuleDto> Handle(UpdateEligibilityRuleCommand request, CancellationToken cancellationToken)
    {
        var rule = await db.EligibilityRules.FirstOrDefaultAsync(r => r.Id == request.Id, cancellationToken) ?? throw new NotFoundException("Eligibility rule", request.Id);
        rule.EnsureVersion(request.ExpectedVersion);
        rule.Describe(request.Kind!.Value, await request.RequiredAwardAsync(db, cancellationToken), request.Count, request.Citation!, request.Explanation!);
        await db.SaveChangesAsync(cancellationToken);
        return await db.EligibilityRules.AsNoTracking().Where(r => r.Id == rule.Id).ToDtos(db).SingleAsync(cancellationToken);
    }
}

/// <summary>Remove a rule (admins; If-Match).</summary>
public sealed record DeleteEligibilityRuleCommand(Guid Id, ExpectedVersion? ExpectedVersion = null) : IRequest;

public sealed class DeleteEligibilityRuleHandler(IAppDbContext db) : IRequestHandler<DeleteEligibilityRuleCommand, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(DeleteEligibilityRuleCommand request, CancellationToken cancellationToken)
    {
        var rule = await db.EligibilityRules.FirstOrDefaultAsync(r => r.Id == request.Id, cancellationToken) ?? throw new NotFoundException("Eligibility rule", request.Id);
        rule.EnsureVersion(request.ExpectedVersion);
        db.EligibilityRules.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}
