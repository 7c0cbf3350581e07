using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Application.Tasks;
using EmulationApi.Domain.Obligations;
using FluentValidation;
using MediatR;

namespace EmulationApi.Application.Obligations;

/// <summary>Release one unit from one task (miễn), with a reason: the unit reports nothing on it, the scorecard counts
/// it apart, and a lead's exemption leaves the task's status to the other leads.</summary>
public sealed record ExemptObligationCommand(string? Reason) : IRequest<ObligationDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid Id { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class ExemptObligationValidator : AbstractValidator<ExemptObligationCommand>
{
    public ExemptObligationValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(Obligation.ReasonMaxLength);
}

public sealed class ExemptObligationHandler(IAppDbContext db, TimeProvider clock, ICurrentClient client)
    : IRequestHandler<ExemptObligationCommand, ObligationDto>
{
    public Task<ObligationDto> Handle(ExemptObligationCommand request, CancellationToken cancellationToken) =>
        db.ChangeObligationAsync(request.Id, request.ExpectedVersion, o => o.Exempt(request.Reason!, client.Name),
            TaskQueries.Today(clock), cancellationToken);
}
