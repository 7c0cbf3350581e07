using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

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
