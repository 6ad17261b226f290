using Appliance.Vrrp.Seams;

namespace Appliance.Host.Tests.Contracts;

/// <summary>
/// What every <see cref="IAddressManager"/> must do: a VIP added shows in the dump with its prefix
/// and label, adding twice and deleting twice are both success (a takeover after a crash depends on
/// it), the dump filters by family and interface, and an interface that does not exist is an error.
/// </summary>
public abstract class AddressManagerContract
{
    /// <summary>An address manager on a host with one up interface.</summary>
    protected sealed record Fixture(IAddressManager Table, int InterfaceIndex, string InterfaceName, IDisposable Owner) : IDisposable
    {
        public void Dispose() => Owner.Dispose();
    }

    /// <summary>Opens it (may skip when the environment cannot host it).</summary>
    protected abstract Fixture Open();

    [SkippableFact]
    public void Vip_added_with_a_label_shows_in_the_dump_and_delete_removes_it()
    {
        using var h = Open();
        var vip = new AddressRequest(h.InterfaceIndex, IpPrefix.Parse("192.0.2.10/32"), Label: h.InterfaceName + ":vip");
        Assert.False(h.Table.Add(vip).Failed);
        var entry = Assert.Single(h.Table.Dump(IpFamily.IPv4, h.InterfaceIndex), e => e.Prefix.Address == vip.Prefix.Address);
        Assert.Equal(vip.Prefix, entry.Prefix);
        Assert.Equal(h.InterfaceIndex, entry.InterfaceIndex);
        Assert.Equal(vip.Label, entry.Label);
        Assert.False(h.Table.Delete(vip).Failed);
        Assert.DoesNotContain(h.Table.Dump(IpFamily.IPv4, h.InterfaceIndex), e => e.Prefix.Address == vip.Prefix.Address);
    }

    [SkippableFact]
    public void Adding_twice_and_deleting_twice_are_both_success()
    {
        using var h = Open();
        var vip = new AddressRequest(h.InterfaceIndex, IpPrefix.Parse("192.0.2.11/32"));
        Assert.False(h.Table.Add(vip).Failed);
        Assert.False(h.Table.Add(vip).Failed);
        Assert.Single(h.Table.Dump(IpFamily.IPv4, h.InterfaceIndex), e => e.Prefix.Address == vip.Prefix.Address);
        Assert.False(h.Table.Delete(vip).Failed);
        Assert.False(h.Table.Delete(vip).Failed);
        Assert.DoesNotContain(h.Table.Dump(), e => e.Prefix.Address == vip.Prefix.Address);
    }

    [SkippableFact]
    public void Ipv6_vip_without_dad_is_dumped_under_its_family_only()
    {
        using var h = Open();
        var vip = new AddressRequest(h.InterfaceIndex, IpPrefix.Parse("2001:db8::10/128"), NoDad: true);
        Assert.False(h.Table.Add(vip).Failed);
        Assert.Contains(h.Table.Dump(IpFamily.IPv6, h.InterfaceIndex), e => e.Prefix == vip.Prefix);
        Assert.DoesNotContain(h.Table.Dump(IpFamily.IPv4), e => e.Prefix.Address == vip.Prefix.Address);
        Assert.DoesNotContain(h.Table.Dump(null, h.InterfaceIndex + 1000), e => e.Prefix.Address == vip.Prefix.Address);
        Assert.False(h.Table.Delete(vip).Failed);
    }

    [SkippableFact]
    public void Adding_to_an_interface_that_does_not_exist_fails()
    {
        using var h = Open();
        var vip = new AddressRequest(h.InterfaceIndex + 1000, IpPrefix.Parse("192.0.2.12/32"));
        Assert.True(h.Table.Add(vip).Failed);
        Assert.DoesNotContain(h.Table.Dump(), e => e.Prefix.Address == vip.Prefix.Address);
    }
}
