namespace Retrieval.Keywords;

/// <summary>The fields of a photo's keyword document, by the trust their words deserve.</summary>
[Flags]
public enum KeywordFields
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>Captions: a person's words for the photo (sidecars, imports).</summary>
    Captions = 1,

    /// <summary>The file name and the folder names.</summary>
    Names = 2,

    /// <summary>The camera's make and model.</summary>
    Camera = 4,

    /// <summary>Tags: the photo's own keywords and the model's automatic guesses.</summary>
    Tags = 8,

    /// <summary>The text read in the photo (OCR).</summary>
    PhotoText = 16,

    /// <summary>The words analyzers found in the photo (a colour, a place): their keyword fields.</summary>
    Analyzed = 32,

    /// <summary>What people wrote or named: captions, names, camera.</summary>
    Text = Captions | Names | Camera,

    /// <summary>Every field.</summary>
    All = Text | Tags | PhotoText | Analyzed,
}
