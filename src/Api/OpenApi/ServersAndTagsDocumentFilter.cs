using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EmulationApi.Api.OpenApi;

/// <summary>One relative server, and a description for each resource's tag.</summary>
public sealed class ServersAndTagsDocumentFilter : IDocumentFilter
{
    private static readonly (string Name, string Description)[] Tags =
    [
        ("API keys", "Machine clients' keys (admin): issue, list, revoke."),
        ("Attachments", "Files kept as evidence (minh chứng) — on progress reports: upload (streamed, capped, typed, SHA-256), list, download, remove."),
        ("Audit", "The audit trail of every write (admin)."),
        ("Clusters", "Clusters and blocs (Cụm, Khối thi đua): yearly members, leaders, covenants (giao ước), scores and ranking."),
        ("Commendation", "Commendation (khen thưởng): the catalog of emulation titles and commendation forms, the base salary (mức lương cơ sở) as dated configuration, the award register (sổ theo dõi khen thưởng)."),
        ("Council", "Sessions of the provincial emulation and commendation council (Hội đồng Thi đua – Khen thưởng tỉnh): members present, the dossiers considered, the vote and outcome per nominee, the minutes, publishing the nominees."),
        ("Dossiers", "Nomination dossiers (hồ sơ đề nghị khen thưởng) from draft to decision: nominees, submission, receipt, appraisal (thẩm định), return for completion, council review, decision or forwarding to a higher level."),
        ("Movements", "Emulation movements (phong trào thi đua) and their lifecycle: launch, interim and final review, close."),
        ("Obligations", "Each unit's share of each task (phân công cho từng đơn vị): the work list (việc của tôi), the per-unit scorecard, extensions, exemptions and completion reviews."),
        ("Plans", "Plans (kế hoạch): draft, issue, close, and loading a plan document's text."),
        ("Public", "What is made public (công khai) without a key: the decided awards and the nominees the council published."),
        ("Reminders", "The daily reminders (nhắc việc) sent as obligation.reminder webhook events: the runs, once per slot of the schedule, and a preview of a unit's digest."),
        ("Tasks", "Task assignments (nhiệm vụ): the portal feed, summaries, progress reports (báo cáo tiến độ)."),
        ("Units", "The unit registry (đơn vị) and its bulk loading."),
        ("Webhooks", "Subscriptions of other systems to events (admin): target address, event types, plan and unit filters, the signing secret shown once."),
    ];

    /// <summary>
    /// Paths resolve against wherever the document is served from, so the same document (the one committed as
    /// openapi/v1.json) is right for every installation; generated clients take their base URL as a setting.
    /// </summary>
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Servers = [new OpenApiServer { Url = "/", Description = "The server this document is served from" }];
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        RemoveUnusedSchemas(document);
    }

    /// <summary>Drops schemas nothing refers to any more (an enum whose every use became an inline nullable enum).</summary>
    private static void RemoveUnusedSchemas(OpenApiDocument document)
    {
        if (document.Components?.Schemas is not { } schemas) return;
        while (true)
        {
            using var text = new StringWriter();
            document.SerializeAsV3(new OpenApiJsonWriter(text));
            var json = text.ToString();
            var unused = schemas.Keys.Where(name => !json.Contains($"#/components/schemas/{name}\"", StringComparison.Ordinal)).ToList();
            if (unused.Count == 0) return;
            foreach (var name in unused) schemas.Remove(name);
        }
    }
}
