using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Clusters;

/// <summary>Read a cluster's covenant with its scores.</summary>
public sealed record GetCovenantQuery(Guid ClusterId) : IRequest<CovenantDto>;

public sealed class GetCovenantHandler(IAppDbContext db) : IRequestHandler<GetCovenantQuery, CovenantDto>
{
    public async Task<CovenantDto> Handle(GetCovenantQuery request, CancellationToken cancellationToken) =>
        await db.Covenants.AsNoTracking().Where(c => c.ClusterId == request.ClusterId).ToDto(db.Units).FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Covenant of cluster", request.ClusterId);
}
