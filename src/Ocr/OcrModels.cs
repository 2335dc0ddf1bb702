namespace Retrieval.Ocr;

/// <summary>
/// The OCR models shipped beside the program (the repository's <c>data/models/ppocr-v4</c>, see its README): PaddleOCR
/// PP-OCRv4's text detector and recogniser (Chinese and English) with its dictionary, and the 0°/180° line classifier.
/// </summary>
public sealed record OcrModels(string Folder)
{
    /// <summary>The bundled models.</summary>
    public static OcrModels Bundled { get; } = new(Path.Combine(AppContext.BaseDirectory, "models", "ppocr-v4"));

    /// <summary>The detector (DB, probability map of text).</summary>
    public string Detector => Path.Combine(Folder, "ch_PP-OCRv4_det_infer.onnx");

    /// <summary>The recogniser (SVTR, CTC over the dictionary).</summary>
    public string Recognizer => Path.Combine(Folder, "ch_PP-OCRv4_rec_infer.onnx");

    /// <summary>The line classifier (upright or upside down).</summary>
    public string Classifier => Path.Combine(Folder, "ch_ppocr_mobile_v2.0_cls_infer.onnx");

    /// <summary>The recogniser's characters, one a line (index 0 of its output is CTC's blank, the last a space).</summary>
    public string Dictionary => Path.Combine(Folder, "ppocr_keys_v1.txt");
}
