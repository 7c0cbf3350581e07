using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Clusters;

/// <summary>Read one cluster with its members.</summary>
public sealed record GetClusterQuery(Guid Id) : IRequest<ClusterDto>;

public sealed class GetClusterHandler(IAppDbContext db) : IRequestHandler<GetClusterQuery, ClusterDto>
{
    public async Task<ClusterDto> Handle(GetClusterQuery request, CancellationToken cancellationToken) =>
        await db.Clusters.AsNoTracking().Where(c => c.Id == request.Id).ToDto().FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Cluster", request.Id);
}
