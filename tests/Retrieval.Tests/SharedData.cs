using Retrieval.Testing;

namespace Retrieval.Tests;

/// <summary>
/// Finds the read-only reference data in <c>../shared</c> beside the repository and the repository's own
/// <c>data/</c>. A test that needs <c>../shared</c> skips with the reason when it is absent, except under
/// <c>CI=true</c>, where a missing file is a failure.
/// </summary>
internal static class SharedData
{
    public static string RepositoryRoot => RepositoryPaths.Root;

    /// <summary>The bundled random-weight model every test can rely on.</summary>
    public static string BundledTinyModel => RepositoryPaths.TinyModel;

    /// <summary>The full path of <paramref name="relativePath"/> under <c>../shared</c>, or a skip.</summary>
    public static string Require(string relativePath) => SharedFolder.Require(relativePath);
}
