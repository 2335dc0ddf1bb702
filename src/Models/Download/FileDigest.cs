using System.Security.Cryptography;
using System.Text;

namespace Retrieval.Models.Download;

/// <summary>What a downloaded file must hash to: a SHA-256, or git's blob SHA-1 (<c>sha1("blob SIZE\0" + content)</c>, what a hub lists for files kept in git itself).</summary>
public sealed record FileDigest(string Algorithm, string Hex)
{
    /// <summary>A SHA-256.</summary>
    public static FileDigest Sha256(string hex) => new("SHA-256", hex.ToLowerInvariant());

    /// <summary>A git blob SHA-1.</summary>
    public static FileDigest GitBlob(string hex) => new("git blob SHA-1", hex.ToLowerInvariant());

    /// <summary>The digest of the file at <paramref name="path"/> by this algorithm.</summary>
    public async Task<string> OfAsync(string path, CancellationToken cancellationToken)
    {
        var file = File.OpenRead(path);
        await using (file.ConfigureAwait(false))
        {
            if (Algorithm == "SHA-256")
            {
                return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
            }

            using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
            sha1.AppendData(Encoding.ASCII.GetBytes($"blob {file.Length}\0"));
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                sha1.AppendData(buffer, 0, read);
            }

            return Convert.ToHexStringLower(sha1.GetHashAndReset());
        }
    }
}
