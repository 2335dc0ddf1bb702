namespace Retrieval.Models.Download;

/// <summary>
/// One file of a hub repository's tree listing: its path, size, and the digest to check it by — the SHA-256 of a
/// large (LFS) file, else the git blob SHA-1 of a small one.
/// </summary>
public sealed record HubFile(string Path, long Size, FileDigest? Digest);
