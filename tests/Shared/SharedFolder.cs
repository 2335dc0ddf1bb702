namespace Retrieval.Testing;

/// <summary>
/// The read-only reference data in <c>../shared</c> beside the repository. A test that needs it skips with the reason
/// when it is absent, except under <c>CI=true</c>, where a missing file is a failure.
/// </summary>
public static class SharedFolder
{
    /// <summary>The full path of <paramref name="relativePath"/> under <c>../shared</c>, or a skip.</summary>
    public static string Require(string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", relativePath));
        if (File.Exists(path) || Directory.Exists(path))
        {
            return path;
        }

        var reason = $"reference data '{path}' is absent";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"{reason}, and CI=true forbids skipping");
        }

        Assert.Skip(reason);
        return path;
    }
}
