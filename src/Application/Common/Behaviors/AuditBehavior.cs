using EmulationApi.Application.Common.Auditing;
using MediatR;

namespace EmulationApi.Application.Common.Behaviors;

/// <summary>Names the use case in the audit trail (CreatePlanCommand → CreatePlan).</summary>
public sealed class AuditBehavior<TRequest, TResponse>(AuditTrail audit) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string UseCase = typeof(TRequest).Name is var n && n.EndsWith("Command", StringComparison.Ordinal) ? n[..^7] : n;

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        audit.UseCase ??= UseCase;
        return next();
    }
}
