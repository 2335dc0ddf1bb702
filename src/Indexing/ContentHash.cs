using System.IO.Hashing;

namespace Retrieval.Indexing;

/// <summary>A file's content hash (XxHash128, hex): what confirms a change and recognises a moved or duplicated photo.</summary>
public static class ContentHash
{
    /// <summary>The hash of the file at <paramref name="path"/>, read only when it lies inside <paramref name="root"/>.</summary>
    /// <exception cref="IOException">The file cannot be read, or leads outside <paramref name="root"/> (<see cref="Storage.OutsideRootException"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static string OfFile(string path, string root)
    {
        using var file = new FileStream(Storage.ContainedFile.OpenInside(path, root), FileAccess.Read, 1 << 16);
        var hash = new XxHash128();
        hash.Append(file);
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }
}
