namespace Retrieval.Web.Security;

/// <summary>Which requests need the API key.</summary>
public enum KeyRule
{
    /// <summary>Every request (but the open paths) from beyond loopback (<see cref="Reach"/>); on loopback alone, those that change the index.</summary>
    Auto,

    /// <summary>Every request but the open paths, wherever the server listens.</summary>
    Always,
}
