using System.CommandLine;
using Retrieval.Backends.Local;
using Retrieval.Faces;
using Retrieval.Hosting;
using Retrieval.Indexing;
using Retrieval.Models;
using Retrieval.Ocr;

namespace Retrieval.Cli.Commands;

/// <summary>
/// The flags that configure the engine, each with one name and one meaning in every command that has it, and the
/// configuration key it sets: a flag given on the command line stands over the environment and appsettings.json,
/// exactly as the server's own configuration would (see <see cref="EngineHost"/>).
/// </summary>
internal static class EngineArguments
{
    /// <summary>--db: the index folder.</summary>
    public static Setting<DirectoryInfo?> Db { get; } = new(new Option<DirectoryInfo?>("--db")
    {
        Description = $"The index folder (default: ${IndexPaths.Variable}, else the user's data folder, {IndexPaths.Default().Root})",
    }, $"{IndexOptions.Section}:{nameof(IndexOptions.Root)}", d => d?.FullName);

    /// <summary>--model: the model folder, or a pulled model's name.</summary>
    public static Setting<string?> Model { get; } = new(new Option<string?>("--model", "-m")
    {
        Description = $"Model folder (Hugging Face / transformers.js or immich layout), or the name of a model pulled with `retrieval models pull` (default: ${BundledModels.Variable}, else the bundled model)",
    }, $"{ModelOptions.Section}:{nameof(ModelOptions.Path)}", m => m is { Length: > 0 } && Directory.Exists(m) ? Path.GetFullPath(m) : m);

    /// <summary>--variant: which graph variant of a Hugging Face layout.</summary>
    public static Setting<string?> Variant { get; } = new(new Option<string?>("--variant")
    {
        Description = "Graph variant of a Hugging Face / transformers.js model: quantized, fp16, int8, uint8, q4, ... (default: the plain graphs, or the only variant a folder has)",
    }, $"{ModelOptions.Section}:{nameof(ModelOptions.Variant)}", v => v);

    /// <summary>--device: where inference runs.</summary>
    public static Setting<ExecutionDevice> Device { get; } = new(new Option<ExecutionDevice>("--device")
    {
        Description = "Where inference runs: auto (CUDA if available, else CPU), cpu or cuda",
    }, $"{ModelOptions.Section}:{nameof(ModelOptions.Device)}", d => d.ToString());

    /// <summary>--threads: threads per inference.</summary>
    public static Setting<int> Threads { get; } = new(new Option<int>("--threads")
    {
        Description = "Threads per model run (0: all cores)",
    }, $"{ModelOptions.Section}:{nameof(ModelOptions.IntraOpThreads)}", Invariant);

    /// <summary>--batch-size: texts or images per model run.</summary>
    public static Setting<int> BatchSize { get; } = new(new Option<int>("--batch-size")
    {
        Description = "Most texts or photos per model run (default 32)",
    }, $"{ModelOptions.Section}:{nameof(ModelOptions.MaxBatchSize)}", Invariant);

    /// <summary>--decode-threads: threads reading and decoding photos while indexing.</summary>
    public static Setting<int> DecodeThreads { get; } = new(new Option<int>("--decode-threads")
    {
        Description = "Threads reading and decoding photos (0: one per core)",
    }, $"{IndexingOptions.Section}:{nameof(IndexingOptions.Threads)}", Invariant);

    /// <summary>--no-ocr: index without reading the text in photos.</summary>
    public static Setting<bool> NoOcr { get; } = new(new Option<bool>("--no-ocr")
    {
        Description = "Do not read the text in photos (OCR, on by default: screenshots, signs, documents become searchable by their words)",
    }, $"{OcrOptions.Section}:{nameof(OcrOptions.Enabled)}", skip => skip ? "false" : null);

    /// <summary>--no-faces: index without finding faces.</summary>
    public static Setting<bool> NoFaces { get; } = new(new Option<bool>("--no-faces")
    {
        Description = "Do not find faces (on by default: each face's box, key points and descriptor are kept, for people)",
    }, $"{FaceOptions.Section}:{nameof(FaceOptions.Enabled)}", skip => skip ? "false" : null);

    /// <summary>--face-model: the face models, a folder in immich's face layout or a pulled face pack's name.</summary>
    public static Setting<string?> FaceModel { get; } = new(new Option<string?>("--face-model")
    {
        Description = "Face models: a folder in immich's face layout (detection/model.onnx + recognition/model.onnx) or the name of a face pack pulled with `retrieval models pull immich-app/buffalo_l` (default: the bundled face-api models)",
    }, $"{FaceOptions.Section}:{nameof(FaceOptions.Model)}", m => m is { Length: > 0 } && Directory.Exists(m) ? Path.GetFullPath(m) : m);

    /// <summary>The model flags, for every command that runs a model.</summary>
    public static IReadOnlyList<ISetting> ModelFlags { get; } = [Model, Variant, Device, Threads, BatchSize];

    /// <summary>Adds <paramref name="settings"/> to <paramref name="command"/>.</summary>
    public static void AddTo(Command command, params IEnumerable<ISetting> settings)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var setting in settings)
        {
            command.Options.Add(setting.Option);
        }
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
