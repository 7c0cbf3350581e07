using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Obligations;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Obligations;

/// <summary>The one way an editor's action on an obligation is written.</summary>
public static class ObligationChange
{
    /// <summary>
    /// Loads the obligation with its task (its deadline) under the feed lock, checks the version the client based its
    /// action on (412), applies <paramref name="change"/> (a broken rule is a 409), saves — the upkeep derives the task's
    /// status again in the same transaction, the audit trail records the change — and answers the obligation as it now is.
    /// </summary>
    public static async Task<ObligationDto> ChangeObligationAsync(this IAppDbContext db, Guid id, ExpectedVersion? expectedVersion,
        Action<Obligation> change, DateOnly today, CancellationToken ct)
    {
        await using (var transaction = await db.BeginFeedWriteAsync(ct))
        {
            var obligation = await db.Obligations.Include(o => o.Task).FirstOrDefaultAsync(o => o.Id == id, ct)
                             ?? throw new NotFoundException("Obligation", id);
            obligation.EnsureVersion(expectedVersion);
            change(obligation);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return await db.FindDtoAsync(id, today, ct);
    }
}
