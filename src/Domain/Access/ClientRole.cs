namespace EmulationApi.Domain.Access;

/// <summary>What a client of the API may do.</summary>
public enum ClientRole
{
    /// <summary>Sở Nội vụ: everything, including API keys and the audit trail.</summary>
    Admin,
    /// <summary>Plans, tasks, movements, clusters: read and write.</summary>
    Editor,
    /// <summary>Bound to one unit: reads, and reports progress on the tasks its unit is assigned.</summary>
    Unit,
    /// <summary>The e-government portal: read-only.</summary>
    Reader,
    /// <summary>Scripts that load the unit registry: bulk import and single writes of units, and reading them.</summary>
    Loader,
}
