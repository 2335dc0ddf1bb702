namespace Retrieval.Storage;

/// <summary>Where the engine keeps what belongs to the user rather than to one index: the default index, pulled models.</summary>
public static class UserData
{
    /// <summary>The engine's folder in the user's data directory: <c>$XDG_DATA_HOME/retrieval</c>, <c>~/.local/share/retrieval</c> on Linux.</summary>
    public static string Folder => Path.Combine(
        Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg
            ? xdg
            : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
        "retrieval");
}
