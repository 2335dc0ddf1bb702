namespace Retrieval.Catalog;

/// <summary>
/// A file the walk found: where, under which root, how large, when last modified (UTC ticks), and when its
/// sidecar caption file (photo.jpg.txt or photo.txt) was last modified (0: none).
/// </summary>
public sealed record FoundFile(string Path, string Root, long Size, long ModifiedTicks, long SidecarTicks = 0)
{
    /// <summary>The folder holding the file.</summary>
    public string Folder => System.IO.Path.GetDirectoryName(Path) ?? Root;
}
