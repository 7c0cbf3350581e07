using EmulationApi.Application.Commendation;
using EmulationApi.Application.Movements;
using EmulationApi.Application.Plans;
using EmulationApi.Application.Tasks;
using EmulationApi.Domain.Plans;
using EmulationApi.Application.Units;
using EmulationApi.Infrastructure.Seed;
using MediatR;

namespace EmulationApi.Api;

/// <summary>The `seed` step of command 1: loads the starting units, the 2026 plan and its movements through the ordinary use cases.</summary>
public static class Seeding
{
    public static async Task SeedAsync(this IServiceProvider services, ILogger logger, CancellationToken ct = default)
    {
        await using (var units = SeedData.Open(SeedData.UnitsCsv))
        {
            var result = await SendAsync(services, new ImportUnitsCommand(units, "text/csv", DryRun: false), ct);
            logger.LogInformation("Seed units: {Created} created, {Updated} updated, {Unchanged} unchanged", result.Created, result.Updated, result.Unchanged);
        }

        var text = SeedData.ReadText(SeedData.Plan2026);
        var plan = await SendAsync(services, new ImportPlanCommand(text), ct);
        logger.LogInformation("Seed plan {Title} ({Year}): {Created} tasks created, {Updated} updated, {Unchanged} unchanged, {Unresolved} unresolved names",
            plan.Title, plan.Year, plan.TasksCreated, plan.TasksUpdated, plan.TasksUnchanged, plan.Unresolved.Count);
        foreach (var name in plan.Unresolved)
            logger.LogWarning("Unresolved name in the 2026 plan, line {Line} ({Role}): {Text}", name.Line, name.Role, name.Text);

        var catalog = await SendAsync(services, new LoadCatalogCommand(CommendationCatalog.Awards, CommendationCatalog.Rules, CommendationCatalog.BaseSalaries), ct);
        logger.LogInformation("Seed commendation catalog: {Created} awards created, {Unchanged} unchanged; {RulesCreated} rules added, {RulesUnchanged} already seeded or waiting for their award; {SalariesCreated} base salaries created, {SalariesUnchanged} unchanged",
            catalog.AwardsCreated, catalog.AwardsUnchanged, catalog.RulesCreated, catalog.RulesUnchanged, catalog.BaseSalariesCreated, catalog.BaseSalariesUnchanged);

        var movements = await SendAsync(services, new ImportMovementsCommand(text), ct);
        logger.LogInformation("Seed movements of the 2026 plan: {Created} created, {Unchanged} unchanged", movements.Created, movements.Unchanged);

        // For the README's first two calls (issue the plan, report on its first task): run.sh prints them with these ids.
        var loaded = await SendAsync(services, new GetPlanQuery(plan.PlanId), ct);
        await using var scope = services.CreateAsyncScope();
        var first = await scope.ServiceProvider.GetRequiredService<IMediator>()
            .Send(new ListTasksQuery(PlanId: plan.PlanId, Group: PeriodGroup.Q1, Sort: "plan", PageSize: 1), ct);
        var task = (await first.ReadPageAsync(ct)).Items.FirstOrDefault(); // the page is read in the query's own scope
        Console.WriteLine($"[seed] plan {plan.PlanId} {loaded.Status} first-task {task?.Id} {string.Join(",", (task?.Leads ?? []).Select(l => l.UnitCode))}");
    }

    /// <summary>Each use case in a scope of its own, as a request would be: its own DbContext and audit trail (use case name, import summary).</summary>
    private static async Task<T> SendAsync<T>(IServiceProvider services, IRequest<T> request, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, ct);
    }
}
