using Retrieval.Errors;

namespace Retrieval.Models;

/// <summary>
/// One class a model's vision graph scores (its <c>class_probabilities</c> output), as <c>class_labels.txt</c>
/// in the model folder names it: one class a line, in output order, optionally followed by a tab and broader
/// terms separated by commas (<c>toy terrier&lt;TAB&gt;dog</c>), so a keyword search for "dog" finds a terrier.
/// </summary>
public sealed record ClassLabel(string Name, IReadOnlyList<string> BroaderTerms)
{
    /// <summary>The file name in a model folder.</summary>
    public const string FileName = "class_labels.txt";

    /// <summary>The labels of the model folder <paramref name="directory"/>, or null when it has none.</summary>
    /// <exception cref="ModelLoadException">The file cannot be read or has an empty line.</exception>
    public static IReadOnlyList<ClassLabel>? ReadFolder(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(path, e.Message, e);
        }

        var labels = new List<ClassLabel>(lines.Length);
        foreach (var (line, number) in lines.Select((l, i) => (l, i + 1)))
        {
            var parts = line.Split('\t', 2);
            var name = parts[0].Trim();
            if (name.Length == 0)
            {
                throw new ModelLoadException(path, $"line {number} names no class");
            }

            var broader = parts.Length > 1 ? parts[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
            labels.Add(new ClassLabel(name, broader));
        }

        return labels.Count > 0 ? labels : throw new ModelLoadException(path, "the file lists no classes");
    }
}
