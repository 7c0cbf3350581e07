using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>Read one council session with the dossiers it considers and the votes.</summary>
public sealed record GetCouncilSessionQuery(Guid Id) : IRequest<CouncilSessionDto>;

public sealed class GetCouncilSessionHandler(IAppDbContext db) : IRequestHandler<GetCouncilSessionQuery, CouncilSessionDto>
{
    public async Task<CouncilSessionDto> Handle(GetCouncilSessionQuery request, CancellationToken cancellationToken) =>
        (await db.CouncilSessions.AsNoTracking().Where(s => s.Id == request.Id).ReadNamedAsync(db, cancellationToken)).FirstOrDefault()
        ?? throw new NotFoundException("Council session", request.Id);
}
