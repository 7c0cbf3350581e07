using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Movements;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Movements;

/// <summary>Register a movement (as a draft, until it is launched).</summary>
public sealed record CreateMovementCommand : MovementFields, IRequest<MovementDto>;

public sealed class CreateMovementValidator : AbstractValidator<CreateMovementCommand>
{
    public CreateMovementValidator() => Include(new MovementFieldsValidator());
}

public sealed class CreateMovementHandler(IAppDbContext db) : IRequestHandler<CreateMovementCommand, MovementDto>
{
    public async Task<MovementDto> Handle(CreateMovementCommand request, CancellationToken cancellationToken)
    {
        var movement = Movement.Create(request.Name!, request.Form!.Value, request.LauncherLevel!.Value, request.StartDate);
        await request.WriteToAsync(movement, db, cancellationToken);
        db.Movements.Add(movement);
        await db.SaveChangesAsync(cancellationToken);
        return (await db.Movements.AsNoTracking().Where(m => m.Id == movement.Id).ReadNamedAsync(db, cancellationToken))!;
    }
}
