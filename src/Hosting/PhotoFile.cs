using Microsoft.Win32.SafeHandles;

namespace Retrieval.Hosting;

/// <summary>An indexed photo's file, open and checked to lie inside its indexed root: read it from <see cref="Handle"/>, never from the path again.</summary>
public sealed class PhotoFile(string path, SafeFileHandle handle, long length, DateTime lastModifiedUtc) : IDisposable
{
    /// <summary>For a video, the moment (seconds) whose frame stands for it; null for a photo.</summary>
    public double? VideoAt { get; init; }

    /// <summary>The path the catalog holds (for its name and type).</summary>
    public string Path => path;

    /// <summary>The open file.</summary>
    public SafeFileHandle Handle => handle;

    /// <summary>Its length in bytes.</summary>
    public long Length => length;

    /// <summary>When it was last written.</summary>
    public DateTime LastModifiedUtc => lastModifiedUtc;

    /// <summary>A stream over the open file, which then owns it.</summary>
    public Stream OpenStream() => new FileStream(handle, FileAccess.Read);

    /// <inheritdoc />
    public void Dispose() => handle.Dispose();
}
