namespace Retrieval.Catalog;

/// <summary>A photo as search results show it.</summary>
public sealed record PhotoSummary(
    long Id,
    string Path,
    string Folder,
    string Root,
    int? Width,
    int? Height,
    string? TakenAt,
    string? Camera,
    string Status,
    IReadOnlyList<string> Captions)
{
    /// <summary>When the file was last modified (Unix milliseconds, as the catalog records it): an original predates its edited copies.</summary>
    public long Modified { get; init; }

    /// <summary>What it is: <see cref="PhotoKind.Photo"/> or <see cref="PhotoKind.Video"/>.</summary>
    public string Kind { get; init; } = PhotoKind.Photo;

    /// <summary>A video's length in seconds.</summary>
    public double? Duration { get; init; }

    /// <summary>A video's codec (h264, hevc, vp9, ...).</summary>
    public string? Codec { get; init; }

    /// <summary>The container format (jpeg, heic, dng, mp4, ...).</summary>
    public string? Format { get; init; }

    /// <summary>Where it was taken: latitude in degrees, north positive.</summary>
    public double? Latitude { get; init; }

    /// <summary>Where it was taken: longitude in degrees, east positive.</summary>
    public double? Longitude { get; init; }

    /// <summary>The place its position names (town, city, region, country); null without a position, or at sea.</summary>
    public PhotoPlace? Place { get; init; }

    /// <summary>When the frame standing for a video is shown, in seconds.</summary>
    public double? PosterAt { get; init; }
}
