using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Access;

public sealed record GetApiKeyQuery(Guid Id) : IRequest<ApiKeyDto>;

public sealed class GetApiKeyHandler(IAppDbContext db, TimeProvider clock) : IRequestHandler<GetApiKeyQuery, ApiKeyDto>
{
    public async Task<ApiKeyDto> Handle(GetApiKeyQuery request, CancellationToken cancellationToken) =>
        await db.ApiKeys.AsNoTracking().Where(k => k.Id == request.Id).ToDto(clock.GetUtcNow()).FirstOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("API key", request.Id);
}
