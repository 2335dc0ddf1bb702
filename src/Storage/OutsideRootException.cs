namespace Retrieval.Storage;

/// <summary>
/// A file inside an indexed folder that leads outside it (a symbolic link, or a path swapped for one): it is not
/// read. An <see cref="IOException"/>, so every reader that records unreadable files records this one, with why.
/// </summary>
public sealed class OutsideRootException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>, which resolves to <paramref name="target"/>, outside <paramref name="root"/>.</summary>
    public OutsideRootException(string path, string target, string root)
        : base($"it leads outside the indexed folder '{root}' (a symbolic link to '{target}'), so it is not read")
        => (Path, Target, Root) = (path, target, root);

    /// <summary>The path inside the indexed folder.</summary>
    public string Path { get; }

    /// <summary>Where it leads.</summary>
    public string Target { get; }

    /// <summary>The indexed folder.</summary>
    public string Root { get; }
}
