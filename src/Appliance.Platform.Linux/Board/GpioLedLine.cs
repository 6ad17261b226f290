using System.Device.Gpio;

namespace Appliance.Platform.Linux.Board;

/// <summary>One LED on a GPIO line.</summary>
/// <param name="Controller">The chip's controller (not owned by the LED).</param>
/// <param name="Line">The line offset on that chip.</param>
/// <param name="ActiveLow">Driving the line low lights the LED.</param>
public sealed record GpioLedLine(GpioController Controller, int Line, bool ActiveLow);
