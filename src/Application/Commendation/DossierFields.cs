using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Units;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>A nominee as a request names it.</summary>
/// <param name="Kind">Unit (a registry unit), SmallCollective (tập thể nhỏ: a named team, school, village… inside a unit) or Individual.</param>
/// <param name="UnitCode">The registry unit: the nominee itself (Unit), the unit the small collective belongs to, or the person's unit.</param>
/// <param name="Name">A small collective's name or a person's full name; none for a unit.</param>
/// <param name="CollectiveKind">A small collective's kind: Team, School, Village, Other.</param>
/// <param name="Position">A person's position (chức vụ), optional.</param>
/// <param name="Category">A person's category: DirectWorker (công nhân, người lao động trực tiếp), Farmer (nông dân), LeaderManager (lãnh đạo, quản lý), Other.</param>
/// <param name="AwardCode">The code of the title or form asked for (the catalog's); it must suit the nominee: an individual award for a person, a collective one for a unit or small collective.</param>
/// <param name="Achievements">The achievements (tóm tắt thành tích).</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Roslynator", "RCS1139:Add summary element to documentation comment", Justification = "Swashbuckle publishes the parameters.")]
public sealed record NomineeFields(NomineeKind? Kind, string? UnitCode, string? AwardCode, string? Achievements, string? Name = null,
    SmallCollectiveKind? CollectiveKind = null, string? Position = null, NomineeCategory? Category = null);

/// <summary>What a dossier says: the body of both create and update, written once.</summary>
public abstract record DossierFields
{
    /// <summary>The proposing unit's code; a unit client proposes for its own unit only.</summary>
    public string? ProposingUnitCode { get; init; }
    public int? Year { get; init; }
    /// <summary>The period within the year, when not the whole year (e.g. "6 tháng đầu năm").</summary>
    public string? Period { get; init; }
    public CommendationType? Type { get; init; }
    /// <summary>The movement the dossier comes from (optional; not with clusterId).</summary>
    public Guid? MovementId { get; init; }
    /// <summary>The cluster or bloc whose ranking the dossier comes from (optional; not with movementId).</summary>
    public Guid? ClusterId { get; init; }
    public IReadOnlyList<NomineeFields>? Nominees { get; init; }

    /// <summary>Checks every reference (unknown units, awards, movement, cluster; an award that does not suit its nominee:
    /// 400s on their fields, all at once), then writes the fields.</summary>
    public async Task<(Guid ProposingUnitId, IReadOnlyList<Nominee> Nominees)> ResolveAsync(IAppDbContext db, CancellationToken ct)
    {
        var nominees = Nominees ?? [];
        var units = await db.Units.LookUpCodesAsync(
            nominees.Select((n, i) => new UnitCodeAt($"nominees[{i}].unitCode", n.UnitCode!)).Prepend(new UnitCodeAt("proposingUnitCode", ProposingUnitCode!)), ct);
        var failures = new List<ValidationFailure>(units.Unknown);
        var codes = nominees.Select(n => n.AwardCode!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        #pragma warning disable MA0011 // in a query: EF Core translates string.ToLower() to SQL lower()
        var lowered = codes.Select(c => c.ToLowerInvariant()).ToList();
        var awards = (await db.Awards.AsNoTracking().Where(a => lowered.Contains(a.Code.ToLower())).Select(a => new { a.Id, a.Code, a.Recipient }).ToListAsync(ct))
            .GroupBy(a => a.Code, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        #pragma warning restore MA0011
        for (var i = 0; i < nominees.Count; i++)
        {
            var n = nominees[i];
            if (!awards.TryGetValue(n.AwardCode!.Trim(), out var award))
                failures.Add(new ValidationFailure($"nominees[{i}].awardCode", Localized.Text($"No title or form has the code '{n.AwardCode.Trim()}'.", $"Không có danh hiệu, hình thức khen thưởng nào mang mã '{n.AwardCode.Trim()}'.")));
            else if (Nominee.IsCollective(n.Kind!.Value) != (award.Recipient == AwardRecipient.Collective))
                failures.Add(new ValidationFailure($"nominees[{i}].awardCode", Localized.Text(
                    $"Nominee {i + 1} ({Describe(n)}) is {(Nominee.IsCollective(n.Kind!.Value) ? "a collective" : "a person")}; '{award.Code}' is given to {(award.Recipient == AwardRecipient.Collective ? "collectives" : "individuals")}.",
                    $"Đối tượng thứ {i + 1} ({Describe(n)}) là {(Nominee.IsCollective(n.Kind!.Value) ? "tập thể" : "cá nhân")}; '{award.Code}' dành cho {(award.Recipient == AwardRecipient.Collective ? "tập thể" : "cá nhân")}.")));
        }
        if (MovementId is { } movement && !await db.Movements.AnyAsync(m => m.Id == movement, ct))
            failures.Add(new ValidationFailure("movementId", Localized.Text($"No movement has the id '{movement}'.", $"Không có phong trào thi đua nào mang id '{movement}'.")));
        if (ClusterId is { } cluster && !await db.Clusters.AnyAsync(c => c.Id == cluster, ct))
            failures.Add(new ValidationFailure("clusterId", Localized.Text($"No cluster has the id '{cluster}'.", $"Không có cụm, khối thi đua nào mang id '{cluster}'.")));
        if (failures.Count > 0) throw new ValidationException(failures);

        return (units[ProposingUnitCode!].Id, [.. nominees.Select(n => Nominee.Create(
            new NomineeIdentity(n.Kind!.Value, units[n.UnitCode!].Id, n.Name, n.CollectiveKind, n.Position, n.Category),
            awards[n.AwardCode!.Trim()].Id, n.Achievements!))]);
    }

    private static string Describe(NomineeFields n) => Text.Clean(n.Name) ?? n.UnitCode!.Trim();
}

public sealed class DossierFieldsValidator : AbstractValidator<DossierFields>
{
    public DossierFieldsValidator()
    {
        RuleFor(x => x.ProposingUnitCode).UnitCode();
        RuleFor(x => x.Year).NotNull().InclusiveBetween(Years.First, Years.Last);
        RuleFor(x => x.Period).MaximumLength(Dossier.PeriodMaxLength);
        RuleFor(x => x.Type).NotNull().IsInEnum();
        RuleFor(x => x.ClusterId).Null().When(x => x.MovementId is not null)
            .WithMessage(_ => Localized.Text("A dossier comes from a movement or a cluster's ranking, not both.", "Hồ sơ xuất phát từ một phong trào thi đua hoặc từ kết quả xếp hạng của cụm, khối thi đua, không phải cả hai."));
        RuleFor(x => x.Nominees).NotEmpty().Must(l => l is null || l.Count <= Dossier.MaxNominees)
            .WithMessage(_ => Localized.Text($"A dossier names 1 to {Dossier.MaxNominees} nominees.", $"Hồ sơ đề nghị từ 1 đến {Dossier.MaxNominees} đối tượng."));
        RuleForEach(x => x.Nominees).SetValidator(new NomineeFieldsValidator());
    }
}

public sealed class NomineeFieldsValidator : AbstractValidator<NomineeFields>
{
    public NomineeFieldsValidator()
    {
        RuleFor(x => x.Kind).NotNull().IsInEnum();
        RuleFor(x => x.UnitCode).UnitCode();
        RuleFor(x => x.AwardCode).NotEmpty().MaximumLength(Award.CodeMaxLength);
        RuleFor(x => x.Achievements).NotEmpty().MaximumLength(Nominee.AchievementsMaxLength);
        RuleFor(x => x.Name).MaximumLength(Nominee.NameMaxLength);
        RuleFor(x => x.Position).MaximumLength(Nominee.PositionMaxLength);
        RuleFor(x => x.CollectiveKind).IsInEnum();
        RuleFor(x => x.Category).IsInEnum();
        When(x => x.Kind == NomineeKind.Unit, () =>
        {
            RuleFor(x => x.Name).Empty().WithMessage(_ => Localized.Text("A unit nominee is named by its unit code only.", "Tập thể là đơn vị chỉ ghi mã đơn vị."));
            RuleFor(x => x.CollectiveKind).Null().WithMessage(_ => Localized.Text("Only a small collective has a kind.", "Chỉ tập thể nhỏ mới có loại."));
            RuleFor(x => x.Category).Null().WithMessage(_ => Localized.Text("Only a person has a category.", "Chỉ cá nhân mới có đối tượng."));
            RuleFor(x => x.Position).Empty().WithMessage(_ => Localized.Text("Only a person has a position.", "Chỉ cá nhân mới có chức vụ."));
        });
        When(x => x.Kind == NomineeKind.SmallCollective, () =>
        {
            RuleFor(x => x.Name).NotEmpty();
            RuleFor(x => x.CollectiveKind).NotNull();
            RuleFor(x => x.Category).Null().WithMessage(_ => Localized.Text("Only a person has a category.", "Chỉ cá nhân mới có đối tượng."));
            RuleFor(x => x.Position).Empty().WithMessage(_ => Localized.Text("Only a person has a position.", "Chỉ cá nhân mới có chức vụ."));
        });
        When(x => x.Kind == NomineeKind.Individual, () =>
        {
            RuleFor(x => x.Name).NotEmpty();
            RuleFor(x => x.Category).NotNull();
            RuleFor(x => x.CollectiveKind).Null().WithMessage(_ => Localized.Text("Only a small collective has a kind.", "Chỉ tập thể nhỏ mới có loại."));
        });
    }
}
