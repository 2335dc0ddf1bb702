namespace Retrieval.Models;

/// <summary>
/// The models shipped beside the program (copied from the repository's <c>data/models</c>), and the one rule for
/// which model a command or the server uses: the configured folder or pulled model's name, else <c>$RETRIEVAL_MODEL</c>,
/// else the default.
/// </summary>
public static class BundledModels
{
    /// <summary>The environment variable naming the default model folder.</summary>
    public const string Variable = "RETRIEVAL_MODEL";

    /// <summary>The default model, minilm-mobilenetv2 (see its model card).</summary>
    public static string Default => Path.Combine(AppContext.BaseDirectory, "models", "minilm-mobilenetv2");

    /// <summary>The random-weight model the tests use, whose results are noise.</summary>
    public static string RandomWeights => Path.Combine(AppContext.BaseDirectory, "models", "tiny-random-clip");

    /// <summary>
    /// The model folder to load: <paramref name="configured"/>, else <c>$RETRIEVAL_MODEL</c>, else <see cref="Default"/>; a
    /// name that is no folder here but a pulled model's (<see cref="PulledModels"/>) is that model's folder.
    /// </summary>
    public static string Resolve(string? configured)
    {
        var asked = configured is { Length: > 0 } ? configured
            : Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } variable ? variable
            : Default;
        return Directory.Exists(asked) ? Path.GetFullPath(asked) : PulledModels.Find(asked) ?? Path.GetFullPath(asked);
    }

    /// <summary>Whether <paramref name="folder"/> is the bundled random-weight model.</summary>
    public static bool IsRandom(string folder) =>
        string.Equals(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(RandomWeights), StringComparison.Ordinal);
}
