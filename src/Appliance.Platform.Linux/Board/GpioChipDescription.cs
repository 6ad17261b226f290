namespace Appliance.Platform.Linux.Board;

/// <summary>What the kernel says about a GPIO chip (GPIO_GET_CHIPINFO_IOCTL).</summary>
/// <param name="Name">The chip's name, e.g. <c>gpiochip0</c>.</param>
/// <param name="Label">The driver's label, e.g. <c>9030000.pl061</c>.</param>
/// <param name="Lines">How many lines it has.</param>
public sealed record GpioChipDescription(string Name, string Label, int Lines);
