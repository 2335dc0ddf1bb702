using System.Text.Json;
using System.Text.Json.Nodes;
using Retrieval.Errors;

namespace Retrieval.Models;

/// <summary>Reading a model's JSON configs, every fault a <see cref="ModelLoadException"/> naming the file and the field.</summary>
internal static class ConfigJson
{
    public static JsonNode Read(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) ?? throw new ModelLoadException(path, "the file is empty");
        }
        catch (FileNotFoundException e)
        {
            throw new ModelLoadException(path, "the file is missing", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new ModelLoadException(path, "the file is missing", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ModelLoadException(path, e.Message, e);
        }
    }

    public static int? Int(JsonNode? node, string name, string path)
    {
        if (node is null)
        {
            return null;
        }

        return node is JsonValue value && value.TryGetValue<int>(out var number)
            ? number
            : throw new ModelLoadException(path, $"{name} must be a whole number, not {node.ToJsonString()}");
    }

    public static string? Text(JsonNode? node, string name, string path)
    {
        if (node is null)
        {
            return null;
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new ModelLoadException(path, $"{name} must be a string, not {node.ToJsonString()}");
    }

    public static float[] Triple(JsonNode? node, string name, string path)
    {
        // A single number stands for all three channels (some SigLIP exports write 0.5).
        if (node is JsonValue single && single.TryGetValue<double>(out var one))
        {
            node = new JsonArray(one, one, one);
        }

        if (node is not JsonArray { Count: 3 } array)
        {
            throw new ModelLoadException(path, $"{name} must be an array of three numbers");
        }

        var values = array.Select(v => v is JsonValue value && value.TryGetValue<double>(out var d) ? (float)d : float.NaN).ToArray();
        return values.All(float.IsFinite) && (!name.Contains("std", StringComparison.Ordinal) || values.All(v => v > 0))
            ? values
            : throw new ModelLoadException(path, $"{name} must hold three finite numbers{(name.Contains("std", StringComparison.Ordinal) ? ", all positive" : "")}");
    }
}
