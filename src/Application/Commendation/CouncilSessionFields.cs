using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>A member present at the session.</summary>
/// <param name="Name">The member's full name (no identity number).</param>
/// <param name="Role">Chair, ViceChair, Member or Secretary.</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Roslynator", "RCS1139:Add summary element to documentation comment", Justification = "Swashbuckle publishes the parameters.")]
public sealed record CouncilMemberFields(string? Name, CouncilRole? Role);

/// <summary>What a council session says: the body of both create and update, written once.</summary>
public abstract record CouncilSessionFields
{
    /// <summary>The day the council met.</summary>
    public DateOnly? HeldOn { get; init; }
    /// <summary>Where it met (optional).</summary>
    public string? Place { get; init; }
    /// <summary>Regular or Extraordinary (optional).</summary>
    public CouncilSessionKind? Kind { get; init; }
    /// <summary>The members present (1–100): name and place in the council.</summary>
    public IReadOnlyList<CouncilMemberFields>? Members { get; init; }
    /// <summary>The minutes (biên bản): number or reference; may wait until the session is concluded.</summary>
    public string? MinutesReference { get; init; }
    /// <summary>The dossiers the session considers: each in council review and taken up by no other session. A dossier
    /// left out is taken off the session (its votes with it).</summary>
    public IReadOnlyList<Guid>? DossierIds { get; init; }

    public CouncilSessionDetails Details() =>
        new(HeldOn!.Value, Place, Kind, [.. Members!.Select(m => new CouncilMember(m.Name!, m.Role!.Value))], MinutesReference);

    /// <summary>Writes the fields and the list of dossiers: the dossiers named are taken up (unknown ids are 400s on
    /// their place in the list, a dossier not in council review or another session's is 409), the others let go, and the
    /// votes on nominees no longer considered dropped.</summary>
    public async Task ApplyAsync(IAppDbContext db, CouncilSession session, CancellationToken ct)
    {
        session.Describe(Details());
        var ids = DossierIds ?? [];
        var named = await db.Dossiers.Where(d => ids.Contains(d.Id) || d.CouncilSessionId == session.Id).ToListAsync(ct);
        var unknown = ids.Select((id, i) => (id, i)).Where(x => named.All(d => d.Id != x.id))
            .Select(x => new ValidationFailure($"dossierIds[{x.i}]", Localized.Text($"No dossier has the id '{x.id}'.", $"Không có hồ sơ nào mang id '{x.id}'."))).ToList();
        if (unknown.Count > 0) throw new ValidationException(unknown);
        foreach (var dossier in named)
        {
            if (ids.Contains(dossier.Id)) dossier.TakeUpInCouncil(session.Id);
            else dossier.LeaveCouncil(session.Id);
        }
        session.KeepVotesOf(named.Where(d => ids.Contains(d.Id)).SelectMany(d => d.Nominees).Select(n => n.Id).ToHashSet());
    }
}

public sealed class CouncilSessionFieldsValidator : AbstractValidator<CouncilSessionFields>
{
    public CouncilSessionFieldsValidator()
    {
        RuleFor(x => x.HeldOn).NotNull().InDateRange();
        RuleFor(x => x.Place).MaximumLength(CouncilSession.PlaceMaxLength);
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.MinutesReference).MaximumLength(CouncilSession.MinutesMaxLength);
        RuleFor(x => x.Members).NotEmpty().Must(l => l is null || l.Count <= CouncilSession.MaxMembers)
            .WithMessage(_ => Localized.Text($"A session has 1 to {CouncilSession.MaxMembers} members present.", $"Phiên họp có từ 1 đến {CouncilSession.MaxMembers} thành viên dự họp."));
        RuleForEach(x => x.Members).NotNull().SetValidator(new CouncilMemberFieldsValidator());
        RuleFor(x => x.DossierIds).Must(l => l is null || l.Count <= Dossier.MaxNominees)
            .WithMessage(_ => Localized.Text($"At most {Dossier.MaxNominees} dossiers.", $"Tối đa {Dossier.MaxNominees} hồ sơ."))
            .Must(l => l is null || l.Distinct().Count() == l.Count)
            .WithMessage(_ => Localized.Text("A dossier is listed once.", "Mỗi hồ sơ chỉ được nêu một lần."));
    }
}

/// <summary>One member present. A validator of its own (not inline child rules) so that the OpenAPI document reads what
/// it demands: <c>name</c> and <c>role</c> required and not nullable.</summary>
public sealed class CouncilMemberFieldsValidator : AbstractValidator<CouncilMemberFields>
{
    public CouncilMemberFieldsValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(CouncilSession.MemberNameMaxLength);
        RuleFor(x => x.Role).NotNull().IsInEnum();
    }
}
