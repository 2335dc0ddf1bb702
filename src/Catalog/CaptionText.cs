namespace Retrieval.Catalog;

/// <summary>A caption and where it came from (exif, xmp, iptc, sidecar, import).</summary>
public readonly record struct CaptionText(string Text, string Source);
