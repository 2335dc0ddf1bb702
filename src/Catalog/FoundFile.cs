namespace Retrieval.Catalog;

/// <summary>A file the walk found: where, under which root, how large, when last modified (UTC ticks).</summary>
public sealed record FoundFile(string Path, string Root, long Size, long ModifiedTicks)
{
    /// <summary>The folder holding the file.</summary>
    public string Folder => System.IO.Path.GetDirectoryName(Path) ?? Root;
}
