using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

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
