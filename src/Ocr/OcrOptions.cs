using System.ComponentModel.DataAnnotations;

namespace Retrieval.Ocr;

/// <summary>How text in photos is read while indexing (PaddleOCR PP-OCRv4; its defaults unless said).</summary>
public sealed class OcrOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Retrieval:Ocr";

    /// <summary>Whether photos are read for text while indexing (<c>retrieval index --no-ocr</c> turns it off).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The longest side the detector sees, in pixels (a multiple of 32 is used): larger finds smaller text and costs
    /// quadratically more. A tall screenshot is cut into tiles first, so its text keeps its size.
    /// </summary>
    [Range(64, 4096)]
    public int DetectorSide { get; set; } = 960;

    /// <summary>
    /// The most frames of one video read for text, spread evenly over it (reading text costs tens of times what
    /// embedding a frame does). Default 8.
    /// </summary>
    [Range(0, 1000)]
    public int MaxVideoFrames { get; set; } = 8;

    /// <summary>Probability over which a pixel counts as text.</summary>
    [Range(0.01, 0.99)]
    public double BinaryThreshold { get; set; } = 0.3;

    /// <summary>The mean probability a region needs to be a line.</summary>
    [Range(0.01, 0.99)]
    public double BoxThreshold { get; set; } = 0.6;

    /// <summary>How far a region is grown back (DB's unclip ratio).</summary>
    [Range(0.5, 4)]
    public double UnclipRatio { get; set; } = 1.5;

    /// <summary>Lines read with a lower mean confidence are dropped.</summary>
    [Range(0, 1)]
    public double MinConfidence { get; set; } = 0.5;

    /// <summary>Lines recognised per model run.</summary>
    [Range(1, 64)]
    public int RecognitionBatch { get; set; } = 8;
}
