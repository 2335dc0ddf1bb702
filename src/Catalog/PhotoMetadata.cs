namespace Retrieval.Catalog;

/// <summary>What a photo's file says about it: size in pixels, format, when and with what it was taken, where.</summary>
public sealed record PhotoMetadata
{
    /// <summary>Upright width in pixels, when known.</summary>
    public int? Width { get; init; }

    /// <summary>Upright height in pixels, when known.</summary>
    public int? Height { get; init; }

    /// <summary>The container format: jpeg, png, heic, ...; mp4, mkv, avi, mts for a video.</summary>
    public string? Format { get; init; }

    /// <summary>What the file is: <see cref="PhotoKind.Photo"/> or <see cref="PhotoKind.Video"/>.</summary>
    public string Kind { get; init; } = PhotoKind.Photo;

    /// <summary>A video's length in seconds.</summary>
    public double? Duration { get; init; }

    /// <summary>A video's codec (h264, hevc, ...).</summary>
    public string? Codec { get; init; }

    /// <summary>When, in seconds, the frame that stands for a video is shown (its thumbnail, its image vector).</summary>
    public double? PosterAt { get; init; }

    /// <summary>When the photo was taken (EXIF DateTimeOriginal), in the camera's local time.</summary>
    public DateTime? TakenAt { get; init; }

    /// <summary>The camera maker (EXIF Make).</summary>
    public string? CameraMake { get; init; }

    /// <summary>The camera model (EXIF Model).</summary>
    public string? CameraModel { get; init; }

    /// <summary>GPS latitude in degrees, north positive.</summary>
    public double? Latitude { get; init; }

    /// <summary>GPS longitude in degrees, east positive.</summary>
    public double? Longitude { get; init; }

    /// <summary>The EXIF orientation (1-8).</summary>
    public int? Orientation { get; init; }

    /// <summary>Captions embedded in the file: EXIF ImageDescription / UserComment, XMP dc:description, IPTC caption.</summary>
    public IReadOnlyList<CaptionText> Captions { get; init; } = [];

    /// <summary>Keywords embedded in the file: IPTC and XMP dc:subject.</summary>
    public IReadOnlyList<TagText> Tags { get; init; } = [];
}
