using Appliance.Heartbeat.Wire;

namespace Appliance.Heartbeat.Tests.Wire;

public class Crc32CTests
{
    [Fact]
    public void Check_value_of_123456789_is_the_published_Castagnoli_one() =>
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));

    [Fact]
    public void Empty_input_gives_zero() => Assert.Equal(0u, Crc32C.Compute([]));

    [Fact]
    public void Thirty_two_zero_bytes_give_the_RFC_3720_test_vector() =>
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
}
