namespace Appliance.Testing.Abi;

/// <summary>A hand-written C# struct and the C struct it mirrors, field by field (C name, C# field name).</summary>
public sealed record AbiStruct(string CType, Type ClrType, IReadOnlyList<(string CField, string ClrField)> Fields);

/// <summary>A C constant and the value the C# side uses.</summary>
public sealed record AbiConstant(string CName, long Value);
