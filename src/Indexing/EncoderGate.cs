namespace Retrieval.Indexing;

/// <summary>
/// Lets the reading threads decode only while the encoder is not running, when <c>enabled</c> (see
/// <see cref="IndexingOptions.YieldToEncoder"/>). Reading files never waits: only the CPU work after it.
/// </summary>
internal sealed class EncoderGate(bool enabled) : IDisposable
{
    private readonly ManualResetEventSlim _idle = new(initialState: true);

    /// <summary>Whether decoding waits for the encoder.</summary>
    public bool Enabled => enabled;

    /// <summary>Marks the encoder busy until the returned scope ends.</summary>
    public Scope Encoding()
    {
        if (enabled)
        {
            _idle.Reset();
        }

        return new Scope(this);
    }

    /// <summary>Blocks a reading thread while the encoder runs.</summary>
    public void WaitUntilIdle(CancellationToken cancellationToken)
    {
        if (enabled)
        {
            _idle.Wait(cancellationToken);
        }
    }

    public void Dispose() => _idle.Dispose();

    internal readonly struct Scope(EncoderGate gate) : IDisposable
    {
        public void Dispose() => gate._idle.Set();
    }
}
