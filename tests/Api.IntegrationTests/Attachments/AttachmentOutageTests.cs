using System.Net;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Api.IntegrationTests.Plans;
using static EmulationApi.Api.IntegrationTests.Attachments.AttachmentsApi;

namespace EmulationApi.Api.IntegrationTests.Attachments;

/// <summary>
/// The database ends the API's session while an upload streams into it (pg_terminate_backend: SQLSTATE 57P01, as when
/// PostgreSQL is stopped): the upload answers 503 and nothing of it is stored; the next upload succeeds.
/// </summary>
public sealed class AttachmentOutageTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task AddAttachment_WhenTheDatabaseEndsTheSessionMidUpload_Returns503AndStoresNothing()
    {
        var (taskId, reportId) = await Client.Report();
        var bytes = File(PdfHead, 4 * 1024 * 1024);
        var body = new PausedBody(bytes, pauseAt: 1024 * 1024);
        using var content = new StreamContent(body);
        content.Headers.ContentLength = bytes.Length;
        var sending = Client.Upload(taskId, reportId, content, Pdf, "bao-cao.pdf");

        // The first megabyte is in; the API's session is copying chunks when the database ends it.
        await body.Paused.WaitAsync(TimeSpan.FromSeconds(30));
        await WaitForCopyAsync();
        Assert.True(await Factory.ScalarAsync<long>("""
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'COPY attachment_chunks%'
            """) >= 1);
        body.Resume();

        var response = await sending;

        var problem = await response.ExpectProblem(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("The database is unavailable.", (string?)problem["title"]);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal(0L, await Factory.Count("attachments"));
        Assert.Equal(0L, await Factory.Count("attachment_chunks"));

        var again = await Client.Attach(taskId, reportId, bytes);
        Assert.Equal(Sha256Hex(bytes), (string?)again["sha256"]);
        Assert.Equal((long)bytes.Length, await Factory.StoredBytes());
    }

    private async Task WaitForCopyAsync()
    {
        for (var i = 0; i < 200; i++)
        {
            if (await Factory.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY attachment_chunks%'") > 0)
                return;
            await Task.Delay(50);
        }
        Assert.Fail("The upload never reached COPY.");
    }

    /// <summary>A body that sends its first <paramref name="pauseAt"/> bytes, then waits for <see cref="Resume"/>.</summary>
    private sealed class PausedBody(byte[] bytes, int pauseAt) : Stream
    {
        private readonly TaskCompletionSource _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly SemaphoreSlim _paused = new(0);
        private int _position;

        public SemaphoreSlim Paused => _paused;
        public void Resume() => _resumed.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position == pauseAt && !_resumed.Task.IsCompleted)
            {
                _paused.Release();
                await _resumed.Task.WaitAsync(cancellationToken);
            }
            var end = _position < pauseAt ? pauseAt : bytes.Length;
            var count = Math.Min(buffer.Length, end - _position);
            bytes.AsMemory(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) _paused.Dispose(); base.Dispose(disposing); }
    }
}
