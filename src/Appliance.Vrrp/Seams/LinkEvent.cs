namespace Appliance.Vrrp.Seams;

/// <summary>A link state change: the interface is now operational (up and running) or not.</summary>
/// <param name="InterfaceIndex">The interface.</param>
/// <param name="Operational">Up and running.</param>
/// <param name="Deleted">The interface is gone.</param>
public readonly record struct LinkEvent(int InterfaceIndex, bool Operational, bool Deleted);
