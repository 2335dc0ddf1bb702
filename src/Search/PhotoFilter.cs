namespace Retrieval.Search;

/// <summary>
/// Which photos a search may return: under a folder, taken in a date range, by a camera. Every condition
/// given must hold; none given allows every photo.
/// </summary>
public sealed record PhotoFilter
{
    /// <summary>Every photo.</summary>
    public static PhotoFilter None { get; } = new();

    /// <summary>
    /// A folder: photos whose folder, from the indexed root down, has a component of this name, or whose path
    /// relative to the indexed root's parent starts with it ("2023/rome"); case-insensitive.
    /// </summary>
    public string? Folder { get; init; }

    /// <summary>Photos taken on or after this day (their EXIF date; photos without one never pass).</summary>
    public DateOnly? After { get; init; }

    /// <summary>Photos taken before this day.</summary>
    public DateOnly? Before { get; init; }

    /// <summary>Photos whose camera make or model contains this text, case-insensitive.</summary>
    public string? Camera { get; init; }

    /// <summary>Whether no condition is set.</summary>
    public bool IsEmpty => Folder is null && After is null && Before is null && Camera is null;
}
