namespace Retrieval.Video;

/// <summary>
/// A video's container, told by its first bytes, and the FFmpeg demuxer that reads it. FFmpeg is always told the demuxer:
/// left to guess, it reads playlists (HLS, concat) that name other files and addresses, so a text file named
/// <c>.mp4</c> could make it read anything on the machine.
/// </summary>
public sealed record VideoContainer(string Name, string Demuxer)
{
    /// <summary>Bytes enough to tell every container apart.</summary>
    public const int SniffBytes = 400;

    /// <summary>MP4, 3GP, M4V: ISO base media files.</summary>
    public static VideoContainer Mp4 { get; } = new("mp4", "mov");

    /// <summary>QuickTime MOV (brand <c>qt</c>): what iPhones record.</summary>
    public static VideoContainer Mov { get; } = new("mov", "mov");

    /// <summary>Matroska.</summary>
    public static VideoContainer Matroska { get; } = new("mkv", "matroska");

    /// <summary>WebM: Matroska whose document type says so.</summary>
    public static VideoContainer WebM { get; } = new("webm", "matroska");

    /// <summary>AVI.</summary>
    public static VideoContainer Avi { get; } = new("avi", "avi");

    /// <summary>MPEG transport streams: camcorders' MTS and M2TS (192-byte packets), broadcast TS (188).</summary>
    public static VideoContainer MpegTs { get; } = new("mts", "mpegts");

    /// <summary>
    /// The media type to serve a file beginning with <paramref name="head"/> as: QuickTime's brand <c>qt</c> is a MOV,
    /// Matroska's document type <c>webm</c> a WebM; null when it is no video container.
    /// </summary>
    public static string? MediaTypeOf(ReadOnlySpan<byte> head)
    {
        var container = Of(head);
        if (container == Mp4 || container == Mov)
        {
            return container == Mov ? "video/quicktime" : "video/mp4";
        }

        if (container == Matroska || container == WebM)
        {
            return container == WebM ? "video/webm" : "video/x-matroska";
        }

        return container == Avi ? "video/x-msvideo" : container == MpegTs ? "video/mp2t" : null;
    }

    /// <summary>The container <paramref name="head"/> (the file's first bytes) begins, or null when it is none of them.</summary>
    public static VideoContainer? Of(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12 && IsIsoBox(head))
        {
            return IsQuickTime(head) ? Mov : Mp4;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return head.IndexOf("webm"u8) >= 0 ? WebM : Matroska;
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("AVI "u8))
        {
            return Avi;
        }

        return IsTransportStream(head, 188, 0) || IsTransportStream(head, 192, 4) ? MpegTs : null;
    }

    /// <summary>An <c>ftyp</c> whose major brand is QuickTime's, or an old movie without one (it opens on its atoms).</summary>
    private static bool IsQuickTime(ReadOnlySpan<byte> head) =>
        head[4..8].SequenceEqual("ftyp"u8) ? head[8..12].SequenceEqual("qt  "u8) : !head[4..8].SequenceEqual("free"u8);

    /// <summary>The box types an ISO media file or an old QuickTime movie opens with.</summary>
    private static bool IsIsoBox(ReadOnlySpan<byte> head)
    {
        var type = head[4..8];
        return type.SequenceEqual("ftyp"u8) || type.SequenceEqual("moov"u8) || type.SequenceEqual("mdat"u8)
            || type.SequenceEqual("wide"u8) || type.SequenceEqual("free"u8) || type.SequenceEqual("skip"u8);
    }

    /// <summary>Sync bytes (0x47) at the start of two packets in a row.</summary>
    private static bool IsTransportStream(ReadOnlySpan<byte> head, int packet, int offset) =>
        head.Length >= offset + packet + 1 && head[offset] == 0x47 && head[offset + packet] == 0x47;
}
