using System.Device.Gpio;

namespace Appliance.Board.Tests.Fakes;

/// <summary>A GPIO chip in memory: line modes and levels, and how often each line was written.</summary>
public sealed class SimulatedGpioDriver(int lines) : GpioDriver
{
    private readonly PinMode?[] _modes = new PinMode?[lines];
    private readonly PinValue[] _values = new PinValue[lines];
    private readonly int[] _writes = new int[lines];

    public bool IsOpen(int line) => _modes[line] is not null;
    public PinValue Level(int line) => _values[line];
    public int Writes(int line) => _writes[line];

    protected override int PinCount => lines;

    protected override void OpenPin(int pinNumber)
    {
        Check(pinNumber);
        if (_modes[pinNumber] is not null) throw new InvalidOperationException($"line {pinNumber} is busy");
        _modes[pinNumber] = PinMode.Input;
    }

    protected override void ClosePin(int pinNumber) => _modes[pinNumber] = null;

    protected override void SetPinMode(int pinNumber, PinMode mode) => _modes[Open(pinNumber)] = mode;

    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue)
    {
        _modes[Open(pinNumber)] = mode;
        _values[pinNumber] = initialValue;
    }

    protected override PinMode GetPinMode(int pinNumber) => _modes[Open(pinNumber)]!.Value;

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => mode is PinMode.Input or PinMode.Output;

    protected override PinValue Read(int pinNumber) => _values[Open(pinNumber)];

    protected override void Toggle(int pinNumber) => Write(pinNumber, !_values[pinNumber]);

    protected override void Write(int pinNumber, PinValue value)
    {
        Open(pinNumber);
        if (_modes[pinNumber] != PinMode.Output) throw new InvalidOperationException($"line {pinNumber} is not an output");
        _values[pinNumber] = value;
        _writes[pinNumber]++;
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the simulated chip has no edge events");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) =>
        throw new NotSupportedException("the simulated chip has no edge events");

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) =>
        throw new NotSupportedException("the simulated chip has no edge events");

    private int Open(int pinNumber)
    {
        Check(pinNumber);
        if (_modes[pinNumber] is null) throw new InvalidOperationException($"line {pinNumber} is not open");
        return pinNumber;
    }

    private void Check(int pinNumber)
    {
        if ((uint)pinNumber >= (uint)lines) throw new ArgumentOutOfRangeException(nameof(pinNumber), $"the chip has {lines} lines");
    }
}
