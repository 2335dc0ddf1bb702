using Microsoft.Win32.SafeHandles;
using Retrieval.Errors;
using Retrieval.Storage;

namespace Retrieval.Video;

/// <summary>
/// A library video opened for FFmpeg: the file is opened here, inside its root (<see cref="ContainedFile"/>), its
/// container told from its first bytes, and FFmpeg reads that same open file through <c>/proc/PID/fd/N</c>, never the
/// path again — a link swapped in after the check cannot lead it out of the library.
/// </summary>
internal sealed class VideoSource : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly bool _ownsHandle;

    private VideoSource(string path, SafeFileHandle handle, bool ownsHandle, VideoContainer container, long length) =>
        (Path, _handle, _ownsHandle, Container, Length) = (path, handle, ownsHandle, container, length);

    /// <summary>The video's path, for messages.</summary>
    public string Path { get; }

    /// <summary>Its container.</summary>
    public VideoContainer Container { get; }

    /// <summary>Its size in bytes.</summary>
    public long Length { get; }

    /// <summary>What FFmpeg is given to read: the open file, as a <c>file:</c> address.</summary>
    public string Input => OperatingSystem.IsLinux()
        ? $"file:/proc/{Environment.ProcessId}/fd/{_handle.DangerousGetHandle()}"
        : $"file:{RealPath.Of(Path) ?? Path}";

    /// <summary>Opens the video at <paramref name="path"/> inside <paramref name="root"/>.</summary>
    /// <exception cref="UnreadableVideoException">It is empty, not a video container, or cannot be opened.</exception>
    public static VideoSource Open(string path, string root)
    {
        SafeFileHandle handle;
        try
        {
            handle = ContainedFile.OpenInside(path, root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UnreadableVideoException(path, e.Message, e);
        }

        try
        {
            return Over(path, handle, ownsHandle: true);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The video open as <paramref name="handle"/> (already checked to lie inside its root), disposing it with itself when it <paramref name="ownsHandle"/>.</summary>
    /// <exception cref="UnreadableVideoException">It is empty, not a video container, or cannot be read.</exception>
    public static VideoSource Over(string path, SafeFileHandle handle, bool ownsHandle)
    {
        try
        {
            var length = RandomAccess.GetLength(handle);
            if (length == 0)
            {
                throw new UnreadableVideoException(path, "the file is empty");
            }

            Span<byte> head = stackalloc byte[VideoContainer.SniffBytes];
            var read = RandomAccess.Read(handle, head, 0);
            var container = VideoContainer.Of(head[..read])
                ?? throw new UnreadableVideoException(path, "not a video: its content is not MP4, QuickTime, Matroska, WebM, AVI or MPEG-TS");
            return new VideoSource(path, handle, ownsHandle, container, length);
        }
        catch (IOException e)
        {
            throw new UnreadableVideoException(path, e.Message, e);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHandle)
        {
            _handle.Dispose();
        }
    }
}
