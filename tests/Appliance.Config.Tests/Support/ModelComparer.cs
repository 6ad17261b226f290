using System.Collections;
using System.Reflection;
using Appliance.Config.Model;

namespace Appliance.Config.Tests.Support;

/// <summary>
/// Structural equality for the model: records holding ImmutableArray compare arrays by reference, so
/// this walks properties, compares sequences element by element, and ignores SourceLocation (the
/// same setting sits on different lines in a keepalived.conf and its TOML). Reports the first path
/// that differs, which is what a failing round-trip test needs to say.
/// </summary>
public static class ModelComparer
{
    public static string? FirstDifference(object? a, object? b, string path = "config")
    {
        if (a is null || b is null) return a is null && b is null ? null : $"{path}: {Show(a)} != {Show(b)}";
        var type = a.GetType();
        if (type != b.GetType()) return $"{path}: type {type.Name} != {b.GetType().Name}";
        if (type == typeof(SourceLocation)) return null;
        if (type.IsPrimitive || type.IsEnum || a is string || type.Namespace == "Appliance.Vrrp" && type.IsValueType)
            return Equals(a, b) ? null : $"{path}: {Show(a)} != {Show(b)}";
        if (a is IEnumerable ea && b is IEnumerable eb)
        {
            var la = ea.Cast<object?>().ToList();
            var lb = eb.Cast<object?>().ToList();
            if (la.Count != lb.Count) return $"{path}: {la.Count} items != {lb.Count} items";
            for (int i = 0; i < la.Count; i++)
                if (FirstDifference(la[i], lb[i], $"{path}[{i}]") is { } d) return d;
            return null;
        }
        if (Nullable.GetUnderlyingType(type) is not null || type.IsValueType && type.Namespace != null && type.Namespace.StartsWith("System", StringComparison.Ordinal))
            return Equals(a, b) ? null : $"{path}: {Show(a)} != {Show(b)}";
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.Name == "EqualityContract") continue;
            if (p.PropertyType == typeof(SourceLocation)) continue;
            // check-only: interfaces of blocks appliance does not act on, which TOML does not carry.
            if (p.Name == nameof(Appliance.Config.Model.ApplianceConfig.OtherInterfaces)) continue;
            if (FirstDifference(p.GetValue(a), p.GetValue(b), $"{path}.{p.Name}") is { } d) return d;
        }
        return null;
    }

    public static void AssertEqual(object expected, object actual)
    {
        string? diff = FirstDifference(expected, actual);
        Assert.True(diff is null, diff);
        // The model's own value equality must agree with this walk (reload compares models with it).
        Assert.True(expected.Equals(actual), "the walk finds no difference, but the model's Equals says they differ");
        Assert.Equal(expected.GetHashCode(), actual.GetHashCode());
    }

    private static string Show(object? o) => o switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => o.ToString() ?? "?",
    };
}
