using Microsoft.Extensions.Logging;
using Retrieval.Errors;
using Retrieval.Models;

namespace Retrieval.Faces;

/// <summary>
/// Which face models a run uses (<see cref="FaceOptions.Model"/>: empty for the bundled face-api models, else a folder or
/// the name of a pack pulled with <c>retrieval models pull</c>), opened as the pipeline their layout is for.
/// </summary>
public static class FaceReaders
{
    /// <summary>Opens the face models <paramref name="options"/> name on the device and threads <paramref name="model"/> gives.</summary>
    /// <exception cref="ModelLoadException">There is no such folder or pulled pack, it is in neither layout, or a graph does not load.</exception>
    public static IFaceReader Open(FaceOptions options, ModelOptions model, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = Resolve(options.Model);
        return FaceModelLayout.Of(folder) == FaceModelKind.FaceApi
            ? PhotoFaceReader.Open(new FaceModels(folder), model, options, logger)
            : InsightFaceReader.Open(new InsightFaceModels(folder), model, options, logger);
    }

    /// <summary>The folder <paramref name="configured"/> names: the bundled models when empty, a folder, or a pulled pack's name ("buffalo_l", "immich-app/buffalo_l").</summary>
    /// <exception cref="ModelLoadException">It is neither a folder nor a pulled pack.</exception>
    public static string Resolve(string? configured)
    {
        if (string.IsNullOrEmpty(configured))
        {
            return FaceModels.Bundled.Folder;
        }

        return Directory.Exists(configured) ? Path.GetFullPath(configured)
            : PulledModels.Find(configured) ?? throw new ModelLoadException(configured,
                $"there is no such folder, and no face pack of that name in the models directory {PulledModels.Directory} (`retrieval models pull immich-app/buffalo_l` fetches one)");
    }
}
