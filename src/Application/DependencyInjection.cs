using System.Reflection;
using EmulationApi.Application.Access;
using EmulationApi.Application.Common.Auditing;
using EmulationApi.Application.Common.Behaviors;
using EmulationApi.Application.Common.Persistence;
using EmulationApi.Application.Common.Security;
using EmulationApi.Application.Common.Validation;
using FluentValidation;
using Mapster;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EmulationApi.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Everything the use cases need, registered in one place. MediatR 5.1.0 has no DI package on our source, so its
    /// handlers are found here by scanning; an upgrade of MediatR changes only this method.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        var assembly = Assembly.GetExecutingAssembly();

        services.TryAddSingleton<TimeProvider>(new StoredPrecisionClock());
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        // The first behaviour registered runs outermost: log, let a unit client lead only the cluster it leads, validate,
        // name the use case for the audit trail, handle.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(Clusters.ClusterLeadershipBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(AuditBehavior<,>));
        services.AddScoped<AuditTrail>();
        services.AddScoped<RequestFailures>();
        services.TryAddScoped<ICurrentClient, SystemClient>();
        services.AddSingleton<ApiKeyVerifier>();
        services.AddScoped<Commendation.EligibilityEvaluator>();

        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)))
                services.AddScoped(contract, type);
        }

        // Messages name fields as clients send them ('parentCode', not 'Parent Code').
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : char.ToLowerInvariant(member.Name[0]) + member.Name[1..];
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        TypeAdapterConfig.GlobalSettings.Scan(assembly);
        return services;
    }
}
