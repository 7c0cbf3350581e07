namespace EmulationApi.Application.Common.Errors;

/// <summary>
/// A file's content, or its name, is not of the media type it is declared as (a renamed program, a PNG sent as a PDF);
/// nothing of it is kept. The API answers 415.
/// </summary>
public sealed class ContentMismatchException(string message) : Exception(message);
