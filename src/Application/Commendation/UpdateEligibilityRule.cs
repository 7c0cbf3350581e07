using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

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
