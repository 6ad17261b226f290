namespace Appliance.Vrrp.Protocol;

/// <summary>
/// A preallocated list of actions that <c>Instance.Handle</c> appends to. The host owns one per
/// loop, clears it before each call and performs what is in it afterwards: no allocation per call.
/// </summary>
public sealed class ActionBuffer
{
    private readonly InstanceAction[] _items;

    /// <summary>Creates a buffer; one Handle call emits at most a handful of actions.</summary>
    public ActionBuffer(int capacity = 32) => _items = new InstanceAction[capacity];

    /// <summary>Number of actions held.</summary>
    public int Count { get; private set; }

    /// <summary>The actions held, in order.</summary>
    public ReadOnlySpan<InstanceAction> Items => _items.AsSpan(0, Count);

    /// <summary>The <paramref name="index"/>th action.</summary>
    public ref readonly InstanceAction this[int index] => ref _items[index];

    /// <summary>Appends an action. Overflow is a bug in the core, so it throws.</summary>
    public void Add(in InstanceAction action)
    {
        if (Count == _items.Length) throw new InvalidOperationException("bug: ActionBuffer overflow");
        _items[Count++] = action;
    }

    /// <summary>Empties the buffer.</summary>
    public void Clear() => Count = 0;
}
