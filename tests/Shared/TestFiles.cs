namespace Retrieval.Testing;

/// <summary>The one way tests copy files into a folder of their own: photos (all, some, or named ones, with or without their caption sidecars), or a whole folder.</summary>
internal static class TestFiles
{
    /// <summary>
    /// Copies the photos of <paramref name="source"/> matching <paramref name="pattern"/> (in name order, the first
    /// <paramref name="count"/> when given) into <paramref name="target"/>, created when absent; returns the copies' paths.
    /// </summary>
    public static List<string> Copy(string source, string target, string pattern = "*.jpg", int? count = null) =>
        CopyAll(Directory.GetFiles(source, pattern).Order(StringComparer.Ordinal).Take(count ?? int.MaxValue), target);

    /// <summary>Copies the files of <paramref name="source"/> named <paramref name="names"/> into <paramref name="target"/>; with <paramref name="sidecars"/>, each one's .txt caption file too.</summary>
    public static List<string> CopyNamed(string source, string target, IEnumerable<string> names, bool sidecars = false) =>
        CopyAll(names.SelectMany(name => sidecars ? [name, Path.ChangeExtension(name, ".txt")] : new[] { name }).Select(name => Path.Combine(source, name)), target);

    /// <summary>Copies every file under <paramref name="source"/> into the same place under <paramref name="target"/> (a model folder, say).</summary>
    public static void CopyTree(string source, string target)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    /// <summary>Copies <paramref name="files"/> into <paramref name="target"/>, created when absent; returns the copies' paths.</summary>
    public static List<string> CopyAll(IEnumerable<string> files, string target)
    {
        Directory.CreateDirectory(target);
        var copied = new List<string>();
        foreach (var file in files)
        {
            var destination = Path.Combine(target, Path.GetFileName(file));
            File.Copy(file, destination);
            copied.Add(destination);
        }

        return copied;
    }
}
