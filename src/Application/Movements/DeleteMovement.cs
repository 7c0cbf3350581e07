using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Movements;

/// <summary>Delete a movement registered by mistake: drafts only, and not while another movement continues it or a task
/// names it (the link is the plan's word: it is changed on the task, never cleared behind its back).</summary>
public sealed record DeleteMovementCommand(Guid Id, ExpectedVersion? ExpectedVersion = null) : IRequest;

public sealed class DeleteMovementHandler(IAppDbContext db) : IRequestHandler<DeleteMovementCommand, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(DeleteMovementCommand request, CancellationToken cancellationToken)
    {
        var movement = await db.Movements.FirstOrDefaultAsync(m => m.Id == request.Id, cancellationToken)
                       ?? throw new NotFoundException("Movement", request.Id);
        movement.EnsureVersion(request.ExpectedVersion);
        movement.EnsureDeletable();
        if (await db.Movements.AnyAsync(m => m.ParentMovementId == movement.Id, cancellationToken))
            throw new DomainException(Localized.Text("Another movement continues this one; change that movement's parent first.", "Có phong trào thi đua khác tiếp nối phong trào này; hãy đổi phong trào cấp trên của phong trào đó trước."));
        if (await db.Tasks.AnyAsync(t => t.MovementId == movement.Id, cancellationToken))
            throw new DomainException(Localized.Text("Tasks serve this movement (GET /api/v1/movements/{id}/tasks); name another movement on them, or none, first.",
                "Có nhiệm vụ đang phục vụ phong trào này (GET /api/v1/movements/{id}/tasks); hãy gắn các nhiệm vụ đó với phong trào khác, hoặc bỏ liên kết, trước."));
        db.Movements.Remove(movement);
        await db.SaveChangesAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}
