using System.Text.Json;
using Retrieval.Errors;

namespace Retrieval.Indexing;

/// <summary>
/// Captions to import, by file name, from a Flickr8k token file (<c>name.jpg#n&lt;TAB&gt;caption</c> per line) or
/// a COCO captions JSON (<c>images[].file_name</c> and <c>annotations[].image_id / caption</c>).
/// </summary>
public sealed record CaptionFile(string Path, string Source, IReadOnlyList<(string FileName, string Text)> Captions)
{
    /// <summary>Reads the file, recognising its format by its first character.</summary>
    /// <exception cref="RetrievalException">The file cannot be read or is in neither format; the message names it.</exception>
    public static CaptionFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(path, $"Cannot read captions file '{path}': {e.Message}", e);
        }

        return text.TrimStart().StartsWith('{') ? Coco(path, text) : Flickr(path, text);
    }

    private static CaptionFile Flickr(string path, string text)
    {
        var captions = new List<(string, string)>();
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var hash = tab > 0 ? line.LastIndexOf('#', tab) : -1;
            if (tab < 0 || hash <= 0)
            {
                throw new InvalidInputException(path, $"Captions file '{path}', line {number}: expected 'name.jpg#n<TAB>caption' (Flickr8k) or a COCO JSON file");
            }

            if (Retrieval.Text.LibraryText.Clean(line[(tab + 1)..]) is { } caption)
            {
                captions.Add((line[..hash].Trim(), caption));
            }
        }

        return new CaptionFile(path, "import", captions);
    }

    private static CaptionFile Coco(string path, string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            var names = json.RootElement.GetProperty("images").EnumerateArray()
                .ToDictionary(i => i.GetProperty("id").GetInt64(), i => i.GetProperty("file_name").GetString()!);
            var captions = json.RootElement.GetProperty("annotations").EnumerateArray()
                .Where(a => names.ContainsKey(a.GetProperty("image_id").GetInt64()))
                .Select(a => (Name: names[a.GetProperty("image_id").GetInt64()], Caption: Retrieval.Text.LibraryText.Clean(a.GetProperty("caption").GetString())))
                .Where(a => a.Caption is not null)
                .Select(a => (a.Name, a.Caption!))
                .ToList();
            return new CaptionFile(path, "import", captions);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidInputException(path, $"Captions file '{path}' is not COCO captions JSON (images[].id/file_name, annotations[].image_id/caption): {e.Message}", e);
        }
    }
}
