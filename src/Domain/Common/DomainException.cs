namespace EmulationApi.Domain.Common;

/// <summary>A business rule was broken. The API answers 409 Conflict with the message as the problem's detail.</summary>
public class DomainException(string message) : Exception(message);
