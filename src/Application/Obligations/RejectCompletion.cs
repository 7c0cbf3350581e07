using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Application.Tasks;
using EmulationApi.Domain.Obligations;
using FluentValidation;
using MediatR;

namespace EmulationApi.Application.Obligations;

/// <summary>An editor refuses the completion a unit reported: the obligation goes back to in progress, its completion
/// date is cleared, the reason is kept in its history, and the task's status is derived again.</summary>
public sealed record RejectCompletionCommand(string? Reason) : IRequest<ObligationDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid Id { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class RejectCompletionValidator : AbstractValidator<RejectCompletionCommand>
{
    public RejectCompletionValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(Obligation.ReasonMaxLength);
}

public sealed class RejectCompletionHandler(IAppDbContext db, TimeProvider clock, ICurrentClient client)
    : IRequestHandler<RejectCompletionCommand, ObligationDto>
{
    public Task<ObligationDto> Handle(RejectCompletionCommand request, CancellationToken cancellationToken) =>
        db.ChangeObligationAsync(request.Id, request.ExpectedVersion, o => o.RejectCompletion(request.Reason!, client.Name),
            TaskQueries.Today(clock), cancellationToken);
}
