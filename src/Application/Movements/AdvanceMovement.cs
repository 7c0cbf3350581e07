using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Validation;
using EmulationApi.Application.Tasks;
using EmulationApi.Domain.Movements;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Movements;

/// <summary>Take a lifecycle step: launch (phát động), interim review (sơ kết), final review (tổng kết), close.</summary>
/// <param name="DocumentReference">The document of the step, e.g. the launching directive or the review report.</param>
/// <param name="Result">A short result of a review (required for reviews).</param>
/// <param name="Period">The year or period an interim review (sơ kết) covers, e.g. "2026" or "6 tháng đầu năm 2027"; by default the year of its date. One interim review per period (409 on a second). Read for interim reviews only.</param>
public sealed record AdvanceMovementCommand(DateOnly? Date, string? DocumentReference = null, string? Result = null, string? Period = null) : IRequest<MovementDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid Id { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public MovementStatus To { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class AdvanceMovementValidator : AbstractValidator<AdvanceMovementCommand>
{
    public AdvanceMovementValidator()
    {
        RuleFor(x => x.Date).NotNull().InDateRange();
        RuleFor(x => x.DocumentReference).MaximumLength(Movement.ReferenceMaxLength);
        RuleFor(x => x.Result).MaximumLength(Movement.TextMaxLength);
        RuleFor(x => x.Period).MaximumLength(Movement.PeriodMaxLength);
    }
}

public sealed class AdvanceMovementHandler(IAppDbContext db, TimeProvider clock) : IRequestHandler<AdvanceMovementCommand, MovementDto>
{
    public async Task<MovementDto> Handle(AdvanceMovementCommand request, CancellationToken cancellationToken)
    {
        var movement = await db.Movements.FirstOrDefaultAsync(m => m.Id == request.Id, cancellationToken) ?? throw new NotFoundException("Movement", request.Id);
        movement.EnsureVersion(request.ExpectedVersion);
        movement.Advance(request.To, request.Date!.Value, request.DocumentReference, request.Result, TaskQueries.Today(clock), request.Period);
        await db.SaveChangesAsync(cancellationToken);
        return (await db.Movements.AsNoTracking().Where(m => m.Id == movement.Id).ReadNamedAsync(db, cancellationToken))!;
    }
}
