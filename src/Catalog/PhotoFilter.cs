using Retrieval.Places;

namespace Retrieval.Catalog;

/// <summary>
/// Which photos a search may return, as a description each backend turns into its own filter (the local catalog
/// into SQL and a bitmap, a remote engine into a server-side filter): given ids, under a folder, taken in a date
/// range, by a camera, at a place or near a position. Every condition given must hold; none given allows every photo.
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

    /// <summary>Only photos of this kind (<see cref="PhotoKind.Photo"/> or <see cref="PhotoKind.Video"/>); null allows both.</summary>
    public string? Kind { get; init; }

    /// <summary>
    /// Photos taken at a place of this name — a town, a district's city, a region, a country (in English or Chinese) or a
    /// country code (<c>place:paris</c>, <c>place:"new york"</c>, <c>place:JP</c>) — case-insensitive, the whole name.
    /// </summary>
    public string? Place { get; init; }

    /// <summary>Photos taken within a distance of a position (<c>near:48.8584,2.2945,5</c>): those with no position never pass.</summary>
    public GeoCircle? Near { get; init; }

    /// <summary>
    /// People who must all be in the photo (<c>person:anna person:"ben ross"</c>): each by whole name or first word, case and
    /// accents aside, or by id. A name that matches nobody matches no photo.
    /// </summary>
    public IReadOnlyList<string> People { get; init; } = [];

    /// <summary>People none of whom may be in the photo (<c>-person:ben</c>).</summary>
    public IReadOnlyList<string> ExcludedPeople { get; init; } = [];

    /// <summary>Only these photos (by id); null allows any.</summary>
    public IReadOnlySet<long>? Ids { get; init; }

    /// <summary>Whether no condition is set.</summary>
    public bool IsEmpty => Folder is null && After is null && Before is null && Camera is null && Kind is null && Place is null && Near is null && Ids is null
        && People.Count == 0 && ExcludedPeople.Count == 0;

    /// <summary>
    /// This filter with the conditions <paramref name="other"/> sets added; where both set one, <paramref name="other"/>'s
    /// stands, but people add up (everyone named must be in it, no one left out may be).
    /// </summary>
    public PhotoFilter With(PhotoFilter other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new PhotoFilter
        {
            Folder = other.Folder ?? Folder,
            After = other.After ?? After,
            Before = other.Before ?? Before,
            Camera = other.Camera ?? Camera,
            Kind = other.Kind ?? Kind,
            Place = other.Place ?? Place,
            Near = other.Near ?? Near,
            Ids = other.Ids ?? Ids,
            People = [.. People, .. other.People],
            ExcludedPeople = [.. ExcludedPeople, .. other.ExcludedPeople],
        };
    }
}
