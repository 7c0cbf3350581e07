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
            .WithSummary("Nominations counted by award, level, type, nominee category, proposing unit, year or quarter")
            .WithDescription("The nominees of dossiers submitted at least once (a dossier returned and submitted again counts once, in the quarter of its first submission), grouped by groupBy, with how many were approved and the groups the 2026 plan asks to favour — direct workers, farmers, small collectives — and their share; a total row. Filters: year, proposing unit, the nominee's unit, award, commendation type. With Accept: text/csv, the same rows and the total as CSV (UTF-8 with a BOM, Vietnamese headings, RFC 4180 quoting). Answers with an ETag (304 when unchanged).")
            .WithMetadata(CsvAlternative.Instance)
            .ProducesValidationProblem();
        reports.MapGet("/awards", GetAwardReport).WithName(nameof(GetAwardReport))
            .WithSummary("The award register counted by award, level, unit, year, quarter, commendation type or proposing unit")
            .WithDescription("The register's lines (decided through the system and entered as history), grouped by groupBy — the quarter is the decision date's; the type and the proposing unit are those of the dossier whose decision wrote the line (None for history) —, to people and to collectives; a total row. Filters: year, proposing unit and type (of the dossier: history lines drop out), unit, award. With Accept: text/csv, the same rows as CSV (UTF-8 with a BOM, Vietnamese headings, RFC 4180 quoting). Answers with an ETag (304 when unchanged).")
            .WithMetadata(CsvAlternative.Instance)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<AwardReportDto>, StatusCodeHttpResult, FileContentHttpResult>> GetAwardReport([AsParameters] GetAwardReportQuery query, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var report = await mediator.Send(query, ct);
        http.Response.Headers.Vary = "Accept";
        var csv = WantsCsv(http.Request);
        if (ETags.SetAndMatch(http, csv ? ETags.ForState(new { csv, report }) : ETags.ForState(report))) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        if (!csv) return TypedResults.Ok(report);
        string[][] lines =
        [
            ["Nhóm", "Tên", "Số khen thưởng", "Cá nhân", "Tập thể"],
            .. report.Rows.Append(report.Total).Select(r => new[] { r.Key, r.Name ?? "", Number(r.Awards), Number(r.Individuals), Number(r.Collectives) }),
        ];
        return TypedResults.File(CsvBytes(lines), "text/csv; charset=utf-8", $"bao-cao-khen-thuong-{report.GroupBy}.csv".ToLowerInvariant());
    }

    public static async Task<Results<Ok<NominationReportDto>, StatusCodeHttpResult, FileContentHttpResult>> GetNominationReport([AsParameters] GetNominationReportQuery query, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var report = await mediator.Send(query, ct);
        http.Response.Headers.Vary = "Accept";
        var csv = WantsCsv(http.Request);
        // The CSV and the JSON are two representations: each has its own ETag.
        if (ETags.SetAndMatch(http, csv ? ETags.ForState(new { csv, report }) : ETags.ForState(report))) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        if (!csv) return TypedResults.Ok(report);
        return TypedResults.File(Csv(report), "text/csv; charset=utf-8", $"bao-cao-de-nghi-khen-thuong-{report.GroupBy}.csv".ToLowerInvariant());
    }

    private static bool WantsCsv(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => string.Equals(a.MediaType.Value, "text/csv", StringComparison.OrdinalIgnoreCase));

    private static byte[] Csv(NominationReportDto report) =>
        CsvBytes(
        [
            ["Nhóm", "Tên", "Số được đề nghị", "Số được khen thưởng", "Công nhân, người lao động trực tiếp", "Nông dân", "Tập thể nhỏ", "Tỷ lệ nhóm được chú trọng"],
            .. report.Rows.Append(report.Total).Select(r => new[]
            {
                r.Key, r.Name ?? "", Number(r.Nominees), Number(r.Approved), Number(r.DirectWorkers), Number(r.Farmers),
                Number(r.SmallCollectives), r.FavouredShare.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }),
        ]);

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Lines as CSV: a UTF-8 byte order mark (so spreadsheet programs read the Vietnamese), CRLF lines, RFC 4180 quoting.</summary>
    private static byte[] CsvBytes(string[][] lines)
    {
        var text = new System.Text.StringBuilder();
        foreach (var line in lines) Line(text, line);
        return [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static void Line(System.Text.StringBuilder text, string[] fields)
    {
        text.AppendJoin(',', fields.Select(Quote)).Append("\r\n");

        // A field holding a comma, a quote or a line break is quoted, its quotes doubled (RFC 4180 §2).
        static string Quote(string field) =>
            field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
