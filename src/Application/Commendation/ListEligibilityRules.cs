using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

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
