namespace Retrieval.Text.SentencePiece;

/// <summary>What a piece of a SentencePiece model is (<c>ModelProto.SentencePiece.Type</c>).</summary>
public enum SentencePieceType
{
    /// <summary>A piece of text.</summary>
    Normal = 1,

    /// <summary>The unknown piece.</summary>
    Unknown = 2,

    /// <summary>A control piece (start, end, padding): never matched in text.</summary>
    Control = 3,

    /// <summary>A piece the user added: matched as a whole.</summary>
    UserDefined = 4,

    /// <summary>A piece left out of segmentation.</summary>
    Unused = 5,

    /// <summary>A byte (&lt;0xXX&gt;) for byte fallback.</summary>
    Byte = 6,
}
