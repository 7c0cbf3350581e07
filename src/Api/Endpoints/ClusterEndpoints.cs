using EmulationApi.Api.Http;
using EmulationApi.Api.OpenApi;
using EmulationApi.Application.Clusters;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

using EmulationApi.Api.Security;

namespace EmulationApi.Api.Endpoints;

/// <summary>/api/v1/clusters: clusters and blocs (Cụm, Khối thi đua), members, covenant, scores and ranking.</summary>
public static class ClusterEndpoints
{
    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        var clusters = app.MapGroup("/api/v1/clusters").WithTags("Clusters").RequireAuthorization(Policies.Read);
        const int NotFound = StatusCodes.Status404NotFound, Conflict = StatusCodes.Status409Conflict, Stale = StatusCodes.Status412PreconditionFailed;

        clusters.MapGet("/", ListClusters).WithName(nameof(ListClusters))
            .WithSummary("List clusters and blocs (Cụm, Khối thi đua)")
            .WithDescription("Filters: year, kind (Cụm/Khối), scope (provincial, sector, inter-provincial), member unit code.")
            .ProducesValidationProblem();
        clusters.MapPost("/", CreateCluster).WithName(nameof(CreateCluster)).AnswersWithETag().RequireAuthorization(Policies.Edit)
            .WithSummary("Organise a cluster or bloc for a year")
            .WithDescription("Year, kind, scope, name, the organising decision, and optionally the members by unit code with their roles. A unit belongs to at most one provincial cluster a year; a cluster has one leader and at most one deputy.")
            .ProducesValidationProblem().ProducesProblem(Conflict);
        clusters.MapGet("/{id:guid}", GetCluster).WithName(nameof(GetCluster))
            .WithSummary("Read a cluster with its members")
            .WithDescription("Answers with an ETag that changes with the members too.")
            .ProducesProblem(NotFound);
        clusters.MapPut("/{id:guid}", UpdateCluster).WithName(nameof(UpdateCluster)).RequireAuthorization(Policies.Edit)
            .WithSummary("Change a cluster's description")
            .WithDescription("Kind, name, sector and organising decision; the year and scope are fixed.")
            .ProducesValidationProblem().ProducesProblem(NotFound).ProducesProblem(Conflict).ProducesProblem(Stale);
        clusters.MapPost("/{id:guid}/members", AssignMembers).WithName(nameof(AssignMembers)).RequireAuthorization(Policies.Edit)
            .WithSummary("Assign members by unit code, in bulk")
            .WithDescription("Adds units or changes their roles, all or nothing. Appointing a leader or deputy makes the previous one a member. A unit already in another provincial cluster of the year is refused (400 naming the row; 409 if a concurrent request got there first).")
            .ProducesValidationProblem().ProducesProblem(NotFound).ProducesProblem(Conflict).ProducesProblem(Stale);
        clusters.MapDelete("/{id:guid}/members/{unitCode}", RemoveMember).WithName(nameof(RemoveMember)).RequireAuthorization(Policies.Edit)
            .WithSummary("Take a unit out of a cluster")
            .WithDescription("Removes the membership for the cluster's year.")
            .ProducesProblem(NotFound).ProducesProblem(Conflict).ProducesProblem(Stale);
        clusters.MapPost("/{id:guid}/rotate", RotateCluster).WithName(nameof(RotateCluster)).AnswersWithETag().RequireAuthorization(Policies.Edit)
            .WithSummary("Rotate the leader into next year (luân phiên)")
            .WithDescription("Organises the cluster for the next year with the same members, the new leader and deputy; one action.")
            .ProducesValidationProblem().ProducesProblem(NotFound).ProducesProblem(Conflict);
        clusters.MapPut("/{id:guid}/leader-absence", SetLeaderAbsence).WithName(nameof(SetLeaderAbsence)).RequireAuthorization(Policies.Edit)
            .WithSummary("Mark the leader absent or back")
            .WithDescription("absent: true (with an optional note) lets the deputy do the leader's work on the cluster — drafting and signing the covenant, scoring the members — until absent: false or another leader is appointed. The cluster answers it as leaderAbsent and leaderAbsenceNote.")
            .ProducesValidationProblem().ProducesProblem(NotFound).ProducesProblem(Conflict).ProducesProblem(Stale);
        clusters.MapCovenantEndpoints();
        return app;
    }

    private const string LeaderNote = "Besides editors, a Unit client may do this on the cluster its unit leads (cụm/khối trưởng), or whose deputy "
        + "it is while an editor has marked the leader absent; any other Unit client gets 403.";

    /// <summary>The covenant (giao ước thi đua): criteria, signing, scores, the evaluation and the ranking.</summary>
    private static void MapCovenantEndpoints(this RouteGroupBuilder clusters)
    {
        const int NotFound = StatusCodes.Status404NotFound, Conflict = StatusCodes.Status409Conflict, Stale = StatusCodes.Status412PreconditionFailed;
        clusters.MapGet("/{id:guid}/covenant", GetCovenant).WithName(nameof(GetCovenant)).AnswersWithETag()
            .WithSummary("Read the covenant (giao ước thi đua)")
            .WithDescription("Criteria, signing, status and scores.")
            .ProducesProblem(NotFound);
        clusters.MapPut("/{id:guid}/covenant", SetCovenantCriteria).WithName(nameof(SetCovenantCriteria)).RequireAuthorization(Policies.LeadCluster)
            .WithSummary("Draft the covenant's criteria")
            .WithDescription("Creates the covenant or replaces its criteria while it is a draft: name, maximum points, and kind (standard, bonus, penalty). " + LeaderNote)
            .ProducesValidationProblem().ProducesProblem(NotFound).ProducesProblem(Conflict).ProducesProblem(Stale);
        clusters.MapPost("/{id:guid}/covenant/sign", SignCovenant).WithName(nameof(SignCovenant)).RequireAuthorization(Policies.LeadCluster)
            .WithSummary("Sign the covenant (ký kết)")
            .WithDescription("Draft → signed, with the date and the signatories (all members unless listed). Needs a leader. " + LeaderNote)
            .ProducesValidationProblem().ProducesProblem(NotFound).ProducesProblem(Conflict).ProducesProblem(Stale);
        clusters.MapPut("/{id:guid}/covenant/scores", RecordScores).WithName(nameof(RecordScores)).RequireAuthorization(Policies.LeadCluster)
            .WithSummary("Score members (chấm điểm)")
            .WithDescription("Sets members' points per criterion, in bulk, all or nothing; within each criterion's limits; correctable until the evaluation is published. "
                + LeaderNote + " A unit client never scores its own unit (403 naming the rows): an editor records those.")
            .ProducesValidationProblem().ProducesProblem(NotFound).ProducesProblem(Conflict).ProducesProblem(Stale);
        clusters.MapPost("/{id:guid}/covenant/publish", PublishEvaluation).WithName(nameof(PublishEvaluation)).RequireAuthorization(Policies.Edit)
            .WithSummary("Publish the evaluation")
            .WithDescription("Signed → evaluated; the scores become immutable.")
            .ProducesValidationProblem().ProducesProblem(NotFound).ProducesProblem(Conflict).ProducesProblem(Stale);
        clusters.MapGet("/{id:guid}/ranking", GetRanking).WithName(nameof(GetRanking))
            .WithSummary("Ranking and the emulation-flag proposal (xếp hạng, suy tôn)")
            .WithDescription("Totals and ranks computed by PostgreSQL; ties explained; the leading unit proposed for the Cờ thi đua. The same rows, with whether each member is the one proposed, as a CSV or Excel file with format=csv|xlsx or Accept (text/csv, the .xlsx type). Answers with an ETag (304 when unchanged).")
            .WithMetadata(TableExport.Instance)
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(NotFound);
    }

    public static async Task<Ok<PagedResponse<ClusterDto>>> ListClusters([AsParameters] ListClustersQuery query, HttpRequest request, IMediator mediator, CancellationToken ct) =>
        TypedResults.Ok(PagedResponse<ClusterDto>.From(await mediator.Send(query, ct), request));

    public static async Task<Created<ClusterDto>> CreateCluster(CreateClusterCommand command, HttpResponse response, IMediator mediator, CancellationToken ct)
    {
        var cluster = await mediator.Send(command, ct);
        response.Headers.ETag = ETags.For(cluster.Version);
        return TypedResults.Created($"/api/v1/clusters/{cluster.Id}", cluster);
    }

    public static async Task<Results<Ok<ClusterDto>, StatusCodeHttpResult>> GetCluster(Guid id, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var cluster = await mediator.Send(new GetClusterQuery(id), ct);
        return ETags.Read(http, ETags.For(cluster.Version), cluster);
    }

    public static Task<Ok<ClusterDto>> UpdateCluster(Guid id, UpdateClusterCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        SendCluster(mediator, command with { Id = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, http, ct);

    public static Task<Ok<ClusterDto>> AssignMembers(Guid id, AssignMembersCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        SendCluster(mediator, command with { ClusterId = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, http, ct);

    public static Task<Ok<ClusterDto>> RemoveMember(Guid id, string unitCode, HttpContext http, IMediator mediator, CancellationToken ct) =>
        SendCluster(mediator, new RemoveMemberCommand(id, unitCode, ETags.IfMatchVersion(http.Request)), http, ct);

    public static async Task<Created<ClusterDto>> RotateCluster(Guid id, RotateClusterCommand command, HttpResponse response, IMediator mediator, CancellationToken ct)
    {
        var next = await mediator.Send(command with { ClusterId = id }, ct);
        response.Headers.ETag = ETags.For(next.Version);
        return TypedResults.Created($"/api/v1/clusters/{next.Id}", next);
    }

    public static Task<Ok<ClusterDto>> SetLeaderAbsence(Guid id, SetLeaderAbsenceCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        SendCluster(mediator, command with { ClusterId = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, http, ct);

    public static async Task<Ok<CovenantDto>> GetCovenant(Guid id, HttpResponse response, IMediator mediator, CancellationToken ct) =>
        WithETag(await mediator.Send(new GetCovenantQuery(id), ct), response);

    public static async Task<Ok<CovenantDto>> SetCovenantCriteria(Guid id, SetCovenantCriteriaCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        WithETag(await mediator.Send(command with { ClusterId = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct), http.Response);

    public static async Task<Ok<CovenantDto>> SignCovenant(Guid id, SignCovenantCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        WithETag(await mediator.Send(command with { ClusterId = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct), http.Response);

    public static async Task<Ok<CovenantDto>> RecordScores(Guid id, RecordScoresCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        WithETag(await mediator.Send(command with { ClusterId = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct), http.Response);

    public static async Task<Ok<CovenantDto>> PublishEvaluation(Guid id, PublishEvaluationCommand command, HttpContext http, IMediator mediator, CancellationToken ct) =>
        WithETag(await mediator.Send(command with { ClusterId = id, ExpectedVersion = ETags.IfMatchVersion(http.Request) }, ct), http.Response);

    public static async Task<Results<Ok<RankingDto>, StatusCodeHttpResult, TableFile>> GetRanking(Guid id, HttpContext http, IMediator mediator,
        CancellationToken ct, string? format = null)
    {
        var file = TableFile.Requested(http, format);
        var ranking = await mediator.Send(new GetRankingQuery(id), ct);
        if (file is { } f) return new TableFile(f, ExportRanking.Of(ranking));
        if (ETags.SetAndMatch(http, ETags.ForState(ranking))) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Ok(ranking);
    }

    private static async Task<Ok<ClusterDto>> SendCluster(IMediator mediator, IRequest<ClusterDto> command, HttpContext http, CancellationToken ct)
    {
        var cluster = await mediator.Send(command, ct);
        http.Response.Headers.ETag = ETags.For(cluster.Version);
        return TypedResults.Ok(cluster);
    }

    private static Ok<CovenantDto> WithETag(CovenantDto covenant, HttpResponse response)
    {
        response.Headers.ETag = ETags.For(covenant.Version);
        return TypedResults.Ok(covenant);
    }
}
