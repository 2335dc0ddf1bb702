namespace Retrieval.Models;

/// <summary>How a model folder is laid out: which files hold the graphs and their configs.</summary>
public enum ModelLayout
{
    /// <summary>Hugging Face / transformers.js: <c>onnx/text_model.onnx</c>, <c>onnx/vision_model.onnx</c> (and variants), <c>preprocessor_config.json</c>.</summary>
    HuggingFace,

    /// <summary>immich's catalogue: <c>textual/model.onnx</c>, <c>visual/model.onnx</c>, <c>visual/preprocess_cfg.json</c>, open_clip's <c>config.json</c>.</summary>
    Immich,
}
