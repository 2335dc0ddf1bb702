namespace Retrieval.Testing;

/// <summary>Where the repository and its data are, seen from a test or benchmark binary. Linked into both projects.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The sample photos shipped in data/samples.</summary>
    public static string Samples => Path.Combine(Root, "data", "samples");

    /// <summary>The bundled random-weight model every test can rely on.</summary>
    public static string TinyModel => Path.Combine(Root, "data", "models", "tiny-random-clip");

    /// <summary>The shipped default model (real weights).</summary>
    public static string DefaultModel => Path.Combine(Root, "data", "models", "minilm-mobilenetv2");

    /// <summary>The bundled OCR models (data/models/ppocr-v4).</summary>
    public static string OcrModels => Path.Combine(Root, "data", "models", "ppocr-v4");

    /// <summary>The bundled face models (data/models/faces/face-api).</summary>
    public static string FaceModels => Path.Combine(Root, "data", "models", "faces", "face-api");

    /// <summary>The face test set, its derived bad inputs and the original face-api's answers (tests/faces-set).</summary>
    public static string FaceSet => Path.Combine(Root, "tests", "faces-set");

    /// <summary>The bundled offline reverse-geocoding data (data/places/places.bin.gz).</summary>
    public static string Places => Path.Combine(Root, "data", "places", "places.bin.gz");

    /// <summary>The OCR test set and its manifest (tests/ocr-set).</summary>
    public static string OcrSet => Path.Combine(Root, "tests", "ocr-set");

    /// <summary>The near-duplicate test set (tests/duplicate-set/build.py).</summary>
    public static string DuplicateSet => Path.Combine(Root, "tests", "duplicate-set");

    /// <summary>Reference inputs and outputs committed for the tests (tests/data).</summary>
    public static string TestData => Path.Combine(Root, "tests", "data");

    /// <summary>Replica exports (tokenizers, models) built by the scripts beside them, with their reference outputs (tests/replicas).</summary>
    public static string Replicas => Path.Combine(Root, "tests", "replicas");

    /// <summary>Large generated benchmark inputs; git ignores this folder.</summary>
    public static string BenchmarkData => Path.Combine(Root, "benchmarks-data");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RetrievalEngine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No RetrievalEngine.sln above {AppContext.BaseDirectory}");
    }
}
