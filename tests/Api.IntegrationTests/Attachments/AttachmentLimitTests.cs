using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit.Abstractions;
using static EmulationApi.Api.IntegrationTests.Attachments.AttachmentsApi;

namespace EmulationApi.Api.IntegrationTests.Attachments;

/// <summary>
/// The cap, and streaming: on a server of its own (same database) with the cap set by the test. The server runs in this
/// process, so the process's allocation figures are the server's plus the client's (which makes and checks the file as
/// it goes and holds none of it).
/// </summary>
public sealed class AttachmentLimitTests(ApiFactory factory, ITestOutputHelper output) : ApiTest(factory)
{
    private WebApplicationFactory<Program> Capped(long maxBytes) =>
        Factory.WithWebHostBuilder(b => b.UseSetting("Attachments:MaxBytes", maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private const int Cap = 1024 * 1024;

    [Fact]
    public async Task AddAttachment_OfExactlyTheCap_Returns201()
    {
        await using var server = Capped(Cap);
        using var client = server.CreateDefaultClient();
        var (taskId, reportId) = await Client.Report();
        var bytes = File(PdfHead, Cap);

        var attachment = await (await client.Upload(taskId, reportId, bytes)).ExpectJson(HttpStatusCode.Created);

        Assert.Equal(Cap, (long)attachment["length"]!);
        Assert.Equal((long)Cap, await Factory.StoredBytes());
    }

    [Fact]
    public async Task AddAttachment_OneByteOverTheCap_Returns413AndStoresNothing()
    {
        await using var server = Capped(Cap);
        using var client = server.CreateDefaultClient();
        var (taskId, reportId) = await Client.Report();

        var response = await client.Upload(taskId, reportId, File(PdfHead, Cap + 1));

        var problem = await response.ExpectProblem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains($"larger than {Cap} bytes", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(0L, await Factory.Count("attachments"));
        Assert.Equal(0L, await Factory.Count("attachment_chunks"));
    }

    [Fact]
    public async Task AddAttachment_OverTheCapWithoutAContentLength_Returns413WhenTheBodyPassesIt_AndStoresNothing()
    {
        await using var server = Capped(Cap);
        using var client = server.CreateDefaultClient();
        var (taskId, reportId) = await Client.Report();
        // A body sent chunked: the server learns its size only by reading; it stops at the cap.
        var body = new GeneratedFile(PdfHead, 50L * Cap);

        var response = await client.Upload(taskId, reportId, new StreamContent(body), Pdf, "lon.pdf");

        var problem = await response.ExpectProblem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains($"larger than {Cap} bytes", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.True(body.Sent < 10L * Cap, $"The client sent {body.Sent:N0} of {50L * Cap:N0} bytes: the server read on past the cap.");
        Assert.Equal(0L, await Factory.Count("attachments"));
        Assert.Equal(0L, await Factory.Count("attachment_chunks"));
    }

    [Theory]
    [InlineData(0, HttpStatusCode.Created)]
    [InlineData(1, HttpStatusCode.RequestEntityTooLarge)]
    public async Task AddAttachment_SentWithoutAContentLength_IsCountedToTheExactByte(int overTheCap, HttpStatusCode expected)
    {
        await using var server = Capped(Cap);
        using var client = server.CreateDefaultClient();
        var (taskId, reportId) = await Client.Report();
        var body = new GeneratedFile(PdfHead, Cap + overTheCap);

        var response = await client.Upload(taskId, reportId, new StreamContent(body), Pdf, "vua-du.pdf");

        Assert.Null(response.RequestMessage?.Content?.Headers.ContentLength);
        if (expected == HttpStatusCode.Created)
        {
            var attachment = await response.ExpectJson(HttpStatusCode.Created);
            Assert.Equal(body.Sha256Hex, (string?)attachment["sha256"]);
            Assert.Equal((long)Cap, await Factory.StoredBytes());
        }
        else
        {
            await response.ExpectProblem(expected);
            Assert.Equal(0L, await Factory.Count("attachment_chunks"));
            Assert.Equal(0L, await Factory.Count("attachments"));
        }
    }

    [Fact]
    public async Task AddAttachment_DeclaringMoreThanTheCap_Returns413BeforeReadingTheBody()
    {
        await using var server = Capped(Cap);
        using var client = server.CreateDefaultClient();
        var (taskId, reportId) = await Client.Report();
        var body = new GeneratedFile(PdfHead, 50L * Cap);
        using var content = new StreamContent(body);
        content.Headers.ContentLength = 50L * Cap;

        var response = await client.Upload(taskId, reportId, content, Pdf, "lon.pdf");

        await response.ExpectProblem(HttpStatusCode.RequestEntityTooLarge);
        Assert.True(body.Sent < 10L * Cap, $"The client sent {body.Sent:N0} of {50L * Cap:N0} bytes.");
        Assert.Equal(0L, await Factory.Count("attachment_chunks"));
    }

    /// <summary>200 MB in and out: what the process allocates stays a small fraction of the file.</summary>
    [Fact]
    public async Task AFileOf200MB_IsStreamedInAndOut_WithoutTheProcessAllocatingItsSize()
    {
        const long size = 200L * 1000 * 1000;
        const long allocationBound = 48L * 1024 * 1024;
        await using var server = Capped(256L * 1024 * 1024);
        using var client = server.CreateDefaultClient();
        client.Timeout = TimeSpan.FromMinutes(5);
        var (taskId, reportId) = await Client.Report();
        var upload = new GeneratedFile(PdfHead, size);
        using var content = new StreamContent(upload, 64 * 1024);
        content.Headers.ContentLength = size;

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var attachment = await (await client.Upload(taskId, reportId, content, Pdf, "lon.pdf")).ExpectJson(HttpStatusCode.Created);
        var uploadAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var uploadTime = clock.Elapsed;

        Assert.Equal(upload.Sha256Hex, (string?)attachment["sha256"]);
        Assert.Equal(size, (long)attachment["length"]!);

        allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        clock.Restart();
        using var response = await client.GetAsync($"/api/v1/attachments/{attachment["id"]}/content", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(size, response.Content.Headers.ContentLength);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var stream = await response.Content.ReadAsStreamAsync())
        {
            var buffer = new byte[64 * 1024];
            long received = 0;
            for (int read; (read = await stream.ReadAsync(buffer)) > 0;)
            {
                sha.AppendData(buffer, 0, read);
                received += read;
            }
            Assert.Equal(size, received);
        }
        var downloadAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"200 MB: upload {uploadTime.TotalSeconds:F1} s, allocated {uploadAllocated / 1024.0 / 1024:F1} MiB; " +
                         $"download {clock.Elapsed.TotalSeconds:F1} s, allocated {downloadAllocated / 1024.0 / 1024:F1} MiB; working set {Environment.WorkingSet / 1024.0 / 1024:F0} MiB");

        Assert.Equal(upload.Sha256Hex, Convert.ToHexStringLower(sha.GetHashAndReset()));
        Assert.True(uploadAllocated < allocationBound, $"The upload allocated {uploadAllocated:N0} bytes; the bound is {allocationBound:N0}.");
        Assert.True(downloadAllocated < allocationBound, $"The download allocated {downloadAllocated:N0} bytes; the bound is {allocationBound:N0}.");
    }

    /// <summary>
    /// A file made as it is read — <paramref name="head"/>, then a repeating pattern — digested as it goes; counts what it sent.
    /// </summary>
    private sealed class GeneratedFile(byte[] head, long length) : Stream
    {
        private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private string? _hex;

        public long Sent { get; private set; }
        public string Sha256Hex => _hex ?? throw new InvalidOperationException("Not read to the end.");

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, length - Sent);
            for (var i = 0; i < count; i++)
            {
                var at = Sent + i;
                buffer[i] = at < head.Length ? head[at] : (byte)(at * 31 % 251);
            }
            _sha.AppendData(buffer[..count]);
            Sent += count;
            if (count == 0) _hex ??= Convert.ToHexStringLower(_sha.GetHashAndReset());
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Sent; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) _sha.Dispose(); base.Dispose(disposing); }
    }
}
