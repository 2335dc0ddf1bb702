using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Xmp;
using Retrieval.Catalog;
using Retrieval.Imaging;
using Retrieval.Metadata;
using Retrieval.Text;

namespace Retrieval.Indexing;

/// <summary>
/// Reads what a photo's file says about it with MetadataExtractor: EXIF date taken, camera, orientation and GPS;
/// captions from EXIF ImageDescription and UserComment, XMP dc:description and the IPTC caption; keywords from
/// IPTC and XMP dc:subject. Unreadable or absent metadata is simply absent: it never fails a photo.
/// </summary>
public static class PhotoMetadataReader
{
    // What cameras write into ImageDescription when nobody wrote a caption.
    private static readonly HashSet<string> CameraBoilerplate = new(StringComparer.OrdinalIgnoreCase)
    {
        "OLYMPUS DIGITAL CAMERA", "SONY DSC", "DIGITAL CAMERA", "KONICA MINOLTA DIGITAL CAMERA", "MINOLTA DIGITAL CAMERA",
        "SAMSUNG", "Default", "DCIM", "Exif_JPEG_PICTURE", "LEAD Technologies Inc. V1.01", "<Digimax", "SONY DIGITAL CAMERA",
    };

    /// <summary>The metadata of the image held in <paramref name="bytes"/>, read within <see cref="MetadataBudget.DefaultBytes"/>.</summary>
    public static PhotoMetadata Read(ReadOnlyMemory<byte> bytes) => Read(bytes, new MetadataBudget(MetadataBudget.DefaultBytes));

    /// <summary>The metadata of the image held in <paramref name="bytes"/>, read within <paramref name="budget"/> (what does not fit is left out).</summary>
    public static PhotoMetadata Read(ReadOnlyMemory<byte> bytes, MetadataBudget budget)
    {
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            var array = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Offset == 0
                ? segment.Array!
                : bytes.ToArray();
            directories = MetadataBlocks.Read(array, bytes.Length, budget);
            if (directories.Count == 0 && ImageSniffer.Detect(bytes.Span[..Math.Min(bytes.Length, ImageSniffer.HeaderBytes)], "") is var container
                && container is ImageContainer.Heic or ImageContainer.Avif or ImageContainer.JpegXl or ImageContainer.Psd or ImageContainer.Raw)
            {
                // Blocks inside a container only its decoder walks (HEIF's items, a CR3's boxes): ImageMagick hands them over, unparsed.
                var blocks = MagickDecoder.Profiles(bytes.Span, container, "");
                directories = MetadataBlocks.ReadBlocks(blocks.Exif, blocks.Xmp, budget);
            }
        }
        catch (Exception e) when (e is ImageProcessingException or IOException or ArgumentException or IndexOutOfRangeException or InvalidOperationException
            or FormatException or NotSupportedException or System.Xml.XmlException or XmpCore.XmpException or OverflowException)
        {
            return new PhotoMetadata();
        }

        var ifd0 = directories.OfType<ExifIfd0Directory>().FirstOrDefault();
        // A RAW file's first sub-IFD is often the raw image's own (no dates in it): take the one that says when it was taken.
        var subs = directories.OfType<ExifSubIfdDirectory>().ToList();
        var sub = subs.FirstOrDefault(d => d.ContainsTag(ExifDirectoryBase.TagDateTimeOriginal)) ?? subs.FirstOrDefault();
        var iptc = directories.OfType<IptcDirectory>().FirstOrDefault();
        var xmp = directories.OfType<XmpDirectory>().FirstOrDefault()?.GetXmpProperties() ?? new Dictionary<string, string>();
        var captions = new List<CaptionText>();
        AddCaption(captions, ifd0?.GetString(ExifDirectoryBase.TagImageDescription), "exif");
        AddCaption(captions, sub?.GetDescription(ExifDirectoryBase.TagUserComment), "exif");
        foreach (var (key, value) in xmp)
        {
            if (IsArrayItem(key, "dc:description"))
            {
                AddCaption(captions, value, "xmp");
            }
        }

        AddCaption(captions, iptc?.GetString(IptcDirectory.TagCaption), "iptc");

        var tags = new List<TagText>();
        foreach (var keyword in iptc?.GetStringArray(IptcDirectory.TagKeywords) ?? [])
        {
            AddTag(tags, keyword, "iptc");
        }

        foreach (var (key, value) in xmp)
        {
            if (IsArrayItem(key, "dc:subject"))
            {
                AddTag(tags, value, "xmp");
            }
        }

        var location = Position(directories.OfType<GpsDirectory>().FirstOrDefault());
        return new PhotoMetadata
        {
            TakenAt = sub is not null && sub.TryGetDateTime(ExifDirectoryBase.TagDateTimeOriginal, out var taken) ? taken
                : ifd0 is not null && ifd0.TryGetDateTime(ExifDirectoryBase.TagDateTime, out var modified) ? modified : null,
            CameraMake = LibraryText.Clean(ifd0?.GetString(ExifDirectoryBase.TagMake)),
            CameraModel = LibraryText.Clean(ifd0?.GetString(ExifDirectoryBase.TagModel)),
            Orientation = ifd0 is not null && ifd0.TryGetInt32(ExifDirectoryBase.TagOrientation, out var orientation) ? orientation : null,
            Latitude = location?.Latitude,
            Longitude = location?.Longitude,
            Captions = captions,
            Tags = tags,
        };
    }

    /// <summary>
    /// The position the GPS tags hold; null without one, at exactly (0, 0) (what cameras write without a fix), off the
    /// globe (a latitude beyond ±90 or a longitude beyond ±180: no map, filter or place can use it), or when a
    /// latitude or longitude rational has a zero denominator. MetadataExtractor reads 0/0 as 0, so a camera that writes
    /// 0/0 for "no latitude" would otherwise put the photo on the equator (and name a town there); n/0 would be infinite.
    /// </summary>
    private static GeoLocation? Position(GpsDirectory? gps)
    {
        if (gps is null || !IsNumber(gps, GpsDirectory.TagLatitude) || !IsNumber(gps, GpsDirectory.TagLongitude))
        {
            return null;
        }

        return gps.GetGeoLocation() is { IsZero: false, Latitude: >= -90 and <= 90, Longitude: >= -180 and <= 180 } location ? location : null;
    }

    private static bool IsNumber(GpsDirectory gps, int tag) =>
        gps.GetRationalArray(tag) is { } parts && Array.TrueForAll(parts, part => part.Denominator != 0);

    /// <summary>Whether an XMP property path is an item of the array <paramref name="property"/> ("dc:subject[2]"), not a qualifier of one ("dc:description[1]/xml:lang").</summary>
    private static bool IsArrayItem(string key, string property) =>
        key.Length > property.Length + 2 && key.StartsWith(property, StringComparison.Ordinal) && key[property.Length] == '['
        && key[^1] == ']' && key.AsSpan(property.Length + 1, key.Length - property.Length - 2).IndexOfAnyExceptInRange('0', '9') < 0;

    private static void AddCaption(List<CaptionText> captions, string? text, string source)
    {
        var clean = LibraryText.Clean(text);
        if (clean is not null && !CameraBoilerplate.Contains(clean) && !captions.Any(c => string.Equals(c.Text, clean, StringComparison.Ordinal)))
        {
            captions.Add(new CaptionText(clean, source));
        }
    }

    private static void AddTag(List<TagText> tags, string? tag, string source)
    {
        var clean = LibraryText.Clean(tag);
        if (clean is not null && !tags.Any(t => string.Equals(t.Tag, clean, StringComparison.OrdinalIgnoreCase)))
        {
            tags.Add(new TagText(clean, source));
        }
    }
}
