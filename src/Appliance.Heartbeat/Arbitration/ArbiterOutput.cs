namespace Appliance.Heartbeat.Arbitration;

/// <summary>A preallocated list the arbiter appends decisions to; the host clears it before each call.</summary>
public sealed class ArbiterOutput
{
    private readonly ArbiterDecision[] _items;

    /// <summary>Creates a buffer.</summary>
    public ArbiterOutput(int capacity = 256) => _items = new ArbiterDecision[capacity];

    /// <summary>Number of decisions held.</summary>
    public int Count { get; private set; }

    /// <summary>Decisions held, in order.</summary>
    public ReadOnlySpan<ArbiterDecision> Items => _items.AsSpan(0, Count);

    /// <summary>The <paramref name="index"/>th decision; read by index, a host may append while it walks the list.</summary>
    public ref readonly ArbiterDecision this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return ref _items[index];
        }
    }

    /// <summary>Appends; overflow is a bug in the arbiter (the buffer is sized for every instance and channel).</summary>
    public void Add(in ArbiterDecision decision)
    {
        if (Count == _items.Length) throw new InvalidOperationException("bug: ArbiterOutput overflow");
        _items[Count++] = decision;
    }

    /// <summary>Empties the buffer.</summary>
    public void Clear() => Count = 0;
}
