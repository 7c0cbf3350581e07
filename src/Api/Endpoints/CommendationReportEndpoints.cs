using EmulationApi.Api.Http;
using EmulationApi.Api.Security;
using EmulationApi.Application.Commendation;
using EmulationApi.Application.Common.Export;
using EmulationApi.Domain.Commendation;
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
            .WithSummary("Nominations counted by award, level, type, nominee category, proposing unit, year or quarter")
            .WithDescription("The nominees of dossiers submitted at least once (a dossier returned and submitted again counts once, in the quarter of its first submission), grouped by groupBy, with how many were approved and the groups the 2026 plan asks to favour — direct workers, farmers, small collectives — and their share; a total row. Filters: year, proposing unit, the nominee's unit, award, commendation type. The same rows and the total as a CSV or Excel file with format=csv|xlsx or Accept (text/csv, the .xlsx type). Answers with an ETag (304 when unchanged).")
            .WithMetadata(TableExport.Instance)
            .ProducesValidationProblem();
        reports.MapGet("/awards", GetAwardReport).WithName(nameof(GetAwardReport))
            .WithSummary("The award register counted by award, level, unit, year, quarter, commendation type or proposing unit")
            .WithDescription("The register's lines (decided through the system and entered as history), grouped by groupBy — the quarter is the decision date's; the type and the proposing unit are those of the dossier whose decision wrote the line (None for history) —, to people and to collectives; a total row. Filters: year, proposing unit and type (of the dossier: history lines drop out), unit, award. The same rows and the total as a CSV or Excel file with format=csv|xlsx or Accept (text/csv, the .xlsx type). Answers with an ETag (304 when unchanged).")
            .WithMetadata(TableExport.Instance)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<AwardReportDto>, StatusCodeHttpResult, TableFile>> GetAwardReport([AsParameters] GetAwardReportQuery query, HttpContext http, IMediator mediator, CancellationToken ct, string? format = null)
    {
        var file = TableFile.Requested(http, format);
        var report = await mediator.Send(query, ct);
        if (file is { } f) return new TableFile(f, Table.Of($"bao-cao-khen-thuong-{report.GroupBy}".ToLowerInvariant(), report, AwardReportColumns(report.GroupBy), report.Rows.Append(report.Total)));
        if (ETags.SetAndMatch(http, ETags.ForState(report))) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Ok(report);
    }

    public static async Task<Results<Ok<NominationReportDto>, StatusCodeHttpResult, TableFile>> GetNominationReport([AsParameters] GetNominationReportQuery query, HttpContext http, IMediator mediator, CancellationToken ct, string? format = null)
    {
        var file = TableFile.Requested(http, format);
        var report = await mediator.Send(query, ct);
        if (file is { } f) return new TableFile(f, Table.Of($"bao-cao-de-nghi-khen-thuong-{report.GroupBy}".ToLowerInvariant(), report, NominationReportColumns(report.GroupBy), report.Rows.Append(report.Total)));
        if (ETags.SetAndMatch(http, ETags.ForState(report))) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Ok(report);
    }

    /// <summary>The name of a row: the award's or unit's, else the Vietnamese of the level, type or category the key
    /// names, of the total or of the rows without a value.</summary>
    private static Column<AwardReportRowDto>[] AwardReportColumns(AwardReportGroup groupBy)
    {
        var values = groupBy switch { AwardReportGroup.Level => typeof(GrantingLevel), AwardReportGroup.Type => typeof(CommendationType), _ => null };
        return
        [
            new("Nhóm", r => r.Key), new("Tên", r => r.Name ?? Labels.OfKey(r.Key, values)), new("Số khen thưởng", r => r.Awards),
            new("Cá nhân", r => r.Individuals), new("Tập thể", r => r.Collectives),
        ];
    }

    private static Column<NominationReportRowDto>[] NominationReportColumns(NominationReportGroup groupBy)
    {
        var values = groupBy switch
        {
            NominationReportGroup.Level => typeof(GrantingLevel),
            NominationReportGroup.Type => typeof(CommendationType),
            NominationReportGroup.NomineeCategory => typeof(NomineeCategory),
            _ => null,
        };
        return
        [
            new("Nhóm", r => r.Key), new("Tên", r => r.Name ?? Labels.OfKey(r.Key, values)), new("Số được đề nghị", r => r.Nominees),
            new("Số được khen thưởng", r => r.Approved), new("Công nhân, người lao động trực tiếp", r => r.DirectWorkers),
            new("Nông dân", r => r.Farmers), new("Tập thể nhỏ", r => r.SmallCollectives), new("Tỷ lệ nhóm được chú trọng", r => r.FavouredShare),
        ];
    }
}
