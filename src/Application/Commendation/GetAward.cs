using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>Read one catalog entry by its code.</summary>
public sealed record GetAwardQuery(string Code) : IRequest<AwardDto>;

public sealed class GetAwardHandler(IAppDbContext db) : IRequestHandler<GetAwardQuery, AwardDto>
{
    public async Task<AwardDto> Handle(GetAwardQuery request, CancellationToken cancellationToken)
    {
        var code = AwardQueries.CodeKey(request.Code);
        return await db.Awards.AsNoTracking().Where(a => a.Code == code).ToDtos().FirstOrDefaultAsync(cancellationToken)
               ?? throw new NotFoundException("Award", code);
    }
}
