using System.Collections.Immutable;
using Appliance.Heartbeat;
using Appliance.Vrrp.Protocol;

namespace Appliance.Config.Model;

/// <summary>
/// Value equality for the parts of the model a record's generated equality gets wrong: an
/// <see cref="ImmutableArray{T}"/> compares by reference, so two readings of one file would differ.
/// Records that hold arrays define Equals/GetHashCode with these helpers. Where something was written
/// (<see cref="SourceLocation"/>) is not part of what it is: a reload that only moved a block must
/// not count as a change.
/// </summary>
internal static class ValueEquality
{
    /// <summary>Same length, equal items in order (default and empty are both "none").</summary>
    public static bool Sequence<T>(ImmutableArray<T> a, ImmutableArray<T> b)
    {
        var x = a.IsDefault ? [] : a;
        var y = b.IsDefault ? [] : b;
        if (x.Length != y.Length) return false;
        var eq = EqualityComparer<T>.Default;
        for (int i = 0; i < x.Length; i++)
            if (!eq.Equals(x[i], y[i])) return false;
        return true;
    }

    /// <summary>A hash of the items in order.</summary>
    public static int Hash<T>(ImmutableArray<T> a)
    {
        var h = new HashCode();
        if (!a.IsDefault)
            foreach (var item in a) h.Add(item);
        return h.ToHashCode();
    }

    /// <summary><see cref="InstanceSettings"/> (the protocol core's record) by value.</summary>
    public static bool Protocol(InstanceSettings a, InstanceSettings b) =>
        Sequence(a.VirtualAddresses, b.VirtualAddresses) && Sequence(a.AuthData, b.AuthData) && Sequence(a.UnicastPeers, b.UnicastPeers)
        && a with { VirtualAddresses = default, AuthData = default, UnicastPeers = default } == b with { VirtualAddresses = default, AuthData = default, UnicastPeers = default };

    /// <summary>A hash consistent with <see cref="Protocol(InstanceSettings, InstanceSettings)"/>.</summary>
    public static int ProtocolHash(InstanceSettings a) =>
        HashCode.Combine(a with { VirtualAddresses = default, AuthData = default, UnicastPeers = default }, Hash(a.VirtualAddresses), Hash(a.AuthData), Hash(a.UnicastPeers));

    /// <summary><see cref="HeartbeatSettings"/> (the heartbeat library's record) by value.</summary>
    public static bool Heartbeat(HeartbeatSettings a, HeartbeatSettings b)
    {
        if (a with { Channels = default } != b with { Channels = default }) return false;
        var x = a.Channels.IsDefault ? [] : a.Channels;
        var y = b.Channels.IsDefault ? [] : b.Channels;
        if (x.Length != y.Length) return false;
        for (int i = 0; i < x.Length; i++)
            if (!Sequence(x[i].Key, y[i].Key) || x[i] with { Key = default } != y[i] with { Key = default }) return false;
        return true;
    }

    /// <summary>A hash consistent with <see cref="Heartbeat(HeartbeatSettings, HeartbeatSettings)"/>.</summary>
    public static int HeartbeatHash(HeartbeatSettings a)
    {
        var h = new HashCode();
        h.Add(a with { Channels = default });
        if (!a.Channels.IsDefault)
            foreach (var c in a.Channels)
            {
                h.Add(c with { Key = default });
                h.Add(Hash(c.Key));
            }
        return h.ToHashCode();
    }
}
