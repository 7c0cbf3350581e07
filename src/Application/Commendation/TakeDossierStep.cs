using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Domain.Commendation;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Commendation;

/// <summary>A lifecycle step that carries no more than its day, document and note: submit, receive, start the appraisal,
/// appraise, refer to the council, forward to a higher level.</summary>
/// <param name="Date">The day of the step (by default today, Bắc Ninh time); not later than today, not before the previous step.</param>
/// <param name="DocumentReference">The document of the step (e.g. "Tờ trình số 12/TTr-UBND", the appraisal report).</param>
/// <param name="Note">A note kept with the step.</param>
public sealed record TakeDossierStepCommand(DateOnly? Date = null, string? DocumentReference = null, string? Note = null) : IRequest<DossierDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid Id { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public DossierStepKind Kind { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class TakeDossierStepValidator : AbstractValidator<TakeDossierStepCommand>
{
    public TakeDossierStepValidator()
    {
        RuleFor(x => x.Date).InDateRange();
        RuleFor(x => x.DocumentReference).MaximumLength(Dossier.ReferenceMaxLength);
        RuleFor(x => x.Note).MaximumLength(Dossier.NoteMaxLength);
    }
}

public sealed class TakeDossierStepHandler(IAppDbContext db, ICurrentClient client, CommendationSettings settings, TimeProvider clock, EligibilityEvaluator evaluator)
    : IRequestHandler<TakeDossierStepCommand, DossierDto>
{
    public Task<DossierDto> Handle(TakeDossierStepCommand request, CancellationToken cancellationToken) =>
        db.TakeStepAsync(new DossierStepContext(client, settings, clock), request.Id, request.ExpectedVersion, async (dossier, today) =>
        {
            var record = client.Record(request.Date, today, request.DocumentReference, request.Note);
            switch (request.Kind)
            {
                case DossierStepKind.Submit: dossier.Submit(record, await evaluator.EvaluateAsync(dossier, cancellationToken)); break;
                case DossierStepKind.Receive: dossier.Receive(record); break;
                case DossierStepKind.StartAppraisal: dossier.StartAppraisal(record); break;
                case DossierStepKind.Appraise: dossier.Appraise(record, await evaluator.EvaluateAsync(dossier, cancellationToken)); break;
                case DossierStepKind.ReferToCouncil: dossier.ReferToCouncil(record); break;
                case DossierStepKind.Forward: dossier.Forward(record, await db.AsksHigherAwardAsync(dossier, cancellationToken)); break;
                default: throw new ArgumentOutOfRangeException(nameof(request), request.Kind, "Return and Decide have their own use cases.");
            }
        }, cancellationToken);
}

/// <summary>What every step's use case needs besides the database: who acts, the settings the answer is read with, the clock.</summary>
public sealed record DossierStepContext(ICurrentClient Client, CommendationSettings Settings, TimeProvider Clock);

public static class DossierSteps
{
    /// <summary>The one shape of every lifecycle step: load the dossier for writing (404, 403 outside a unit client's unit,
    /// 412 on a stale If-Match), take the step on today's date, save, and answer the dossier as read back.</summary>
    public static async Task<DossierDto> TakeStepAsync(this IAppDbContext db, DossierStepContext context, Guid id, ExpectedVersion? expected,
        Func<Dossier, DateOnly, Task> step, CancellationToken ct)
    {
        var today = Tasks.TaskQueries.Today(context.Clock);
        var dossier = await db.LoadForWriteAsync(context.Client, id, expected, ct);
        await step(dossier, today);
        await db.SaveChangesAsync(ct);
        return (await db.Dossiers.AsNoTracking().Where(d => d.Id == dossier.Id).ReadNamedAsync(db, context.Settings, today, ct))!;
    }
}

public static class DossierAwards
{
    /// <summary>Whether a nominee of the dossier is proposed for a state or Government award (decided above the province).</summary>
    public static async Task<bool> AsksHigherAwardAsync(this IAppDbContext db, Dossier dossier, CancellationToken ct)
    {
        var awardIds = dossier.Nominees.Select(n => n.AwardId).Distinct().ToList();
        return await db.Awards.AnyAsync(a => awardIds.Contains(a.Id) && (a.Level == GrantingLevel.State || a.Level == GrantingLevel.Government), ct);
    }
}
