using EmulationApi.Application.Common.Errors;
using EmulationApi.Application.Common.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EmulationApi.Application.Tasks;

/// <summary>Remove a task from a draft plan's appendix.</summary>
public sealed record DeleteTaskCommand(Guid Id, ExpectedVersion? ExpectedVersion = null) : IRequest;

public sealed class DeleteTaskHandler(IAppDbContext db) : IRequestHandler<DeleteTaskCommand, MediatR.Unit>
{
    public async Task<MediatR.Unit> Handle(DeleteTaskCommand request, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.Include(t => t.Plan).FirstOrDefaultAsync(t => t.Id == request.Id, cancellationToken)
                   ?? throw new NotFoundException("Task", request.Id);
        task.EnsureVersion(request.ExpectedVersion);
        task.EnsureRemovable(task.Plan!);
        db.Tasks.Remove(task);
        await db.SaveChangesAsync(cancellationToken);
        return MediatR.Unit.Value;
    }
}
