using EmulationApi.Api.Http;
using EmulationApi.Api.Security;
using EmulationApi.Application.Reminders;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EmulationApi.Api.Endpoints;

/// <summary>The daily reminders (nhắc việc): the runs that were sent, and the digest a unit would receive.</summary>
public static class ReminderEndpoints
{
    public static IEndpointRouteBuilder MapReminderEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/reminder-runs", ListReminderRuns).WithName(nameof(ListReminderRuns)).WithTags("Reminders")
            .RequireAuthorization(Policies.Admin)
            .WithSummary("List the reminders' runs")
            .WithDescription("One run per slot of the schedule (Reminders:Schedule, in Reminders:TimeZone) that was sent, latest first: the slot, whether it ran on time or as the catch-up at start-up, the day its digests were computed on, the instance that ran it, when it started and finished, how many units received a digest and how many obligations were listed as due soon and overdue.")
            .ProducesValidationProblem();
        app.MapGet("/api/v1/units/by-code/{code}/reminder", GetUnitReminder).WithName(nameof(GetUnitReminder)).WithTags("Reminders")
            .RequireAuthorization(Policies.Read)
            .WithSummary("Preview a unit's reminder (nhắc việc) for a day")
            .WithDescription("The digest the unit would receive as an obligation.reminder event on asOf (default today in Bắc Ninh), computed as a run computes it; nothing is sent. dueSoon: not done, deadline from asOf to asOf + Reminders:DueSoonDays; overdue: not done, deadline passed (exempted obligations and those that arose after their deadline are not listed). Both lists empty: a run sends this unit nothing. A unit client reads only its own unit's.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Ok<PagedResponse<ReminderRunDto>>> ListReminderRuns([AsParameters] ListReminderRunsQuery query, HttpRequest request,
        IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(PagedResponse<ReminderRunDto>.From(await mediator.Send(query, ct), request));

    public static async Task<Ok<ReminderDigestDto>> GetUnitReminder(string code, DateOnly? asOf, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(await mediator.Send(new GetUnitReminderQuery(code, asOf), ct));
}
