namespace Retrieval.Cli.Commands;

/// <summary>What `retrieval` exits with.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>An error: the message says which input and why.</summary>
    public const int Failed = 1;

    /// <summary>The command line itself is wrong.</summary>
    public const int Usage = 2;

    /// <summary>The index run finished, but some files could not be indexed (see `retrieval status --errors`).</summary>
    public const int SomeFilesFailed = 3;
}
