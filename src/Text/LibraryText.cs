namespace Retrieval.Text;

/// <summary>Text read from a photo library (metadata, caption files, imported captions) as it is stored and indexed.</summary>
public static class LibraryText
{
    /// <summary>
    /// Trimmed, without control characters or NULs (fixed-size EXIF fields are padded with them; a hostile caption
    /// file may hold terminal escapes), line feeds and tabs kept; null when nothing is left.
    /// </summary>
    public static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var clean = text.AsSpan().IndexOfAnyInRange('\0', '\u001F') < 0 && text.AsSpan().IndexOfAnyInRange('\u007F', '\u009F') < 0
            ? text.Trim()
            : new string([.. text.Where(c => !char.IsControl(c) || c is '\n' or '\t')]).Trim();
        return clean.Length == 0 ? null : clean;
    }
}
