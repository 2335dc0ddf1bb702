using Retrieval.Storage;

namespace Retrieval.Models;

/// <summary>
/// The models <c>retrieval models pull</c> put in the models directory (<c>$RETRIEVAL_MODELS</c>, else the user's data
/// folder's <c>models</c>), each in a folder named after its repository ("ViT-B-32__openai"), so a command can be given
/// that name, or the repository id it came from, instead of a path.
/// </summary>
public static class PulledModels
{
    /// <summary>The environment variable naming the models directory.</summary>
    public const string Variable = "RETRIEVAL_MODELS";

    /// <summary>The models directory.</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured ? Path.GetFullPath(configured) : Path.Combine(UserData.Folder, "models");

    /// <summary>The folder of the pulled model named <paramref name="name"/> ("NAME" or "owner/NAME"), or null when there is none.</summary>
    public static string? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var last = name.Split('/') is [_, var repository] ? repository : name;
        if (last.Length == 0 || last is "." or ".." || last.IndexOfAny([.. Path.GetInvalidFileNameChars(), '\\']) >= 0)
        {
            return null;
        }

        var folder = Path.Combine(Directory, last);
        return System.IO.Directory.Exists(folder) ? folder : null;
    }

    /// <summary>The folders in the models directory <paramref name="directory"/>, by name.</summary>
    public static IReadOnlyList<string> All(string directory) =>
        System.IO.Directory.Exists(directory) ? [.. System.IO.Directory.GetDirectories(directory).Order(StringComparer.Ordinal)] : [];
}
