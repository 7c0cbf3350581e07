namespace EmulationApi.Application.Common.Errors;

/// <summary>The client is known but may not do this. The API answers 403.</summary>
public sealed class ForbiddenException(string message) : Exception(message);
