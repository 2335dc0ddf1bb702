using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Retrieval.Backends;
using Retrieval.Embedding;
using Retrieval.Faces;
using Retrieval.Models;
using Retrieval.Ocr;
using Retrieval.Places;

namespace Retrieval.Hosting;

/// <summary>
/// The models every service runs, each loaded once, on first use: the configured CLIP-style model (which folder,
/// which fingerprint, whether it is the random-weight one), the OCR reader for text in photos and the face reader. A singleton, so a
/// model is loaded once per process whichever service asks first, and disposed with the container.
/// </summary>
public sealed class EngineModels : IDisposable
{
    private readonly ModelOptions _options;
    private readonly Lazy<ClipModel> _model;
    private readonly Lazy<PhotoTextReader?> _text;
    private readonly Lazy<IFaceReader?> _faces;
    private readonly Lazy<string> _modelId;
    private readonly Lazy<PlaceIndex?> _places = new(LoadPlaces, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The models <paramref name="model"/>, <paramref name="ocr"/> and <paramref name="faces"/> describe; nothing is read until first used.</summary>
    public EngineModels(IOptions<ModelOptions> model, IOptions<OcrOptions> ocr, IOptions<FaceOptions> faces, ILogger<ClipModel> modelLog, ILogger<PhotoTextReader> textLog,
        ILogger<PhotoFaceReader> faceLog)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(ocr);
        ArgumentNullException.ThrowIfNull(faces);
        _options = model.Value;
        ModelPath = BundledModels.Resolve(_options.Path);
        var reading = ocr.Value;
        _model = new Lazy<ClipModel>(() => ClipModel.Load(Runtime(), modelLog), LazyThreadSafetyMode.ExecutionAndPublication);
        _text = new Lazy<PhotoTextReader?>(() => reading.Enabled ? PhotoTextReader.Open(OcrModels.Bundled, Runtime(), reading, textLog) : null,
            LazyThreadSafetyMode.ExecutionAndPublication);
        var finding = faces.Value;
        _faces = new Lazy<IFaceReader?>(() => finding.Enabled ? FaceReaders.Open(finding, Runtime(), faceLog) : null,
            LazyThreadSafetyMode.ExecutionAndPublication);
        _modelId = new Lazy<string>(() => ModelFingerprint.Of(_model.IsValueCreated ? _model.Value.Manifest : ModelManifest.Load(ModelPath, ModelVariant)));
    }

    /// <summary>The model folder: <see cref="ModelOptions.Path"/>, else <c>$RETRIEVAL_MODEL</c>, else the bundled default.</summary>
    public string ModelPath { get; }

    /// <summary>The graph variant asked for (<see cref="ModelOptions.Variant"/>), or null for the plain graphs.</summary>
    public string? ModelVariant => _options.Variant;

    /// <summary>Whether the model is the bundled random-weight one, whose results are noise.</summary>
    public bool ModelIsRandom => BundledModels.IsRandom(ModelPath);

    /// <summary>The model, loaded on first use.</summary>
    public ClipModel Model => _model.Value;

    /// <summary>The model's fingerprint, as indexes record it (read from its files, without loading the graphs).</summary>
    internal string ModelId => _modelId.Value;

    /// <summary>The reader of text in photos, opened on first use; null when <see cref="OcrOptions.Enabled"/> is off.</summary>
    internal PhotoTextReader? TextReader => _text.Value;

    /// <summary>The reader of faces in photos (the models <see cref="FaceOptions.Model"/> names), opened on first use; null when <see cref="FaceOptions.Enabled"/> is off.</summary>
    internal IFaceReader? FaceReader => _faces.Value;

    /// <summary>
    /// The bundled place data (<c>places/places.bin.gz</c> beside the program, from <c>data/places</c>), loaded on first use;
    /// null when it is not there (a trimmed install): photos are then not placed.
    /// </summary>
    internal PlaceIndex? Places => _places.Value;

    private static PlaceIndex? LoadPlaces()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "places", "places.bin.gz");
        return File.Exists(path) ? PlaceIndex.Load(path) : null;
    }

    /// <summary>Refuses an index built with another model than this one.</summary>
    /// <exception cref="Errors.ModelMismatchException">It was.</exception>
    internal void CheckModel(PhotoIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        IndexModelCheck.ForReading(index.Root, EmbeddingCollections.IndexedModel(index), ModelId);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_model.IsValueCreated)
        {
            _model.Value.Dispose();
        }

        if (_text.IsValueCreated)
        {
            _text.Value?.Dispose();
        }

        if (_faces.IsValueCreated)
        {
            _faces.Value?.Dispose();
        }
    }

    /// <summary>The model options, whole, with the resolved folder: where and how every graph runs (the OCR and face models' too).</summary>
    private ModelOptions Runtime() => _options with { Path = ModelPath };
}
