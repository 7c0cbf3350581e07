using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Domain.Commendation;
using FluentValidation;
using MediatR;

namespace EmulationApi.Application.Commendation;

/// <summary>Return a received dossier, or one under appraisal, for completion (trả lại): the reason and the day to resubmit by.</summary>
/// <param name="Date">The day of the return (by default today).</param>
/// <param name="DocumentReference">The letter that returns it.</param>
/// <param name="Reason">What is missing or wrong.</param>
/// <param name="ResubmitBy">The day to resubmit by; not before the return.</param>
public sealed record ReturnDossierCommand(string? Reason, DateOnly? ResubmitBy, DateOnly? Date = null, string? DocumentReference = null) : IRequest<DossierDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid Id { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class ReturnDossierValidator : AbstractValidator<ReturnDossierCommand>
{
    public ReturnDossierValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(Dossier.NoteMaxLength);
        RuleFor(x => x.ResubmitBy).NotNull().InDateRange();
        RuleFor(x => x.Date).InDateRange();
        RuleFor(x => x.DocumentReference).MaximumLength(Dossier.ReferenceMaxLength);
    }
}

public sealed class ReturnDossierHandler(IAppDbContext db, ICurrentClient client, CommendationSettings settings, TimeProvider clock)
    : IRequestHandler<ReturnDossierCommand, DossierDto>
{
    public Task<DossierDto> Handle(ReturnDossierCommand request, CancellationToken cancellationToken) =>
        db.TakeStepAsync(new DossierStepContext(client, settings, clock), request.Id, request.ExpectedVersion, (dossier, today) =>
        {
            dossier.Return(client.Record(request.Date, today, request.DocumentReference, request.Reason), request.ResubmitBy!.Value);
            return Task.CompletedTask;
        }, cancellationToken);
}
