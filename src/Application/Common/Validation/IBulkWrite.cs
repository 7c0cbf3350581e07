namespace EmulationApi.Application.Common.Validation;

/// <summary>
/// A bulk write whose rows its handler also checks against the registry (unit codes, membership, criterion ids). The
/// validators' failures do not stop it before the handler: they wait in <see cref="RequestFailures"/>, the handler
/// adds the registry's for the fields the validators accepted and answers them all in one 400
/// (<see cref="RequestFailures.ThrowIfAny"/>) before it changes anything.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1040:Avoid empty interfaces", Justification = "A marker the validation behaviour branches on; an attribute would need reflection on every request.")]
public interface IBulkWrite;
