using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Access;

/// <summary>Revoke a key: it is refused from now on. The record stays for the audit trail.</summary>
public sealed record RevokeApiKeyCommand(Guid Id) : IRequest<ApiKeyDto>;

public sealed class RevokeApiKeyHandler(IAppDbContext db, TimeProvider clock, ApiKeyVerifier verifier) : IRequestHandler<RevokeApiKeyCommand, ApiKeyDto>
{
    public async Task<ApiKeyDto> Handle(RevokeApiKeyCommand request, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == request.Id, cancellationToken) ?? throw new NotFoundException("API key", request.Id);
        var now = clock.GetUtcNow();
        key.Revoke(now);
        await db.SaveChangesAsync(cancellationToken);
        verifier.Forget(key.Prefix);
        return await db.ApiKeys.AsNoTracking().Where(k => k.Id == key.Id).ToDto(now).FirstAsync(cancellationToken);
    }
}
