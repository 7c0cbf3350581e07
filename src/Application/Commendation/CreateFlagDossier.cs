using EmulationApi.Application.Clusters;
using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>
/// Turn a cluster's flag proposal into a draft dossier in one call: the nominee is the unit the published ranking proposes,
/// the award the one named by <paramref name="AwardCode"/> (a collective title such as the Cờ thi đua), the year the
/// cluster's, the source the cluster. Refused (409) while the evaluation is not published or no unit is proposed (a tie at
/// the top, missing scores), and when a dossier from this cluster's ranking already exists.
/// </summary>
/// <param name="AwardCode">The catalog code of the flag (a collective award).</param>
/// <param name="Type">The commendation type the dossier is made under.</param>
/// <param name="ProposingUnitCode">The proposing unit; by default the cluster's leader (cụm trưởng, khối trưởng).</param>
/// <param name="Achievements">The achievements (tóm tắt thành tích) of the proposed unit.</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Roslynator", "RCS1139:Add summary element to documentation comment", Justification = "Swashbuckle publishes the parameters.")]
public sealed record CreateFlagDossierCommand(string? AwardCode, CommendationType? Type, string? Achievements, string? ProposingUnitCode = null)
    : IRequest<DossierDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid ClusterId { get; init; }
}

public sealed class CreateFlagDossierValidator : AbstractValidator<CreateFlagDossierCommand>
{
    public CreateFlagDossierValidator()
    {
        RuleFor(x => x.AwardCode).NotEmpty().MaximumLength(Award.CodeMaxLength);
        RuleFor(x => x.Type).NotNull().IsInEnum();
        RuleFor(x => x.ProposingUnitCode).OptionalUnitCode();
        RuleFor(x => x.Achievements).NotEmpty().MaximumLength(Nominee.AchievementsMaxLength);
    }
}

public sealed class CreateFlagDossierHandler(IAppDbContext db, CommendationSettings settings, TimeProvider clock)
    : IRequestHandler<CreateFlagDossierCommand, DossierDto>
{
    public async Task<DossierDto> Handle(CreateFlagDossierCommand request, CancellationToken cancellationToken)
    {
        var cluster = await db.Clusters.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.ClusterId, cancellationToken)
                      ?? throw new NotFoundException("Cluster", request.ClusterId);
        var proposing = Text.Clean(request.ProposingUnitCode) is { } code
            ? (await db.Units.ResolveCodeAsync("proposingUnitCode", code, cancellationToken)).Id
            : cluster.LeaderId ?? throw new ValidationException([new ValidationFailure("proposingUnitCode", Localized.Text(
                "The cluster has no leader to propose; name the proposing unit.", "Cụm, khối thi đua chưa có cụm trưởng, khối trưởng; hãy nêu đơn vị đề nghị."))]);
        #pragma warning disable MA0011 // in a query: EF Core translates string.ToLower() to SQL lower()
        var key = request.AwardCode!.Trim().ToLowerInvariant();
        var award = await db.Awards.AsNoTracking().Where(a => a.Code.ToLower() == key).Select(a => new { a.Id, a.Code, a.Recipient }).FirstOrDefaultAsync(cancellationToken);
        #pragma warning restore MA0011
        if (award is null)
            throw new ValidationException([new ValidationFailure("awardCode", Localized.Text($"No title or form has the code '{request.AwardCode.Trim()}'.", $"Không có danh hiệu, hình thức khen thưởng nào mang mã '{request.AwardCode.Trim()}'."))]);
        if (award.Recipient != AwardRecipient.Collective)
            throw new ValidationException([new ValidationFailure("awardCode", Localized.Text($"'{award.Code}' is given to individuals; the flag goes to a unit.", $"'{award.Code}' dành cho cá nhân; cờ thi đua tặng cho tập thể."))]);

        var ranking = await db.ReadRankingAsync(cluster.Id, cancellationToken);
        if (ranking.CovenantStatus != CovenantStatus.Evaluated)
            throw new DomainException(Localized.Text($"The cluster's evaluation is not published (the covenant is {ranking.CovenantStatus}); no flag proposal stands yet.",
                $"Kết quả chấm điểm của cụm, khối thi đua chưa được công bố (giao ước đang ở trạng thái {ranking.CovenantStatus}); chưa có đề nghị tặng Cờ thi đua."));
        var proposed = ranking.FlagProposal.Unit ?? throw new DomainException(Localized.Text(
            $"No unit is proposed for the flag: {ranking.FlagProposal.Explanation}", $"Không có đơn vị nào được đề nghị tặng Cờ thi đua: {ranking.FlagProposal.Explanation}"));
        if (await db.Dossiers.Where(d => d.ClusterId == cluster.Id).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken) is { } existing)
            throw new DomainException(Localized.Text($"A dossier from this cluster's ranking already exists ({existing}).", $"Đã có hồ sơ đề nghị từ kết quả xếp hạng của cụm, khối thi đua này ({existing})."));

        var nominee = Nominee.Create(new NomineeIdentity(NomineeKind.Unit, proposed.Id), award.Id, request.Achievements!);
        var dossier = Dossier.Create(proposing, cluster.Year, null, request.Type!.Value, new DossierSource(null, cluster.Id), [nominee]);
        db.Dossiers.Add(dossier);
        await db.SaveChangesAsync(cancellationToken);
        return (await db.Dossiers.AsNoTracking().Where(d => d.Id == dossier.Id).ReadNamedAsync(db, settings, Tasks.TaskQueries.Today(clock), cancellationToken))!;
    }
}
