namespace EmulationApi.Application.Common.Errors;

/// <summary>The client's If-Match no longer matches the resource. The API answers 412 and nothing was changed.</summary>
public sealed class PreconditionFailedException(string message) : Exception(message);
