namespace Retrieval.Catalog;

/// <summary>
/// The folder: filter. <c>folder:rome</c> matches a photo whose folder, from its indexed root down, has a
/// component named "rome"; <c>folder:trips/2023</c> one whose folder, from the indexed root (included) down, has
/// those components one after the other ("pictures/trips/2023/rome" matches, "trips/old/2023" does not); an
/// absolute path matches the folders under it. Case-insensitive, either slash.
/// </summary>
public static class FolderMatch
{
    /// <summary>Whether <paramref name="folder"/> (a photo's folder, under the indexed <paramref name="root"/>) matches <paramref name="name"/>.</summary>
    public static bool Matches(string name, string folder, string root)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(root);
        var wanted = Normalise(name);
        if (wanted.Length == 0)
        {
            return false;
        }

        if (Path.IsPathRooted(name))
        {
            return IsUnder(Normalise(folder), wanted);
        }

        var relative = Normalise(Path.GetRelativePath(Path.GetDirectoryName(root) ?? root, folder));
        return ContainsRun(relative.Split('/'), wanted.Split('/'));
    }

    /// <summary>Whether <paramref name="wanted"/> occurs in <paramref name="components"/> as consecutive components.</summary>
    private static bool ContainsRun(string[] components, string[] wanted)
    {
        for (var start = 0; start + wanted.Length <= components.Length; start++)
        {
            if (wanted.Select((name, i) => string.Equals(name, components[start + i], StringComparison.OrdinalIgnoreCase)).All(equal => equal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnder(string path, string prefix) =>
        path.Equals(prefix, StringComparison.OrdinalIgnoreCase) || path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase);

    private static string Normalise(string path) => path.Replace('\\', '/').TrimEnd('/');
}
