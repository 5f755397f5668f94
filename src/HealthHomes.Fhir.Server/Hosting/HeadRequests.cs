using Microsoft.AspNetCore.Http.Features;

namespace HealthHomes.Fhir.Server.Hosting;

/// <summary>
/// HEAD wherever GET is (RFC 9110 §9.3.2): the request runs as the GET it mirrors, so status and headers (ETag,
/// Last-Modified, Location, Content-Type) are the GET's, and the body is counted for Content-Length, then dropped.
/// </summary>
public sealed class HeadRequests(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        await using var dropped = new DroppedBody();
        var body = new StreamResponseBodyFeature(dropped, original);
        context.Features.Set<IHttpResponseBodyFeature>(body);
        context.Request.Method = HttpMethods.Get;
        try
        {
            await next(context).ConfigureAwait(false);
            await body.CompleteAsync().ConfigureAwait(false);
            if (!context.Response.HasStarted && context.Response.ContentLength is null && dropped.Length > 0)
            {
                context.Response.ContentLength = dropped.Length;
            }
        }
        finally
        {
            context.Features.Set(original);
            context.Request.Method = HttpMethods.Head;
        }
    }

    /// <summary>A write-only stream that keeps nothing but the count of bytes written to it.</summary>
    private sealed class DroppedBody : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _length += count;
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
