using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Tasks;
using EmulationApi.Domain.Obligations;
using FluentValidation;
using MediatR;

namespace EmulationApi.Application.Obligations;

/// <summary>Give one unit more time on one task (gia hạn): its timeliness then uses the new deadline. The reason is kept
/// in the obligation's history.</summary>
/// <param name="Deadline">The unit's new deadline: after its current one.</param>
/// <param name="Reason">Why (e.g. the document that granted it).</param>
public sealed record ExtendObligationDeadlineCommand(DateOnly? Deadline, string? Reason) : IRequest<ObligationDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid Id { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class ExtendObligationDeadlineValidator : AbstractValidator<ExtendObligationDeadlineCommand>
{
    public ExtendObligationDeadlineValidator()
    {
        RuleFor(x => x.Deadline).NotNull().InDateRange();
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(Obligation.ReasonMaxLength);
    }
}

public sealed class ExtendObligationDeadlineHandler(IAppDbContext db, TimeProvider clock, ICurrentClient client)
    : IRequestHandler<ExtendObligationDeadlineCommand, ObligationDto>
{
    public Task<ObligationDto> Handle(ExtendObligationDeadlineCommand request, CancellationToken cancellationToken) =>
        db.ChangeObligationAsync(request.Id, request.ExpectedVersion,
            o => o.ExtendDeadline(request.Deadline!.Value, request.Reason!, o.Task!.Deadline, client.Name),
            TaskQueries.Today(clock), cancellationToken);
}
