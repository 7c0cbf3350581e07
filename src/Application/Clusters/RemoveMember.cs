using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Units;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Clusters;

/// <summary>Take a unit out of a cluster.</summary>
public sealed record RemoveMemberCommand(Guid ClusterId, string UnitCode, ExpectedVersion? ExpectedVersion = null) : IRequest<ClusterDto>;

public sealed class RemoveMemberHandler(IAppDbContext db) : IRequestHandler<RemoveMemberCommand, ClusterDto>
{
    public async Task<ClusterDto> Handle(RemoveMemberCommand request, CancellationToken cancellationToken)
    {
        var cluster = await db.Clusters.FirstOrDefaultAsync(c => c.Id == request.ClusterId, cancellationToken) ?? throw new NotFoundException("Cluster", request.ClusterId);
        cluster.EnsureVersion(request.ExpectedVersion);
        var unitId = await db.Units.WithCode(request.UnitCode).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken)
                     ?? throw new NotFoundException("Unit", request.UnitCode);
        cluster.Remove(unitId);
        cluster.MembersChanged();
        await db.SaveChangesAsync(cancellationToken);
        return await db.Clusters.AsNoTracking().Where(c => c.Id == cluster.Id).ToDto().FirstAsync(cancellationToken);
    }
}
