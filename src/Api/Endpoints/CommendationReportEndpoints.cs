using EmulationApi.Api.Http;
using EmulationApi.Api.Security;
using EmulationApi.Application.Commendation;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EmulationApi.Api.Endpoints;

/// <summary>/api/v1/commendation/reports: counts of the commendation work, which hold no personal data (readers too).</summary>
public static class CommendationReportEndpoints
{
    public static IEndpointRouteBuilder MapCommendationReportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/commendation/reports").WithTags("Commendation").RequireAuthorization(Policies.Read);
        reports.MapGet("/nominations", GetNominationReport).WithName(nameof(GetNominationReport))
            .WithSummary("Nominations counted by award, level, type, nominee category, proposing unit or year")
            .WithDescription("The nominees of dossiers past their draft, grouped by groupBy, with how many were approved and the groups the 2026 plan asks to favour — direct workers, farmers, small collectives — and their share; a total row. Filters: year, proposing unit, award, commendation type. Answers with an ETag (304 when unchanged).")
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<NominationReportDto>, StatusCodeHttpResult>> GetNominationReport([AsParameters] GetNominationReportQuery query, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var report = await mediator.Send(query, ct);
        return ETags.Read(http, ETags.ForState(report), report);
    }
}
