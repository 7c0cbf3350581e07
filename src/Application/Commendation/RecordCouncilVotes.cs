using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Commendation;
using EmulationApi.Domain.Common;
using FluentValidation;
using MediatR;

namespace EmulationApi.Application.Commendation;

/// <summary>The vote on one nominee.</summary>
/// <param name="NomineeId">A nominee of a dossier the session considers.</param>
/// <param name="For">Members present who voted for.</param>
/// <param name="Against">Members present who voted against.</param>
/// <param name="Abstain">Members present who abstained.</param>
/// <param name="Outcome">The council's outcome, as it states it: Recommended or NotRecommended (the API does not derive it from the counts).</param>
/// <param name="Reason">Required when not recommended.</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Roslynator", "RCS1139:Add summary element to documentation comment", Justification = "Swashbuckle publishes the parameters.")]
public sealed record CouncilVoteFields(Guid? NomineeId, int? For, int? Against, int? Abstain, CouncilOutcome? Outcome, string? Reason = null);

/// <summary>Record (or replace) the votes on nominees of the dossiers an open session considers; the nominees not named keep theirs.</summary>
/// <param name="Votes">One vote per nominee named, each nominee once; no vote counts more members than are present.</param>
public sealed record RecordCouncilVotesCommand(IReadOnlyList<CouncilVoteFields>? Votes) : IRequest<CouncilSessionDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid Id { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class RecordCouncilVotesValidator : AbstractValidator<RecordCouncilVotesCommand>
{
    public RecordCouncilVotesValidator()
    {
        RuleFor(x => x.Votes).NotEmpty().Must(l => l is null || l.Count <= Dossier.MaxNominees * 10)
            .WithMessage(_ => Localized.Text($"At most {Dossier.MaxNominees * 10} votes.", $"Tối đa {Dossier.MaxNominees * 10} kết quả biểu quyết."));
        RuleForEach(x => x.Votes).NotNull().SetValidator(new CouncilVoteFieldsValidator());
    }
}

/// <summary>One vote. A validator of its own (not inline child rules) so that the OpenAPI document reads what it
/// demands: every field but <c>reason</c> required and not nullable.</summary>
public sealed class CouncilVoteFieldsValidator : AbstractValidator<CouncilVoteFields>
{
    public CouncilVoteFieldsValidator()
    {
        RuleFor(x => x.NomineeId).NotNull();
        RuleFor(x => x.For).NotNull().InclusiveBetween(0, CouncilSession.MaxMembers);
        RuleFor(x => x.Against).NotNull().InclusiveBetween(0, CouncilSession.MaxMembers);
        RuleFor(x => x.Abstain).NotNull().InclusiveBetween(0, CouncilSession.MaxMembers);
        RuleFor(x => x.Outcome).NotNull().IsInEnum();
        RuleFor(x => x.Reason).MaximumLength(CouncilSession.ReasonMaxLength);
        RuleFor(x => x.Reason).NotEmpty().When(x => x.Outcome == CouncilOutcome.NotRecommended)
            .WithMessage(_ => Localized.Text("A nominee the council does not recommend is given the reason.", "Đối tượng Hội đồng không đề nghị phải có lý do."));
    }
}

public sealed class RecordCouncilVotesHandler(IAppDbContext db) : IRequestHandler<RecordCouncilVotesCommand, CouncilSessionDto>
{
    public async Task<CouncilSessionDto> Handle(RecordCouncilVotesCommand request, CancellationToken cancellationToken)
    {
        var session = await db.LoadForWriteAsync(request.Id, request.ExpectedVersion, cancellationToken);
        session.RecordVotes([.. request.Votes!.Select(v => new CouncilVote(v.NomineeId!.Value, v.For!.Value, v.Against!.Value, v.Abstain!.Value, v.Outcome!.Value, v.Reason))],
            await db.ConsideredNomineesAsync(session.Id, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return await db.ReadAsync(session.Id, cancellationToken);
    }
}
