using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Movements;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Movements;

/// <summary>Rewrite a movement's description, plans and participants (not once it is closed).</summary>
public sealed record UpdateMovementCommand : MovementFields, IRequest<MovementDto>
{
    [System.Text.Json.Serialization.JsonIgnore] public Guid Id { get; init; }
    [System.Text.Json.Serialization.JsonIgnore] public ExpectedVersion? ExpectedVersion { get; init; }
}

public sealed class UpdateMovementValidator : AbstractValidator<UpdateMovementCommand>
{
    public UpdateMovementValidator() => Include(new MovementFieldsValidator());
}

public sealed class UpdateMovementHandler(IAppDbContext db) : IRequestHandler<UpdateMovementCommand, MovementDto>
{
    public async Task<MovementDto> Handle(UpdateMovementCommand request, CancellationToken cancellationToken)
    {
        var movement = await db.Movements.FirstOrDefaultAsync(m => m.Id == request.Id, cancellationToken) ?? throw new NotFoundException("Movement", request.Id);
        movement.EnsureVersion(request.ExpectedVersion);
        await request.WriteToAsync(movement, db, cancellationToken);
        await EnsureNoCycleAsync(movement, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (await db.Movements.AsNoTracking().Where(m => m.Id == movement.Id).ReadNamedAsync(db, cancellationToken))!;
    }

    private async Task EnsureNoCycleAsync(Movement movement, CancellationToken ct)
    {
        var current = movement.ParentMovementId;
        for (var depth = 0; current is not null && depth < 100; depth++)
        {
            if (current == movement.Id) throw new Domain.Common.DomainException(Domain.Common.Localized.Text(
                "The parent movement continues this one: that would be a cycle.",
                "Phong trào thi đua cấp trên lại tiếp nối phong trào này: như vậy sẽ tạo thành vòng lặp."));
            var id = current.Value;
            current = await db.Movements.Where(m => m.Id == id).Select(m => m.ParentMovementId).FirstOrDefaultAsync(ct);
        }
    }
}
