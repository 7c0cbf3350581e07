namespace EmulationApi.Domain.Attachments;

/// <summary>
/// A kind of file the store accepts: its media type, the file-name extensions it goes by, and how its first bytes look
/// (its signature, "magic bytes"). A file is taken only when the type the client declares, the file name's extension
/// and the content agree.
/// </summary>
public sealed class AttachmentType
{
    private readonly Func<ReadOnlyMemory<byte>, bool> _matches;

    internal AttachmentType(string mediaType, string[] extensions, Func<ReadOnlyMemory<byte>, bool> matches)
    {
        MediaType = mediaType;
        Extensions = extensions;
        _matches = matches;
    }

    public string MediaType { get; }
    /// <summary>The extensions a file of this type is named with, lower case with the dot.</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>Whether a file named <paramref name="fileName"/> carries one of this type's extensions.</summary>
    public bool Names(string fileName) =>
        Extensions.Any(e => fileName.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the file's first bytes (up to <see cref="AttachmentTypes.HeadBytes"/>) are this type's signature.</summary>
    public bool Matches(ReadOnlyMemory<byte> head) => _matches(head);
}

/// <summary>
/// The types evidence comes in (issue 16): PDF, images (PNG, JPEG, WebP, TIFF) and office documents — the Office Open
/// XML ones (DOCX, XLSX, PPTX: ZIP containers), the older Word and Excel files (DOC, XLS: OLE2 compound files) and the
/// OpenDocument text and spreadsheet (ODT, ODS: ZIP containers that name their type in their first entry).
/// </summary>
public static class AttachmentTypes
{
    /// <summary>How many of a file's first bytes the signatures read: an ODF file names its type from byte 38 on.</summary>
    public const int HeadBytes = 128;

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] TiffLittleEndian = [0x49, 0x49, 0x2A, 0x00];
    private static readonly byte[] TiffBigEndian = [0x4D, 0x4D, 0x00, 0x2A];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole2 = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private const string OdfText = "application/vnd.oasis.opendocument.text";
    private const string OdfSpreadsheet = "application/vnd.oasis.opendocument.spreadsheet";

    public static readonly IReadOnlyList<AttachmentType> All =
    [
        new("application/pdf", [".pdf"], h => StartsWith(h, Pdf)),
        new("image/png", [".png"], h => StartsWith(h, Png)),
        new("image/jpeg", [".jpg", ".jpeg"], h => StartsWith(h, Jpeg)),
        // RIFF, a 4-byte size, then WEBP.
        new("image/webp", [".webp"], h => StartsWith(h, "RIFF"u8) && h.Length >= 12 && h.Span[8..12].SequenceEqual("WEBP"u8)),
        new("image/tiff", [".tif", ".tiff"], h => StartsWith(h, TiffLittleEndian) || StartsWith(h, TiffBigEndian)),
        new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"], IsOfficeOpenXml),
        new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"], IsOfficeOpenXml),
        new("application/vnd.openxmlformats-officedocument.presentationml.presentation", [".pptx"], IsOfficeOpenXml),
        new("application/msword", [".doc"], h => StartsWith(h, Ole2)),
        new("application/vnd.ms-excel", [".xls"], h => StartsWith(h, Ole2)),
        new(OdfText, [".odt"], h => OdfMediaType(h) == OdfText),
        new(OdfSpreadsheet, [".ods"], h => OdfMediaType(h) == OdfSpreadsheet),
    ];

    /// <summary>The media types accepted, as a 415 lists them.</summary>
    public static IReadOnlyList<string> MediaTypes { get; } = [.. All.Select(t => t.MediaType)];

    /// <summary>The type with this media type (parameters such as <c>; charset</c> ignored, case-insensitive), or null.</summary>
    public static AttachmentType? Find(string? mediaType)
    {
        var bare = mediaType?.Split(';', 2)[0].Trim();
        return All.FirstOrDefault(t => string.Equals(t.MediaType, bare, StringComparison.OrdinalIgnoreCase));
    }

    private static bool StartsWith(ReadOnlyMemory<byte> head, ReadOnlySpan<byte> signature) => head.Span.StartsWith(signature);

    /// <summary>
    /// A ZIP container that is not an OpenDocument file. Which Office Open XML document it is, the ZIP's central
    /// directory at the end of the file would tell; the signature check reads only the head, so it takes the
    /// declared type and the file name's extension for that.
    /// </summary>
    private static bool IsOfficeOpenXml(ReadOnlyMemory<byte> head) => StartsWith(head, Zip) && OdfMediaType(head) is null;

    /// <summary>
    /// The media type an OpenDocument file names in its first ZIP entry — a file called "mimetype", stored uncompressed
    /// without an extra field (OpenDocument 1.2 part 3, §3.3) — or null when the head is not laid out so. The local
    /// file header is 30 bytes; the name's length is at 26, the extra field's at 28, the name at 30, the data at 30 + 8.
    /// </summary>
    private static string? OdfMediaType(ReadOnlyMemory<byte> head)
    {
        var h = head.Span;
        if (!h.StartsWith(Zip) || h.Length < 38) return null;
        var compression = h[8] | (h[9] << 8);
        var size = h[18] | (h[19] << 8) | (h[20] << 16) | (h[21] << 24);
        var nameLength = h[26] | (h[27] << 8);
        var extraLength = h[28] | (h[29] << 8);
        if (compression != 0 || nameLength != 8 || extraLength != 0 || !h[30..38].SequenceEqual("mimetype"u8)) return null;
        if (size <= 0 || 38 + size > h.Length) return null;
        return System.Text.Encoding.ASCII.GetString(h.Slice(38, size));
    }
}
