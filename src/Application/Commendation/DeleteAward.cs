using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>Delete an admin-created catalog entry nothing uses (entries from the law and entries in use are kept: 409).</summary>
public sealed record DeleteAwardCommand(string Code, ExpectedVersion? ExpectedVersion = null) : IRequest;

public sealed class DeleteAwardHandler(IAppDbContext db) : IRequestHandler<DeleteAwardCommand, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(DeleteAwardCommand request, CancellationToken cancellationToken)
    {
        var code = AwardQueries.CodeKey(request.Code);
        var award = await db.Awards.FirstOrDefaultAsync(a => a.Code == code, cancellationToken) ?? throw new NotFoundException("Award", code);
        award.EnsureVersion(request.ExpectedVersion);
        award.EnsureDeletable();
        if (await AwardUsage.FirstUseAsync(db, award.Id, cancellationToken) is { } use)
            throw new DomainException(Localized.Text($"'{code}' is in use ({use.English}); it can be edited, not deleted.",
                $"'{code}' đang được sử dụng ({use.Vietnamese}); chỉ được sửa, không được xóa."));
        db.Awards.Remove(award);
        await db.SaveChangesAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}

/// <summary>
/// What uses a catalog entry, so that it is never deleted once used. Each slice that refers to an award adds its check
/// here (the register, other awards' rules, nomination dossiers).
/// </summary>
public static class AwardUsage
{
    public sealed record Use(string English, string Vietnamese);

    public static async Task<Use?> FirstUseAsync(IAppDbContext db, Guid awardId, CancellationToken ct)
    {
        if (await db.AwardRecords.AnyAsync(r => r.AwardId == awardId, ct))
            return new Use("the award register holds it", "sổ theo dõi khen thưởng đã ghi nhận");
        if (await db.EligibilityRules.AnyAsync(r => r.RequiredAwardId == awardId, ct))
            return new Use("another award's eligibility rule requires it", "là điều kiện trong quy tắc của danh hiệu, hình thức khác");
        if (await db.Dossiers.AnyAsync(d => d.Nominees.Any(n => n.AwardId == awardId), ct))
            return new Use("a nomination dossier asks for it", "hồ sơ đề nghị khen thưởng đã đề nghị");
        return null;
    }
}
