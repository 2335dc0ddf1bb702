using System.Text.RegularExpressions;
using Retrieval.Catalog;
using Retrieval.Imaging;

namespace Retrieval.Indexing;

/// <summary>
/// Finds the files a camera or a phone makes of one shot — a RAW and a JPEG side by side (<c>IMG_0042.CR2</c> and
/// <c>IMG_0042.JPG</c>), an iPhone's edit beside its original (<c>IMG_E0042.HEIC</c> and <c>IMG_0042.HEIC</c>), a Live
/// Photo's motion beside its still (<c>IMG_0042.MOV</c> and <c>IMG_0042.HEIC</c>) — and
/// keeps one file of each shot as the photo, the others as its companions. They are one photo, not near-duplicates to
/// clean up: analysing the RAW as well would only put the same shot twice in every result list.
/// </summary>
internal static partial class CompanionFiles
{
    /// <summary>
    /// Makes the catalog agree with the shots among <paramref name="files"/> (what the catalog knows after a walk): the
    /// file that stands for each shot is a photo, the others its companions; a companion left alone (its photo went, or
    /// moved away) is a photo again. Returns how many files became companions.
    /// </summary>
    public static int Pair(ICatalog catalog, IEnumerable<KnownFile> files)
    {
        var companions = 0;
        var shots = files.Where(f => f.Status is PhotoStatus.Indexed or PhotoStatus.Pending or PhotoStatus.Companion)
            .GroupBy(f => ShotKey(f.Path), StringComparer.Ordinal);
        foreach (var shot in shots)
        {
            var group = shot.ToList();
            if (!IsCameraPair(group))
            {
                foreach (var alone in group.Where(f => f.Status == PhotoStatus.Companion))
                {
                    catalog.PromoteCompanion(alone.Id);
                }

                continue;
            }

            // The file kept stays the photo it was when it is still the best choice, so its vectors are not made again.
            var photo = group.OrderBy(Rank).ThenBy(f => f.Status == PhotoStatus.Companion).ThenBy(f => f.Id).First();
            if (photo.Status == PhotoStatus.Companion)
            {
                catalog.PromoteCompanion(photo.Id);
            }

            foreach (var other in group.Where(f => f.Id != photo.Id && (f.Status != PhotoStatus.Companion || f.CompanionOf != photo.Id)))
            {
                catalog.MakeCompanion(other.Id, photo.Id);
                companions++;
            }
        }

        return companions;
    }

    /// <summary>
    /// The shot a file belongs to: its folder and its name without the extension, in lower case (cameras write
    /// <c>.JPG</c>, copies arrive as <c>.jpeg</c>), with an iPhone edit's <c>IMG_E</c> read as <c>IMG_</c>.
    /// </summary>
    internal static string ShotKey(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        var edit = EditName().Match(stem);
        return Path.Join(Path.GetDirectoryName(path), (edit.Success ? "IMG_" + edit.Groups[1].Value : stem).ToLowerInvariant());
    }

    // Only what a camera or a phone makes is paired: a RAW with its rendering, an edit with its original. Two renderings
    // of one name (holiday.jpg and holiday.png) are an export, which the near-duplicate report is for.
    // A Live Photo is a still and a short movie of one name (an iPhone writes both into the same folder, and exports them so).
    private static bool IsCameraPair(List<KnownFile> group) =>
        group.Count > 1 && (group.Any(IsRaw) && group.Any(f => !IsRaw(f)) || group.Any(IsEdit) && group.Any(f => !IsEdit(f))
            || group.Any(IsVideo) && group.Any(f => !IsVideo(f)));

    // The photo is what the user sees: the edit first (what Photos shows), then the camera's rendering over the RAW, and a
    // still over its motion.
    private static int Rank(KnownFile file) => (IsVideo(file) ? 4 : 0) + (IsEdit(file) ? 0 : 2) + (IsRaw(file) ? 1 : 0);

    private static bool IsVideo(KnownFile file) => Video.VideoFormats.IsVideoName(file.Path);

    private static bool IsRaw(KnownFile file) => ImageSniffer.RawExtensions.ContainsKey(Path.GetExtension(file.Path));

    private static bool IsEdit(KnownFile file) => EditName().IsMatch(Path.GetFileNameWithoutExtension(file.Path));

    [GeneratedRegex(@"^IMG_E(\d+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EditName();
}
